#include "feeds/feed_tracker.hpp"

#include <algorithm>
#include <functional>

#include <spdlog/spdlog.h>

namespace wall::feeds {
namespace {

/// The object a body sets as a whole (what a snapshot carries), or "" for anything else.
std::string objectKey(const EventBody& body) {
    if (auto* r = std::get_if<AlarmRaise>(&body)) return "alarm:" + r->alarm.id;
    if (auto* c = std::get_if<CameraUpsert>(&body)) return "camera:" + c->camera.id;
    if (auto* t = std::get_if<TaskUpsert>(&body)) return "task:" + t->task.id;
    if (auto* i = std::get_if<IncidentUpsert>(&body)) return "incident:" + i->incident.id;
    if (std::holds_alternative<RosterSet>(body)) return "roster";
    return "";
}

uint64_t fingerprint(const std::string& body_json) {
    const uint64_t h = std::hash<std::string>{}(body_json);
    return h == 0 ? 1 : h; // 0 means "unknown"
}

} // namespace

const char* toWire(FeedPhase phase) { return phase == FeedPhase::Live ? "live" : "syncing"; }

FeedTracker::FeedTracker(std::string source, const std::vector<std::string>& active_alarm_ids, size_t queue_cap)
    : queue_cap_(std::max<size_t>(queue_cap, 1)) {
    status_.source = std::move(source);
    for (const std::string& id : active_alarm_ids) applied_objects_["alarm:" + id] = 0;
}

void FeedTracker::start(TimeMs now, TrackerOutput& out) { resync("connect", 0, 0, now, out); }

void FeedTracker::report(FeedResync body, TrackerOutput& out) {
    FeedEvent e;
    e.source = status_.source;
    e.body = std::move(body);
    e.console_report = true;
    out.events.push_back(std::move(e));
}

void FeedTracker::resync(const std::string& reason, uint64_t expected, uint64_t received, TimeMs now, TrackerOutput& out) {
    (void)now;
    status_.phase = FeedPhase::Syncing;
    status_.resync_reason = reason;
    ++status_.resyncs;
    ++request_id_;
    out.request_snapshot = true;
    if (reason == "gap") {
        ++status_.gaps;
        status_.fault = "gap in seq: expected " + std::to_string(expected) + ", got " + std::to_string(received) +
                        "; recovering from a snapshot";
        spdlog::warn("feeds: {} gap in epoch {}: expected seq {}, got {}; asking for a snapshot", status_.source,
                     status_.epoch, expected, received);
    } else {
        status_.fault = reason == "connect" ? "waiting for the first snapshot" : reason + "; recovering from a snapshot";
        spdlog::info("feeds: {} resync ({}), asking for a snapshot", status_.source, reason);
    }
    report(FeedResync{status_.source, "started", reason, status_.epoch, expected, received, 0}, out);
}

void FeedTracker::note(const EventBody& body, const std::string& body_json) {
    if (auto* c = std::get_if<AlarmClear>(&body)) {
        applied_objects_.erase("alarm:" + c->id);
    } else if (auto* u = std::get_if<AlarmUpdate>(&body)) {
        if (auto it = applied_objects_.find("alarm:" + u->id); it != applied_objects_.end()) it->second = 0;
    } else if (std::string key = objectKey(body); !key.empty()) {
        applied_objects_[key] = fingerprint(body_json);
    }
}

void FeedTracker::pass(protocol::Accepted&& update, TimeMs ts_ms, TrackerOutput& out) {
    note(update.event.body, update.body_json);
    FeedEvent e;
    e.source = status_.source;
    e.ts_ms = ts_ms;
    e.type = std::move(update.type);
    e.body_json = std::move(update.body_json);
    e.body = std::move(update.event.body);
    out.events.push_back(std::move(e));
}

void FeedTracker::onLive(LiveMessage&& m, TimeMs now, TrackerOutput& out) {
    status_.last_message_ms = now;
    if (m.heartbeat) {
        // Refreshes the link's last-seen on the wall (not journaled).
        FeedEvent hb;
        hb.source = status_.source;
        hb.ts_ms = m.ts_ms;
        hb.body = Heartbeat{};
        out.events.push_back(std::move(hb));
    }
    const bool was_silent = status_.silent;
    status_.silent = false;

    if (status_.phase == FeedPhase::Syncing) {
        if (m.heartbeat) return;
        if (queue_.size() >= queue_cap_) {
            // Bounded: drop what waits; the snapshot alone cannot close the hole, so another follows it.
            queue_.clear();
            queue_overflowed_ = true;
        }
        queue_.push_back(std::move(m));
        status_.queued = queue_.size();
        status_.queued_max = std::max<uint64_t>(status_.queued_max, queue_.size());
        return;
    }

    // Live.
    if (m.epoch != status_.epoch) {
        ++status_.epochs;
        spdlog::info("feeds: {} publisher restarted: epoch {} -> {}", status_.source, status_.epoch, m.epoch);
        resync("epoch", 0, 0, now, out);
        if (!m.heartbeat) queue_.push_back(std::move(m));
        return;
    }
    if (was_silent) {
        resync("silence", 0, 0, now, out);
        if (!m.heartbeat) queue_.push_back(std::move(m));
        return;
    }
    if (m.heartbeat) {
        // A heartbeat ahead of us: the last updates before it were lost.
        if (m.seq > status_.last_seq) resync("gap", status_.last_seq + 1, m.seq, now, out);
        return;
    }
    if (m.seq <= status_.last_seq) {
        // Still in flight when a newer snapshot covered it, or a true repeat.
        ++(m.seq <= snapshot_seq_ ? status_.discarded : status_.duplicates);
        return;
    }
    if (m.seq != status_.last_seq + 1) {
        const uint64_t expected = status_.last_seq + 1, got = m.seq;
        resync("gap", expected, got, now, out);
        queue_.push_back(std::move(m));
        status_.queued = queue_.size();
        return;
    }
    status_.last_seq = m.seq;
    ++status_.applied;
    pass(std::move(*m.update), m.ts_ms, out);
}

void FeedTracker::onSnapshot(Snapshot&& s, TimeMs now, TrackerOutput& out) {
    if (status_.phase != FeedPhase::Syncing || s.request_id != request_id_ || s.source != status_.source) return;
    status_.last_message_ms = now;
    if (s.epoch != status_.epoch) {
        if (status_.epoch != 0 && status_.resync_reason != "epoch") ++status_.epochs;
        status_.epoch = s.epoch;
    }
    ++status_.snapshots;

    // 1. The snapshot: only what differs from what this feed applied last.
    std::unordered_map<std::string, bool> in_snapshot;
    for (protocol::Accepted& object : s.objects) {
        const std::string key = objectKey(object.event.body);
        if (key.empty()) continue; // only whole objects belong in a snapshot
        in_snapshot[key] = true;
        auto it = applied_objects_.find(key);
        if (it != applied_objects_.end() && it->second == fingerprint(object.body_json)) continue;
        ++status_.snapshot_events;
        pass(std::move(object), object.event.ts_ms, out);
    }
    std::vector<std::string> gone;
    for (const auto& [key, fp] : applied_objects_)
        if (key.rfind("alarm:", 0) == 0 && !in_snapshot.count(key)) gone.push_back(key.substr(6));
    std::sort(gone.begin(), gone.end()); // deterministic journal order
    for (const std::string& id : gone) {
        applied_objects_.erase("alarm:" + id);
        FeedEvent e;
        e.source = status_.source;
        e.ts_ms = now;
        e.body = AlarmClear{id};
        out.events.push_back(std::move(e));
        ++status_.snapshot_events;
    }
    status_.last_seq = s.seq;
    snapshot_seq_ = s.seq;

    // 2. The queued live updates after it, in order; a hole among them is another gap.
    std::deque<LiveMessage> queued;
    queued.swap(queue_);
    status_.queued = 0;
    while (!queued.empty()) {
        LiveMessage& m = queued.front();
        if (m.epoch != status_.epoch || m.seq <= status_.last_seq) {
            ++status_.discarded;
            queued.pop_front();
            continue;
        }
        if (m.seq != status_.last_seq + 1) {
            report(FeedResync{status_.source, "done", status_.resync_reason, status_.epoch, 0, 0, s.seq}, out);
            const uint64_t expected = status_.last_seq + 1, got = m.seq;
            resync("gap", expected, got, now, out);
            queue_ = std::move(queued);
            status_.queued = queue_.size();
            return;
        }
        status_.last_seq = m.seq;
        ++status_.applied;
        pass(std::move(*m.update), m.ts_ms, out);
        queued.pop_front();
    }
    report(FeedResync{status_.source, "done", status_.resync_reason, status_.epoch, 0, 0, s.seq}, out);
    if (queue_overflowed_) {
        queue_overflowed_ = false;
        resync("overflow", 0, 0, now, out);
        return;
    }
    status_.phase = FeedPhase::Live;
    status_.fault.clear();
    spdlog::info("feeds: {} in sync at epoch {} seq {} (snapshot at {})", status_.source, status_.epoch,
                 status_.last_seq, s.seq);
}

void FeedTracker::onSilence(TimeMs now) {
    (void)now;
    if (status_.silent) return;
    status_.silent = true;
    spdlog::warn("feeds: {} silent (通信中断)", status_.source);
}

void FeedTracker::onLoss(TimeMs now, TrackerOutput& out) {
    queue_.clear();
    status_.queued = 0;
    resync("journal", 0, 0, now, out);
}

uint64_t feedContentHash(const State& state, const std::string& source) {
    std::vector<const Alarm*> alarms;
    for (const auto& [id, a] : state.alarms)
        if (a.active && a.source == source) alarms.push_back(&a);
    std::sort(alarms.begin(), alarms.end(), [](auto* x, auto* y) { return x->id < y->id; });
    uint64_t h = 1469598103934665603ull;
    auto mix = [&h](std::string_view s) {
        for (unsigned char c : s) { h ^= c; h *= 1099511628211ull; }
        h ^= 0xff; h *= 1099511628211ull; // separator, so "ab"+"c" != "a"+"bc"
    };
    for (const Alarm* a : alarms) {
        mix(a->id); mix(toWire(a->level)); mix(a->category); mix(a->title); mix(a->message);
        mix(a->site.county); mix(a->site.township); mix(a->site.village); mix(a->site.area); mix(a->device);
        for (const std::string& c : a->cameras) mix(c);
        mix("|");
    }
    return h;
}

} // namespace wall::feeds
