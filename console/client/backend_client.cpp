#include "client/backend_client.hpp"

#include "base/clock.hpp"
#include "protocol/protocol.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <stdexcept>
#include <unordered_map>

#include <nlohmann/json.hpp>
#include <zmq.hpp>

namespace wall::client {

namespace {

/// One message waiting for its ack.
struct Pending {
    std::string bytes;             // the exact envelope; a resend repeats it byte for byte
    Clock::time_point sent_at;     // last (re)send attempt
    uint32_t resent = 0;           // resends so far: each one doubles the wait (capped), so a slow console is not flooded
    bool on_wire = false;          // sent at least once (counts against the window until answered)
};

/// The resend timeout of RFC 6298 (TCP's RTO), fed with ack latencies. Only
/// messages answered on their first send are measured (Karn's rule): the
/// reply to a resent message may answer either copy. So after a timeout the
/// timer itself doubles until the next sample, or a console slower than the
/// timer would have every message resent and never be measured.
class ResendTimer {
public:
    explicit ResendTimer(double floor_ms) : floor_ms_(floor_ms) {}
    void timedOut() { backoff_ = std::min(backoff_ * 2, kMaxBackoff); }
    void measured(double latency_ms) {
        backoff_ = 1;
        if (!measured_) {
            srtt_ms_ = latency_ms;
            rttvar_ms_ = latency_ms / 2;
            measured_ = true;
            return;
        }
        rttvar_ms_ = 0.75 * rttvar_ms_ + 0.25 * std::abs(srtt_ms_ - latency_ms);
        srtt_ms_ = 0.875 * srtt_ms_ + 0.125 * latency_ms;
    }
    /// @brief The wait before resending a message that was resent `resent` times: the larger of the
    /// timer's backoff and the message's own (2^resent), together at most kMaxBackoff times the RTO.
    double timeoutMs(uint32_t resent = 0) const {
        const double base = measured_ ? srtt_ms_ + std::max(1.0, 4 * rttvar_ms_) : floor_ms_;
        const double own = static_cast<double>(1u << std::min<uint32_t>(resent, 3));
        return std::clamp(base * std::max(backoff_, own), floor_ms_, kMaxTimeoutMs);
    }
    static constexpr double kMaxBackoff = 8;

private:
    static constexpr double kMaxTimeoutMs = 60000;
    double floor_ms_;
    double srtt_ms_ = 0;
    double rttvar_ms_ = 0;
    double backoff_ = 1;  // doubled per timeout, back to 1 with the next sample
    bool measured_ = false;
};

/// Resend queue entry; stale when the message was acked or resent since.
struct SentMark {
    uint64_t seq;
    Clock::time_point sent_at;
};

std::string numberText(uint64_t v) { return std::to_string(v); }

} // namespace

struct BackendClient::Impl {
    ClientOptions options;
    zmq::context_t context{1};
    zmq::socket_t socket{context, zmq::socket_type::dealer};
    uint64_t next_seq = 1;                          // seq for the next send()
    std::unordered_map<uint64_t, Pending> pending;  // unacked, by seq
    std::deque<SentMark> sent_order;                // time-ordered, for cheap resend scans
    std::deque<uint64_t> unsent;                    // waiting for room in the window, or ZeroMQ could not take them (no peer, HWM)
    std::string source_json;                        // options.source as a JSON string literal, encoded once
    size_t in_flight = 0;                           // pending entries that are on the wire
    ResendTimer timer{0};                           // set from options in the constructor
    uint64_t acked = 0;                             // distinct seqs acked
    uint64_t duplicate_acks = 0;                    // acks with duplicate:true
    uint64_t resends = 0;                           // resend attempts
    bool keep_acks = false;                         // record every AckReply
    std::vector<AckReply> acks;                     // when keep_acks
    std::vector<ErrorReply> errors;                 // every refusal

    /// Hands bytes to ZeroMQ without blocking; false when no connected peer can take it now.
    bool trySend(const std::string& bytes) {
        try {
            auto r = socket.send(zmq::buffer(bytes), zmq::send_flags::dontwait);
            return r.has_value();
        } catch (const zmq::error_t&) {
            return false;
        }
    }

