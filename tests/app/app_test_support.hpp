// What the end-to-end app tests share: a journal pre-written with a scene
// (the console recovers it on start, as after a restart) and pixel probes
// of the PNG the console wrote.
#pragma once

#include "base/clock.hpp"
#include "journal/journal.hpp"
#include "layouts/layout.hpp"
#include "model/model.hpp"
#include "render/rgba_image.hpp"

#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <string>

namespace wall::test {

#define REQUIRE_DISPLAY()                                                                            \
    if (!haveDisplay()) GTEST_SKIP() << "no DISPLAY: run under xvfb-run (scripts/test does this)"

/// Writes events into a journal file the console will recover on start.
class JournalWriter {
public:
    explicit JournalWriter(const std::filesystem::path& path) : journal_(path.string()) {}

    /// @brief Journals one event, as `source` with the next seq, received at `recv_ms` (0 = now).
    void add(const EventBody& body, const std::string& source = "monitor-platform", TimeMs recv_ms = 0);
    /// @brief Journals an alarm.raise of a rain alarm in `township`.
    void alarm(const std::string& id, WarningLevel level, const std::string& title, const std::string& township);

private:
    journal::Journal journal_;
    uint64_t seq_ = 0;
};

/// @brief Pixels in `rect` (output coordinates) within `tol` of `rgb` on every channel.
int countColor(const render::RgbaImage& img, layouts::PixelRect rect, std::array<int, 3> rgb, int tol = 10);

/// @brief The output rect of a layout region (its canvas top-left mapped through the bezel cut).
layouts::PixelRect outputRectOf(const layouts::WallSpec& wall, const layouts::Region& region);

inline constexpr std::array<int, 3> kRed = {0xE6, 0x00, 0x12};  // levelFill(Red), console/panels/wall_style.hpp
inline constexpr std::array<int, 3> kClear = {9, 11, 15};       // WallCanvas's clear colour

} // namespace wall::test
