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

namespace wall::wallctl {
namespace {

// `journal state --at` and `review add --at`: what wallctl prints reads back,
// and a refused time says what is wrong with it rather than just "bad time".
TEST(ReadTimeArg, WhatWallctlPrintsReadsBack) {
    const TimeMs t = beijingToUtc(2026, 7, 15, 14, 5, 9) + 123;
    EXPECT_EQ(readTimeArg(isoBeijing(t)).ms, t);                         // journal dump's "recv"
    EXPECT_EQ(readTimeArg(beijingSeconds(t)).ms, t - 123);               // review bookmarks' time
    EXPECT_EQ(readTimeArg("2026-07-15T14:05:09.5").ms, t - 123 + 500);   // ".5" is 500 ms
    EXPECT_EQ(readTimeArg("2026-07-15 14:05:09+0800").ms, t - 123);
    EXPECT_EQ(beijingSeconds(t), "2026-07-15 14:05:09");
}

TEST(ReadTimeArg, RefusalsNameTheFault) {
    auto error = [](std::string_view text) { return readTimeArg(text).error; };
    EXPECT_NE(error("").find("empty"), std::string::npos);
    EXPECT_NE(error("yesterday").find("expected epoch ms or Beijing YYYY-MM-DD"), std::string::npos);
    EXPECT_NE(error("2026-07-15T24:00").find("hour 24 is out of range 00..23"), std::string::npos);
    EXPECT_NE(error("2026-07-15T12:60").find("minute 60 is out of range"), std::string::npos);
    EXPECT_NE(error("2026-07-15T12:00:60").find("second 60 is out of range"), std::string::npos);
    EXPECT_NE(error("2026-13-01").find("month 13 is out of range 01..12"), std::string::npos);
    EXPECT_NE(error("2026-02-29").find("2026-02-29 is not a day of the calendar"), std::string::npos);
    EXPECT_NE(error("2026-07-15T14").find("expected HH:MM after the date"), std::string::npos);
    EXPECT_NE(error("2026-07-15T14:05:09Z").find("offset Z is not Beijing time"), std::string::npos);
    EXPECT_NE(error("2026-07-15T14:05:09+09:00").find("offset +09:00 is not Beijing time"), std::string::npos);
    EXPECT_NE(error("2026-07-15 14:05 下午").find("unexpected ' 下午' after the time"), std::string::npos);
    EXPECT_NE(error("20260715").find("too short for epoch ms"), std::string::npos);
    EXPECT_NE(error("99999999999999999999").find("too large"), std::string::npos);
    // Every refusal quotes the text it refused.
    EXPECT_NE(error("2026-07-15T24:00").find("'2026-07-15T24:00'"), std::string::npos);
}

TEST(ParseTimeArg, TrailingTextIsNoLongerDropped) {
    EXPECT_EQ(parseTimeArg("2026-07-15T14:05:09xyz"), std::nullopt);
    EXPECT_EQ(parseTimeArg("2026-07-15 "), std::nullopt);
}

}  // namespace
}  // namespace wall::wallctl