    bool windowFull(const Pending& p) const { return !p.on_wire && in_flight >= options.window; }

    /// Puts p on the wire and starts its resend clock; false when ZeroMQ cannot take it now.
    bool put(uint64_t seq, Pending& p) {
        if (!trySend(p.bytes)) return false;
        if (!p.on_wire) {
            p.on_wire = true;
            ++in_flight;
        }
        p.sent_at = Clock::now();
        sent_order.push_back({seq, p.sent_at});
        return true;
    }

    /// First send or resend. Waits in `unsent`, in order, while the window is
    /// full, no console is connected (ZMQ_IMMEDIATE) or the pipe is full.
    void transmit(uint64_t seq, Pending& p) {
        if (!unsent.empty() || windowFull(p) || !put(seq, p)) unsent.push_back(seq);
    }

    void retryUnsent() {
        while (!unsent.empty()) {
            auto it = pending.find(unsent.front());
            if (it != pending.end()) {
                if (windowFull(it->second) || !put(it->first, it->second)) return; // keep the order
            }
            unsent.pop_front();
        }
    }

    /// Forgets an answered message; measures its ack latency when it was sent once.
    bool answered(uint64_t seq) {
        auto it = pending.find(seq);
        if (it == pending.end()) return false;
        if (it->second.on_wire) {
            --in_flight;
            if (it->second.resent == 0)
                timer.measured(std::chrono::duration<double, std::milli>(Clock::now() - it->second.sent_at).count());
        }
        pending.erase(it);
        return true;
    }

    void handleReply(std::string_view text) {
        auto reply = protocol::parseReply(text);
        if (!reply) {
            errors.push_back({"bad_reply", "reply is neither an ack nor an error", "", 0, false, std::string(text)});
            return;
        }
        const bool ours = reply->has_seq && reply->source == options.source;
        if (!reply->is_ack) {
            // A refused message would be refused again: stop resending it.
            if (ours) answered(reply->seq);
            errors.push_back({reply->reason, reply->detail, reply->source, reply->seq, reply->has_seq,
                              std::string(text)});
            return;
        }
        if (reply->duplicate) ++duplicate_acks;
        if (ours && answered(reply->seq)) ++acked;
        if (keep_acks) acks.push_back({reply->source, reply->seq, reply->duplicate});
    }

