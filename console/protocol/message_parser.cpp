// parseMessage / parseFeedMessage / parseBody: untrusted bytes to model events.
// Two parsers, one set of rules: simdjson's DOM parses every message first
// (fast); when it refuses the bytes, or the document has duplicate member
// names, nlohmann-json's SAX parser (json_document.hpp) parses them again to
// find the exact path of the fault. Both feed the same templated readers, so
// a message gets the same verdict whichever parser read it (the tests check
// this by running everything through both).
//
// [SECTION] body readers: the descriptions, templated on the parser's value view
// [SECTION] type table
// [SECTION] envelope
// [SECTION] parsers: simdjson fast path, nlohmann diagnostic path
// [SECTION] raw member scan: naming a message that could not be parsed
// [SECTION] public entry points
//
// Order of checks (the first failure is reported): size, JSON syntax, root
// object, v, source, seq, ts, type, body. Unknown members are ignored
// everywhere (forward compatibility); JSON null counts as "not given".
#include "message_parser.hpp"

#include "entity_json.hpp"
#include "field_reader.hpp"
#include "model/message_types.hpp"
#include "json_document.hpp"
#include "json_writer.hpp"

#include <algorithm>
#include <functional>
#include <array>
#include <limits>
#include <vector>

namespace wall::protocol {
namespace {

using nlohmann::json;

// [SECTION] body readers

// Every body is read from its description (model/describe.hpp) in the wire
// form; entity_json.hpp holds the few rules a field table cannot state.
constexpr int64_t kMaxMs = std::numeric_limits<int64_t>::max();

// Rules about a whole body, checked after its members.
template <class T> void checkWireBody(const JsonPath&, T&) {}
void checkWireBody(const JsonPath& path, AlarmUpdate& u) {
    if (!u.level && !u.title && !u.message && !u.cameras)
        failAt(RejectReason::MissingField, path, "expected at least one of level, title, message, cameras");
}
void checkWireBody(const JsonPath&, CallAnswerRecord& r) { r.answer.channel = "manual"; }

template <class T, class V> EventBody readBodyOf(const ObjectReader<V>& b) {
    T body{};
    readMembers<JsonForm::Wire>(b, body);
    checkWireBody(b.path(), body);
    return body;
}

// [SECTION] type table

struct BodyType {
    const char* name;
    EventBody (*read_simd)(const ObjectReader<SimdValue>&);
    EventBody (*read_nlohmann)(const ObjectReader<NlohmannValue>&);
    Sender sender; // anything but Backend is journaled by the console itself and refused from backends

