#include "alarm_rules.hpp"

#include <algorithm>

namespace wall {

namespace {

// A request the state never showed (its batch failed in the journal) is retried after this.
constexpr TimeMs kRequestRetryMs = 10'000;

const GridResponsibility* findCell(const ConsoleRules& rules, const std::string& township, const std::string& village) {
    for (const GridResponsibility& cell : rules.call_response.grid)
        if (cell.township == township && cell.village == village) return &cell;
    return nullptr;
}

std::vector<Responder> personsOf(const GridResponsibility& cell, const std::string& county) {
    std::vector<Responder> out = cell.persons;
    std::string grid = county;
    if (!cell.township.empty()) grid += "/" + cell.township;
    if (!cell.village.empty()) grid += "/" + cell.village;
    for (Responder& r : out)
        if (r.grid.empty()) r.grid = grid;
    return out;
}

bool needsCalls(const ConsoleRules& rules, const Alarm& a) {
    return levelIndex(a.level) <= levelIndex(rules.call_response.min_level);
}

const OutOfService* outOfService(const ConsoleRules& rules, const Alarm& a) {
    for (const OutOfService& o : rules.out_of_service) {
        if (o.device.empty() && o.category.empty()) continue;
        if ((o.device.empty() || o.device == a.device) && (o.category.empty() || o.category == a.category)) return &o;
    }
    return nullptr;
}

TimeMs deadlineAfter(const ConsoleRules& rules, const Alarm& a, TimeMs from) {
    return from + static_cast<TimeMs>(rules.call_response.deadline_s[levelIndex(a.level)]) * 1000;
}

bool isOpen(const Call& c) { return c.answered_ms == 0 && c.escalated_ms == 0; }

/// Calls visit(t) for each time the alarm has a timer at: its shelve's end, each open call's deadline.
template <class Visit> void forEachTimer(const Alarm& a, Visit&& visit) {
    if (a.shelved_until_ms != 0) visit(a.shelved_until_ms);
    for (const Call& c : a.calls)
        if (isOpen(c)) visit(c.deadline_ms);
}

const Alarm* findAlarm(const State& state, const std::string& id) {
    auto it = state.alarms.find(id);
    return it == state.alarms.end() ? nullptr : &it->second;
}

const Call* findCall(const Alarm& a, const std::string& id) {
    for (const Call& c : a.calls)
        if (c.id == id) return &c;
    return nullptr;
}

} // namespace

std::vector<std::vector<Responder>> callChain(const ConsoleRules& rules, const State& state, const Alarm& alarm,
                                              TimeMs now) {
    // Levels below the county, most specific first: village, then township.
    enum { Village, Township, County, Leader };
    const GridSite& site = alarm.site;
    std::vector<std::vector<Responder>> chain;
    int first_level = County;
    if (!alarm.responders.empty()) {
        chain.push_back(alarm.responders);
        first_level = !site.village.empty() ? Village : !site.township.empty() ? Township : County;
    } else if (!site.village.empty() && findCell(rules, site.township, site.village)) {
        first_level = Village - 1; // the village cell itself is added below
    } else if (!site.township.empty() && findCell(rules, site.township, "")) {
        first_level = Township - 1;
    } else {
        first_level = County - 1;
    }
    if (first_level < Village && !site.village.empty())
        if (auto* cell = findCell(rules, site.township, site.village)) chain.push_back(personsOf(*cell, site.county));
    if (first_level < Township && !site.township.empty())
        if (auto* cell = findCell(rules, site.township, "")) chain.push_back(personsOf(*cell, site.county));
    if (first_level < County)
        if (auto* cell = findCell(rules, "", "")) chain.push_back(personsOf(*cell, site.county));
    // Above the county: the leader on duty (带班领导) of the shift running now.
    for (const Shift& shift : state.roster.shifts) {
        if (shift.start_ms <= now && now < shift.end_ms && !shift.leader.name.empty()) {
            chain.push_back({Responder{shift.leader.name, shift.leader.role.empty() ? "带班领导" : shift.leader.role,
                                       "值班室", shift.leader.phone}});
            break;
        }
    }
    chain.erase(std::remove_if(chain.begin(), chain.end(), [](auto& level) { return level.empty(); }), chain.end());
    return chain;
}

AlarmRules::AlarmRules(ConsoleRules rules) : rules_(std::move(rules)) {}

void AlarmRules::prune(const State& state, TimeMs now) {
    std::erase_if(requested_, [&](const Requested& r) {
        if (now - r.issued_ms > kRequestRetryMs) return true;
        const Alarm* a = findAlarm(state, r.alarm_id);
        if (!a) return true;
        switch (r.kind) {
        case Requested::Kind::Call: return findCall(*a, r.call_id) != nullptr;
        case Requested::Kind::Escalate: {
            const Call* c = findCall(*a, r.call_id);
            return !c || !isOpen(*c);
        }
        case Requested::Kind::Unshelve: return a->shelved_until_ms != r.shelved_until;
        case Requested::Kind::Suppress: return a->suppressed;
        }
        return true;
    });
}

bool AlarmRules::pending(Requested::Kind kind, const std::string& alarm_id, const std::string& call_id) const {
    return std::any_of(requested_.begin(), requested_.end(), [&](const Requested& r) {
        return r.kind == kind && r.alarm_id == alarm_id && (call_id.empty() || r.call_id == call_id);
    });
}

bool AlarmRules::hasOpenCall(const Alarm& a) const {
    return pending(Requested::Kind::Call, a.id) ||
           std::any_of(a.calls.begin(), a.calls.end(), [](const Call& c) { return isOpen(c); });
}

std::string AlarmRules::nextCallId(const State& state, const std::string& alarm_id) {
    issued_serial_ = std::max(issued_serial_, state.call_serial);
    return alarm_id + "#" + std::to_string(++issued_serial_);
}

void AlarmRules::placeFirstCalls(const State& state, const Alarm& a, TimeMs recv_ms, std::vector<EventBody>& out) {
    const auto chain = callChain(rules_, state, a, recv_ms);
    if (chain.empty()) return;
    for (const Responder& person : chain.front()) {
        CallPlace place;
        place.alarm_id = a.id;
        place.call.id = nextCallId(state, a.id);
        place.call.person = person;
        place.call.tier = 0;
        place.call.deadline_ms = deadlineAfter(rules_, a, recv_ms);
        place.cause = "raise";
        requested_.push_back({Requested::Kind::Call, a.id, place.call.id, 0, recv_ms, 0});
        out.push_back(std::move(place));
    }
}

bool AlarmRules::suppressIfOutOfService(const Alarm& a, TimeMs now, std::vector<EventBody>& out) {
    const OutOfService* o = outOfService(rules_, a);
    if (!o) return false;
    if (!a.suppressed && !pending(Requested::Kind::Suppress, a.id)) {
        requested_.push_back({Requested::Kind::Suppress, a.id, {}, 0, now});
        out.push_back(AlarmSuppress{a.id, true, o->reason.empty() ? "out_of_service" : o->reason});
    }
    return true;
}

namespace {
void append(std::vector<EventBody>& out, std::vector<EventBody>&& more) {
    for (EventBody& b : more) out.push_back(std::move(b));
}
} // namespace

void AlarmRules::atStart(const State& state, TimeMs now, std::vector<EventBody>& out) {
    append(out, missedBeforeStart(state, now));
}

void AlarmRules::react(const State& state, const std::vector<Event>& applied, TimeMs now, std::vector<EventBody>& out) {
    append(out, react(state, applied, now));
}

void AlarmRules::due(const State& state, TimeMs now, std::optional<TimeMs>& next_due, std::vector<EventBody>& out) {
    std::optional<TimeMs> mine;
    append(out, due(state, now, &mine));
    if (mine && (!next_due || *mine < *next_due)) next_due = mine;
}

std::vector<EventBody> AlarmRules::react(const State& state, const std::vector<Event>& applied, TimeMs now) {
    prune(state, now);
    std::vector<EventBody> out;
    for (const Event& e : applied) {
        const auto* raise = std::get_if<AlarmRaise>(&e.body);
        if (!raise) continue;
        const Alarm* a = findAlarm(state, raise->alarm.id);
        if (!a || !a->active) continue;
        if (suppressIfOutOfService(*a, now, out)) continue; // out of service: nobody is called for it
        // A raise that started the current activation (a raise of an active alarm adds none).
        const bool new_activation = !a->activations.empty() && a->activations.back() == e.recv_ms;
        if (!new_activation || a->suppressed || !needsCalls(rules_, *a) || hasOpenCall(*a)) continue;
        placeFirstCalls(state, *a, e.recv_ms, out);
    }
    return out;
}

std::vector<EventBody> AlarmRules::missedBeforeStart(const State& state, TimeMs now) {
    prune(state, now);
    std::vector<EventBody> out;
    std::vector<const Alarm*> alarms;
    for (const auto& [id, a] : state.alarms)
        if (a.active) alarms.push_back(&a);
    std::sort(alarms.begin(), alarms.end(), [](auto* x, auto* y) { return x->id < y->id; });
    for (const Alarm* a : alarms) {
        if (suppressIfOutOfService(*a, now, out) || a->suppressed || !needsCalls(rules_, *a) || hasOpenCall(*a)) continue;
        const TimeMs activation = a->activations.empty() ? a->raised_ms : a->activations.back();
        const bool called = std::any_of(a->calls.begin(), a->calls.end(),
                                        [&](const Call& c) { return c.called_ms >= activation; });
        if (!called) placeFirstCalls(state, *a, now, out);
    }
    return out;
}

void AlarmRules::escalate(const State& state, const Alarm& a, const Call& c, TimeMs now, std::vector<EventBody>& out) {
    requested_.push_back({Requested::Kind::Escalate, a.id, c.id, 0, now});
    const auto chain = callChain(rules_, state, a, now);
    CallEscalate esc{a.id, c.id, {}};
    const size_t above = static_cast<size_t>(c.tier) + 1;
    if (above < chain.size()) {
        const Responder& supervisor = chain[above].front();
        // Several calls of one tier may miss their deadline: the supervisor is called once per activation.
        const TimeMs activation = a.activations.empty() ? 0 : a.activations.back();
        for (const Call& other : a.calls)
            if (other.tier == static_cast<int>(above) && other.person.name == supervisor.name &&
                other.person.phone == supervisor.phone && other.called_ms >= activation)
                esc.to_call_id = other.id;
        for (const Requested& r : requested_)
            if (r.kind == Requested::Kind::Call && r.alarm_id == a.id && r.tier == static_cast<int>(above))
                esc.to_call_id = r.call_id;
        if (esc.to_call_id.empty()) {
            CallPlace place;
            place.alarm_id = a.id;
            place.call.id = nextCallId(state, a.id);
            place.call.person = supervisor;
            place.call.tier = static_cast<int>(above);
            place.call.deadline_ms = deadlineAfter(rules_, a, now);
            place.cause = "escalation of " + c.id;
            esc.to_call_id = place.call.id;
            requested_.push_back({Requested::Kind::Call, a.id, place.call.id, 0, now, place.call.tier});
            out.push_back(std::move(esc));
            out.push_back(std::move(place));
            return;
        }
    }
    out.push_back(std::move(esc));
}

std::vector<EventBody> AlarmRules::due(const State& state, TimeMs now, std::optional<TimeMs>* next_due) {
    prune(state, now);
    std::vector<EventBody> out;
    // One pass over the alarms: those with something due (then sorted by id, so decisions
    // and call ids do not depend on hash order; only they are sorted) and the next time
    // anything falls due after now.
    std::vector<const Alarm*> alarms;
    std::optional<TimeMs> next;
    for (const auto& [id, a] : state.alarms) {
        bool due_now = false;
        forEachTimer(a, [&](TimeMs t) {
            if (t <= now) due_now = true;
            else if (!next || t < *next) next = t;
        });
        if (due_now) alarms.push_back(&a);
    }
    if (next_due) *next_due = next;
    std::sort(alarms.begin(), alarms.end(), [](auto* x, auto* y) { return x->id < y->id; });
    for (const Alarm* a : alarms) {
        if (a->shelved_until_ms != 0 && a->shelved_until_ms <= now && !pending(Requested::Kind::Unshelve, a->id)) {
            requested_.push_back({Requested::Kind::Unshelve, a->id, {}, a->shelved_until_ms, now});
            out.push_back(AlarmUnshelve{a->id, "console", "expired"});
        }
        for (const Call& c : a->calls)
            if (isOpen(c) && c.deadline_ms <= now && !pending(Requested::Kind::Escalate, a->id, c.id))
                escalate(state, *a, c, now, out);
    }
    return out;
}

std::optional<TimeMs> AlarmRules::nextDue(const State& state) const {
    std::optional<TimeMs> next;
    for (const auto& [id, a] : state.alarms)
        forEachTimer(a, [&](TimeMs t) { if (!next || t < *next) next = t; });
    return next;
}

} // namespace wall
