#include "auth/allow_list.hpp"

#include <algorithm>
#include <system_error>

namespace wall::auth {
namespace {
std::vector<std::filesystem::path> publicKeyFiles(const std::filesystem::path& dir, std::error_code& ec) {
    std::vector<std::filesystem::path> files;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".pub") files.push_back(it->path());
    std::sort(files.begin(), files.end());
    return files;
}
} // namespace

AllowList AllowList::load(const std::filesystem::path& dir, std::vector<std::string>& problems) {
    AllowList list;
    std::error_code ec;
    const auto files = publicKeyFiles(dir, ec);
    if (ec) problems.push_back(dir.string() + ": cannot read the allow-list directory: " + ec.message());
    for (const auto& file : files) {
        try {
            PublicKey key = readPublicKey(file);
            if (list.by_key_.count(key.public_key) || list.key_of_.count(key.name)) {
                problems.push_back(file.string() + ": key or name \"" + key.name + "\" is listed twice; this file is ignored");
                continue;
            }
            list.key_of_[key.name] = key.public_key;
            const std::string z85 = key.public_key;
            list.by_key_.emplace(z85, std::move(key));
        } catch (const KeyFileError& e) {
            problems.push_back(std::string(e.what()) + "; this file is ignored");
        }
    }
    return list;
}

const PublicKey* AllowList::byKey(const std::string& z85) const {
    auto it = by_key_.find(z85);
    return it == by_key_.end() ? nullptr : &it->second;
}

const PublicKey* AllowList::byName(const std::string& name) const {
    auto it = key_of_.find(name);
    return it == key_of_.end() ? nullptr : byKey(it->second);
}

std::string directoryStamp(const std::filesystem::path& dir) {
    std::error_code ec;
    std::string stamp;
    for (const auto& file : publicKeyFiles(dir, ec)) {
        std::error_code file_ec;
        const auto time = std::filesystem::last_write_time(file, file_ec).time_since_epoch().count();
        const auto size = std::filesystem::file_size(file, file_ec);
        stamp += file.filename().string() + ':' + std::to_string(time) + ':' + std::to_string(size) + '\n';
    }
    return stamp;
}

bool permits(const PublicKey& key, const std::string& type) {
    if (!key.allow || type == "heartbeat") return true;
    return std::find(key.allow->begin(), key.allow->end(), type) != key.allow->end();
}

} // namespace wall::auth
