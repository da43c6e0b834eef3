// The small draw helpers panels lean on: blink timing. (Warning colours are the
// panels' own: tests/panels/wall_style_test.cpp.)
#include "render/blink.hpp"

#include <gtest/gtest.h>

namespace wall::render {
namespace {

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
