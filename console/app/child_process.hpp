// One program started by the wall and not waited for: the frame loop asks
// whether it still runs (reaping it when it ended) and never blocks on it.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace wall::app {

class ChildProcess {
public:
    ChildProcess() = default;
    /// @brief A child still running is ended (SIGTERM) and reaped; `end_on_exit` false leaves it running.
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    /// @brief Starts argv (argv[0] looked up in PATH unless it has a slash); false with `why` when it cannot start.
    bool start(const std::vector<std::string>& argv, std::string& why);
    /// @brief True while it runs; reaps it once it ended. Never blocks.
    bool running();
    /// @brief Whether the destructor ends a child that still runs (default: yes).
    void setEndOnExit(bool end) { end_on_exit_ = end; }

private:
    pid_t pid_ = -1;            // the running child, -1 when none
    bool end_on_exit_ = true;
};

/// @brief Splits a command line on spaces (no quoting: the rules file names a program and plain arguments).
std::vector<std::string> splitCommand(const std::string& command);

} // namespace wall::app
