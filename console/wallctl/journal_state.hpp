// "The state at time T" for reviewers' scripts (`wallctl journal state`), and
// the journal's time span that every --at is checked against. A library of its
// own (wall_wallctl_reports) so tests/wallctl checks it without a process.
#pragma once

#include "journal/journal.hpp"
#include "model/time_text.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace wall::wallctl {

/// The journal's first and last events (recv_ms never decreases in id order).
struct JournalSpan {
    int64_t first_id = 0, last_id = 0;
    TimeMs first_ms = 0, last_ms = 0;
};

/// @brief The span of journal's records; nullopt when it has none. Two index lookups, no scan.
std::optional<JournalSpan> journalSpan(journal::Journal& journal);

/// @brief Opens an existing journal read-only (never creates or writes one); null with `error` set when it cannot.
std::unique_ptr<journal::Journal> openJournalReadOnly(const std::string& path, std::string& error);

/// @brief Reads `text` (an --at) as a time inside span. Refuses a malformed time (naming the fault), an empty
/// journal, and a time before the first or after the last event (naming both, in Beijing time).
TimeArg timeInJournal(std::string_view option, std::string_view text, const std::optional<JournalSpan>& span,
                      const std::string& journal_path);

/// @brief The state recovered at at_ms as JSON: journal, at, at_ms, journal_id (the last record folded in),
/// state_hash (stateHash as 16 hex digits), then every member of the state in the entities' canonical
/// (checkpoint) form, each alarm with its lifecycle "state" (toWire(alarmState(a))) after its id.
/// Calls are inside their alarms ("calls"), as in the state.
std::string stateJson(const journal::Recovered& recovered, TimeMs at_ms, const std::string& journal_path, bool pretty);

/// @brief stateHash as wallctl prints it: 16 lower-case hex digits.
std::string stateHashText(uint64_t hash);

} // namespace wall::wallctl
