// The timeline builder is fed a journal the way the replay's one pass feeds it:
// each event with the state just before it, then apply. These tests read the
// marks a reviewer would see: lane, label, span, tone, whether ←/→ stops.
#include "model/beijing_time.hpp"
#include "timeline/timeline_builder.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace wall::test {
namespace {

using source::MarkTone;
using source::TimelineLane;
using source::TimelineMark;

constexpr TimeMs kSecond = 1000, kMinute = 60 * kSecond;
const TimeMs kT0 = beijingToUtc(2026, 7, 15, 14, 0, 0);

/// A journal played through the builder and a State, as the replay does.
struct Journal {
    State state;
    timeline::TimelineBuilder builder;
    uint64_t seq = 0;
    void add(TimeMs t, EventBody body, std::string source = "hydro") {
        Event e{std::move(source), ++seq, t, t, std::move(body)};
        builder.note(state, e);
        apply(state, e);
    }
};

Alarm reservoirAlarm() {
    Alarm a;
    a.id = "a1";
    a.source = "hydro";
    a.level = WarningLevel::Red;
    a.title = "水位超警";
    a.site = {"袁州区", "新坊镇", "石门村", "城西水库"};
    return a;
}

std::vector<const TimelineMark*> inLane(const source::Timeline& tl, TimelineLane lane) {
    std::vector<const TimelineMark*> out;
    for (const TimelineMark& m : tl.marks)
        if (m.lane == lane) out.push_back(&m);
    return out;
}

// ---- warnings, acks and 叫应: the times a reviewer asks for first
TEST(TimelineBuilder, WarningAckAndCallsWithLabels) {
    Journal j;
    j.add(kT0, AlarmRaise{reservoirAlarm()});
    j.add(kT0 + 10 * kSecond, AlarmUpdate{.id = "a1", .level = WarningLevel::Orange});
    j.add(kT0 + 20 * kSecond, AlarmUpdate{.id = "a1", .level = WarningLevel::Red});
    Call call;
    call.id = "a1#1";
    call.person = {"李四", "村支书", "袁州区/新坊镇/石门村", "13800000000"};
    call.deadline_ms = kT0 + 5 * kMinute;
    j.add(kT0 + 30 * kSecond, CallPlace{"a1", call, "raise"}, "operator");
    j.add(kT0 + 90 * kSecond, CallAnswer{"a1", "a1#1", 0, "voice", ""}, "calls");
    j.add(kT0 + 2 * kMinute, AlarmAck{"a1", "张三"}, "operator");
    j.add(kT0 + 3 * kMinute, AlarmClear{"a1"});
    const source::Timeline tl = j.builder.finish(kT0 + 10 * kMinute);

    const auto warn = inLane(tl, TimelineLane::Warning);
    ASSERT_EQ(warn.size(), 4u);
    EXPECT_EQ(warn[0]->label, "红色预警 发布 · 城西水库 水位超警");
    EXPECT_TRUE(warn[0]->has_level);
    EXPECT_EQ(warn[0]->level, WarningLevel::Red);
    EXPECT_TRUE(warn[0]->significant);
    EXPECT_EQ(warn[1]->label, "红色→橙色 降级 · 城西水库 水位超警");
    EXPECT_FALSE(warn[1]->significant) << "downgrades are not stops";
    EXPECT_EQ(warn[2]->level, WarningLevel::Red);
    EXPECT_TRUE(warn[2]->significant) << "upgrades are stops";
    EXPECT_EQ(warn[3]->label, "红色预警 解除 · 城西水库 水位超警");
    EXPECT_FALSE(warn[3]->significant);

    const auto ack = inLane(tl, TimelineLane::Ack);
    ASSERT_EQ(ack.size(), 1u);
    EXPECT_EQ(ack[0]->label, "确认 · 张三 · 红色 城西水库 水位超警");
    EXPECT_EQ(ack[0]->at_ms, kT0 + 2 * kMinute);

    const auto calls = inLane(tl, TimelineLane::Call);
    ASSERT_EQ(calls.size(), 2u);
    EXPECT_FALSE(calls[0]->significant) << "placed calls come by the hundred in a flood";
    EXPECT_EQ(calls[1]->tone, MarkTone::Good);
    EXPECT_TRUE(calls[1]->significant);
    EXPECT_NE(calls[1]->label.find("叫应 应答 · 李四（村支书） · 用时 01:00"), std::string::npos) << calls[1]->label;
    EXPECT_EQ(tl.first_ms, kT0);
    EXPECT_EQ(tl.last_ms, kT0 + 3 * kMinute);
}

TEST(TimelineBuilder, EscalationIsBad) {
    Journal j;
    j.add(kT0, AlarmRaise{reservoirAlarm()});
    Call call;
    call.id = "a1#1";
    call.person = {"李四", "", "", ""};
    j.add(kT0 + kSecond, CallPlace{"a1", call, "raise"}, "operator");
    j.add(kT0 + 5 * kMinute, CallEscalate{"a1", "a1#1", "a1#2"}, "operator");
    const source::Timeline tl = j.builder.finish(kT0 + 10 * kMinute);
    const auto calls = inLane(tl, TimelineLane::Call);
    ASSERT_EQ(calls.size(), 2u);
    EXPECT_EQ(calls[1]->tone, MarkTone::Bad);
    EXPECT_TRUE(calls[1]->significant);
    EXPECT_EQ(calls[1]->label, "叫应 超时未应 · 李四 · 已升级 · 红色 城西水库 水位超警");
}

// ---- deadlines: a late mark appears at the due time once time has passed it
TEST(TimelineBuilder, ReportingDueLateAndReported) {
    Journal j;
    Incident on_time{.id = "i1", .title = "城西水库险情", .grade = IncidentGrade::Larger};
    Incident late{.id = "i2", .title = "石门村山体滑坡", .grade = IncidentGrade::Major};
    Incident small{.id = "i3", .title = "小事", .grade = IncidentGrade::General};
    j.add(kT0, IncidentUpsert{on_time});
    j.add(kT0 + kMinute, IncidentUpsert{late});
    j.add(kT0 + kMinute, IncidentUpsert{small});
    j.add(kT0 + 30 * kMinute, IncidentReported{"i1", "张三", ""}, "operator");
    j.add(kT0 + 90 * kMinute, Heartbeat{});  // passes i2's due time (kT0 + 61 min)
    j.add(kT0 + 100 * kMinute, IncidentReported{"i2", "张三", ""}, "operator");
    const source::Timeline tl = j.builder.finish(kT0 + 2 * 60 * kMinute);

    const auto rep = inLane(tl, TimelineLane::Report);
    ASSERT_EQ(rep.size(), 5u);
    EXPECT_EQ(rep[0]->label, "上报 时限开始 · 城西水库险情（较大） · 15:00:00 前上报");
    EXPECT_EQ(rep[2]->label, "上报 · 城西水库险情 · 按时 · 张三");
    EXPECT_EQ(rep[2]->tone, MarkTone::Good);
    EXPECT_EQ(rep[3]->label, "上报 超时未报 · 石门村山体滑坡");
    EXPECT_EQ(rep[3]->at_ms, kT0 + 61 * kMinute) << "the late mark sits at the due time";
    EXPECT_EQ(rep[3]->tone, MarkTone::Bad);
    EXPECT_EQ(rep[4]->tone, MarkTone::Bad);
    EXPECT_NE(rep[4]->label.find("迟报 39:00"), std::string::npos) << rep[4]->label;
    for (size_t i = 1; i < tl.marks.size(); ++i) EXPECT_LE(tl.marks[i - 1].at_ms, tl.marks[i].at_ms) << "marks by time";
}

TEST(TimelineBuilder, LateMarkAtFinishWhenNothingFollows) {
    Journal j;
    j.add(kT0, IncidentUpsert{Incident{.id = "i1", .title = "险情", .grade = IncidentGrade::Especially}});
    const auto before_due = j.builder.finish(kT0 + 30 * kMinute);
    EXPECT_EQ(inLane(before_due, TimelineLane::Report).size(), 1u) << "not due yet at the range's end";

    Journal k;
    k.add(kT0, IncidentUpsert{Incident{.id = "i1", .title = "险情", .grade = IncidentGrade::Especially}});
    const auto tl = k.builder.finish(kT0 + 2 * 60 * kMinute);
    const auto rep = inLane(tl, TimelineLane::Report);
    ASSERT_EQ(rep.size(), 2u);
    EXPECT_EQ(rep[1]->at_ms, kT0 + 60 * kMinute);
}

TEST(TimelineBuilder, TaskChangesAndOverdue) {
    Journal j;
    Task done{.id = "t1", .title = "转移石门村群众", .commander = "王五", .deadline_ms = kT0 + 30 * kMinute};
    Task slow{.id = "t2", .title = "封闭城西路", .commander = "赵六", .deadline_ms = kT0 + 20 * kMinute};
    j.add(kT0, TaskUpsert{done}, "tasks");
    j.add(kT0, TaskUpsert{slow}, "tasks");
    j.add(kT0 + 10 * kMinute, TaskStatusSet{"t1", TaskStatus::Done, "张三"}, "operator");
    j.add(kT0 + 25 * kMinute, TaskStatusSet{"t2", TaskStatus::InProgress, "张三"}, "operator");
    const source::Timeline tl = j.builder.finish(kT0 + 60 * kMinute);
    const auto task = inLane(tl, TimelineLane::Task);
    ASSERT_EQ(task.size(), 5u);
    EXPECT_EQ(task[0]->label, "任务 下达 · 转移石门村群众 · 王五");
    EXPECT_EQ(task[2]->label, "任务 已完成 · 转移石门村群众 · 张三");
    EXPECT_EQ(task[2]->tone, MarkTone::Good);
    EXPECT_EQ(task[3]->label, "任务 超时未完成 · 封闭城西路");
    EXPECT_EQ(task[3]->at_ms, kT0 + 20 * kMinute);
    EXPECT_EQ(task[4]->label, "任务 处置中 · 封闭城西路 · 张三");
    for (const TimelineMark* m : task) EXPECT_TRUE(m->significant);
}

// ---- spans: outages last from "not live" to "live again"; open ones end at the range's end
TEST(TimelineBuilder, CameraOutageAndFeedResyncSpans) {
    Journal j;
    j.add(kT0, CameraUpsert{Camera{.id = "cam-01", .name = "城西水库大坝"}});
    j.add(kT0 + kSecond, CameraStreamState{"cam-01", "main", "connecting", ""}, "operator");
    j.add(kT0 + 2 * kSecond, CameraStreamState{"cam-01", "main", "live", ""}, "operator");
    j.add(kT0 + kMinute, CameraStreamState{"cam-01", "main", "stalled", "no packets"}, "operator");
    j.add(kT0 + kMinute + 5 * kSecond, CameraStreamState{"cam-01", "main", "reconnecting", ""}, "operator");
    j.add(kT0 + 2 * kMinute, CameraStreamState{"cam-01", "main", "live", ""}, "operator");
    j.add(kT0 + 3 * kMinute, CameraStreamState{"cam-02", "main", "failed", "refused"}, "operator");
    j.add(kT0 + 4 * kMinute, FeedResync{.source = "hydro-feed", .phase = "started", .reason = "gap", .expected_seq = 7,
                                        .received_seq = 9}, "operator");
    j.add(kT0 + 4 * kMinute + 3 * kSecond, FeedResync{.source = "hydro-feed", .phase = "done", .reason = "gap"},
          "operator");
    j.add(kT0 + 5 * kMinute, LayoutSwitch{"briefing"}, "operator");
    j.add(kT0 + 5 * kMinute, LinkageShow{"linkage", "", {}, "operator"}, "operator");
    const source::Timeline tl = j.builder.finish(kT0 + 10 * kMinute);

    const auto video = inLane(tl, TimelineLane::Video);
    ASSERT_EQ(video.size(), 2u);
    EXPECT_EQ(video[0]->at_ms, kT0 + kMinute);
    EXPECT_EQ(video[0]->end_ms, kT0 + 2 * kMinute);
    EXPECT_EQ(video[0]->label, "视频中断 · 城西水库大坝 · no packets");
    EXPECT_EQ(video[1]->end_ms, kT0 + 10 * kMinute) << "still down at the range's end";
    const auto link = inLane(tl, TimelineLane::Link);
    ASSERT_EQ(link.size(), 1u);
    EXPECT_EQ(link[0]->end_ms - link[0]->at_ms, 3 * kSecond);
    EXPECT_EQ(link[0]->label, "通信 重新同步 · hydro-feed · gap 7→9");
    ASSERT_EQ(inLane(tl, TimelineLane::Layout).size(), 1u);
    EXPECT_EQ(inLane(tl, TimelineLane::Layout)[0]->label, "布局 · briefing");
    EXPECT_FALSE(inLane(tl, TimelineLane::Layout)[0]->significant);
    EXPECT_EQ(inLane(tl, TimelineLane::Linkage).size(), 1u);
}

// ---- density: every event counts, heartbeats too; the series folds instead of growing
TEST(TimelineBuilder, DensityCountsEveryEventAndFolds) {
    Journal j;
    for (int i = 0; i < 10; ++i) j.add(kT0 + i * 100, Heartbeat{});
    j.add(kT0 + 2500, Heartbeat{});
    source::Timeline tl = j.builder.finish(kT0 + 3000);
    EXPECT_TRUE(tl.marks.empty()) << "heartbeats are not marks";
    EXPECT_EQ(tl.density_bucket_ms, 1000);
    EXPECT_EQ(tl.density_from_ms, kT0);
    ASSERT_EQ(tl.density.size(), 3u);
    EXPECT_EQ(tl.density[0], 10u);
    EXPECT_EQ(tl.density[2], 1u);

    timeline::TimelineBuilder b;
    State s;
    const TimeMs day = 24 * 60 * kMinute;
    uint64_t total = 0;
    for (TimeMs t = 0; t < day; t += 30 * kSecond, ++total) b.note(s, Event{"x", 0, kT0 + t, kT0 + t, Heartbeat{}});
    tl = b.finish(kT0 + day);
    EXPECT_LE(tl.density.size(), timeline::kMaxDensityBuckets);
    EXPECT_GE(tl.density_bucket_ms * static_cast<TimeMs>(tl.density.size()), day - 30 * kSecond);
    uint64_t sum = 0;
    for (uint32_t n : tl.density) sum += n;
    EXPECT_EQ(sum, total);
}

// The replay runs the builder in its one pass over the journal: a million events must not cost seconds.
TEST(TimelineBuilder, MillionEventsFast) {
    timeline::TimelineBuilder b;
    State s;
    Alarm a = reservoirAlarm();
    s.alarms.emplace(a.id, a);
    const Event update{"hydro", 0, kT0, kT0, AlarmUpdate{.id = "a1", .title = std::string("水位超警")}};
    Event e = update;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 1'000'000; ++i) {
        e.recv_ms = kT0 + i * 50;
        b.note(s, e);
    }
    const source::Timeline tl = b.finish(kT0 + 50'000'000);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_TRUE(tl.marks.empty());
    EXPECT_LT(seconds, 1.0);
}

} // namespace
} // namespace wall::test
