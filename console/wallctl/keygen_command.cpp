// `wallctl keygen NAME [--dir DIR] [--allow TYPE...]`: writes a CURVE key pair
// as NAME.key (secret, mode 0600) and NAME.pub (public) in DIR (format:
// auth/key_file.hpp, docs/protocol.md section 12). The .pub goes to the other
// side: a publisher's into the console's --allow-dir, the console's to the
// backends, which pin it as the server key. Existing files are never overwritten.
#include "wallctl/commands.hpp"

#include "auth/key_file.hpp"

#include <fstream>
#include <iostream>

namespace wall::wallctl {

Run addKeygenCommand(CLI::App& app) {
    struct Options {
        std::string name;
        std::string dir = ".";
        std::vector<std::string> allow;
    };
    auto options = std::make_shared<Options>();
    CLI::App* sub = app.add_subcommand("keygen", "Write a CURVE key pair: NAME.key (secret, 0600) and NAME.pub (public)");
    sub->add_option("name", options->name, "Key name: the User-Id the console journals for this key's messages")->required();
    sub->add_option("--dir", options->dir, "Directory to write into (created when missing)");
    sub->add_option("--allow", options->allow,
                    "Message types this key may send, written into NAME.pub (repeatable; default: every backend type)");
    return [options]() -> int {
        if (options->name.empty() || options->name.find_first_of("/\\\"") != std::string::npos) {
            std::cerr << "wallctl keygen: the name must be non-empty and contain no / \\ or \"\n";
            return 2;
        }
        try {
            std::filesystem::create_directories(options->dir);
            const auth::KeyPair pair = auth::generateKeyPair(options->name);
            const auto [secret, pub] = auth::writeKeyFiles(pair, options->dir);
            if (!options->allow.empty()) {
                std::ofstream out(pub, std::ios::app);
                out << "allow = [";
                for (size_t i = 0; i < options->allow.size(); ++i) out << (i ? ", " : "") << '"' << options->allow[i] << '"';
                out << "]\n";
                if (!out.flush()) throw auth::KeyFileError(pub.string() + ": cannot write the allow list");
            }
            std::cout << "secret: " << secret.string() << " (keep it private)\npublic: " << pub.string() << "\nkey: " << pair.public_key
                      << "\n";
            return 0;
        } catch (const std::exception& e) {
            std::cerr << "wallctl keygen: " << e.what() << "\n";
            return 1;
        }
    };
}

} // namespace wall::wallctl
