// Rebuilds State from the journal: the newest checkpoint usable at the asked
// time, then a replay of the records after it. Start-up calls it with no time;
// drill review asks for "the wall as it was at T".
//
// Failure modes, none fatal: a checkpoint blob that no longer decodes (an older
// build, a damaged row) falls back to the next older checkpoint and finally to
// an empty state with a full replay; a record that no longer parses is skipped
// and counted. Only the journal itself failing (JournalError) propagates.

#include "journal/journal.hpp"

#include "protocol/protocol.hpp"
#include "replay.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

namespace wall::journal {

namespace {
// Skipped records are logged one by one up to this many, then only counted,
// so a journal full of bad rows does not flood the log during start-up.
constexpr int64_t kSkipLogLimit = 10;
} // namespace

bool eventOfRecord(const Record& record, Event& out, std::string& why) {
    try {
        auto parsed = protocol::parseBody(record.type, record.body);
        if (auto* body = std::get_if<EventBody>(&parsed)) {
            out.source = record.source;
            out.seq = record.seq;
            out.ts_ms = record.ts_ms;
            out.recv_ms = record.recv_ms;
            out.body = std::move(*body);
            return true;
        }
        const auto& rejection = std::get<protocol::Rejection>(parsed);
        why = std::string(protocol::toWire(rejection.reason)) + ": " + rejection.detail;
    } catch (const std::exception& e) {
        why = e.what();
    }
    return false;
}

bool replayRecord(State& state, const Record& record, std::string& why) {
    Event event;
    if (!eventOfRecord(record, event, why)) return false;
    try {
        apply(state, event);
        return true;
    } catch (const std::exception& e) {
        why = e.what();
    }
    return false;
}

Recovered recoverState(Journal& journal, std::optional<TimeMs> at_ms) {
    const auto started = std::chrono::steady_clock::now();
    Recovered out;

    int64_t from_id = 0;
    for (std::optional<Checkpoint> checkpoint = journal.latestCheckpoint(at_ms); checkpoint;
         checkpoint = journal.checkpointBefore(checkpoint->upto_id, at_ms)) {
        try {
            out.state = protocol::decodeState(checkpoint->state_blob);
            from_id = checkpoint->upto_id;
            break;
        } catch (const std::exception& e) {
            spdlog::warn("journal {}: checkpoint up to record {} does not decode ({}); trying an older one",
                         journal.path(), checkpoint->upto_id, e.what());
            out.state = State{};
        }
    }
    out.last_id = from_id;

    journal.forEachSince(from_id, at_ms, [&](const Record& record) {
        out.last_id = record.id;
        std::string why;
        if (replayRecord(out.state, record, why)) {
            ++out.replayed;
            return;
        }
        ++out.skipped;
        if (out.skipped <= kSkipLogLimit)
            spdlog::warn("journal {}: record {} ({} {}#{}) skipped on replay: {}", journal.path(), record.id,
                         record.type, record.source, record.seq, why);
    });

    const auto elapsed_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    if (out.skipped > kSkipLogLimit)
        spdlog::warn("journal {}: {} records skipped on replay in total", journal.path(), out.skipped);
    spdlog::info("journal {}: state rebuilt from checkpoint at record {} + {} replayed ({} skipped) in {:.0f} ms",
                 journal.path(), from_id, out.replayed, out.skipped, elapsed_ms);
    return out;
}

} // namespace wall::journal