    void resendOverdue() {
        const auto now = Clock::now();
        bool timed_out = false;
        while (!sent_order.empty()) {
            SentMark mark = sent_order.front();
            auto it = pending.find(mark.seq);
            if (it == pending.end() || it->second.sent_at != mark.sent_at) {
                sent_order.pop_front(); // acked or resent since: stale mark
                continue;
            }
            const auto wait = std::chrono::duration<double, std::milli>(timer.timeoutMs(it->second.resent));
            if (now - mark.sent_at < wait) break; // the rest were sent later
            sent_order.pop_front();
            timed_out = true;
            ++resends;
            ++it->second.resent;
            // A resend keeps its place in the window; only a lost connection defers it.
            if (!put(mark.seq, it->second)) {
                unsent.push_front(mark.seq);
                break; // the connection is gone: wait for it
            }
        }
        if (timed_out) timer.timedOut();
    }
};

BackendClient::BackendClient(ClientOptions options) : impl_(std::make_unique<Impl>()) {
    if (options.source.empty()) throw std::invalid_argument("BackendClient: options.source is empty");
    if (options.window == 0) throw std::invalid_argument("BackendClient: options.window is 0");
    impl_->options = std::move(options);
    impl_->next_seq = impl_->options.first_seq;
    impl_->timer = ResendTimer(impl_->options.resend_after_ms);
    impl_->source_json = nlohmann::json(impl_->options.source).dump();
    auto& s = impl_->socket;
    s.set(zmq::sockopt::linger, 0);
    // Queue nothing for a console that is not connected: a dead connection would
    // swallow those messages silently; the resend timer retries instead.
    s.set(zmq::sockopt::immediate, true);
    s.set(zmq::sockopt::sndhwm, impl_->options.high_water_mark);
    s.set(zmq::sockopt::rcvhwm, impl_->options.high_water_mark);
    s.set(zmq::sockopt::reconnect_ivl, 100);
    if (!impl_->options.curve_server_key.empty()) {
        s.set(zmq::sockopt::curve_serverkey, impl_->options.curve_server_key);
        s.set(zmq::sockopt::curve_publickey, impl_->options.curve_public_key);
        s.set(zmq::sockopt::curve_secretkey, impl_->options.curve_secret_key);
    }
    try {
        s.connect(impl_->options.endpoint);
    } catch (const zmq::error_t& e) {
        throw std::runtime_error("BackendClient: cannot connect to " + impl_->options.endpoint + ": " + e.what());
    }
}

BackendClient::~BackendClient() = default;

uint64_t BackendClient::send(std::string_view type, std::string_view body_json) {
    const uint64_t seq = impl_->next_seq;
    std::string env;
    env.reserve(body_json.size() + impl_->options.source.size() + type.size() + 80);
    env += R"({"v":1,"source":)";
    env += impl_->source_json;
    env += R"(,"seq":)";
    env += numberText(seq);
    env += R"(,"ts":)";
    env += std::to_string(nowMs());
    env += R"(,"type":)";
    env += nlohmann::json(std::string(type)).dump();
    env += R"(,"body":)";
    env += body_json;
    env += '}';
    sendEnvelope(seq, std::move(env));
    return seq;
}

bool BackendClient::sendEnvelope(uint64_t seq, std::string envelope_json) {
    auto [it, inserted] = impl_->pending.try_emplace(seq);
    if (!inserted) return false;
    it->second.bytes = std::move(envelope_json);
    if (seq >= impl_->next_seq) impl_->next_seq = seq + 1;
    impl_->transmit(seq, it->second);
    return true;
}

bool BackendClient::sendRaw(std::string_view bytes, int wait_ms) {
    // Blocking send bounded by SNDTIMEO: waits for the connection to come up.
    impl_->socket.set(zmq::sockopt::sndtimeo, wait_ms);
    try {
        return impl_->socket.send(zmq::buffer(bytes), zmq::send_flags::none).has_value();
    } catch (const zmq::error_t&) {
        return false;
    }
}

size_t BackendClient::pump(int timeout_ms) {
    size_t replies = 0;
    zmq::pollitem_t item{impl_->socket.handle(), 0, ZMQ_POLLIN, 0};
    if (zmq::poll(&item, 1, std::chrono::milliseconds(timeout_ms)) > 0) {
        zmq::message_t msg;
        while (impl_->socket.recv(msg, zmq::recv_flags::dontwait)) {
            // A DEALER reply may carry an empty delimiter frame first (REQ-style peers).
            if (msg.size() == 0 && msg.more()) continue;
            impl_->handleReply(msg.to_string_view());
            ++replies;
        }
    }
    impl_->retryUnsent();
    impl_->resendOverdue();
    return replies;
}

bool BackendClient::waitAllAcked(Clock::time_point deadline) {
    while (!impl_->pending.empty()) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) return false;
        pump(static_cast<int>(std::min<int64_t>(left, 50)));
    }
    return true;
}

size_t BackendClient::unacked() const { return impl_->pending.size(); }
uint64_t BackendClient::acked() const { return impl_->acked; }
uint64_t BackendClient::duplicateAcks() const { return impl_->duplicate_acks; }
const std::vector<AckReply>& BackendClient::acks() const { return impl_->acks; }
const std::vector<ErrorReply>& BackendClient::errors() const { return impl_->errors; }
uint64_t BackendClient::resends() const { return impl_->resends; }
size_t BackendClient::inFlight() const { return impl_->in_flight; }
double BackendClient::resendTimeoutMs() const { return impl_->timer.timeoutMs(); }
uint64_t BackendClient::nextSeq() const { return impl_->next_seq; }
void BackendClient::keepAcks(bool keep) { impl_->keep_acks = keep; }
const std::string& BackendClient::source() const { return impl_->options.source; }

} // namespace wall::client
