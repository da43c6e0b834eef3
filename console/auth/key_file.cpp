#include "auth/key_file.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <unistd.h>

#include <toml++/toml.h>
#include <zmq.h>

namespace wall::auth {
namespace {

std::string quoted(const std::string& s) {
    std::ostringstream out;
    out << toml::value<std::string>(s);
    return out.str();
}

/// Writes text to path, failing when the file exists (never overwrite a key).
void writeNew(const std::filesystem::path& path, const std::string& text, mode_t mode) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) throw KeyFileError(path.string() + ": cannot create: " + std::strerror(errno));
    size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0) {
            const int err = errno;
            ::close(fd);
            throw KeyFileError(path.string() + ": cannot write: " + std::strerror(err));
        }
        done += static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) throw KeyFileError(path.string() + ": cannot sync: " + std::strerror(errno));
}

toml::table parseFile(const std::filesystem::path& file) {
    try {
        return toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
        std::ostringstream why;
        why << file.string() << ":" << e.source().begin.line << ": " << e.description();
        throw KeyFileError(why.str());
    }
}

std::string requireKey(const toml::table& t, const std::filesystem::path& file, const char* member) {
    auto value = t[member].value<std::string>();
    if (!value) throw KeyFileError(file.string() + ": `" + member + "` is missing (40 Z85 characters expected)");
    if (!isZ85Key(*value)) throw KeyFileError(file.string() + ": `" + member + "` is not a 40-character Z85 CURVE key");
    return *value;
}

} // namespace

bool isZ85Key(const std::string& text) {
    if (text.size() != 40) return false;
    std::array<uint8_t, 32> raw{};
    return zmq_z85_decode(raw.data(), text.c_str()) != nullptr;
}

KeyPair generateKeyPair(const std::string& name) {
    std::array<char, 41> pub{}, sec{};
    if (zmq_curve_keypair(pub.data(), sec.data()) != 0)
        throw KeyFileError("libzmq was built without CURVE support (zmq_curve_keypair: " + std::string(zmq_strerror(zmq_errno())) + ")");
    return KeyPair{name, pub.data(), sec.data()};
}

std::pair<std::filesystem::path, std::filesystem::path> writeKeyFiles(const KeyPair& pair, const std::filesystem::path& dir) {
    const auto secret_path = dir / (pair.name + ".key");
    const auto public_path = dir / (pair.name + ".pub");
    if (std::filesystem::exists(public_path)) throw KeyFileError(public_path.string() + ": exists; keys are never overwritten");
    const std::string name_line = "name = " + quoted(pair.name) + "\n";
    writeNew(secret_path,
             "# wallconsole CURVE key pair: SECRET, keep it on this machine only (wallctl keygen)\n" + name_line +
                 "public = " + quoted(pair.public_key) + "\nsecret = " + quoted(pair.secret_key) + "\n",
             0600);
    writeNew(public_path,
             "# wallconsole CURVE public key (wallctl keygen). In the console's allow-list directory, an optional\n"
             "# allow = [\"alarm.raise\", ...] limits the message types this key may send (absent: every type).\n" +
                 name_line + "public = " + quoted(pair.public_key) + "\n",
             0644);
    return {secret_path, public_path};
}

KeyPair readKeyPair(const std::filesystem::path& file) {
    const toml::table t = parseFile(file);
    KeyPair pair;
    pair.name = t["name"].value_or(file.stem().string());
    pair.public_key = requireKey(t, file, "public");
    pair.secret_key = requireKey(t, file, "secret");
    std::array<char, 41> derived{};
    if (zmq_curve_public(derived.data(), pair.secret_key.c_str()) != 0 || pair.public_key != derived.data())
        throw KeyFileError(file.string() + ": `public` does not belong to `secret`");
    return pair;
}

PublicKey readPublicKey(const std::filesystem::path& file) {
    const toml::table t = parseFile(file);
    PublicKey key;
    key.name = t["name"].value_or(file.stem().string());
    if (key.name.empty()) throw KeyFileError(file.string() + ": `name` is empty");
    key.public_key = requireKey(t, file, "public");
    if (const toml::node* allow = t.get("allow")) {
        const toml::array* list = allow->as_array();
        if (!list) throw KeyFileError(file.string() + ": `allow` must be an array of message types");
        key.allow.emplace();
        for (const toml::node& type : *list) {
            auto s = type.value<std::string>();
            if (!s) throw KeyFileError(file.string() + ": `allow` must hold strings (message types such as \"alarm.raise\")");
            key.allow->push_back(*s);
        }
    }
    return key;
}

} // namespace wall::auth