    EventBody read(const ObjectReader<SimdValue>& b) const { return read_simd(b); }
    EventBody read(const ObjectReader<NlohmannValue>& b) const { return read_nlohmann(b); }
};

// From the type records (model/message_types.hpp), in EventBody order.
template <size_t... I> constexpr std::array<BodyType, kEventTypeCount> bodyTypes(std::index_sequence<I...>) {
    return {BodyType{kEventTypes[I].name, &readBodyOf<EventAlternative<I>, SimdValue>,
                     &readBodyOf<EventAlternative<I>, NlohmannValue>, kEventTypes[I].sender}...};
}
constexpr std::array<BodyType, kEventTypeCount> kBodyTypes = bodyTypes(std::make_index_sequence<kEventTypeCount>{});

const BodyType* findType(std::string_view name) {
    for (const BodyType& t : kBodyTypes)
        if (name == t.name) return &t;
    return nullptr;
}

// "alarm.raise|alarm.update|...": what a backend may send, for unknown_type errors.
const std::string kBackendTypeList = [] {
    std::string list;
    for (const EventTypeInfo& t : kEventTypes)
        if (t.sender == Sender::Backend) list += (list.empty() ? "" : "|") + std::string(t.name);
    return list;
}();

// [SECTION] envelope

// The type name from a "type" member; throws unknown_type naming what is allowed.
template <class V> const BodyType& requireType(const V& value, const JsonPath& path, bool allow_actions) {
    const std::string name = readString(value, path, kIdRule);
    const BodyType* type = findType(name);
    if (!type) failAt(RejectReason::UnknownType, path, "unknown type " + quoteForDetail(name) + ", expected one of " + kBackendTypeList);
    if (type->sender != Sender::Backend && !allow_actions)
        failAt(RejectReason::UnknownType, path, quoteForDetail(name) + " is an operator action or a console decision; only the console itself may publish it");
    return *type;
}

// Fills rejection.source/seq from the root when they are valid, whatever else is wrong,
// so the sender can match the refusal to the message.
template <class V> void nameTheMessage(const V& root, const JsonPath& path, Rejection& rejection) {
    if (root.kind() != JsonKind::Object) return;
    if (auto source = root.member("source"))
        try { rejection.source = readString(*source, path.member("source"), kSourceRule); } catch (const FieldError&) {}
    if (auto seq = root.member("seq"))
        try {
            rejection.seq = readUint(*seq, path.member("seq"), 1, std::numeric_limits<uint64_t>::max());
            rejection.has_seq = true;
        } catch (const FieldError&) {}
}

template <class V> ParseResult readEnvelope(const V& doc, bool from_feed) {
    const JsonPath root = JsonPath::root("message", true);
    Rejection rejection;
    if (doc.kind() != JsonKind::Object) {
        rejection.reason = RejectReason::NotJson;
        rejection.detail = "message: expected a JSON object, got " + describe(doc);
        return rejection;
    }
    try {
        ObjectReader<V> envelope(doc, root);
        const auto v = envelope.find("v");
        if (!v) failAt(RejectReason::BadVersion, root.member("v"), "required field is missing (this console speaks v 1)");
        const bool is_one = (v->kind() == JsonKind::Int && v->asInt() == kVersion) ||
                            (v->kind() == JsonKind::Uint && v->asUint() == static_cast<uint64_t>(kVersion));
        if (!is_one) failAt(RejectReason::BadVersion, root.member("v"), "expected 1, got " + describe(*v));

        Event event;
        event.source = envelope.requiredString("source", kSourceRule);
        if (!from_feed && event.source == kOperatorSource)
            failAt(RejectReason::BadValue, root.member("source"), "\"operator\" is reserved for the console's own actions");
        event.seq = envelope.requiredUint("seq", 1, std::numeric_limits<uint64_t>::max());
        event.ts_ms = envelope.requiredInt("ts", 0, kMaxMs);
        const BodyType& type = requireType(envelope.require("type"), root.member("type"), from_feed);
        ObjectReader<V> body(envelope.require("body"), root.member("body"));
        event.body = type.read(body);

        Accepted accepted;
        accepted.body_json = encodeBody(event.body);
        accepted.event = std::move(event);
        accepted.type = type.name;
        return accepted;
    } catch (FieldError& e) {
        nameTheMessage(doc, root, rejection);
        rejection.reason = e.reason;
        rejection.detail = std::move(e.detail);
        return rejection;
    }
}

template <class V> std::variant<EventBody, Rejection> readBody(const BodyType& type, const V& doc) {
    try {
        ObjectReader<V> body(doc, JsonPath::root("body", false));
        return type.read(body);
    } catch (FieldError& e) {
        Rejection rejection;
        rejection.reason = e.reason;
        rejection.detail = std::move(e.detail);
        return rejection;
    }
}

// [SECTION] parsers

// True when some object in the document repeats a member name. simdjson keeps
// duplicates and at_key() returns the first; such documents go to the
// nlohmann path, which refuses them naming the member.
bool hasDuplicateMembers(simdjson::dom::element e) {
    simdjson::dom::array arr; // named: iterating a temporary result would dangle
    if (e.get_array().get(arr) == simdjson::SUCCESS) {
        for (simdjson::dom::element child : arr)
            if (hasDuplicateMembers(child)) return true;
        return false;
    }
    simdjson::dom::object obj;
    if (e.get_object().get(obj) != simdjson::SUCCESS) return false;
    std::array<std::string_view, 24> small;
    std::vector<std::string_view> large;
    size_t n = 0;
    for (simdjson::dom::key_value_pair member : obj) {
        if (n < small.size()) small[n] = member.key;
        else {
            if (large.empty()) large.assign(small.begin(), small.end());
            large.push_back(member.key);
        }
        ++n;
        if (hasDuplicateMembers(member.value)) return true;
    }
    auto sorted_has_adjacent = [](auto begin, auto end) {
        std::sort(begin, end);
        return std::adjacent_find(begin, end) != end;
    };
    return large.empty() ? sorted_has_adjacent(small.begin(), small.begin() + n)
                         : sorted_has_adjacent(large.begin(), large.end());
}

// One simdjson parser per thread: it is not thread-safe, and reusing it keeps
// its buffers (sized to the largest message seen) instead of allocating per message.
simdjson::dom::parser& threadParser() {
    thread_local simdjson::dom::parser parser = [] {
        simdjson::dom::parser p;
        // Depth is what matters here; capacity grows on demand. Should allocation fail,
        // parse() fails too and every message takes the nlohmann path: slower, same verdicts.
        if (p.allocate(64 * 1024, kMaxNestingDepth) != simdjson::SUCCESS) return simdjson::dom::parser{};
        return p;
    }();
    return parser;
}

// The fast path: the document when simdjson accepts it and it has no duplicate members.
std::optional<simdjson::dom::element> fastParse(std::string_view bytes) {
    simdjson::dom::element root;
    if (threadParser().parse(bytes.data(), bytes.size()).get(root) != simdjson::SUCCESS) return std::nullopt;
    if (hasDuplicateMembers(root)) return std::nullopt;
    return root;
}

ParseResult parseEnvelope(std::string_view bytes, size_t max_bytes, bool from_feed, ParserChoice choice) {
    if (bytes.size() > max_bytes) {
        Rejection rejection;
        rejection.reason = RejectReason::Oversize;
        rejection.detail = "message: " + std::to_string(bytes.size()) + " bytes exceed the limit of " +
                           std::to_string(max_bytes) + " bytes";
        return rejection;
    }
    if (choice == ParserChoice::Auto)
        if (auto root = fastParse(bytes)) return readEnvelope(SimdValue(*root), from_feed);

    json doc;
    DocumentError doc_error;
    if (!parseDocument(bytes, doc, doc_error)) {
        // A document that broke off half-way still holds the members read before the break.
        Rejection rejection;
        nameTheMessage(NlohmannValue(doc), JsonPath::root("message", true), rejection);
        rejection.reason = doc_error.reason;
        rejection.detail = std::move(doc_error.detail);
        return rejection;
    }
    return readEnvelope(NlohmannValue(doc), from_feed);
}

} // namespace

// [SECTION] raw member scan

namespace {

// A lenient reader over raw bytes that may not be JSON at all: it finds the
// root object's members without validating anything else.
class RawMemberScan {
public:
    explicit RawMemberScan(std::string_view bytes) : s_(bytes) {}

