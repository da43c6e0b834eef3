// The Gatekeeper: CURVE authentication of one ZeroMQ context's server sockets.
//
// Two threads, both in the context the secured sockets live in (ZAP is
// per-context: libzmq asks inproc://zeromq.zap.01 of the socket's own context):
//   "zap"          REP bound to inproc://zeromq.zap.01 (RFC 27). Accepts a CURVE
//                  client whose public key is in the allow-list directory and
//                  sets the connection's User-Id to the key's name; refuses
//                  anything else. Compares the directory's file times every
//                  reload_check_ms and re-reads it on change (no restart, no signal).
//   "zap-monitor"  reads the secured sockets' monitor events and counts the
//                  handshakes that failed before ZAP (no key, wrong key, garbage,
//                  ZAP gone), so every refusal is counted by reason.
// secure() sets ZMQ_ZAP_ENFORCE_DOMAIN with a domain on the socket, so when the
// ZAP thread is gone libzmq refuses every new peer instead of letting it in
// unauthenticated: the console never falls back to open. fault() then says so.
#pragma once

#include "auth/allow_list.hpp"
#include "auth/auth_config.hpp"
#include "auth/key_file.hpp"

#include <memory>
#include <optional>
#include <string>

#include <zmq.hpp>

namespace wall::auth {

class Gatekeeper {
public:
    /// @brief Reads the console's key pair and the allow-list and starts both threads.
    /// Throws KeyFileError (unreadable key pair) or std::runtime_error (ZAP endpoint taken).
    Gatekeeper(zmq::context_t& context, const CurveServerConfig& config);
    ~Gatekeeper();
    Gatekeeper(const Gatekeeper&) = delete;
    Gatekeeper& operator=(const Gatekeeper&) = delete;

    /// @brief Makes socket a CURVE server under this ZAP handler and watches its handshakes. Call before bind.
    void secure(zmq::socket_t& socket);

    /// @brief nullopt when the peer named user_id (its ZMQ User-Id) may send type;
    /// else a reason naming the key and the type (key not permitted it, or no longer listed).
    std::optional<std::string> refuse(const std::string& user_id, const std::string& type) const;

    /// @brief Refused connections by reason since start.
    RefusalCounts refusals() const;
    /// @brief Empty while the ZAP handler runs; why it stopped (new peers are refused) once it died.
    std::string fault() const;
    /// @brief Keys in the allow-list now, and how many times the directory was re-read.
    size_t allowedKeys() const;
    uint64_t reloads() const;
    /// @brief The console's public key (Z85): what publishers pin as the server key.
    const std::string& publicKey() const;

    /// @brief Tests: make the ZAP thread fail as an unexpected exception would.
    void crashZapHandlerForTest();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace wall::auth
