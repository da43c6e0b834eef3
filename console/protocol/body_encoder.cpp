// The canonical text of bodies, envelopes and replies. Canonical means: the
// members of each type in one fixed order, optional members left out when
// empty or zero, compact, UTF-8 unescaped. parseBody(type, encodeBody(b))
// gives back b, and equal bodies always encode to equal bytes, so the journal
// can compare a resent message's body with the stored one byte for byte.
#include "json_writer.hpp"
#include "protocol/protocol.hpp"

#include <array>

namespace wall::protocol {
namespace {

constexpr std::array<const char*, kRejectReasonCount> kReasonWire{
    "not_json", "bad_version", "unknown_type", "missing_field", "wrong_field_type",
    "bad_value", "oversize", "stale_or_duplicate", "bad_framing", "not_permitted"};

void writePerson(JsonWriter& w, const Person& p) {
    w.beginObject();
    w.member("name", p.name);
    w.memberIfSet("role", p.role);
    w.memberIfSet("phone", p.phone);
    w.endObject();
}

void writePeople(JsonWriter& w, std::string_view key, const std::vector<Person>& people) {
    if (people.empty()) return;
    w.key(key);
    w.beginArray();
    for (const Person& p : people) writePerson(w, p);
    w.endArray();
}

void writeIds(JsonWriter& w, std::string_view key, const std::vector<std::string>& ids) {
    w.key(key);
    w.beginArray();
    for (const std::string& id : ids) w.string(id);
    w.endArray();
}

// Members of a 叫应 responsible person (inside a responders entry or a callresponse.call's call).
void writeResponderMembers(JsonWriter& w, const Responder& r) {
    w.member("name", r.name);
    w.memberIfSet("role", r.role);
    w.memberIfSet("grid", r.grid);
    w.memberIfSet("phone", r.phone);
}

struct BodyWriter {
    JsonWriter& w;

