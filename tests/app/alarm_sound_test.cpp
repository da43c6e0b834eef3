// The alarm sound runs the level's configured command for a new activation —
// for real, as a child process — and stays silent for muted levels and for a
// chattering alarm. The command here is `touch FILE`, so the test can see it ran.
#include "app/alarm_sound.hpp"

#include "console_process.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

namespace wall::test {
namespace {

/// Polls until the sound's command has finished (or 5 s passed).
void waitQuiet(app::AlarmSound& sound) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    do {
        sound.poll();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    } while (sound.playing() && std::chrono::steady_clock::now() < end);
}

Activation activation(const std::string& id, WarningLevel level, bool chattering = false) {
    Activation a;
    a.id = id;
    a.level = level;
    a.chattering = chattering;
    return a;
}

TEST(AlarmSound, RunsTheLevelsCommandUnlessMutedOrChattering) {
    TempDir dir;
    const auto red_file = dir.path / "red-played";
    const auto orange_file = dir.path / "orange-played";
    SoundRules rules;
    rules.command[levelIndex(WarningLevel::Red)] = "touch " + red_file.string();
    rules.command[levelIndex(WarningLevel::Orange)] = "touch " + orange_file.string();
    app::AlarmSound sound(rules);
    std::array<bool, kWarningLevelCount> muted{};

    sound.onActivations({activation("chatty", WarningLevel::Red, /*chattering=*/true)}, muted);
    waitQuiet(sound);
    EXPECT_FALSE(std::filesystem::exists(red_file)) << "a chattering alarm must not ring";

    muted[levelIndex(WarningLevel::Orange)] = true;
    sound.onActivations({activation("o1", WarningLevel::Orange)}, muted);
    waitQuiet(sound);
    EXPECT_FALSE(std::filesystem::exists(orange_file)) << "orange is muted";

    sound.onActivations({activation("r1", WarningLevel::Red)}, muted);
    waitQuiet(sound);
    EXPECT_TRUE(std::filesystem::exists(red_file));
    EXPECT_EQ(sound.started(), 1);

    // Blue has no command: silent, nothing started.
    sound.onActivations({activation("b1", WarningLevel::Blue)}, muted);
    waitQuiet(sound);
    EXPECT_EQ(sound.started(), 1);
}

} // namespace
} // namespace wall::test
