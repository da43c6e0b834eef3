// Start-up with an integrity check, and what happens when a journal fails it:
// the damaged file is renamed aside (never overwritten, never deleted), what
// can still be read is replayed into a State (row by row, skipping what does
// not read), and a fresh journal at the original path continues from that
// State, seeded as its first checkpoint. The console then runs with a journal
// fault on the wall; the damaged copy stays for the engineers.

#include "journal/journal.hpp"

#include "protocol/protocol.hpp"
#include "replay.hpp"

#include <spdlog/spdlog.h>

#include <ctime>
#include <filesystem>
#include <system_error>

namespace wall::journal {

namespace {

namespace fs = std::filesystem;

/// "PATH.damaged-YYYYMMDD-HHMMSS", with "-N" added until no file has that name.
std::string freeAsideName(const std::string& path) {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
    const std::string base = path + ".damaged-" + stamp;
    std::error_code ec;
    for (int n = 1;; ++n) {
        const std::string candidate = n == 1 ? base : base + "-" + std::to_string(n);
        if (!fs::exists(candidate, ec) && !fs::exists(candidate + "-wal", ec) && !fs::exists(candidate + "-shm", ec))
            return candidate;
    }
}

/// Renames the journal and its -wal/-shm (kept together: the WAL may hold the newest commits).
std::string setAside(const std::string& path) {
    const std::string aside = freeAsideName(path);
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::error_code ec;
        if (!fs::exists(path + suffix, ec)) continue;
        fs::rename(path + suffix, aside + suffix, ec);
        if (ec)
            throw JournalError("journal " + path + ": cannot set the damaged journal aside as " + aside + suffix +
                               ": " + ec.message() + " (nothing was changed; move it away by hand)");
    }
    return aside;
}

/// Best-effort replay of a damaged copy: the newest checkpoint that reads and decodes,
/// then every record after it that can be read and parsed.
void salvage(const std::string& aside, OpenedJournal& out) {
    State& state = out.recovered.state;
    std::unique_ptr<Journal> damaged;
    try {
        damaged = std::make_unique<Journal>(aside, OpenOptions{OpenMode::Salvage, false, {}});
    } catch (const JournalError& e) {
        spdlog::critical("journal {}: nothing can be salvaged, the copy does not open: {}", aside, e.what());
        return;
    }
    int64_t from_id = 0;
    try {
        for (auto c = damaged->latestCheckpoint(); c; c = damaged->checkpointBefore(c->upto_id)) {
            try {
                state = protocol::decodeState(c->state_blob);
                from_id = c->upto_id;
                break;
            } catch (const std::exception&) {
                state = State{};
            }
        }
    } catch (const JournalError& e) {
        spdlog::error("journal {}: checkpoints unreadable ({}); replaying every readable record", aside, e.what());
        state = State{};
    }
    int64_t unparsable = 0;
    out.unreadable = damaged->forEachReadable(from_id, [&](const Record& record) {
        std::string why;
        if (replayRecord(state, record, why)) ++out.salvaged;
        else ++unparsable;
    });
    out.unreadable += unparsable;
    spdlog::info("journal {}: salvaged the checkpoint at record {} and {} records; {} unreadable", aside, from_id,
                 out.salvaged, out.unreadable);
}

} // namespace

OpenedJournal openRecovering(const std::string& path, const OpenOptions& options) {
    OpenOptions checked = options;
    checked.mode = OpenMode::CreateOrOpen;
    checked.integrity_check = true;
    OpenedJournal out;
    try {
        out.journal = std::make_unique<Journal>(path, checked);
        out.recovered = recoverState(*out.journal);
        return out;
    } catch (const JournalDamaged& e) {
        out.damage = e.what();
    }
    out.journal.reset();  // closed before the rename
    spdlog::critical("JOURNAL DAMAGED: {}", out.damage);
    out.set_aside_path = setAside(path);
    spdlog::critical("journal {}: damaged journal set aside as {} (kept, never overwritten)", path, out.set_aside_path);
    salvage(out.set_aside_path, out);

    checked.integrity_check = false;  // a new, empty file
    out.journal = std::make_unique<Journal>(path, checked);
    // Seed: a checkpoint before the first record, so a restart recovers the salvaged
    // state (plus what follows) from the fresh journal alone.
    const State& state = out.recovered.state;
    out.journal->writeCheckpoint(Checkpoint{0, state.last_event_ms, protocol::encodeState(state)});
    out.recovered.last_id = 0;
    out.recovered.replayed = out.salvaged;
    out.recovered.skipped = out.unreadable;
    spdlog::critical("journal {}: continuing in a fresh journal from the salvaged state ({} records, {} unreadable)",
                     path, out.salvaged, out.unreadable);
    return out;
}

} // namespace wall::journal
