// A console-side test server (ingest_test_server) run as a
// child process with its stdout piped back, so a test can kill -9 it. It
// prints "READY <endpoint>" once bound and "APPLIED <n> HASH <h>" per drain;
// ingest_test_server also prints "RECOVERED HASH <h> ACKED <a> SHELVED <s>" before READY.
#pragma once

#include <chrono>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace wall::test {

class ServerProcess {
public:
    /// @brief Starts program JOURNAL ENDPOINT [extra...] with its stdout piped back.
    ServerProcess(const char* program, const std::string& journal, const std::string& endpoint,
                  const std::vector<std::string>& extra = {}) {
        std::vector<const char*> argv{program, journal.c_str(), endpoint.c_str()};
        for (const std::string& arg : extra) argv.push_back(arg.c_str());
        argv.push_back(nullptr);
        int fds[2];
        if (::pipe(fds) != 0) throw std::runtime_error("pipe() failed");
        pid_ = ::fork();
        if (pid_ < 0) throw std::runtime_error("fork() failed");
        if (pid_ == 0) {
            ::dup2(fds[1], STDOUT_FILENO);
            ::close(fds[0]);
            ::close(fds[1]);
            ::execv(program, const_cast<char* const*>(argv.data()));
            ::_exit(127);
        }
        ::close(fds[1]);
        fd_ = fds[0];
        ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) | O_NONBLOCK);
    }
    ~ServerProcess() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
        if (fd_ >= 0) ::close(fd_);
    }
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    /// @brief Reads whatever the server printed; false at EOF.
    bool readOutput() {
        char buf[65536];
        for (;;) {
            const ssize_t n = ::read(fd_, buf, sizeof buf);
            if (n == 0) return false;
            if (n < 0) return true; // EAGAIN: nothing more now
            pending_.append(buf, static_cast<size_t>(n));
            size_t nl;
            while ((nl = pending_.find('\n')) != std::string::npos) {
                parseLine(pending_.substr(0, nl));
                pending_.erase(0, nl + 1);
            }
        }
    }
    /// @brief Waits (up to 20 s) for READY; returns the bound endpoint, "" when it never came.
    std::string waitReady() {
        using namespace std::chrono_literals;
        const auto end = std::chrono::steady_clock::now() + 20s;
        while (endpoint_.empty() && std::chrono::steady_clock::now() < end) {
            if (!readOutput()) break;
            std::this_thread::sleep_for(5ms);
        }
        return endpoint_;
    }
    /// @brief kill -9, then collects everything it printed before dying.
    void killHard() {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
        pid_ = -1;
        while (readOutput()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    /// @brief SIGTERM and wait; the exit status, or -1 when it did not exit normally.
    int terminate() {
        ::kill(pid_, SIGTERM);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
        while (readOutput()) {}
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    uint64_t applied() const { return applied_; }
    pid_t pid() const { return pid_; }
    uint64_t hash() const { return hash_; }
    /// The RECOVERED line: state hash and acked/shelved alarm counts right after start-up.
    struct Recovered {
        uint64_t hash = 0, acked = 0, shelved = 0;
        bool seen = false;
    };
    const Recovered& recovered() const { return recovered_; }
    /// The last COUNTS line: the backend-message counters.
    struct Counts {
        uint64_t received = 0, accepted = 0, duplicates = 0, rejected = 0, unanswered = 0;
        bool seen = false;
        bool addUp() const { return received == accepted + duplicates + rejected + unanswered; }
    };
    const Counts& counts() const { return counts_; }

private:
    void parseLine(const std::string& line) {
        char ep[256];
        unsigned long long a = 0, h = 0;
        unsigned long long rh = 0, ra = 0, rs = 0;
        if (std::sscanf(line.c_str(), "RECOVERED HASH %llu ACKED %llu SHELVED %llu", &rh, &ra, &rs) == 3)
            recovered_ = {rh, ra, rs, true};
        else if (std::sscanf(line.c_str(), "READY %255s", ep) == 1) endpoint_ = ep;
        else if (std::sscanf(line.c_str(), "APPLIED %llu HASH %llu", &a, &h) == 2) { applied_ = a; hash_ = h; }
        else {
            unsigned long long c[5];
            if (std::sscanf(line.c_str(), "COUNTS %llu %llu %llu %llu %llu", &c[0], &c[1], &c[2], &c[3], &c[4]) == 5)
                counts_ = {c[0], c[1], c[2], c[3], c[4], true};
        }
    }

    pid_t pid_ = -1;
    int fd_ = -1;
    std::string pending_;     // partial line
    std::string endpoint_;    // from READY
    uint64_t applied_ = 0;    // from the last APPLIED line
    uint64_t hash_ = 0;
    Recovered recovered_;     // from RECOVERED
    Counts counts_;           // from the last COUNTS
};

} // namespace wall::test
