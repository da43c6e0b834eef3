#include "app/alarm_sound.hpp"

#include <spdlog/spdlog.h>

#include <cerrno>
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

AlarmSound::~AlarmSound() {
    if (child_ <= 0) return;
    // Shutting down: a sound still playing is cut short, and reaped.
    kill(child_, SIGTERM);
    waitpid(child_, nullptr, 0);
}

void AlarmSound::onActivations(const std::vector<Activation>& fresh, const std::array<bool, kWarningLevelCount>& muted) {
    std::optional<WarningLevel> loudest;
    for (const Activation& a : fresh) {
        const int i = levelIndex(a.level);
        if (a.chattering || muted[i] || rules_.command[i].empty()) continue;
        if (!loudest || a.level < *loudest) loudest = a.level;
    }
    if (!loudest) return;
    if (!pending_ || *loudest < *pending_) pending_ = loudest;
    poll();
}

void AlarmSound::poll() {
    if (child_ > 0) {
        const pid_t done = waitpid(child_, nullptr, WNOHANG);
        if (done == 0) return; // still playing
        child_ = -1;           // reaped (or lost: ECHILD)
    }
    if (!pending_) return;
    const WarningLevel level = *pending_;
    pending_.reset();
    start(level);
}

void AlarmSound::start(WarningLevel level) {
    const std::vector<std::string> words = splitCommand(rules_.command[levelIndex(level)]);
    if (words.empty()) return;
    std::vector<char*> argv;
    for (const std::string& w : words) argv.push_back(const_cast<char*>(w.c_str()));
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int err = posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ);
    if (err != 0) {
        spdlog::warn("alarm sound: cannot start '{}': {}", words[0], std::strerror(err));
        return;
    }
    child_ = pid;
    ++started_;
}

} // namespace wall::app
