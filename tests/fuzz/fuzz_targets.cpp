// The invariants each fuzz target checks, beyond "no crash, no sanitizer report":
//   message  simdjson's fast path and nlohmann's diagnostic path give the same
//            verdict (reason, detail, source, seq, canonical body); an accepted
//            body reads back through parseBody to the same canonical text; an
//            accepted event re-encoded as an envelope is accepted again, equal;
//            every verdict encodes to a reply that parseReply reads back.
//   body     both parsers agree on (type, body); accepted bodies re-encode stably.
//   state    decodeState refuses with std::runtime_error only; a decoded state
//            re-encodes to a blob that decodes to the same blob and state hash.
#include "fuzz_targets.hpp"

#include "protocol/message_parser.hpp"
#include "protocol/protocol.hpp"

#include <charconv>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace wall::fuzz {
namespace {

using namespace protocol;

std::string shown(std::string_view bytes) {
    std::string s(bytes.substr(0, 200));
    for (char& c : s)
        if (static_cast<unsigned char>(c) < 0x20) c = '.';
    return s;
}

void require(bool ok, std::string_view what, std::string_view input) {
    if (!ok) throw FuzzFailure(std::string(what) + " | input: " + shown(input));
}

void requireSameVerdict(const Rejection& fast, const Rejection& slow, std::string_view input) {
    require(fast.reason == slow.reason, std::string("parsers disagree on the reason: ") + toWire(fast.reason) +
                                            " vs " + toWire(slow.reason) + " (" + fast.detail + " | " + slow.detail + ")",
            input);
    require(fast.detail == slow.detail, "parsers disagree on the detail: " + fast.detail + " | " + slow.detail, input);
    require(fast.source == slow.source && fast.has_seq == slow.has_seq && fast.seq == slow.seq,
            "parsers disagree on the refused message's source/seq", input);
}

void requireReplyRoundTrip(const Rejection& r, std::string_view input) {
    const std::string wire = encodeError(r);
    const auto reply = parseReply(wire);
    require(reply.has_value(), "encodeError wrote a reply parseReply cannot read: " + shown(wire), input);
    require(!reply->is_ack && reply->reason == toWire(r.reason), "error reply lost its reason", input);
    // A seq the parser could not take is echoed as sent; a reader sees it when it is a valid uint64.
    uint64_t echoed = 0;
    const std::string& as_sent = r.seq_as_sent;
    const auto [end, ec] = std::from_chars(as_sent.data(), as_sent.data() + as_sent.size(), echoed);
    const bool echo_readable = !r.has_seq && !as_sent.empty() && ec == std::errc() && end == as_sent.data() + as_sent.size();
    require(reply->source == r.source && reply->has_seq == (r.has_seq || echo_readable) &&
                (!reply->has_seq || reply->seq == (r.has_seq ? r.seq : echoed)),
            "error reply lost its source/seq", input);
}

void requireBodyRoundTrip(const std::string& type, const std::string& body_json, std::string_view input) {
    auto again = parseBody(type, body_json);
    const auto* body = std::get_if<EventBody>(&again);
    require(body != nullptr, "canonical body of an accepted " + type + " is refused by parseBody: " +
                                 (body ? "" : std::get<Rejection>(again).detail) + " body: " + shown(body_json),
            input);
    require(encodeBody(*body) == body_json, "canonical body of " + type + " is not stable: " + shown(body_json), input);
    require(eventTypeName(*body) == type, "body read back as another type", input);
}

void checkMessageAs(std::string_view bytes, bool from_feed) {
    const ParseResult fast = parseMessageWith(bytes, kDefaultMaxMessageBytes, from_feed, ParserChoice::Auto);
    const ParseResult slow = parseMessageWith(bytes, kDefaultMaxMessageBytes, from_feed, ParserChoice::NlohmannOnly);
    require(fast.index() == slow.index(), "parsers disagree on acceptance", bytes);
    if (const auto* refused = std::get_if<Rejection>(&fast)) {
        requireSameVerdict(*refused, std::get<Rejection>(slow), bytes);
        requireReplyRoundTrip(*refused, bytes);
        return;
    }
    const Accepted& a = std::get<Accepted>(fast);
    const Accepted& b = std::get<Accepted>(slow);
    require(a.type == b.type && a.body_json == b.body_json && a.event.source == b.event.source &&
                a.event.seq == b.event.seq && a.event.ts_ms == b.event.ts_ms,
            "parsers accept the message differently", bytes);
    require(a.type == eventTypeName(a.event.body), "accepted type and body disagree", bytes);
    requireBodyRoundTrip(a.type, a.body_json, bytes);

    // What the console publishes or a backend library re-sends must read back as the same event.
    const std::string envelope = encodeEnvelope(a.event);
    const ParseResult re = parseFeedMessage(envelope);
    const auto* back = std::get_if<Accepted>(&re);
    require(back != nullptr, "encodeEnvelope of an accepted event is refused: " +
                                 (back ? "" : std::get<Rejection>(re).detail) + " envelope: " + shown(envelope),
            bytes);
    require(back->body_json == a.body_json && back->type == a.type && back->event.source == a.event.source &&
                back->event.seq == a.event.seq && back->event.ts_ms == a.event.ts_ms,
            "encodeEnvelope does not round-trip", bytes);

    const auto ack = parseReply(encodeAck(a.event.source, a.event.seq, false));
    require(ack && ack->is_ack && ack->source == a.event.source && ack->seq == a.event.seq, "ack does not round-trip", bytes);
}

/// Every body type's wire name, from the EventBody alternatives themselves.
template <size_t... I> std::vector<std::string> namesOf(std::index_sequence<I...>) {
    return {eventTypeName(EventBody(std::in_place_index<I>))...};
}
const std::vector<std::string>& bodyTypeNames() {
    static const std::vector<std::string> names = [] {
        auto n = namesOf(std::make_index_sequence<std::variant_size_v<EventBody>>{});
        n.push_back("no.such.type"); // the unknown-type path
        return n;
    }();
    return names;
}

} // namespace

