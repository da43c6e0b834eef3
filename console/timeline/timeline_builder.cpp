#include "timeline/timeline_builder.hpp"

#include "model/beijing_time.hpp"

#include <algorithm>
#include <variant>

namespace wall::timeline {

using source::MarkTone;
using source::TimelineLane;
using source::TimelineMark;

namespace {

const char* taskStatusWord(TaskStatus status) {
    switch (status) {
    case TaskStatus::Assigned: return "已下达";
    case TaskStatus::Accepted: return "已接收";
    case TaskStatus::InProgress: return "处置中";
    case TaskStatus::Done: return "已完成";
    case TaskStatus::Cancelled: return "已取消";
    }
    return "?";
}

const char* gradeWord(IncidentGrade grade) {
    switch (grade) {
    case IncidentGrade::Especially: return "特别重大";
    case IncidentGrade::Major: return "重大";
    case IncidentGrade::Larger: return "较大";
    case IncidentGrade::General: return "一般";
    }
    return "?";
}

bool taskOpen(TaskStatus s) { return s != TaskStatus::Done && s != TaskStatus::Cancelled; }

const Alarm* findAlarm(const State& s, const std::string& id) {
    auto it = s.alarms.find(id);
    return it == s.alarms.end() ? nullptr : &it->second;
}

const Call* findCall(const Alarm* a, const std::string& call_id) {
    if (!a) return nullptr;
    for (const Call& c : a->calls)
        if (c.id == call_id) return &c;
    return nullptr;
}

std::string personOf(const Responder& p) { return p.role.empty() ? p.name : p.name + "（" + p.role + "）"; }

} // namespace

const char* levelWord(WarningLevel level) {
    switch (level) {
    case WarningLevel::Red: return "红色";
    case WarningLevel::Orange: return "橙色";
    case WarningLevel::Yellow: return "黄色";
    case WarningLevel::Blue: return "蓝色";
    }
    return "?";
}

std::string alarmPlaceAndTitle(const Alarm& a) {
    const std::string& place = !a.site.area.empty() ? a.site.area : !a.site.village.empty() ? a.site.village
                                                                                             : a.site.township;
    if (place.empty()) return a.title;
    if (a.title.empty()) return place;
    return place + " " + a.title;
}

TimelineBuilder::TimelineBuilder(TimeMs first_bucket_ms) {
    timeline_.density_bucket_ms = std::max<TimeMs>(1, first_bucket_ms);
    timeline_.density.reserve(kMaxDensityBuckets);
}

// ---- [SECTION] the pass

void TimelineBuilder::note(const State& before, const Event& event) {
    const TimeMs t = event.recv_ms;
    if (!any_) {
        any_ = true;
        timeline_.first_ms = t;
        timeline_.density_from_ms = t - t % timeline_.density_bucket_ms;
    }
    timeline_.last_ms = std::max(timeline_.last_ms, t);
    countDensity(t);
    if (next_due_ms_ != 0 && t > next_due_ms_) passDeadlines(t);
    std::visit([&](const auto& body) { on(before, t, body); }, event.body);
}

source::Timeline TimelineBuilder::finish(TimeMs range_end) {
    passDeadlines(range_end + 1);  // a deadline at the range's very end is passed by then
    for (const OpenSpan& s : camera_outages_) timeline_.marks[s.mark].end_ms = std::max(range_end, timeline_.marks[s.mark].at_ms);
    for (auto* spans : {&camera_outages_, &feed_resyncs_, &drills_, &link_outages_}) {
        for (const OpenSpan& s : *spans) timeline_.marks[s.mark].end_ms = std::max(range_end, timeline_.marks[s.mark].at_ms);
        spans->clear();
    }
    // Late marks are added when passed, so they may sit behind later events' marks: keep the by-time order.
    std::stable_sort(timeline_.marks.begin(), timeline_.marks.end(),
                     [](const TimelineMark& a, const TimelineMark& b) { return a.at_ms < b.at_ms; });
    source::Timeline out = std::move(timeline_);
    timeline_ = {};
    any_ = false;
    return out;
}

void TimelineBuilder::countDensity(TimeMs t) {
    source::Timeline& tl = timeline_;
    if (t < tl.density_from_ms) t = tl.density_from_ms;  // out-of-order receive times fall in the first bucket
    size_t i = static_cast<size_t>((t - tl.density_from_ms) / tl.density_bucket_ms);
    while (i >= kMaxDensityBuckets) {  // fold in place: twice as wide, half as many
        const size_t n = tl.density.size();
        for (size_t k = 0; k < n; k += 2) tl.density[k / 2] = tl.density[k] + (k + 1 < n ? tl.density[k + 1] : 0);
        tl.density.resize((n + 1) / 2);
        tl.density_bucket_ms *= 2;
        i = static_cast<size_t>((t - tl.density_from_ms) / tl.density_bucket_ms);
    }
    if (i >= tl.density.size()) tl.density.resize(i + 1, 0);
    ++tl.density[i];
}

// ---- [SECTION] marks, deadlines, spans

TimelineMark& TimelineBuilder::add(TimeMs t, TimelineLane lane, std::string label, bool significant, MarkTone tone) {
    TimelineMark& m = timeline_.marks.emplace_back();
    m.at_ms = m.end_ms = t;
    m.lane = lane;
    m.tone = tone;
    m.significant = significant;
    m.label = std::move(label);
    return m;
}

TimelineMark& TimelineBuilder::addAlarmMark(const Alarm* alarm, TimeMs t, TimelineLane lane, std::string label,
                                            bool significant, MarkTone tone) {
    if (alarm) label += " · " + std::string(levelWord(alarm->level)) + " " + alarmPlaceAndTitle(*alarm);
    TimelineMark& m = add(t, lane, std::move(label), significant, tone);
    if (alarm) m.has_level = true, m.level = alarm->level;
    return m;
}

void TimelineBuilder::setDeadline(Deadline d) {
    dropDeadline(d.lane, d.id);
    deadlines_.push_back(std::move(d));
    next_due_ms_ = deadlines_.front().due_ms;
    for (const Deadline& x : deadlines_) next_due_ms_ = std::min(next_due_ms_, x.due_ms);
}

void TimelineBuilder::dropDeadline(TimelineLane lane, const std::string& id) {
    std::erase_if(deadlines_, [&](const Deadline& d) { return d.lane == lane && d.id == id; });
    next_due_ms_ = 0;
    for (const Deadline& x : deadlines_) next_due_ms_ = next_due_ms_ == 0 ? x.due_ms : std::min(next_due_ms_, x.due_ms);
}

void TimelineBuilder::passDeadlines(TimeMs t) {
    std::vector<Deadline> passed;
    std::erase_if(deadlines_, [&](Deadline& d) {
        if (d.due_ms >= t) return false;
        passed.push_back(std::move(d));
        return true;
    });
    std::sort(passed.begin(), passed.end(), [](const Deadline& a, const Deadline& b) { return a.due_ms < b.due_ms; });
    for (Deadline& d : passed) add(d.due_ms, d.lane, std::move(d.label), true, MarkTone::Bad);
    next_due_ms_ = 0;
    for (const Deadline& x : deadlines_) next_due_ms_ = next_due_ms_ == 0 ? x.due_ms : std::min(next_due_ms_, x.due_ms);
}

void TimelineBuilder::openSpan(std::vector<OpenSpan>& spans, std::string key, size_t mark) {
    spans.push_back({std::move(key), mark});
}

bool TimelineBuilder::closeSpan(std::vector<OpenSpan>& spans, const std::string& key, TimeMs t) {
    auto it = std::find_if(spans.begin(), spans.end(), [&](const OpenSpan& s) { return s.key == key; });
    if (it == spans.end()) return false;
    timeline_.marks[it->mark].end_ms = std::max(t, timeline_.marks[it->mark].at_ms);
    spans.erase(it);
    return true;
}

// ---- [SECTION] one handler per event type
// Significant (←/→ stops): raises, upgrades, acks, answers, escalations, reporting (start, done, late), task
// changes and overdue, outages and resyncs after a gap. Not: clears, downgrades, calls placed, linkage and
// layout changes — in a flood they come by the hundred and each hangs off a raise the reviewer already stops at.

void TimelineBuilder::on(const State& before, TimeMs t, const AlarmRaise& e) {
    const Alarm* old = findAlarm(before, e.alarm.id);
    const bool again = old && old->active;
    std::string label = std::string(levelWord(e.alarm.level)) + "预警 " + (again ? "再次发布" : "发布");
    const std::string what = alarmPlaceAndTitle(e.alarm);
    if (!what.empty()) label += " · " + what;
    TimelineMark& m = add(t, TimelineLane::Warning, std::move(label), true);
    m.has_level = true;
    m.level = e.alarm.level;
}

void TimelineBuilder::on(const State& before, TimeMs t, const AlarmUpdate& e) {
    const Alarm* a = findAlarm(before, e.id);
    if (!a || !e.level || *e.level == a->level) return;
    const bool up = levelIndex(*e.level) < levelIndex(a->level);
    std::string label = std::string(levelWord(a->level)) + "→" + levelWord(*e.level) + (up ? " 升级" : " 降级");
    const std::string what = alarmPlaceAndTitle(*a);
    if (!what.empty()) label += " · " + what;
    TimelineMark& m = add(t, TimelineLane::Warning, std::move(label), up);
    m.has_level = true;
    m.level = *e.level;
}

void TimelineBuilder::on(const State& before, TimeMs t, const AlarmClear& e) {
    const Alarm* a = findAlarm(before, e.id);
    if (!a || !a->active) return;
    std::string label = std::string(levelWord(a->level)) + "预警 解除";
    const std::string what = alarmPlaceAndTitle(*a);
    if (!what.empty()) label += " · " + what;
    TimelineMark& m = add(t, TimelineLane::Warning, std::move(label), false, MarkTone::Good);
    m.has_level = true;
    m.level = a->level;
}

void TimelineBuilder::on(const State& before, TimeMs t, const AlarmAck& e) {
    const Alarm* a = findAlarm(before, e.id);
    if (!a || a->acked) return;
    addAlarmMark(a, t, TimelineLane::Ack, "确认 · " + (e.operator_name.empty() ? std::string("值班员") : e.operator_name),
                 true);
}

void TimelineBuilder::on(const State& before, TimeMs t, const CallPlace& e) {
    const Alarm* a = findAlarm(before, e.alarm_id);
    std::string label = std::string(e.call.tier > 0 ? "叫应 升级呼叫 · " : "叫应 呼叫 · ") + personOf(e.call.person);
    addAlarmMark(a, t, TimelineLane::Call, std::move(label), false);
}

void TimelineBuilder::callAnswered(const State& before, TimeMs t, const CallAnswer& answer,
                                   const std::string* recorded_by) {
    const Alarm* a = findAlarm(before, answer.alarm_id);
    const Call* c = findCall(a, answer.call_id);
    if (c && c->answered_ms != 0) return;  // apply keeps the first answer
    const TimeMs at = answer.answered_ms != 0 ? answer.answered_ms : t;
    std::string label = "叫应 应答 · " + (c ? personOf(c->person) : answer.call_id);
    if (c && c->called_ms != 0 && at >= c->called_ms) label += " · 用时 " + formatDuration(at - c->called_ms);
    if (recorded_by) label += " · 人工记录 " + *recorded_by;
    addAlarmMark(a, t, TimelineLane::Call, std::move(label), true, MarkTone::Good);
}

void TimelineBuilder::on(const State& before, TimeMs t, const CallAnswer& e) { callAnswered(before, t, e, nullptr); }

void TimelineBuilder::on(const State& before, TimeMs t, const CallAnswerRecord& e) {
    callAnswered(before, t, e.answer, &e.operator_name);
}

void TimelineBuilder::on(const State& before, TimeMs t, const CallEscalate& e) {
    const Alarm* a = findAlarm(before, e.alarm_id);
    const Call* c = findCall(a, e.call_id);
    std::string label = "叫应 超时未应 · " + (c ? personOf(c->person) : e.call_id);
    label += e.to_call_id.empty() ? " · 无上级可升级" : " · 已升级";
    addAlarmMark(a, t, TimelineLane::Call, std::move(label), true, MarkTone::Bad);
}

void TimelineBuilder::on(const State& before, TimeMs t, const IncidentUpsert& e) {
    auto it = before.incidents.find(e.incident.id);
    const bool had_due = it != before.incidents.end() && it->second.report_due_ms != 0;
    if (had_due || e.incident.grade > IncidentGrade::Larger) return;  // as apply: the countdown starts once
    const TimeMs due = t + kReportWindowMs;
    const std::string& title = e.incident.title.empty() ? e.incident.id : e.incident.title;
    add(t, TimelineLane::Report,
        "上报 时限开始 · " + title + "（" + gradeWord(e.incident.grade) + "） · " + formatClock(due) + " 前上报", true);
    setDeadline({due, TimelineLane::Report, e.incident.id, "上报 超时未报 · " + title});
}

void TimelineBuilder::on(const State& before, TimeMs t, const IncidentReported& e) {
    auto it = before.incidents.find(e.id);
    if (it == before.incidents.end() || it->second.reported_ms != 0) return;
    const Incident& inc = it->second;
    const std::string& title = inc.title.empty() ? inc.id : inc.title;
    std::string label = "上报 · " + title;
    MarkTone tone = MarkTone::Neutral;
    if (inc.report_due_ms != 0) {
        const bool on_time = t <= inc.report_due_ms;
        tone = on_time ? MarkTone::Good : MarkTone::Bad;
        label += on_time ? " · 按时" : " · 迟报 " + formatDuration(t - inc.report_due_ms);
    }
    if (!e.operator_name.empty()) label += " · " + e.operator_name;
    add(t, TimelineLane::Report, std::move(label), true, tone);
    dropDeadline(TimelineLane::Report, e.id);
}

void TimelineBuilder::on(const State& before, TimeMs t, const TaskUpsert& e) {
    auto it = before.tasks.find(e.task.id);
    const bool is_new = it == before.tasks.end();
    const Task& task = e.task;
    if (is_new || it->second.status != task.status) {
        std::string label = "任务 " + std::string(is_new ? "下达" : taskStatusWord(task.status)) + " · " + task.title;
        if (!task.commander.empty()) label += " · " + task.commander;
        add(t, TimelineLane::Task, std::move(label), true,
            task.status == TaskStatus::Done ? MarkTone::Good : MarkTone::Neutral);
    }
    if (taskOpen(task.status) && task.deadline_ms != 0 && task.deadline_ms >= t)
        setDeadline({task.deadline_ms, TimelineLane::Task, task.id, "任务 超时未完成 · " + task.title});
    else
        dropDeadline(TimelineLane::Task, task.id);
}

void TimelineBuilder::on(const State& before, TimeMs t, const TaskStatusSet& e) {
    auto it = before.tasks.find(e.id);
    if (it == before.tasks.end() || it->second.status == e.status) return;
    std::string label = "任务 " + std::string(taskStatusWord(e.status)) + " · " + it->second.title;
    if (!e.operator_name.empty()) label += " · " + e.operator_name;
    add(t, TimelineLane::Task, std::move(label), true, e.status == TaskStatus::Done ? MarkTone::Good : MarkTone::Neutral);
    if (!taskOpen(e.status)) dropDeadline(TimelineLane::Task, e.id);
}

void TimelineBuilder::on(const State& before, TimeMs t, const LinkageShow& e) {
    if (e.alarm_id.empty()) {
        add(t, TimelineLane::Linkage, "联动 恢复 · " + e.region, false);
        return;
    }
    const Alarm* a = findAlarm(before, e.alarm_id);
    addAlarmMark(a, t, TimelineLane::Linkage, "联动 · " + e.region + " " + std::to_string(e.cameras.size()) + "路", false);
}

void TimelineBuilder::on(const State& before, TimeMs t, const CameraStreamState& e) {
    const std::string key = e.camera_id + "/" + e.stream;
    if (e.state == "live") {
        closeSpan(camera_outages_, key, t);
        return;
    }
    // connecting is a stream starting, not an outage; an outage already open stays as it began.
    if (e.state == "connecting" ||
        std::any_of(camera_outages_.begin(), camera_outages_.end(), [&](const OpenSpan& s) { return s.key == key; }))
        return;
    auto cam = before.cameras.find(e.camera_id);
    const std::string name = cam != before.cameras.end() && !cam->second.name.empty() ? cam->second.name : e.camera_id;
    std::string label = "视频中断 · " + name + (e.stream == "sub" ? "（子码流）" : "");
    if (!e.reason.empty()) label += " · " + e.reason;
    add(t, TimelineLane::Video, std::move(label), true, MarkTone::Bad);
    openSpan(camera_outages_, key, timeline_.marks.size() - 1);
}

void TimelineBuilder::on(const State&, TimeMs t, const LayoutSwitch& e) {
    add(t, TimelineLane::Layout, "布局 · " + e.layout, false);
}

void TimelineBuilder::on(const State&, TimeMs t, const FeedResync& e) {
    if (e.phase == "done") {
        closeSpan(feed_resyncs_, e.source, t);
        return;
    }
    if (std::any_of(feed_resyncs_.begin(), feed_resyncs_.end(), [&](const OpenSpan& s) { return s.key == e.source; }))
        return;
    const bool first_connect = e.reason == "connect";
    std::string label = "通信 重新同步 · " + e.source + " · " + e.reason;
    if (e.reason == "gap") label += " " + std::to_string(e.expected_seq) + "→" + std::to_string(e.received_seq);
    add(t, TimelineLane::Link, std::move(label), !first_connect, first_connect ? MarkTone::Neutral : MarkTone::Bad);
    openSpan(feed_resyncs_, e.source, timeline_.marks.size() - 1);
}

void TimelineBuilder::on(const State& before, TimeMs t, const ConsoleStart& e) {
    // From the last record before this start to the start: the console was not running (or not
    // recording). Shown as it was, never collapsed.
    if (before.last_event_ms == 0 || before.last_event_ms >= t) return;
    std::string label = "控制台未运行 " + formatDuration(t - before.last_event_ms) + " · 重新启动 " + e.version;
    if (!e.damage.empty()) label += " · 日志曾损坏";
    source::TimelineMark& m = add(before.last_event_ms, TimelineLane::Console, std::move(label), true, MarkTone::Bad);
    m.end_ms = t;
}

void TimelineBuilder::on(const State&, TimeMs t, const DrillStart& e) {
    add(t, TimelineLane::Drill,
        std::string("演练 · ") + (e.kind == DrillKind::Tabletop ? "桌面推演" : "实战演练") + " · " + e.name);
    openSpan(drills_, e.drill_id, timeline_.marks.size() - 1);
}

void TimelineBuilder::on(const State&, TimeMs t, const DrillEnd& e) { closeSpan(drills_, e.drill_id, t); }

void TimelineBuilder::on(const State&, TimeMs t, const LinkStateChange& e) {
    if (e.state == "live") {
        closeSpan(link_outages_, e.source, t);
        return;
    }
    if (std::any_of(link_outages_.begin(), link_outages_.end(), [&](const OpenSpan& s) { return s.key == e.source; }))
        return;
    // The outage began when the source fell silent, before the console called it lost.
    add(t - e.silent_ms, TimelineLane::Link, "通信中断 · " + e.source, true, MarkTone::Bad);
    openSpan(link_outages_, e.source, timeline_.marks.size() - 1);
}

} // namespace wall::timeline
