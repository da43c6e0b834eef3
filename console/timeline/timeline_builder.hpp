// The replay's timeline record (复盘 时间轴), laid out in the replay's one pass
// over the journal: the source calls note() for every journaled event, in
// journal order, with the state just before the event is applied, then
// finish() once. Marks are put in lanes (source/replay_control.hpp); spans
// (camera outages, feed resyncs, later drills and console-down gaps) stay
// open until their closing event or the range's end; deadlines (reporting
// due, task overdue) become "late" marks when a later event or finish()
// passes them. Times are the console's receive times (the journal's index).
//
// Cost: note() allocates only for the marks it adds (and for the few open
// spans and deadlines it tracks); the density series folds in place so it
// stays at most kMaxDensityBuckets long whatever the journal's length.
#pragma once

#include "model/model.hpp"
#include "source/replay_control.hpp"

#include <string>
#include <vector>

namespace wall::timeline {

/// Longest density series: a longer journal doubles the bucket width and folds the series in half.
constexpr size_t kMaxDensityBuckets = 4096;

class TimelineBuilder {
public:
    /// @brief `first_bucket_ms`: the density's starting bucket width (it doubles as needed).
    explicit TimelineBuilder(TimeMs first_bucket_ms = 1000);

    /// @brief Notes one journaled event; `before` is the state just before `event` is applied.
    void note(const State& before, const Event& event);
    /// @brief Closes open spans and passed deadlines at `range_end` and hands the timeline over.
    source::Timeline finish(TimeMs range_end);

    // One handler per event type that makes marks; every other type only counts in the density.
    // A new lane for a new type (drill.start/end, link.state, console.start) is one more overload here.
    void on(const State& before, TimeMs t, const AlarmRaise& e);
    void on(const State& before, TimeMs t, const AlarmUpdate& e);
    void on(const State& before, TimeMs t, const AlarmClear& e);
    void on(const State& before, TimeMs t, const AlarmAck& e);
    void on(const State& before, TimeMs t, const CallPlace& e);
    void on(const State& before, TimeMs t, const CallAnswer& e);
    void on(const State& before, TimeMs t, const CallAnswerRecord& e);
    void on(const State& before, TimeMs t, const CallEscalate& e);
    void on(const State& before, TimeMs t, const IncidentUpsert& e);
    void on(const State& before, TimeMs t, const IncidentReported& e);
    void on(const State& before, TimeMs t, const TaskUpsert& e);
    void on(const State& before, TimeMs t, const TaskStatusSet& e);
    void on(const State& before, TimeMs t, const LinkageShow& e);
    void on(const State& before, TimeMs t, const CameraStreamState& e);
    void on(const State& before, TimeMs t, const LayoutSwitch& e);
    void on(const State& before, TimeMs t, const FeedResync& e);
    void on(const State& before, TimeMs t, const ConsoleStart& e);
    void on(const State& before, TimeMs t, const DrillStart& e);
    void on(const State& before, TimeMs t, const DrillEnd& e);
    void on(const State& before, TimeMs t, const LinkStateChange& e);
    template <class Other> void on(const State&, TimeMs, const Other&) {}

private:
    /// A time that makes a "late" mark when passed: an incident's reporting due, a task's deadline.
    struct Deadline {
        TimeMs due_ms = 0;
        source::TimelineLane lane = source::TimelineLane::Report;
        std::string id;      // incident or task id
        std::string label;   // the late mark's label
    };
    /// A span still open: its mark's index, keyed by what closes it.
    struct OpenSpan {
        std::string key;     // lane-specific, e.g. "cam-01/main"
        size_t mark = 0;
    };

    source::TimelineMark& add(TimeMs t, source::TimelineLane lane, std::string label, bool significant = true,
                              source::MarkTone tone = source::MarkTone::Neutral);
    source::TimelineMark& addAlarmMark(const Alarm* alarm, TimeMs t, source::TimelineLane lane, std::string label,
                                       bool significant, source::MarkTone tone = source::MarkTone::Neutral);
    void countDensity(TimeMs t);
    void passDeadlines(TimeMs t);
    void setDeadline(Deadline d);
    void dropDeadline(source::TimelineLane lane, const std::string& id);
    void openSpan(std::vector<OpenSpan>& spans, std::string key, size_t mark);
    bool closeSpan(std::vector<OpenSpan>& spans, const std::string& key, TimeMs t);
    void callAnswered(const State& before, TimeMs t, const CallAnswer& answer, const std::string* recorded_by);

    source::Timeline timeline_;
    bool any_ = false;
    std::vector<Deadline> deadlines_;   // few: the open reporting countdowns and task deadlines
    TimeMs next_due_ms_ = 0;            // earliest deadline (0 = none), so note() scans only when one passes
    std::vector<OpenSpan> camera_outages_;
    std::vector<OpenSpan> feed_resyncs_;
    std::vector<OpenSpan> drills_;        // by drill id
    std::vector<OpenSpan> link_outages_;  // by source
};

/// @brief Chinese name of a warning level as the wall says it: "红色" ...
const char* levelWord(WarningLevel level);
/// @brief "城西水库 水位超警": the alarm's place (area, else village, else township) and title.
std::string alarmPlaceAndTitle(const Alarm& alarm);

} // namespace wall::timeline