void checkMessage(std::string_view bytes) {
    checkMessageAs(bytes, false);
    checkMessageAs(bytes, true);
}

void checkBody(std::string_view bytes) {
    if (bytes.empty()) return;
    const auto& names = bodyTypeNames();
    const std::string& type = names[static_cast<unsigned char>(bytes[0]) % names.size()];
    const std::string_view body = bytes.substr(1);
    auto fast = parseBodyWith(type, body, ParserChoice::Auto);
    auto slow = parseBodyWith(type, body, ParserChoice::NlohmannOnly);
    require(fast.index() == slow.index(), "parsers disagree on acceptance of a " + type + " body", bytes);
    if (const auto* refused = std::get_if<Rejection>(&fast)) {
        requireSameVerdict(*refused, std::get<Rejection>(slow), bytes);
        return;
    }
    const std::string canonical = encodeBody(std::get<EventBody>(fast));
    require(canonical == encodeBody(std::get<EventBody>(slow)), "parsers read a " + type + " body differently", bytes);
    requireBodyRoundTrip(type, canonical, bytes);
}

void checkState(std::string_view bytes) {
    State state;
    try {
        state = decodeState(bytes);
    } catch (const std::runtime_error&) {
        return; // a damaged checkpoint is refused, naming the field: the promised behaviour
    }
    const std::string blob = encodeState(state);
    State again;
    try {
        again = decodeState(blob);
    } catch (const std::runtime_error& e) {
        throw FuzzFailure(std::string("encodeState wrote a blob decodeState refuses: ") + e.what() + " | input: " + shown(bytes));
    }
    require(encodeState(again) == blob, "checkpoint does not re-encode stably", bytes);
    require(stateHash(again) == stateHash(state), "checkpoint round trip changes the state hash", bytes);
}

} // namespace wall::fuzz