    template <class Visit> void members(Visit& visit) {
        skipSpace();
        if (s_.substr(pos_, 3) == "\xEF\xBB\xBF") pos_ += 3;
        skipSpace();
        if (!take('{')) return;
        for (;;) {
            skipSpace();
            std::string_view key;
            if (!readString(key)) return;
            skipSpace();
            if (!take(':')) return;
            skipSpace();
            const size_t start = pos_;
            if (!skipValue()) return;
            size_t end = pos_;
            while (end > start && isSpace(s_[end - 1])) --end;
            if (!key.empty() && !visit(key, s_.substr(start, end - start))) return;
            skipSpace();
            if (!take(',')) return;
        }
    }

private:
    static bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
    bool take(char c) {
        if (pos_ < s_.size() && s_[pos_] == c) { ++pos_; return true; }
        return false;
    }
    void skipSpace() { while (pos_ < s_.size() && isSpace(s_[pos_])) ++pos_; }
    // A string's raw content; empty for one with escapes (names are compared unescaped by the real parsers).
    bool readString(std::string_view& out) {
        if (!take('"')) return false;
        const size_t start = pos_;
        bool escaped = false;
        for (; pos_ < s_.size(); ++pos_) {
            if (s_[pos_] == '\\') { escaped = true; ++pos_; continue; }
            if (s_[pos_] == '"') {
                out = escaped ? std::string_view{} : s_.substr(start, pos_ - start);
                ++pos_;
                return true;
            }
        }
        return false;
    }
    // To the end of the value: the ',' or '}' after it at the root's level.
    bool skipValue() {
        int depth = 0;
        bool in_string = false;
        for (; pos_ < s_.size(); ++pos_) {
            const char c = s_[pos_];
            if (in_string) {
                if (c == '\\') ++pos_;
                else if (c == '"') in_string = false;
            } else if (c == '"') {
                in_string = true;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (depth == 0) return true;
                --depth;
            } else if (c == ',' && depth == 0) {
                return true;
            }
        }
        return depth == 0 && !in_string;
    }

