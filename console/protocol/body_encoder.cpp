// The canonical text of bodies, envelopes and replies. Canonical means: the
// members of each type in its description's order (model/describe.hpp),
// optional members left out when empty or zero, compact, UTF-8 unescaped. parseBody(type, encodeBody(b))
// gives back b, and equal bodies always encode to equal bytes, so the journal
// can compare a resent message's body with the stored one byte for byte.
#include "entity_json.hpp"
#include "json_writer.hpp"
#include "protocol/protocol.hpp"

#include <array>

namespace wall::protocol {
namespace {

constexpr std::array<const char*, kRejectReasonCount> kReasonWire{
    "not_json", "bad_version", "unknown_type", "missing_field", "wrong_field_type",
    "bad_value", "oversize", "stale_or_duplicate", "bad_framing", "not_permitted"};

void writeBody(JsonWriter& w, const EventBody& body) {
    std::visit([&](const auto& e) { writeMembers(w, e, JsonForm::Wire); }, body);
}

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
    writeBody(w, body);
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
    writeBody(w, event.body);
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