    void operator()(const AlarmRaise& r) {
        const Alarm& a = r.alarm;
        w.member("id", a.id);
        w.member("level", toWire(a.level));
        w.member("category", a.category);
        w.member("title", a.title);
        w.memberIfSet("message", a.message);
        const GridSite& s = a.site;
        if (!s.county.empty() || !s.township.empty() || !s.village.empty() || !s.area.empty()) {
            w.key("site");
            w.beginObject();
            w.memberIfSet("county", s.county);
            w.memberIfSet("township", s.township);
            w.memberIfSet("village", s.village);
            w.memberIfSet("area", s.area);
            w.endObject();
        }
        w.memberIfSet("device", a.device);
        if (!a.cameras.empty()) writeIds(w, "cameras", a.cameras);
        if (a.raised_ms != 0) w.memberInt("raised_at", a.raised_ms);
        if (!a.responders.empty()) {
            w.key("responders");
            w.beginArray();
            for (const Responder& r : a.responders) {
                w.beginObject();
                writeResponderMembers(w, r);
                w.endObject();
            }
            w.endArray();
        }
    }
    void operator()(const AlarmUpdate& u) {
        w.member("id", u.id);
        if (u.level) w.member("level", toWire(*u.level));
        if (u.title) w.member("title", *u.title);
        if (u.message) w.member("message", *u.message);
        if (u.cameras) writeIds(w, "cameras", *u.cameras);
    }
    void operator()(const AlarmClear& c) { w.member("id", c.id); }
    void operator()(const RosterSet& r) {
        w.member("date", r.roster.date);
        w.key("shifts");
        w.beginArray();
        for (const Shift& s : r.roster.shifts) {
            w.beginObject();
            w.member("label", s.label);
            w.memberInt("start", s.start_ms);
            w.memberInt("end", s.end_ms);
            w.key("leader");
            writePerson(w, s.leader);
            writePeople(w, "officers", s.officers);
            writePeople(w, "contacts", s.contacts);
            w.endObject();
        }
        w.endArray();
    }
    void operator()(const TaskUpsert& u) {
        const Task& t = u.task;
        w.member("id", t.id);
        w.member("title", t.title);
        w.member("commander", t.commander);
        w.memberIfSet("commander_phone", t.commander_phone);
        w.memberIfSet("site", t.site);
        w.memberIfSet("incident", t.incident);
        if (t.deadline_ms != 0) w.memberInt("deadline", t.deadline_ms);
        w.member("status", toWire(t.status));
        w.memberIfSet("note", t.note);
    }
    void operator()(const CameraUpsert& u) {
        const Camera& c = u.camera;
        w.member("id", c.id);
        w.member("name", c.name);
        w.memberIfSet("site", c.site);
        w.memberIfSet("main_url", c.main_url);
        w.memberIfSet("sub_url", c.sub_url);
        w.memberIfSet("group", c.group);
        w.memberIfSet("rtsp_transport", c.rtsp_transport);
    }
    void operator()(const LayoutSwitch& l) { w.member("layout", l.layout); }
    void operator()(const Heartbeat&) {}
    void operator()(const AlarmAck& a) {
        w.member("id", a.id);
        w.member("operator", a.operator_name);
    }
    void operator()(const TaskStatusSet& s) {
        w.member("id", s.id);
        w.member("status", toWire(s.status));
        w.member("operator", s.operator_name);
    }
    void operator()(const CameraStreamState& s) {
        w.member("camera", s.camera_id);
        w.member("stream", s.stream);
        w.member("state", s.state);
        w.memberIfSet("reason", s.reason);
    }
    void operator()(const AlarmSuppress& s) {
        w.member("id", s.id);
        w.memberBool("suppressed", s.suppressed);
        w.memberIfSet("reason", s.reason);
    }
    void operator()(const IncidentUpsert& u) {
        const Incident& i = u.incident; // the report fields are the console's: not on the wire
        w.member("id", i.id);
        w.member("title", i.title);
        w.member("grade", toWire(i.grade));
        w.memberIfSet("site", i.site);
        if (!i.alarms.empty()) writeIds(w, "alarms", i.alarms);
        if (i.occurred_ms != 0) w.memberInt("occurred_at", i.occurred_ms);
    }
    void operator()(const CallAnswer& a) {
        w.member("alarm", a.alarm_id);
        w.member("call", a.call_id);
        if (a.answered_ms != 0) w.memberInt("answered_at", a.answered_ms);
        w.memberIfSet("channel", a.channel);
        w.memberIfSet("note", a.note);
    }
    void operator()(const AlarmShelve& s) {
        w.member("id", s.id);
        w.memberInt("until", s.until_ms);
        w.member("reason", s.reason);
        w.member("operator", s.operator_name);
    }
    void operator()(const AlarmUnshelve& u) {
        w.member("id", u.id);
        w.member("operator", u.operator_name);
        w.member("cause", u.cause);
    }
    void operator()(const SopStepSet& s) {
        w.member("alarm", s.alarm_id);
        w.memberInt("step", s.step);
        w.memberBool("done", s.done);
        w.member("operator", s.operator_name);
    }
    void operator()(const CallAnswerRecord& r) { // channel is always "manual": not on the wire
        w.member("alarm", r.answer.alarm_id);
        w.member("call", r.answer.call_id);
        if (r.answer.answered_ms != 0) w.memberInt("answered_at", r.answer.answered_ms);
        w.memberIfSet("note", r.answer.note);
        w.member("operator", r.operator_name);
    }
    void operator()(const IncidentReported& r) {
        w.member("id", r.id);
        w.member("operator", r.operator_name);
        w.memberIfSet("note", r.note);
    }
    void operator()(const SoundMute& m) {
        w.member("level", toWire(m.level));
        w.memberBool("muted", m.muted);
        w.member("operator", m.operator_name);
    }
    void operator()(const CallPlace& p) {
        const Call& c = p.call; // called/answered/escalated times are the console's: not on the wire
        w.member("alarm", p.alarm_id);
        w.key("call");
        w.beginObject();
        w.member("id", c.id);
        writeResponderMembers(w, c.person);
        w.memberInt("tier", c.tier);
        w.memberInt("deadline", c.deadline_ms);
        w.endObject();
        w.memberIfSet("cause", p.cause);
    }
    void operator()(const CallEscalate& e) {
        w.member("alarm", e.alarm_id);
        w.member("call", e.call_id);
        w.memberIfSet("to_call", e.to_call_id);
    }
    void operator()(const LinkageShow& l) {
        w.member("region", l.region);
        w.memberIfSet("alarm", l.alarm_id);
        if (!l.cameras.empty()) writeIds(w, "cameras", l.cameras);
        w.memberIfSet("cause", l.cause);
    }
    void operator()(const FeedResync& r) {
        w.member("source", r.source);
        w.member("phase", r.phase);
        w.member("reason", r.reason);
        w.memberUint("epoch", r.epoch);
        if (r.expected_seq != 0) w.memberUint("expected", r.expected_seq);
        if (r.received_seq != 0) w.memberUint("received", r.received_seq);
        if (r.snapshot_seq != 0) w.memberUint("snapshot_seq", r.snapshot_seq);
    }
};

} // namespace

const char* toWire(RejectReason reason) {
    const auto i = static_cast<size_t>(reason);
    return i < kReasonWire.size() ? kReasonWire[i] : "unknown";
}

std::optional<RejectReason> rejectReasonFromWire(std::string_view name) {
    for (size_t i = 0; i < kReasonWire.size(); ++i)
        if (name == kReasonWire[i]) return static_cast<RejectReason>(i);
    return std::nullopt;
}

std::string encodeBody(const EventBody& body) {
    JsonWriter w;
    w.beginObject();
    std::visit(BodyWriter{w}, body);
    w.endObject();
    return w.take();
}

std::string encodeEnvelope(const Event& event) {
    JsonWriter w;
    w.beginObject();
    w.memberInt("v", kVersion);
    w.member("source", event.source);
    w.memberUint("seq", event.seq);
    w.memberInt("ts", event.ts_ms);
    w.member("type", eventTypeName(event.body));
    w.key("body");
    w.beginObject();
    std::visit(BodyWriter{w}, event.body);
    w.endObject();
    w.endObject();
    return w.take();
}

std::string encodeAck(std::string_view source, uint64_t seq, bool duplicate) {
    JsonWriter w;
    w.beginObject();
    w.memberInt("v", kVersion);
    w.member("type", "ack");
    w.member("source", source);
    w.memberUint("seq", seq);
    w.memberBool("duplicate", duplicate);
    w.endObject();
    return w.take();
}

std::string encodeError(const Rejection& rejection) {
    JsonWriter w;
    w.beginObject();
    w.memberInt("v", kVersion);
    w.member("type", "error");
    w.member("reason", toWire(rejection.reason));
    w.member("detail", rejection.detail);
    if (!rejection.source.empty()) w.member("source", rejection.source);
    if (rejection.has_seq) {
        w.memberUint("seq", rejection.seq);
    } else if (!rejection.seq_as_sent.empty()) {
        w.key("seq");
        w.raw(rejection.seq_as_sent);
    }
    w.endObject();
    return w.take();
}

Rejection staleOrDuplicateRejection(std::string_view source, uint64_t seq) {
    Rejection r;
    r.reason = RejectReason::StaleOrDuplicate;
    r.detail = "seq " + std::to_string(seq) + " of source " + std::string(source) + " was journaled earlier with a different body";
    r.source = std::string(source);
    r.seq = seq;
    r.has_seq = true;
    return r;
}

Rejection badFramingRejection(size_t frames) {
    Rejection r;
    r.reason = RejectReason::BadFraming;
    r.detail = "expected [payload] or [empty][payload], got " + std::to_string(frames) + " frames";
    return r;
}

} // namespace wall::protocol
