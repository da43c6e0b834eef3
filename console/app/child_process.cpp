#include "app/child_process.hpp"

#include <csignal>
#include <cstring>
#include <spawn.h>
#include <sstream>
#include <sys/wait.h>

extern char** environ;

namespace wall::app {

std::vector<std::string> splitCommand(const std::string& command) {
    std::vector<std::string> argv;
    std::istringstream in(command);
    for (std::string word; in >> word;) argv.push_back(word);
    return argv;
}

ChildProcess::~ChildProcess() {
    if (pid_ <= 0 || !end_on_exit_) return;
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
}

bool ChildProcess::start(const std::vector<std::string>& words, std::string& why) {
    if (words.empty()) {
        why = "no program given";
        return false;
    }
    std::vector<char*> argv;
    for (const std::string& w : words) argv.push_back(const_cast<char*>(w.c_str()));
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int err = posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ);
    if (err != 0) {
        why = "cannot start '" + words[0] + "': " + std::strerror(err);
        return false;
    }
    pid_ = pid;
    return true;
}

bool ChildProcess::running() {
    if (pid_ <= 0) return false;
    if (waitpid(pid_, nullptr, WNOHANG) == 0) return true;
    pid_ = -1;  // reaped (or lost: ECHILD)
    return false;
}

} // namespace wall::app
