// Shared set-up for the journal tests: a fresh temp directory per test, and
// realistic flood-season events (Chinese text) encoded by the real protocol
// codec, so the journal is exercised with what the ingest worker stores.
#pragma once

#include "journal/journal.hpp"
#include "model/model.hpp"
#include "protocol/protocol.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

namespace wall::journal::testing {

// 2026-07-15 08:00:00 Beijing time (00:00 UTC), the start of a flood-season day shift.
constexpr TimeMs kDayStartMs = 1784073600000;

/// One temp directory per test, removed afterwards.
class JournalTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = std::filesystem::temp_directory_path() /
               ("wall-journal-" + std::to_string(::getpid()) + "-" + info->test_suite_name() + "-" + info->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    std::string file(const std::string& name) const { return (dir_ / name).string(); }

    std::filesystem::path dir_;  // this test's private directory
};

/// @brief A red rain-gauge warning in 袁州区 with linked cameras.
inline AlarmRaise rainAlarm(const std::string& id, const std::string& village) {
    Alarm a;
    a.id = id;
    a.source = "yuanzhou-monitor";
    a.level = WarningLevel::Red;
    a.category = "rain";
    a.title = village + "雨量站 1小时降雨68.5毫米";
    a.message = "超过红色预警阈值，请立即叫应" + village + "村负责人，做好低洼地带群众转移准备";
    a.site = {"袁州区", "洪塘镇", village, village + "雨量站"};
    a.device = "RG-" + id;
    a.cameras = {"cam-hongtang-01", "cam-hongtang-02"};
    return {a};
}

/// @brief An on-site commander task for the incident "洪塘镇山洪".
inline TaskUpsert evacuationTask(const std::string& id, TaskStatus status) {
    Task t;
    t.id = id;
    t.title = "转移西坑村低洼地带群众（任务" + id + "）";
    t.commander = "刘建国";
    t.commander_phone = "13907950123";
    t.site = "洪塘镇西坑村";
    t.incident = "洪塘镇山洪";
    t.deadline_ms = kDayStartMs + 6 * 3600 * 1000;
    t.status = status;
    t.note = "带班领导要求两小时内回报";
    return {t};
}

/// @brief A journal record for body from source/seq at recv_ms, encoded canonically.
inline Record recordOf(const std::string& source, uint64_t seq, TimeMs recv_ms, const EventBody& body) {
    Record r;
    r.recv_ms = recv_ms;
    r.source = source;
    r.seq = seq;
    r.ts_ms = recv_ms - 40;  // sender's clock a little behind
    r.type = eventTypeName(body);
    r.body = protocol::encodeBody(body);
    return r;
}

/// A scenario of n events whose state depends on order: alarms raised,
/// updated, acked, cleared; tasks created and moved; camera link reports; layout switches.
struct Scenario {
    std::vector<Event> events;    // what the model applies directly (the reference)
    std::vector<Record> records;  // the same events as the journal stores them
};

inline Scenario makeScenario(int n, TimeMs first_recv_ms, TimeMs step_ms = 1) {
    static const char* const kVillages[] = {"西坑村", "南庙村", "竹亭村", "彬江村", "金瑞村"};
    Scenario s;
    for (int i = 0; i < n; ++i) {
        const std::string alarm_id = "RG-" + std::to_string(i / 7);
        EventBody body;
        std::string source = "yuanzhou-monitor";
        switch (i % 7) {
        case 0: body = rainAlarm(alarm_id, kVillages[i % 5]); break;
        case 1: body = AlarmUpdate{alarm_id, WarningLevel::Orange, std::nullopt, "雨势减弱，降为橙色预警", std::nullopt}; break;
        case 2: body = evacuationTask("T-" + std::to_string(i % 40), TaskStatus::Assigned); source = "field-tasks"; break;
        case 3: body = AlarmAck{alarm_id, "值班员 王晓燕"}; source = "operator"; break;
        case 4: body = TaskStatusSet{"T-" + std::to_string((i - 2) % 40), TaskStatus::InProgress, "值班员 王晓燕"}; source = "operator"; break;
        // The console never journals heartbeats; its own camera link reports stand in their slot.
        case 5:
            if (i % 3 == 0) {
                body = AlarmClear{alarm_id};
            } else {
                body = CameraStreamState{"cam-hongtang-01", "sub", i % 2 ? "live" : "stalled", i % 2 ? "" : "timeout"};
                source = "operator";
            }
            break;
        case 6: body = (i % 2 == 0) ? EventBody{LayoutSwitch{"consultation"}} : EventBody{LayoutSwitch{"duty"}}; source = "operator"; break;
        }
        Event e;
        e.source = source;
        e.seq = static_cast<uint64_t>(i + 1);
        e.recv_ms = first_recv_ms + static_cast<TimeMs>(i) * step_ms;
        e.ts_ms = e.recv_ms - 40;
        e.body = body;
        s.records.push_back(recordOf(e.source, e.seq, e.recv_ms, e.body));
        s.events.push_back(std::move(e));
    }
    return s;
}

/// @brief State after applying the first count events directly, without the journal.
inline State referenceState(const Scenario& s, size_t count) {
    State state;
    for (size_t i = 0; i < count && i < s.events.size(); ++i) apply(state, s.events[i]);
    return state;
}

} // namespace wall::journal::testing
