// `wallctl journal dump --since/--until` take Beijing times: a day that does not
// exist must be refused, or a drill review silently starts on another day.
#include "model/time_text.hpp"

#include "model/beijing_time.hpp"

#include <gtest/gtest.h>

namespace wall::wallctl {
namespace {

TEST(ParseTimeArg, BeijingDatesAndTimes) {
    EXPECT_EQ(parseTimeArg("2026-07-15"), beijingToUtc(2026, 7, 15));
    EXPECT_EQ(parseTimeArg("2026-07-15T14:05"), beijingToUtc(2026, 7, 15, 14, 5));
    EXPECT_EQ(parseTimeArg("2026-07-15 14:05:09"), beijingToUtc(2026, 7, 15, 14, 5, 9));
    EXPECT_EQ(parseTimeArg("2028-02-29"), beijingToUtc(2028, 2, 29));  // leap day
    EXPECT_EQ(parseTimeArg("1752559509123"), 1752559509123);           // epoch ms
}

TEST(ParseTimeArg, DaysThatDoNotExistAreRefused) {
    EXPECT_EQ(parseTimeArg("2026-02-31"), std::nullopt);
    EXPECT_EQ(parseTimeArg("2026-13-01"), std::nullopt);
    EXPECT_EQ(parseTimeArg("2026-02-29"), std::nullopt);  // 2026 is no leap year
    EXPECT_EQ(parseTimeArg("2026-04-31T08:00"), std::nullopt);
}

TEST(ParseTimeArg, MalformedTextIsRefused) {
    EXPECT_EQ(parseTimeArg(""), std::nullopt);
    EXPECT_EQ(parseTimeArg("yesterday"), std::nullopt);
    EXPECT_EQ(parseTimeArg("2026-07-15X14:05"), std::nullopt);
    EXPECT_EQ(parseTimeArg("2026-07-15T24:00"), std::nullopt);
    EXPECT_EQ(parseTimeArg("2026-07-15T12:60"), std::nullopt);
}

}  // namespace
}  // namespace wall::wallctl
