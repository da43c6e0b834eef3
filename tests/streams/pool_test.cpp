// StreamPool with in-process test: sources: hidden tiles are not decoded,
// sub/main follows tile size, and a switch never shows an empty tile.

#include <gtest/gtest.h>

#include "streams/stream_pool.hpp"
#include "test_support.hpp"

namespace wall::streams {
namespace {

using namespace std::chrono_literals;

class PoolTest : public ::testing::Test {
protected:
    PoolTest() : pool(makeConfig()) {
        pool.upsertCamera({"dam", "泾县大坝", "test:泾县大坝?main", "test:泾县大坝?sub"});
        pool.upsertCamera({"tank", "袁州区油库", "test:袁州区油库?main", "test:袁州区油库?sub"});
    }
    static PoolConfig makeConfig() {
        PoolConfig c;
        c.selection.min_hold = 300ms;
        c.selection.hidden_grace = 300ms;
        return c;
    }
    /// Runs UI frames at ~60 Hz showing `dam` at `height` px until `done` or `limit`.
    template <class Done>
    bool frames(float height, Done done, std::chrono::milliseconds limit, bool show = true) {
        const auto until = Clock::now() + limit;
        while (Clock::now() < until) {
            pool.beginFrame(Clock::now());
            TileVideo tile;
            if (show) tile = pool.showTile("dam", height * 16 / 9, height);
            pool.endFrame();
            if (tile.fresh) last_width = tile.fresh->width;
            if (tile.has_picture) seen_frame = true;
            if (seen_frame && show && !tile.has_picture) ++empty_after_first;
            if (done(tile)) return true;
            std::this_thread::sleep_for(16ms);
        }
        return false;
    }
    const PoolStreamRow* row(const std::vector<PoolStreamRow>& rows, const std::string& id, StreamKind kind) {
        for (const auto& r : rows)
            if (r.camera_id == id && r.kind == kind) return &r;
        return nullptr;
    }

    StreamPool pool;
    bool seen_frame = false;     ///< the dam tile has shown a frame
    int last_width = 0;          ///< width of the last fresh picture handed out
    int empty_after_first = 0;   ///< frames where the dam tile had nothing to show after its first picture
};

TEST_F(PoolTest, SmallTileShowsSubHiddenCameraIsNotDecoded) {
    ASSERT_TRUE(frames(200, [](const TileVideo& t) { return t.has_picture; }, 10s));
    ASSERT_TRUE(frames(200, [this](const TileVideo& t) {
        const auto rows = pool.rows();
        const PoolStreamRow* sub = row(rows, "dam", StreamKind::Sub);
        return t.has_picture && sub && sub->frames_decoded_total >= 5;
    }, 10s));
    const auto rows = pool.rows();
    ASSERT_NE(row(rows, "dam", StreamKind::Sub), nullptr);
    EXPECT_TRUE(row(rows, "dam", StreamKind::Sub)->open);
    EXPECT_TRUE(row(rows, "dam", StreamKind::Sub)->displayed);
    EXPECT_GE(row(rows, "dam", StreamKind::Sub)->frames_decoded_total, 5u);
    EXPECT_FALSE(row(rows, "dam", StreamKind::Main)->open);
    // "tank" was never shown: its decode counters stay at zero.
    EXPECT_FALSE(row(rows, "tank", StreamKind::Main)->open);
    EXPECT_FALSE(row(rows, "tank", StreamKind::Sub)->open);
    EXPECT_EQ(row(rows, "tank", StreamKind::Main)->frames_decoded_total, 0u);
    EXPECT_EQ(row(rows, "tank", StreamKind::Sub)->frames_decoded_total, 0u);
    EXPECT_EQ(pool.openDecoders(), 1);
}

TEST_F(PoolTest, GrowingTileSwitchesToMainWithoutAnEmptyFrame) {
    ASSERT_TRUE(frames(200, [this](const TileVideo&) { return last_width == 640; }, 10s));
    int both_open = 0;
    int main_shown_while_both_open = 0;
    ASSERT_TRUE(frames(1000, [&](const TileVideo& t) {
        // While both decoders run, main has no picture yet: the tile must still show sub.
        if (pool.openDecoders() == 2) {
            ++both_open;
            if (t.kind != StreamKind::Sub) ++main_shown_while_both_open;
        }
        return last_width == 1280;
    }, 10s));
    EXPECT_GT(both_open, 0) << "main and sub never overlapped: the switch was not seamless";
    EXPECT_EQ(main_shown_while_both_open, 0);
    EXPECT_EQ(empty_after_first, 0) << "a switch showed an empty tile";
    // Once main is up, the sub decoder closes.
    EXPECT_EQ(pool.openDecoders(), 1);
    ASSERT_TRUE(frames(200, [this](const TileVideo&) { return last_width == 640; }, 10s));
    EXPECT_EQ(empty_after_first, 0);
}

TEST_F(PoolTest, HiddenTileClosesAfterGraceAndReopens) {
    ASSERT_TRUE(frames(200, [](const TileVideo& t) { return t.has_picture; }, 10s));
    ASSERT_TRUE(frames(200, [this](const TileVideo&) { return pool.openDecoders() == 0; }, 3s, false));
    const auto closed = pool.rows();
    const std::uint64_t decoded = row(closed, "dam", StreamKind::Sub)->frames_decoded_total;
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(row(pool.rows(), "dam", StreamKind::Sub)->frames_decoded_total, decoded) << "hidden but still decoding";
    seen_frame = false;
    ASSERT_TRUE(frames(200, [](const TileVideo& t) { return t.has_picture; }, 10s));
    EXPECT_EQ(pool.openDecoders(), 1);
}

TEST_F(PoolTest, UnknownCameraIsReportedNotCreated) {
    pool.beginFrame(Clock::now());
    const TileVideo tile = pool.showTile("nope", 100, 100);
    pool.endFrame();
    EXPECT_FALSE(tile.known);
    EXPECT_FALSE(tile.fresh.has_value());
    EXPECT_EQ(pool.openDecoders(), 0);
}

}  // namespace
}  // namespace wall::streams
