#include "auth/gatekeeper.hpp"

#include "base/thread_name.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstring>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include <spdlog/spdlog.h>
#include <zmq_addon.hpp>

namespace wall::auth {

const char* toWire(Refusal refusal) {
    constexpr std::array<const char*, kRefusalCount> kNames{"null_mechanism", "wrong_key", "unknown_key", "malformed",
                                                            "zap_unavailable"};
    const auto i = static_cast<size_t>(refusal);
    return i < kNames.size() ? kNames[i] : "unknown";
}

namespace {
constexpr const char* kZapEndpoint = "inproc://zeromq.zap.01";
constexpr const char* kZapDomain = "wallconsole";
constexpr int kPollMs = 100;
// ZMQ_ZAP_ENFORCE_DOMAIN is behind ZMQ_BUILD_DRAFT_API in zmq.h although
// libzmq >= 4.3.0 implements it in every build; its value is fixed.
#ifdef ZMQ_ZAP_ENFORCE_DOMAIN
constexpr int kZapEnforceDomain = ZMQ_ZAP_ENFORCE_DOMAIN;
#else
constexpr int kZapEnforceDomain = 93;
#endif // upper bound on stop latency

/// Logs the first few refusals of each reason, then one in a thousand.
bool shouldLog(uint64_t n) { return n <= 20 || n % 1000 == 0; }
} // namespace

struct Gatekeeper::Impl {
    zmq::context_t& context;
    CurveServerConfig config;
    KeyPair server;
    zmq::socket_t zap;                    // the ZAP thread's once started
    std::string monitor_endpoint;
    std::atomic<bool> crash{false};
    std::jthread zap_thread;              // stopped and joined by ~Gatekeeper, before the sockets it polls close
    std::jthread monitor_thread;          // likewise
    zmq::socket_t monitor;                // PAIR end of the secured socket's monitor, connected in secure(); the monitor thread's

    mutable std::mutex mutex;
    std::shared_ptr<const AllowList> allow;   // guarded by mutex
    RefusalCounts refused{};                  // guarded by mutex
    std::string fault;                        // guarded by mutex
    uint64_t reloads = 0;                     // guarded by mutex

    Impl(zmq::context_t& c, const CurveServerConfig& cfg) : context(c), config(cfg) {}

    void count(Refusal why, const std::string& detail) {
        uint64_t n;
        {
            std::lock_guard lock(mutex);
            n = ++refused[static_cast<int>(why)];
        }
        if (shouldLog(n)) spdlog::warn("auth: refused a connection ({}): {} (#{} of this reason)", toWire(why), detail, n);
    }

    void loadAllowList(const char* what) {
        std::vector<std::string> problems;
        auto list = std::make_shared<const AllowList>(AllowList::load(config.allow_dir, problems));
        for (const auto& p : problems) spdlog::error("auth: allow-list: {}", p);
        spdlog::info("auth: {} allow-list {}: {} key(s)", what, config.allow_dir, list->size());
        std::lock_guard lock(mutex);
        allow = std::move(list);
        ++reloads;
    }

    std::shared_ptr<const AllowList> allowList() const {
        std::lock_guard lock(mutex);
        return allow;
    }

    void answer(std::vector<zmq::message_t>& request) {
        // RFC 27: version, request id, domain, address, routing id, mechanism, credentials...
        const std::string request_id = request.size() > 1 ? request[1].to_string() : "";
        auto reply = [&](const char* status, const std::string& text, const std::string& user_id) {
            std::array<zmq::const_buffer, 6> frames{zmq::str_buffer("1.0"), zmq::buffer(request_id), zmq::buffer(std::string_view(status)),
                                                    zmq::buffer(text), zmq::buffer(user_id), zmq::const_buffer()};
            zmq::send_multipart(zap, frames);
        };
        if (request.size() < 6 || request[0].to_string_view() != "1.0") {
            count(Refusal::Malformed, "malformed ZAP request");
            reply("500", "malformed ZAP request", "");
            return;
        }
        const std::string address = request[3].to_string();
        const std::string mechanism = request[5].to_string();
        if (mechanism != "CURVE") {
            count(Refusal::NullMechanism, "peer " + address + " used the " + mechanism + " mechanism, CURVE is required");
            reply("400", "CURVE required", "");
            return;
        }
        if (request.size() < 7 || request[6].size() != 32) {
            count(Refusal::Malformed, "peer " + address + ": CURVE credentials are not a 32-byte key");
            reply("400", "bad credentials", "");
            return;
        }
        std::array<char, 41> z85{};
        zmq_z85_encode(z85.data(), static_cast<const uint8_t*>(request[6].data()), 32);
        const auto list = allowList();
        if (const PublicKey* key = list->byKey(z85.data())) {
            reply("200", "OK", key->name);
            return;
        }
        count(Refusal::UnknownKey, "peer " + address + " key " + z85.data() + " is not in " + config.allow_dir);
        reply("400", "key not in the allow-list", "");
    }

