// Plain settings and counters of the console's CURVE authentication, free of
// ZeroMQ so that ingest and app headers can carry them.
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace wall::auth {

/// CURVE on the ingest ROUTER. Off when secret_key_file is empty.
struct CurveServerConfig {
    std::string secret_key_file;  // the console's key pair (a .key file written by `wallctl keygen`)
    std::string allow_dir;        // directory of publisher .pub files; re-read when a file changes
    int reload_check_ms = 1000;   // how often the directory's file times are compared
    bool enabled() const { return !secret_key_file.empty(); }
};

/// Why a connection was refused before any of its messages reached the console.
enum class Refusal : uint8_t {
    NullMechanism,   // "null_mechanism": the peer did not speak CURVE (no key)
    WrongKey,        // "wrong_key": CURVE handshake failed to decrypt (wrong server key, forged box)
    UnknownKey,      // "unknown_key": a valid CURVE key that is not in the allow-list
    Malformed,       // "malformed": not a ZMTP handshake at all (raw bytes, bad commands)
    ZapUnavailable,  // "zap_unavailable": the ZAP handler is gone, so every new peer is refused
    Count
};
constexpr int kRefusalCount = static_cast<int>(Refusal::Count);
/// @brief The wire/diagnostics name, e.g. "unknown_key".
const char* toWire(Refusal refusal);

using RefusalCounts = std::array<uint64_t, kRefusalCount>;

} // namespace wall::auth
