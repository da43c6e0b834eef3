#pragma once
// Shared fixtures of streams_tests: temp dirs, clips made with the ffmpeg CLI,
// child processes (the RTSP and RTMP servers), free loopback ports, a silent TCP peer,
// and a poll-until helper (waits have generous bounds; they are not timings).

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace wall::streams::testing {

/// A directory removed with everything in it when the object dies.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    /// @brief The directory.
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;  ///< created under the system temp dir
};

/// @brief Runs a shell command; returns its exit status.
int runCommand(const std::string& command);

/// @brief Makes a clip with the ffmpeg CLI: lavfi testsrc2 at `size` for `seconds`, extra `codec_args`.
/// Returns the path, or an empty path when ffmpeg failed.
std::filesystem::path makeClip(const TempDir& dir, const std::string& name, const std::string& size,
                               double seconds, const std::string& codec_args);

/// @brief A loopback TCP port that was free a moment ago.
int freeLoopbackPort();

/// @brief Polls `done` every 20 ms until it holds or `limit` passes; returns its last value.
bool waitFor(const std::function<bool()>& done, std::chrono::milliseconds limit);

/// @brief True when a TCP connect to 127.0.0.1:`port` succeeds now (for servers that print no ready line).
bool loopbackPortAccepts(int port);

/// A child process started with argv; killed (SIGKILL) and reaped on destruction.
class ChildProcess {
public:
    /// @brief Starts argv and waits up to `limit` for a line equal to `ready_line` on its stdout.
    /// An empty `ready_line` waits for nothing (ready() is true at once; e.g. poll loopbackPortAccepts).
    ChildProcess(const std::vector<std::string>& argv, const std::string& ready_line, std::chrono::milliseconds limit);
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;
    /// @brief True when the ready line was seen.
    bool ready() const { return ready_; }
    /// @brief SIGKILL and reap now.
    void kill();
    /// @brief Sends `signal_number` (e.g. SIGSTOP to freeze a server without closing its sockets).
    void signal(int signal_number);

private:
    pid_t pid_ = -1;      ///< child pid, -1 once reaped
    int stdout_fd_ = -1;  ///< read end of the child's stdout
    bool ready_ = false;  ///< ready line seen
};

/// A TCP server on 127.0.0.1 that accepts connections and keeps them open.
/// With an empty `reply` it never sends a byte (a stalled peer). Otherwise it
/// answers every request (a block ending in a blank line) with `reply`, where
/// "{cseq}" becomes the request's CSeq (RTSP) — enough to play a camera that
/// refuses.
class SilentTcpPeer {
public:
    explicit SilentTcpPeer(std::string reply = {});
    ~SilentTcpPeer();
    SilentTcpPeer(const SilentTcpPeer&) = delete;
    SilentTcpPeer& operator=(const SilentTcpPeer&) = delete;
    /// @brief The port it listens on.
    int port() const { return port_; }
    /// @brief Connections accepted so far.
    int accepted() const { return accepted_.load(); }

private:
    int listen_fd_ = -1;              ///< listening socket
    int port_ = 0;                    ///< its port
    std::atomic<bool> stop_{false};   ///< ends the accept thread
    std::atomic<int> accepted_{0};    ///< accepted connections
    std::string reply_;               ///< bytes sent on accept
    std::vector<int> clients_;        ///< accepted sockets, held open silently (accept thread only)
    std::thread thread_;              ///< accept loop
};

/// @brief Threads of this process (/proc/self/task).
int threadCount();
/// @brief Open file descriptors of this process (/proc/self/fd).
int openFdCount();
/// @brief Resident set size in kB (/proc/self/status VmRSS).
long residentKb();

}  // namespace wall::streams::testing
