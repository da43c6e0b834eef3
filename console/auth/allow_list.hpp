// The allow-list: every NAME.pub file in one directory (key_file.hpp format).
// A file that cannot be read is skipped with a logged problem, never fatal:
// one bad file must not lock every publisher out. Two files with the same
// public key or name: the first in file-name order wins, the other is a problem.
#pragma once

#include "auth/key_file.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace wall::auth {

class AllowList {
public:
    /// @brief Reads every *.pub in dir; problems (unreadable files, repeats) are appended to problems.
    static AllowList load(const std::filesystem::path& dir, std::vector<std::string>& problems);

    /// @brief The entry for a Z85 public key, or nullptr when it is not listed.
    const PublicKey* byKey(const std::string& z85) const;
    /// @brief The entry for a key name (the ZMQ User-Id), or nullptr.
    const PublicKey* byName(const std::string& name) const;
    size_t size() const { return by_key_.size(); }

private:
    std::map<std::string, PublicKey> by_key_;      // Z85 public key → entry
    std::map<std::string, std::string> key_of_;    // name → Z85 public key
};

/// @brief The .pub files of dir with their modification times and sizes, for
/// change detection: two equal stamps mean nothing to reload.
std::string directoryStamp(const std::filesystem::path& dir);

/// @brief Whether a key entry may send a message type (heartbeats always may).
bool permits(const PublicKey& key, const std::string& type);

} // namespace wall::auth
