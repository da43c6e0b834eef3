// A reliable backend client: one DEALER socket speaking the console's wire
// protocol (docs/protocol.md) for ONE source. It numbers messages (per-source
// seq, increasing), stamps ts, keeps every message until the console acks it,
// and resends unacked ones with the SAME seq after a timeout. Because the
// console journals before it acks and acks duplicates again, "resend until
// acked" loses nothing and duplicates nothing, across console restarts too.
// Flow control is the protocol's (section 6): at most `window` messages are
// on the wire unanswered, the rest wait here in order; the resend timeout
// follows the measured ack latency (TCP's RTO rule), so a busy console is
// not flooded with copies of messages it is about to ack.
// Not thread-safe: use one client from one thread at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace wall::client {

using Clock = std::chrono::steady_clock;

/// The in-flight window the protocol asks of every source (docs/protocol.md section 6).
constexpr size_t kProtocolWindow = 1000;
/// Floor and start of the protocol's resend timeout, in ms (section 6).
constexpr int kProtocolMinResendMs = 1000;

struct ClientOptions {
    std::string endpoint = "tcp://127.0.0.1:5560"; // console's ROUTER
    std::string source;                            // envelope "source"; required
    uint64_t first_seq = 1;                        // seq of the first message sent
    size_t window = kProtocolWindow;               // messages sent and not yet answered, at most (docs/protocol.md section 6)
    int resend_after_ms = kProtocolMinResendMs;                   // resend timeout before the first ack latency is measured, and its floor
                                                   // (then RTO = SRTT + 4 RTTVAR; doubled after a timeout until the next sample, up to 8x)
    int high_water_mark = 100000;                  // ZMQ_SNDHWM/RCVHWM: room for a pipelined window
    std::string curve_server_key;                  // Z85: the console's public key; set = CURVE client (docs/protocol.md section 12)
    std::string curve_public_key;                  // Z85: this backend's key pair, listed in the console's allow-list
    std::string curve_secret_key;
};

/// A positive reply: the console journaled (source, seq) (duplicate: it had already).
struct AckReply {
    std::string source;
    uint64_t seq = 0;
    bool duplicate = false;
};

/// A refusal. has_seq is false when the console could not tell which message it was.
struct ErrorReply {
    std::string reason;    // machine-readable, e.g. "missing_field"
    std::string detail;    // human-readable, names the field
    std::string source;
    uint64_t seq = 0;
    bool has_seq = false;
    std::string raw;       // the reply as received, for reports
};

class BackendClient {
public:
    /// @brief Connects a DEALER to options.endpoint (connect is lazy; nothing blocks). Throws on a bad endpoint.
    explicit BackendClient(ClientOptions options);
    ~BackendClient();
    BackendClient(const BackendClient&) = delete;
    BackendClient& operator=(const BackendClient&) = delete;

    /// @brief Wraps body_json (a JSON object text) in an envelope with the next seq and now as ts; returns that seq.
    uint64_t send(std::string_view type, std::string_view body_json);

    /// @brief Sends a ready envelope whose seq the caller chose; tracked and resent like send(). Returns false when seq was already in flight.
    bool sendEnvelope(uint64_t seq, std::string envelope_json);

    /// @brief Sends bytes as they are, untracked and never resent (malformed-input tests, wallctl).
    /// Waits up to wait_ms for a connected console; false when none took it. Replies land in errors()/acks().
    bool sendRaw(std::string_view bytes, int wait_ms = 5000);

    /// @brief Reads replies for up to timeout_ms (0 = only what is waiting), then resends overdue messages. Returns replies read.
    size_t pump(int timeout_ms);

    /// @brief Pumps until nothing is unacked or the deadline passes; true when all were acked (or refused).
    bool waitAllAcked(Clock::time_point deadline);

    /// @brief Messages sent and neither acked nor refused yet.
    size_t unacked() const;
    /// @brief Distinct seqs acked so far (a duplicate ack of an acked seq is not counted twice).
    uint64_t acked() const;
    /// @brief Acks that said duplicate:true.
    uint64_t duplicateAcks() const;
    /// @brief Every ack received, in arrival order (kept only when options say so; see keepAcks).
    const std::vector<AckReply>& acks() const;
    /// @brief Every error reply received, in arrival order.
    const std::vector<ErrorReply>& errors() const;
    /// @brief Times a message was sent again because no reply came in time.
    uint64_t resends() const;
    /// @brief Messages on the wire without a reply (at most the window).
    size_t inFlight() const;
    /// @brief The resend timeout now, in ms (before backoff): measured SRTT + 4 RTTVAR, at least resend_after_ms.
    double resendTimeoutMs() const;
    /// @brief Seq the next send() will use.
    uint64_t nextSeq() const;
    /// @brief Keep every AckReply in acks() (off by default: a long run would grow without bound).
    void keepAcks(bool keep);
    const std::string& source() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace wall::client
