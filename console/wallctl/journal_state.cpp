#include "wallctl/journal_state.hpp"

#include "protocol/protocol.hpp"

#include <cinttypes>
#include <cstdio>
#include <filesystem>

#include <nlohmann/json.hpp>

namespace wall::wallctl {

std::optional<JournalSpan> journalSpan(journal::Journal& journal) {
    const auto first = journal.firstRecord();
    const auto last = journal.lastRecord();
    if (!first || !last) return std::nullopt;
    return JournalSpan{first->id, last->id, first->recv_ms, last->recv_ms};
}

std::unique_ptr<journal::Journal> openJournalReadOnly(const std::string& path, std::string& error) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        error = "no journal at " + path;
        return nullptr;
    }
    try {
        return std::make_unique<journal::Journal>(path, journal::OpenMode::ExistingReadOnly);
    } catch (const std::exception& e) {
        error = e.what();
        return nullptr;
    }
}

TimeArg timeInJournal(std::string_view option, std::string_view text, const std::optional<JournalSpan>& span,
                      const std::string& journal_path) {
    TimeArg t = readTimeArg(text);
    if (!t.ms) {
        t.error = std::string(option) + " " + t.error;
        return t;
    }
    if (!span) return {std::nullopt, "the journal " + journal_path + " has no events yet"};
    if (*t.ms < span->first_ms || *t.ms > span->last_ms) {
        const char* side = *t.ms < span->first_ms ? "before the first" : "after the last";
        return {std::nullopt, std::string(option) + " " + std::string(text) + " (" + isoBeijing(*t.ms) + ") is " +
                                  side + " event of the journal " + journal_path + ": its events run from " +
                                  isoBeijing(span->first_ms) + " to " + isoBeijing(span->last_ms) +
                                  " (Beijing time; epoch ms " + std::to_string(span->first_ms) + " to " +
                                  std::to_string(span->last_ms) + ")"};
    }
    return t;
}

std::string stateHashText(uint64_t hash) {
    char buf[20];
    std::snprintf(buf, sizeof buf, "%016" PRIx64, hash);
    return buf;
}

std::string stateJson(const journal::Recovered& recovered, TimeMs at_ms, const std::string& journal_path, bool pretty) {
    using nlohmann::ordered_json;
    const State& state = recovered.state;
    // The one canonical encoder of every entity (protocol/entity_json.hpp), as checkpoints store it: whatever
    // the state gains shows up here without a second encoder.
    ordered_json members = ordered_json::parse(protocol::encodeState(state));
    members.erase("v");  // the checkpoint format's version, not part of the state

    ordered_json out;
    out["journal"] = journal_path;
    out["at"] = isoBeijing(at_ms);
    out["at_ms"] = at_ms;
    out["journal_id"] = recovered.last_id;
    out["state_hash"] = stateHashText(stateHash(state));
    for (auto& [key, value] : members.items()) {
        if (key != "alarms") {
            out[key] = std::move(value);
            continue;
        }
        ordered_json alarms = ordered_json::array();
        for (auto& alarm : value) {
            ordered_json with_state;
            const std::string id = alarm.value("id", "");
            const auto found = state.alarms.find(id);
            for (auto& [member, v] : alarm.items()) {
                with_state[member] = std::move(v);
                if (member == "id" && found != state.alarms.end())
                    with_state["state"] = toWire(alarmState(found->second));
            }
            alarms.push_back(std::move(with_state));
        }
        out[key] = std::move(alarms);
    }
    return out.dump(pretty ? 2 : -1, ' ', false, ordered_json::error_handler_t::replace);
}

} // namespace wall::wallctl