    void runZap(std::stop_token stop) {
        nameThisThread("zap");
        std::string stamp = directoryStamp(config.allow_dir);
        auto next_check = std::chrono::steady_clock::now() + std::chrono::milliseconds(config.reload_check_ms);
        try {
            std::vector<zmq::message_t> request;
            while (!stop.stop_requested()) {
                if (crash) throw std::runtime_error("crash requested by a test");
                zmq::pollitem_t item{zap.handle(), 0, ZMQ_POLLIN, 0};
                zmq::poll(&item, 1, std::chrono::milliseconds(kPollMs));
                if (item.revents & ZMQ_POLLIN) {
                    request.clear();
                    if (zmq::recv_multipart(zap, std::back_inserter(request), zmq::recv_flags::dontwait)) answer(request);
                }
                if (std::chrono::steady_clock::now() >= next_check) {
                    next_check = std::chrono::steady_clock::now() + std::chrono::milliseconds(config.reload_check_ms);
                    if (std::string now = directoryStamp(config.allow_dir); now != stamp) {
                        stamp = std::move(now);
                        loadAllowList("reloaded");
                    }
                }
            }
        } catch (const std::exception& e) {
            const std::string why = std::string("ZAP handler stopped (") + e.what() +
                                    "): every new connection is refused until the console restarts";
            spdlog::error("auth: {}", why);
            std::lock_guard lock(mutex);
            fault = why;
        }
        zap.close(); // unbinds inproc://zeromq.zap.01: libzmq now refuses new peers (ZAP enforced)
    }

    Refusal classify(uint16_t event, uint32_t value) const {
        if (event == ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL) {
            if (value == ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH) return Refusal::NullMechanism;
            if (value == ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC) return Refusal::WrongKey;
            if ((value & 0xF0000000u) == ZMQ_PROTOCOL_ERROR_ZAP_UNSPECIFIED) return Refusal::ZapUnavailable;
            return Refusal::Malformed;
        }
        std::lock_guard lock(mutex);
        return fault.empty() ? Refusal::Malformed : Refusal::ZapUnavailable;
    }

    /// Connections by fd from ACCEPTED until their handshake outcome is known.
    /// libzmq emits a handshake failure and its DISCONNECTED back to back on
    /// one I/O thread; a peer that sends bytes that are not ZMTP at all (or ZMTP
    /// 1.0, refused under ZAP) is closed with no handshake event, so a
    /// DISCONNECTED of a still-pending fd is counted as malformed. Successes
    /// name no fd: each settles the oldest pending connection (exact unless
    /// several handshakes overlap, which can move one count between fds).
    std::deque<int> pending;
    bool last_was_failure = false;

    void track(uint16_t id, uint32_t value, const std::string& endpoint) {
        const int fd = static_cast<int>(value);
        switch (id) {
        case ZMQ_EVENT_ACCEPTED: pending.push_back(fd); break;
        case ZMQ_EVENT_HANDSHAKE_SUCCEEDED:
            if (!pending.empty()) pending.pop_front();
            break;
        case ZMQ_EVENT_DISCONNECTED:
            if (auto it = std::find(pending.begin(), pending.end(), fd); it != pending.end()) {
                pending.erase(it);
                if (!last_was_failure) count(Refusal::Malformed, "peer on " + endpoint + " closed before a handshake (not ZMTP 3 with CURVE)");
            }
            break;
        case ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL:
        case ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL:
            count(classify(id, value), "handshake failed on " + endpoint + " (event " + std::to_string(id) + ", code " +
                                           std::to_string(value) + ")");
            break;
        default: break; // HANDSHAKE_FAILED_AUTH: the ZAP handler's own refusal, counted there
        }
        last_was_failure = id == ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL || id == ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL ||
                           id == ZMQ_EVENT_HANDSHAKE_FAILED_AUTH;
    }

