// CURVE key files, ZeroMQ Z85 text in a small TOML file.
//
//   NAME.key (mode 0600, the secret; the console's or a publisher's own pair):
//       name = "weather-bureau"
//       public = "<40 Z85 characters>"
//       secret = "<40 Z85 characters>"
//   NAME.pub (what the other side gets; in the console's allow-list directory):
//       name = "weather-bureau"
//       public = "<40 Z85 characters>"
//       allow = ["alarm.raise", "alarm.clear"]   # optional: types this key may send; absent = every type
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace wall::auth {

/// A key file that cannot be used; the message names the file and what is wrong.
struct KeyFileError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct KeyPair {
    std::string name;
    std::string public_key;  // Z85, 40 characters
    std::string secret_key;  // Z85, 40 characters
};

/// A publisher's public key as the allow-list holds it.
struct PublicKey {
    std::string name;
    std::string public_key;                          // Z85, 40 characters
    std::optional<std::vector<std::string>> allow;   // permitted message types; nullopt = all
};

/// @brief A fresh CURVE key pair (libzmq's zmq_curve_keypair). Throws KeyFileError when libzmq lacks CURVE.
KeyPair generateKeyPair(const std::string& name);
/// @brief Writes dir/NAME.key (0600, created exclusively: an existing key is never overwritten) and dir/NAME.pub.
/// @return the two paths. Throws KeyFileError.
std::pair<std::filesystem::path, std::filesystem::path> writeKeyFiles(const KeyPair& pair, const std::filesystem::path& dir);
/// @brief Reads a .key file; the public key must match the secret. Throws KeyFileError naming the file.
KeyPair readKeyPair(const std::filesystem::path& file);
/// @brief Reads a .pub file (name defaults to the file's stem). Throws KeyFileError naming the file.
PublicKey readPublicKey(const std::filesystem::path& file);
/// @brief True for 40 characters of the Z85 alphabet that decode to 32 bytes.
bool isZ85Key(const std::string& text);

} // namespace wall::auth
