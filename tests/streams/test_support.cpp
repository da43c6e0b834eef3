#include "test_support.hpp"

#include "common/proc_status.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <random>
#include <stdexcept>

#include <spdlog/spdlog.h>

namespace wall::streams::testing {

namespace fs = std::filesystem;

namespace {
/// Stream state changes are logged at info; in tests only warnings matter.
const bool quiet_logs = [] {
    spdlog::set_level(spdlog::level::warn);
    return true;
}();
}  // namespace

TempDir::TempDir() {
    std::random_device random;
    path_ = fs::temp_directory_path() / ("wall-streams-" + std::to_string(getpid()) + "-" + std::to_string(random()));
    fs::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
}

int runCommand(const std::string& command) {
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

fs::path makeClip(const TempDir& dir, const std::string& name, const std::string& size, double seconds,
                  const std::string& codec_args) {
    const fs::path out = dir.path() / name;
    const std::string command = "ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=size=" + size +
                                ":rate=25 -t " + std::to_string(seconds) + " " + codec_args + " '" +
                                out.string() + "'";
    if (runCommand(command) != 0) return {};
    return out;
}

int freeLoopbackPort() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
        close(fd);
        throw std::runtime_error("freeLoopbackPort: bind failed");
    }
    socklen_t len = sizeof(addr);
    getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    close(fd);
    return ntohs(addr.sin_port);
}

bool waitFor(const std::function<bool()>& done, std::chrono::milliseconds limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return done();
}

bool loopbackPortAccepts(int port) {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    const bool accepted = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
    close(fd);
    return accepted;
}

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const std::string& ready_line,
                           std::chrono::milliseconds limit) {
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error("ChildProcess: pipe2 failed");
    pid_ = fork();
    if (pid_ == 0) {
        dup2(pipe_fds[1], STDOUT_FILENO);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execv(args[0], args.data());
        _exit(127);
    }
    close(pipe_fds[1]);
    stdout_fd_ = pipe_fds[0];
    ready_ = ready_line.empty();
    std::string line;
    const auto until = std::chrono::steady_clock::now() + limit;
    while (!ready_ && std::chrono::steady_clock::now() < until) {
        pollfd p{stdout_fd_, POLLIN, 0};
        if (poll(&p, 1, 50) <= 0) continue;
        char c = 0;
        if (read(stdout_fd_, &c, 1) != 1) break;
        if (c == '\n') {
            ready_ = line == ready_line;
            line.clear();
        } else {
            line += c;
        }
    }
}

ChildProcess::~ChildProcess() {
    kill();
    if (stdout_fd_ >= 0) close(stdout_fd_);
}

void ChildProcess::signal(int signal_number) {
    if (pid_ > 0) ::kill(pid_, signal_number);
}

void ChildProcess::kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
}

SilentTcpPeer::SilentTcpPeer(std::string reply) : reply_(std::move(reply)) {
    listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 || listen(listen_fd_, 16) != 0)
        throw std::runtime_error("SilentTcpPeer: bind/listen failed");
    socklen_t len = sizeof(addr);
    getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] {
        std::vector<std::string> pending;  // unanswered bytes per client
        while (!stop_) {
            std::vector<pollfd> fds{{listen_fd_, POLLIN, 0}};
            for (int fd : clients_) fds.push_back({fd, static_cast<short>(reply_.empty() ? 0 : POLLIN), 0});
            if (poll(fds.data(), fds.size(), 50) <= 0) continue;
            if (fds[0].revents & POLLIN) {
                const int client = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
                if (client >= 0) {
                    clients_.push_back(client);
                    pending.emplace_back();
                    ++accepted_;
                }
            }
            for (std::size_t i = 1; i < fds.size(); ++i) {
                if (!(fds[i].revents & POLLIN)) continue;
                char buffer[4096];
                const ssize_t got = read(fds[i].fd, buffer, sizeof(buffer));
                if (got <= 0) continue;
                std::string& text = pending[i - 1];
                text.append(buffer, static_cast<std::size_t>(got));
                for (auto end = text.find("\r\n\r\n"); end != std::string::npos; end = text.find("\r\n\r\n")) {
                    const std::string request = text.substr(0, end);
                    text.erase(0, end + 4);
                    std::string cseq = "1";
                    if (const auto at = request.find("CSeq:"); at != std::string::npos) {
                        const auto line_end = request.find("\r\n", at);
                        cseq = request.substr(at + 5, line_end == std::string::npos ? std::string::npos : line_end - at - 5);
                        cseq.erase(0, cseq.find_first_not_of(' '));
                    }
                    std::string answer = reply_;
                    if (const auto at = answer.find("{cseq}"); at != std::string::npos) answer.replace(at, 6, cseq);
                    (void)!write(fds[i].fd, answer.data(), answer.size());
                }
            }
        }
        for (int fd : clients_) close(fd);
    });
}

SilentTcpPeer::~SilentTcpPeer() {
    stop_ = true;
    thread_.join();
    close(listen_fd_);
}

int threadCount() {
    int n = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator("/proc/self/task")) ++n;
    return n;
}

int openFdCount() {
    int n = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator("/proc/self/fd")) ++n;
    return n;
}

long residentKb() { return wall::testing::procStatusKb("VmRSS"); }

}  // namespace wall::streams::testing