    void runMonitor(std::stop_token stop) {
        nameThisThread("zap-monitor");
        std::vector<zmq::message_t> event;
        while (!stop.stop_requested()) {
            zmq::pollitem_t item{monitor.handle(), 0, ZMQ_POLLIN, 0};
            zmq::poll(&item, 1, std::chrono::milliseconds(kPollMs));
            if (!(item.revents & ZMQ_POLLIN)) continue;
            // Frame 1: event id (2 bytes) + value (4 bytes); frame 2: the socket's endpoint.
            event.clear();
            if (!zmq::recv_multipart(monitor, std::back_inserter(event), zmq::recv_flags::dontwait) || event.size() < 2 ||
                event[0].size() < 6)
                continue;
            uint16_t id;
            uint32_t value;
            std::memcpy(&id, event[0].data(), 2);
            std::memcpy(&value, static_cast<const char*>(event[0].data()) + 2, 4);
            track(id, value, event[1].to_string());
        }
    }
};

Gatekeeper::Gatekeeper(zmq::context_t& context, const CurveServerConfig& config)
    : impl_(std::make_unique<Impl>(context, config)) {
    Impl& m = *impl_;
    m.server = readKeyPair(config.secret_key_file);
    m.loadAllowList("loaded");
    m.zap = zmq::socket_t(context, zmq::socket_type::rep);
    m.zap.set(zmq::sockopt::linger, 0);
    try {
        m.zap.bind(kZapEndpoint);
    } catch (const zmq::error_t& e) {
        throw std::runtime_error(std::string("auth: cannot bind the ZAP handler to ") + kZapEndpoint + ": " + e.what());
    }
    m.monitor_endpoint = "inproc://wall-auth-monitor-" + std::to_string(reinterpret_cast<uintptr_t>(this));
    m.zap_thread = std::jthread([&m](std::stop_token stop) { m.runZap(stop); });
}

// Not left to std::jthread's destructors: Impl's sockets are members declared after the
// threads, so they would close while a thread still polls them. Both stop before either joins.
Gatekeeper::~Gatekeeper() {
    impl_->zap_thread.request_stop();
    impl_->monitor_thread.request_stop();
    if (impl_->zap_thread.joinable()) impl_->zap_thread.join();
    if (impl_->monitor_thread.joinable()) impl_->monitor_thread.join();
}

void Gatekeeper::secure(zmq::socket_t& socket) {
    Impl& m = *impl_;
    if (m.monitor_thread.joinable()) throw std::logic_error("Gatekeeper::secure: one socket per gatekeeper");
    socket.set(zmq::sockopt::curve_server, true);
    socket.set(zmq::sockopt::curve_secretkey, m.server.secret_key);
    socket.set(zmq::sockopt::zap_domain, kZapDomain);
    // Without ZAP_ENFORCE_DOMAIN libzmq lets every CURVE peer in when no ZAP
    // handler answers (the "Stonehouse" legacy mode): refuse to run without it.
    const int enforce = 1;
    if (zmq_setsockopt(socket.handle(), kZapEnforceDomain, &enforce, sizeof enforce) != 0)
        throw std::runtime_error("auth: this libzmq cannot enforce ZAP (ZMQ_ZAP_ENFORCE_DOMAIN: " +
                                 std::string(zmq_strerror(zmq_errno())) + "); refusing to run CURVE that could fall back to open");
    const int events = ZMQ_EVENT_ACCEPTED | ZMQ_EVENT_DISCONNECTED | ZMQ_EVENT_HANDSHAKE_SUCCEEDED |
                       ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL | ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL | ZMQ_EVENT_HANDSHAKE_FAILED_AUTH;
    if (zmq_socket_monitor(socket.handle(), m.monitor_endpoint.c_str(), events) != 0)
        throw std::runtime_error("auth: cannot monitor the socket's handshakes: " + std::string(zmq_strerror(zmq_errno())));
    m.monitor = zmq::socket_t(m.context, zmq::socket_type::pair);
    m.monitor.set(zmq::sockopt::linger, 0);
    m.monitor.connect(m.monitor_endpoint);
    m.monitor_thread = std::jthread([&m](std::stop_token stop) { m.runMonitor(stop); });
}

std::optional<std::string> Gatekeeper::refuse(const std::string& user_id, const std::string& type) const {
    const auto list = impl_->allowList();
    const PublicKey* key = list->byName(user_id);
    if (!key) return "key \"" + user_id + "\" is no longer in the allow-list; it may not send " + type;
    if (permits(*key, type)) return std::nullopt;
    std::string allowed;
    for (const auto& t : *key->allow) allowed += (allowed.empty() ? "" : ", ") + t;
    return "key \"" + user_id + "\" may not send " + type + " (allowed: " + (allowed.empty() ? "nothing" : allowed) + ")";
}

RefusalCounts Gatekeeper::refusals() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->refused;
}

std::string Gatekeeper::fault() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->fault;
}

size_t Gatekeeper::allowedKeys() const { return impl_->allowList()->size(); }

uint64_t Gatekeeper::reloads() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->reloads;
}

const std::string& Gatekeeper::publicKey() const { return impl_->server.public_key; }

void Gatekeeper::crashZapHandlerForTest() { impl_->crash = true; }

} // namespace wall::auth
