#include "console_process.hpp"

#include "render/png_file.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

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

namespace {
/// The shell command of a headless run in dir, its files named after dir.
std::string consoleCommand(const TempDir& dir, const std::vector<std::string>& args, bool unpaced) {
    const auto shot = dir.path / "shot.png";
    const auto stats = dir.path / "stats.json";
    const auto log = dir.path / "console.log";
    std::filesystem::remove(shot);
    std::filesystem::remove(stats);
    // The centre's own rules file is looked up under XDG_CONFIG_HOME: never a developer's.
    std::string cmd = "env XDG_CONFIG_HOME=" + shellQuote((dir.path / "config").string()) + " " +
                      shellQuote(WALLCONSOLE_BIN) + " --headless" + (unpaced ? " --unpaced" : "");
    bool has_journal = false, has_router = false, has_pub = false;
    for (const std::string& a : args) {
        cmd += " " + shellQuote(a);
        has_journal |= a == "--journal";
        has_router |= a == "--router";
        has_pub |= a == "--pub";
    }
    if (!has_journal) cmd += " --journal " + shellQuote((dir.path / "journal.db").string());
    if (!has_router) cmd += " --router tcp://127.0.0.1:" + std::to_string(freePort());
    if (!has_pub) cmd += " --pub tcp://127.0.0.1:" + std::to_string(freePort());
    cmd += " --screenshot " + shellQuote(shot.string()) + " --stats " + shellQuote(stats.string());
    cmd += " > " + shellQuote(log.string()) + " 2>&1";
    return cmd;
}

ConsoleRun collectRun(const TempDir& dir, int status) {
    ConsoleRun run;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream lf(dir.path / "console.log");
    run.log.assign(std::istreambuf_iterator<char>(lf), {});
    if (std::filesystem::exists(dir.path / "shot.png")) run.screenshot = render::readPng(dir.path / "shot.png");
    if (std::ifstream sf(dir.path / "stats.json"); sf) run.stats = nlohmann::json::parse(sf, nullptr, false);
    return run;
}
} // namespace

ConsoleRun runConsole(const TempDir& dir, const std::vector<std::string>& args, bool paced) {
    return collectRun(dir, std::system(consoleCommand(dir, args, !paced).c_str()));
}

ConsoleProcess::ConsoleProcess(const TempDir& dir, const std::vector<std::string>& args) : dir_(dir) {
    // Paced at the wall's refresh: a console that runs beside a client should not take a core for drawing.
    const std::string cmd = "exec " + consoleCommand(dir, args, false);
    pid_ = ::fork();
    if (pid_ == 0) {
        ::execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
}

ConsoleProcess::~ConsoleProcess() {
    if (pid_ > 0) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
    }
}

ConsoleRun ConsoleProcess::stop() {
    int status = 0;
    if (pid_ > 0) {
        ::kill(pid_, SIGTERM);
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
    }
    return collectRun(dir_, status);
}

} // namespace wall::test