    std::string_view s_;
    size_t pos_ = 0;
};

// A JSON integer as written (so it can be echoed verbatim): no leading zeros, at most 40 digits.
bool isIntegerToken(std::string_view t) {
    const size_t digits = !t.empty() && t[0] == '-' ? 1 : 0;
    if (t.size() <= digits || t.size() > 40) return false;
    if (t[digits] == '0' && t.size() > digits + 1) return false;
    return std::all_of(t.begin() + digits, t.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

void scanRawMembers(std::string_view bytes, const std::function<bool(std::string_view, std::string_view)>& visit) {
    RawMemberScan(bytes).members(visit);
}

std::string_view rawPlainString(std::string_view raw_value) {
    if (raw_value.size() < 2 || raw_value.front() != '"' || raw_value.back() != '"') return {};
    const std::string_view inner = raw_value.substr(1, raw_value.size() - 2);
    if (inner.find('\\') != std::string_view::npos || inner.find('"') != std::string_view::npos) return {};
    return inner;
}

void nameRefusedMessage(std::string_view bytes, Rejection& rejection) {
    if (rejection.has_seq && !rejection.source.empty()) return;
    bool seq_seen = false, source_seen = false;
    scanRawMembers(bytes, [&](std::string_view key, std::string_view raw) {
        if (key == "seq" && !seq_seen) {
            seq_seen = true;
            if (!rejection.has_seq && isIntegerToken(raw)) rejection.seq_as_sent = std::string(raw);
        } else if (key == "source" && !source_seen) {
            source_seen = true;
            const std::string_view source = rawPlainString(raw);
            if (rejection.source.empty() && !source.empty() && source.size() <= kMaxSourceBytes && isValidUtf8(source) &&
                std::none_of(source.begin(), source.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }))
                rejection.source = std::string(source);
        }
        return !(seq_seen && source_seen);
    });
}

// [SECTION] public entry points

ParseResult parseMessageWith(std::string_view bytes, size_t max_bytes, bool from_feed, ParserChoice choice) {
    ParseResult result = parseEnvelope(bytes, max_bytes, from_feed, choice);
    // Oversize is not scanned: the bytes may be anything up to the socket limit.
    if (auto* refused = std::get_if<Rejection>(&result); refused && refused->reason != RejectReason::Oversize)
        nameRefusedMessage(bytes, *refused);
    return result;
}

ParseResult parseMessage(std::string_view bytes, size_t max_bytes) {
    return parseMessageWith(bytes, max_bytes, false, ParserChoice::Auto);
}

ParseResult parseFeedMessage(std::string_view bytes, size_t max_bytes) {
    return parseMessageWith(bytes, max_bytes, true, ParserChoice::Auto);
}

std::variant<EventBody, Rejection> parseBodyWith(std::string_view type_name, std::string_view body_json, ParserChoice choice) {
    const BodyType* type = findType(type_name);
    if (!type) {
        Rejection rejection;
        rejection.reason = RejectReason::UnknownType;
        rejection.detail = "type: unknown type " + quoteForDetail(type_name);
        return rejection;
    }
    if (choice == ParserChoice::Auto)
        if (auto root = fastParse(body_json)) return readBody(*type, SimdValue(*root));
    json doc;
    DocumentError doc_error;
    if (!parseDocument(body_json, doc, doc_error, DocumentNaming{"body", false})) {
        Rejection rejection;
        rejection.reason = doc_error.reason;
        rejection.detail = std::move(doc_error.detail);
        return rejection;
    }
    return readBody(*type, NlohmannValue(doc));
}

std::variant<EventBody, Rejection> parseBody(std::string_view type_name, std::string_view body_json) {
    return parseBodyWith(type_name, body_json, ParserChoice::Auto);
}

} // namespace wall::protocol
