// The audit chain: the link function and `wallctl journal verify`'s check.
//
// Verification compares each chained row's stored hash with the hash of its
// stored content linked to the PREVIOUS ROW'S STORED hash (not a recomputed
// one), so one edited row is reported as that row and the rows after it still
// verify. How a break is named: operator seqs increase by one along the chain
// (the ingest worker numbers the console's own events), so at the first bad row
//   - its seq is the expected next one      → the row was edited;
//   - the expected seqs appear further on   → rows were reordered;
//   - the expected seqs appear nowhere      → rows were deleted (a gap).
// Deleting the newest rows leaves no gap to find: only an anchored head hash
// (docs/security.md) shows that.

#include "journal/audit.hpp"

#include "chain_hash.hpp"
#include "protocol/protocol.hpp"
#include "sqlite_handle.hpp"

#include <sodium.h>

#include <cstring>
#include <map>
#include <stdexcept>
#include <vector>

namespace wall::journal {

namespace {

void addInt(crypto_generichash_state& h, uint64_t v) {
    unsigned char le[8];
    for (int i = 0; i < 8; ++i) le[i] = static_cast<unsigned char>(v >> (8 * i));
    crypto_generichash_update(&h, le, sizeof le);
}

void addText(crypto_generichash_state& h, std::string_view text) {
    addInt(h, text.size());  // length-prefixed: no two field splits hash alike
    crypto_generichash_update(&h, reinterpret_cast<const unsigned char*>(text.data()), text.size());
}

} // namespace

ChainHash chainHash(const ChainHash& prev, const Record& r) {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw JournalError("journal: libsodium failed to initialise (audit chain)");
    crypto_generichash_state h;
    crypto_generichash_init(&h, nullptr, 0, crypto_generichash_BYTES);
    static_assert(crypto_generichash_BYTES == std::tuple_size_v<ChainHash>);
    crypto_generichash_update(&h, prev.data(), prev.size());
    addInt(h, static_cast<uint64_t>(r.id));
    addInt(h, static_cast<uint64_t>(r.recv_ms));
    addText(h, r.source);
    addInt(h, r.seq);
    addInt(h, static_cast<uint64_t>(r.ts_ms));
    addText(h, r.type);
    addText(h, r.body);
    addText(h, r.user_id);
    ChainHash out;
    crypto_generichash_final(&h, out.data(), out.size());
    return out;
}

ChainHash chainHashFromBytes(std::string_view bytes) {
    ChainHash out{};
    if (bytes.size() == out.size()) std::memcpy(out.data(), bytes.data(), out.size());
    return out;
}

std::string_view chainHashBytes(const ChainHash& hash) {
    return {reinterpret_cast<const char*>(hash.data()), hash.size()};
}

std::string chainHashHex(const ChainHash& hash) {
    static const char* const kDigits = "0123456789abcdef";
    std::string hex;
    for (unsigned char b : hash) {
        hex += kDigits[b >> 4];
        hex += kDigits[b & 15];
    }
    return hex;
}

namespace {

struct ChainRow {
    Record record;
    std::string stored;  // the stored hash bytes, empty when NULL
};

ChainBreak breakAt(const ChainRow& row, std::string kind, std::string detail) {
    return {row.record.id, row.record.type, row.record.seq, std::move(kind), std::move(detail)};
}

/// Names what is wrong at rows[i], the first row whose stored hash does not match.
ChainBreak classify(const std::vector<ChainRow>& rows, size_t i) {
    const ChainRow& row = rows[i];
    if (row.stored.empty())
        return breakAt(row, "edited", "its hash was removed (an operator row after the chain started must carry one)");
    if (row.stored.size() != std::tuple_size_v<ChainHash>)
        return breakAt(row, "edited", "its stored hash is " + std::to_string(row.stored.size()) + " bytes, not 32");
    if (i == 0)
        return breakAt(row, "edited", "the first link does not hash from the chain's start (the row or an earlier chained "
                                      "row was changed or deleted)");
    const uint64_t expected = rows[i - 1].record.seq + 1;
    const uint64_t seq = row.record.seq;
    if (seq == expected)
        return breakAt(row, "edited", "its content no longer matches its hash (operator seq " + std::to_string(seq) +
                                          " is where it belongs)");
    if (seq < expected)
        return breakAt(row, "reordered", "operator seq " + std::to_string(seq) + " comes after seq " +
                                             std::to_string(rows[i - 1].record.seq) + " (id " +
                                             std::to_string(rows[i - 1].record.id) + ")");
    // The expected seq itself when it is further on, else any seq it skipped.
    for (const bool exact : {true, false})
        for (size_t j = i + 1; j < rows.size(); ++j) {
            const uint64_t later = rows[j].record.seq;
            if (exact ? later == expected : later > expected && later < seq)
                return breakAt(row, "reordered", "operator seq " + std::to_string(seq) + " is where seq " +
                                                     std::to_string(expected) + " belongs; seq " +
                                                     std::to_string(later) + " comes later, at id " +
                                                     std::to_string(rows[j].record.id));
        }
    const std::string missing = expected + 1 == seq ? "seq " + std::to_string(expected)
                                                    : "seqs " + std::to_string(expected) + "-" + std::to_string(seq - 1);
    return breakAt(row, "deleted", "a gap in the chain: operator " + missing + " missing between id " +
                                       std::to_string(rows[i - 1].record.id) + " and this row");
}

} // namespace

ChainReport verifyChain(const std::string& path) {
    Connection conn(path, SQLITE_OPEN_READONLY);
    sqlite3_busy_timeout(conn.handle(), 5000);
    ChainReport report;
    {
        Statement version(conn, "PRAGMA user_version", "read schema version");
        Statement::Use row(version);
        if (!row.step() || row.int64(0) < 2) return report;  // written before the audit chain: nothing to check
    }
    int64_t first_chained = 0;
    {
        Statement first(conn, "SELECT MIN(id) FROM events WHERE hash IS NOT NULL", "find the chain's first link");
        Statement::Use row(first);
        if (row.step() && !row.isNull(0)) first_chained = row.int64(0);
    }
    {
        Statement older(conn, "SELECT count(*) FROM events WHERE source = ?1 AND (?2 = 0 OR id < ?2)",
                        "count rows before the chain");
        Statement::Use row(older);
        row.bind(1, std::string_view(protocol::kOperatorSource));
        row.bind(2, first_chained);
        if (row.step()) report.unchained_rows = row.int64(0);
    }
    if (first_chained == 0) return report;

    // Operator rows are a small share of the journal; holding them lets a break be named.
    std::vector<ChainRow> rows;
    {
        Statement scan(conn,
                       "SELECT id, recv_ms, source, seq, ts_ms, type, body, user_id, hash FROM events "
                       "WHERE id >= ?1 AND (source = ?2 OR hash IS NOT NULL) ORDER BY id",
                       "read the audit chain");
        Statement::Use row(scan);
        row.bind(1, first_chained);
        row.bind(2, std::string_view(protocol::kOperatorSource));
        while (row.step()) {
            ChainRow r;
            r.record.id = row.int64(0);
            r.record.recv_ms = row.int64(1);
            r.record.source = row.text(2);
            r.record.seq = static_cast<uint64_t>(row.int64(3));
            r.record.ts_ms = row.int64(4);
            r.record.type = row.text(5);
            r.record.body = row.text(6);
            r.record.user_id = row.text(7);
            r.stored = row.isNull(8) ? std::string() : row.text(8);
            rows.push_back(std::move(r));
        }
    }
    ChainHash prev{};
    for (size_t i = 0; i < rows.size(); ++i) {
        const ChainHash expected = chainHash(prev, rows[i].record);
        if (rows[i].stored != chainHashBytes(expected)) {
            report.broken = classify(rows, i);
            return report;
        }
        prev = expected;
        ++report.chained_rows;
    }
    report.head_hex = chainHashHex(prev);
    return report;
}

} // namespace wall::journal
