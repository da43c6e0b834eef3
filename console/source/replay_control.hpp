// What a replay (复盘) lets the reviewer drive, and the record it lays out on
// the timeline. The replay source implements ReplayControl; the timeline panel
// and the replay keys read and drive it from the GL thread, like the rest of
// the wall reads its WallSource. The live console has none.
#pragma once

#include "base/clock.hpp"
#include "base/warning_level.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace wall::source {

/// The timeline's lanes, top to bottom.
enum class TimelineLane : uint8_t {
    Warning,   // 预警: raised (by level colour), level changes, cleared
    Ack,       // 确认: acknowledgements, with the operator
    Call,      // 叫应: called, answered, escalated
    Report,    // 上报: incident graded, reporting due, reported, late
    Task,      // 任务: task status changes, overdue
    Linkage,   // 联动: what the linkage regions showed
    Link,      // 通信: a backend's or feed's link lost and back (spans)
    Video,     // 视频: camera outages (spans)
    Layout,    // 布局: layout switches
    Drill,     // 演练: drills (spans)
    Bookmark,  // 书签: the reviewers' bookmarks
    Console,   // 控制台未运行: spans where the console was not running
};
constexpr int kTimelineLaneCount = 12;

/// Whether a mark tells of something going right or wrong, for its colour where the lane has no level.
enum class MarkTone : uint8_t { Neutral, Good, Bad };

/// One thing on the timeline: an instant (end_ms == at_ms) or a span (an outage, a drill, the console down).
struct TimelineMark {
    TimeMs at_ms = 0;
    TimeMs end_ms = 0;            // == at_ms for an instant; a span still open at the range's end ends there
    TimelineLane lane = TimelineLane::Warning;
    bool has_level = false;       // the mark is about a warning of `level` (drawn in its colour)
    WarningLevel level = WarningLevel::Blue;
    MarkTone tone = MarkTone::Neutral;
    bool significant = true;      // ←/→ stop here
    std::string label;            // what hovering names, e.g. "红色预警 发布 · 城西水库 水位超警"
};

/// The journal's record over the replay's range, laid out once when the replay opens.
struct Timeline {
    TimeMs first_ms = 0;                       // the journal's first and last event times
    TimeMs last_ms = 0;
    std::vector<TimelineMark> marks;           // by at_ms
    // Events per bucket for the density strip (heartbeats and unmarked events included):
    // density[i] counts events in [density_from_ms + i * density_bucket_ms, + density_bucket_ms).
    TimeMs density_from_ms = 0;
    TimeMs density_bucket_ms = 1000;           // doubles as the journal grows, so the series stays short
    std::vector<uint32_t> density;
};

/// A reviewer's bookmark. Kept in the review file beside the journal, never in the journal.
struct Bookmark {
    int64_t id = 0;
    TimeMs at_ms = 0;         // the replay time it marks
    std::string name;
    std::string note;
    std::string author;       // who added it (--operator, else the login name)
    TimeMs created_ms = 0;    // wall-clock time it was added
};

/// L: loop off, over the whole range, or between the two bookmarks around the cursor.
enum class LoopMode : uint8_t { Off, WholeRange, BetweenBookmarks };

class ReplayControl {
public:
    virtual ~ReplayControl() = default;

    /// @brief The replay clock: the time the wall shows (WallSource::nowMs returns the same).
    virtual TimeMs atMs() const = 0;
    /// @brief The range on the timeline (--from/--to, a drill's range, or the whole journal).
    virtual TimeMs fromMs() const = 0;
    virtual TimeMs toMs() const = 0;
    virtual bool playing() const = 0;
    /// @brief A seek is under way: the wall still shows the state before it.
    virtual bool seeking() const = 0;
    virtual double speed() const = 0;       // 0.25 .. 64
    virtual LoopMode loop() const = 0;
    virtual const Timeline& timeline() const = 0;
    virtual const std::vector<Bookmark>& bookmarks() const = 0;

    /// @brief Jumps to `at`, clamped into the range; the wall shows the state at that time from the next frame.
    virtual void seek(TimeMs at) = 0;
    virtual void setPlaying(bool playing) = 0;
    /// @brief Clamped into 0.25 .. 64.
    virtual void setSpeed(double speed) = 0;
    virtual void setLoop(LoopMode mode) = 0;
    /// @brief Adds a bookmark at `at` to the review file; false (see lastError) when it could not be stored.
    virtual bool addBookmark(TimeMs at, const std::string& name, const std::string& note) = 0;
    /// @brief Why the last addBookmark failed; empty when it did not.
    virtual std::string lastError() const = 0;
};

} // namespace wall::source
