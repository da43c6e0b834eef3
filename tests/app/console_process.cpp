#include "console_process.hpp"

#include "render/png_file.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>

namespace wall::test {

TempDir::TempDir() {
    std::random_device rd;
    path = std::filesystem::temp_directory_path() / ("wallconsole-app-test-" + std::to_string(rd()));
    std::filesystem::create_directories(path);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
}

int freePort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

bool haveDisplay() {
    const char* d = std::getenv("DISPLAY");
    return d && *d;
}

namespace {
std::string shellQuote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}
} // namespace

ConsoleRun runConsole(const TempDir& dir, const std::vector<std::string>& args) {
    const auto shot = dir.path / "shot.png";
    const auto stats = dir.path / "stats.json";
    const auto log = dir.path / "console.log";
    std::filesystem::remove(shot);
    std::filesystem::remove(stats);
    std::string cmd = shellQuote(WALLCONSOLE_BIN) + " --headless --unpaced";
    bool has_journal = false, has_router = false;
    for (const std::string& a : args) {
        cmd += " " + shellQuote(a);
        has_journal |= a == "--journal";
        has_router |= a == "--router";
    }
    if (!has_journal) cmd += " --journal " + shellQuote((dir.path / "journal.db").string());
    if (!has_router) cmd += " --router tcp://127.0.0.1:" + std::to_string(freePort());
    cmd += " --pub tcp://127.0.0.1:" + std::to_string(freePort());
    cmd += " --screenshot " + shellQuote(shot.string()) + " --stats " + shellQuote(stats.string());
    cmd += " > " + shellQuote(log.string()) + " 2>&1";
    ConsoleRun run;
    const int status = std::system(cmd.c_str());
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream lf(log);
    run.log.assign(std::istreambuf_iterator<char>(lf), {});
    if (std::filesystem::exists(shot)) run.screenshot = render::readPng(shot);
    if (std::ifstream sf(stats); sf) run.stats = nlohmann::json::parse(sf, nullptr, false);
    return run;
}

} // namespace wall::test
