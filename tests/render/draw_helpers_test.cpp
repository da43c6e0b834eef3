// The small draw helpers panels lean on: warning colours in the national
// order, ImGui colour packing, and blink timing.
#include "render/blink.hpp"
#include "render/warning_colors.hpp"

#include <gtest/gtest.h>

namespace wall::render {
namespace {

TEST(WarningColors, FourLevelsInNationalOrder) {
    EXPECT_EQ(warningFill(WarningLevel::Red).hex, 0xE60012u);
    EXPECT_EQ(warningFill(WarningLevel::Orange).hex, 0xFF7F00u);
    EXPECT_EQ(warningFill(WarningLevel::Yellow).hex, 0xFFD700u);
    EXPECT_EQ(warningFill(WarningLevel::Blue).hex, 0x0070C0u);
    EXPECT_EQ(static_cast<int>(WarningLevel::Red), 1);  // level I is the most severe
    EXPECT_STREQ(warningNumeral(WarningLevel::Blue), "\u2163");
}

TEST(WarningColors, ImU32PackingIsAbgr) {
    EXPECT_EQ(Rgb{0xE60012}.imU32(), 0xFF1200E6u);
    EXPECT_EQ(Rgb{0x0070C0}.imU32(0x80), 0x80C07000u);
    // Readable text on fills: dark on yellow, light on red.
    EXPECT_EQ(warningTextOnFill(WarningLevel::Yellow).hex, 0x000000u);
    EXPECT_EQ(warningTextOnFill(WarningLevel::Red).hex, 0xFFFFFFu);
    EXPECT_NE(warningTextOnDark(WarningLevel::Blue).hex, warningFill(WarningLevel::Blue).hex);
}

TEST(Blink, HalfOnHalfOff) {
    EXPECT_TRUE(blinkOn(0.1));
    EXPECT_FALSE(blinkOn(0.6));
    EXPECT_TRUE(blinkOn(10.2));
    EXPECT_TRUE(blinkOn(0.7, 2.0));
    EXPECT_FALSE(blinkOn(0.3, 1.0, 0.25));
    EXPECT_TRUE(blinkOn(5.0, 0.0));  // period 0: steady on
    EXPECT_NEAR(blinkPulse(0.0), 0.0f, 1e-6);
    EXPECT_NEAR(blinkPulse(0.5), 1.0f, 1e-6);
}

}  // namespace
}  // namespace wall::render
