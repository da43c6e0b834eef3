// The journal's audit chain: every row of source "operator" (operator actions
// and the console's own decisions: ack, shelve, 叫应 record, layout switch,
// task change, mute, linkage, rule decisions) stores
//     hash = BLAKE2b-256(previous chain hash ‖ id ‖ recv_ms ‖ source ‖ seq ‖ ts ‖ type ‖ body ‖ user_id)
// (integers as 8 bytes little-endian, strings length-prefixed, the first link's
// previous hash all zeros). Editing, deleting or reordering a chained row breaks
// the chain at that row. It does not stop someone who can rewrite the whole file
// from recomputing every hash: see docs/security.md (anchoring the head hash).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace wall::journal {

/// The first row where the chain breaks.
struct ChainBreak {
    int64_t id = 0;          // the row's id as stored
    std::string type;        // its type as stored
    uint64_t seq = 0;        // its operator seq as stored
    std::string kind;        // "edited", "deleted" (a gap in the chain) or "reordered"
    std::string detail;      // what exactly does not match
};

struct ChainReport {
    int64_t chained_rows = 0;         // rows checked (source "operator" from the chain's first link)
    int64_t unchained_rows = 0;       // older rows before the chain started (journals from before schema 2)
    std::string head_hex;             // hash of the last chained row: anchor it elsewhere to detect a rewrite
    std::optional<ChainBreak> broken; // the first bad row, none when the chain is intact
};

/// @brief Checks the audit chain of the journal file at path (opened read-only). Throws JournalError
/// when the file cannot be read at all.
ChainReport verifyChain(const std::string& path);

} // namespace wall::journal
