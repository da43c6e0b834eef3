// The JSON wire codec: envelope parsing, validation into plain model events,
// and encoding of acks, errors, outbound actions and state checkpoints.
// Runs on the ingest thread; nothing above this layer ever sees raw JSON.
// Every function may be called from any thread (no shared state; each thread
// keeps its own parser buffers). Parsing takes simdjson's fast path and falls
// back to nlohmann-json to name the fault in refused messages.
// The wire format is documented in docs/protocol.md and docs/schemas/.
#pragma once

#include "model/model.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace wall::protocol {

constexpr int kVersion = 1;
constexpr size_t kDefaultMaxMessageBytes = 1 << 20; // ZMQ_MAXMSGSIZE default

// Limits on one message's content (docs/protocol.md section 3); breaking one is bad_value.
constexpr size_t kMaxSourceBytes = 64;    // envelope source
constexpr size_t kMaxIdBytes = 128;       // ids and short names (category, layout, person names, operator, phone)
constexpr size_t kMaxTextBytes = 4096;    // free text (title, message, note, site, urls)
constexpr size_t kMaxArrayEntries = 256;  // any array (cameras, shifts, officers, contacts)
constexpr size_t kMaxNestingDepth = 32;   // objects/arrays inside each other, unknown members included
/// Source of operator actions on the PUB feed; reserved, backends may not use it.
constexpr const char* kOperatorSource = "operator";

/// Machine-readable reasons a message is refused (wire names in toWire()).
enum class RejectReason : uint8_t {
    NotJson,          // "not_json": bytes are not a JSON object
    BadVersion,       // "bad_version": v missing or unsupported
    UnknownType,      // "unknown_type"
    MissingField,     // "missing_field"
    WrongFieldType,   // "wrong_field_type"
    BadValue,         // "bad_value": right type, value out of range/enum
    Oversize,         // "oversize": larger than the configured limit
    StaleOrDuplicate, // "stale_or_duplicate": (source, seq) reused with a different body
    BadFraming,       // "bad_framing": unexpected ZeroMQ frame layout
    NotPermitted,     // "not_permitted": the sender's CURVE key may not send this type (allow-list)
    Count
};
constexpr int kRejectReasonCount = static_cast<int>(RejectReason::Count);
const char* toWire(RejectReason reason);
/// @brief Inverse of toWire(RejectReason); nullopt for an unknown name.
std::optional<RejectReason> rejectReasonFromWire(std::string_view name);

struct Rejection {
    RejectReason reason = RejectReason::NotJson;
    std::string detail;      // names the field and what was wrong, e.g. "body.level: expected red|orange|yellow|blue"
    std::string source;      // filled when the envelope got that far, so the error reply can name it
    uint64_t seq = 0;
    bool has_seq = false;
    std::string seq_as_sent; // when has_seq is false: the envelope's seq digits as sent (0, 2^64, -3, or from a
                             // message that is not valid JSON), echoed so a pipelining sender can still match
};

/// @brief Fills a refusal's source and seq_as_sent from the raw bytes when the parser could not read them:
/// a lenient scan for the top-level "source" string and "seq" integer, whatever else is broken.
void nameRefusedMessage(std::string_view bytes, Rejection& rejection);

/// @brief Visits the root object's members as raw text (name, value as written), leniently: nothing is
/// validated, members whose names hold escapes are skipped, the scan stops where the text stops making sense
/// or when visit returns false. For naming refused messages and for tools that route lines by envelope.
void scanRawMembers(std::string_view bytes, const std::function<bool(std::string_view name, std::string_view raw_value)>& visit);
/// @brief The content of a raw JSON string value without escapes; empty when raw_value is not one.
std::string_view rawPlainString(std::string_view raw_value);

/// A validated message: the event plus its body re-encoded canonically for the journal.
struct Accepted {
    Event event;             // recv_ms left 0: the ingest worker stamps it
    std::string type;        // wire type, e.g. "alarm.raise"
    std::string body_json;   // canonical compact JSON of the body
};

using ParseResult = std::variant<Accepted, Rejection>;

/// @brief Parses and validates one wire message (a full envelope).
ParseResult parseMessage(std::string_view bytes, size_t max_bytes = kDefaultMaxMessageBytes);

/// @brief Parses an envelope from the outbound PUB feed: like parseMessage, but operator
/// actions (source "operator", types action.*) are accepted. For wallctl tail and backends.
ParseResult parseFeedMessage(std::string_view bytes, size_t max_bytes = kDefaultMaxMessageBytes);

/// @brief Rebuilds an event body from a journaled (type, body) pair, for replay.
std::variant<EventBody, Rejection> parseBody(std::string_view type, std::string_view body_json);

/// @brief Canonical JSON text of an event body (what the journal stores).
std::string encodeBody(const EventBody& body);

/// @brief Full envelope {v, source, seq, ts, type, body}: what backends send and the PUB feed carries.
std::string encodeEnvelope(const Event& event);

/// @brief Reply to an accepted message; duplicate=true when it had been journaled already.
std::string encodeAck(std::string_view source, uint64_t seq, bool duplicate);

/// @brief Reply to a refused message.
std::string encodeError(const Rejection& rejection);

/// @brief The refusal of a (source, seq) journaled before with a different type or body
/// (for the ingest stage, so every console words it as docs/protocol.md does).
Rejection staleOrDuplicateRejection(std::string_view source, uint64_t seq);
/// @brief The refusal of a ZeroMQ message whose frames after the routing id are neither
/// [payload] nor ["", payload]; frames = how many there were.
Rejection badFramingRejection(size_t frames);

/// A console reply as a backend sees it: an ack or an error.
struct Reply {
    bool is_ack = false;       // true: ack; false: error
    std::string source;        // empty when the console could not tell
    uint64_t seq = 0;
    bool has_seq = false;
    bool duplicate = false;    // ack only: (source, seq) had been journaled before
    std::string reason;        // error only: wire name, e.g. "missing_field"
    std::string detail;        // error only: names the field
};

/// @brief Parses a console reply (ack or error); nullopt when bytes are not one.
std::optional<Reply> parseReply(std::string_view bytes);

/// @brief Checkpoint blob of a whole State; decodeState throws std::runtime_error naming the bad field.
std::string encodeState(const State& state);
State decodeState(std::string_view blob);

} // namespace wall::protocol
