#include "app/alarm_sound.hpp"

#include <spdlog/spdlog.h>

namespace wall::app {

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
    if (child_.running()) return;  // a sound still playing; shutting down cuts it short
    if (!pending_) return;
    const WarningLevel level = *pending_;
    pending_.reset();
    start(level);
}

void AlarmSound::start(WarningLevel level) {
    const std::vector<std::string> words = splitCommand(rules_.command[levelIndex(level)]);
    if (words.empty()) return;
    std::string why;
    if (!child_.start(words, why)) {
        spdlog::warn("alarm sound: {}", why);
        return;
    }
    ++started_;
}

} // namespace wall::app
