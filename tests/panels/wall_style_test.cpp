// Warning colours in the national order (红橙黄蓝), ImGui colour packing, and
// text that stays readable on each fill: read from metres away, so checked here.
#include "panels/wall_style.hpp"

#include <gtest/gtest.h>

namespace wall::panels {
namespace {

TEST(WarningColors, FourLevelsInNationalOrder) {
    EXPECT_EQ(levelFill(WarningLevel::Red).hex, 0xE60012u);
    EXPECT_EQ(levelFill(WarningLevel::Orange).hex, 0xFF7F00u);
    EXPECT_EQ(levelFill(WarningLevel::Yellow).hex, 0xFFD700u);
    EXPECT_EQ(levelFill(WarningLevel::Blue).hex, 0x0070C0u);
    EXPECT_EQ(static_cast<int>(WarningLevel::Red), 1);  // level I is the most severe
    EXPECT_STREQ(levelNumeral(WarningLevel::Blue), "\u2163");
}

TEST(WarningColors, ImU32PackingIsAbgr) {
    EXPECT_EQ(Rgb{0xE60012}.imU32(), 0xFF1200E6u);
    EXPECT_EQ(Rgb{0x0070C0}.imU32(0x80), 0x80C07000u);
    // Readable text on fills: dark on yellow, light on red.
    EXPECT_EQ(levelTextOnFill(WarningLevel::Yellow).hex, 0x000000u);
    EXPECT_EQ(levelTextOnFill(WarningLevel::Red).hex, 0xFFFFFFu);
    EXPECT_NE(levelTextOnDark(WarningLevel::Blue).hex, levelFill(WarningLevel::Blue).hex);
}

TEST(WarningColors, PanelsDrawTheSameColours) {
    EXPECT_EQ(levelColor(WarningLevel::Red), levelFill(WarningLevel::Red).imU32());
    EXPECT_EQ(levelColor(WarningLevel::Blue, 0.5f), levelFill(WarningLevel::Blue).imU32(0x80));
    EXPECT_EQ(levelTextColor(WarningLevel::Orange), levelTextOnFill(WarningLevel::Orange).imU32());
}

}  // namespace
}  // namespace wall::panels
