#include "test_support.hpp"

#include "protocol/protocol.hpp"

#include <atomic>
#include <random>
#include <thread>

#include <unistd.h>

namespace wall::test {

TempDir::TempDir() {
    static std::atomic<int> counter{0};
    path = std::filesystem::temp_directory_path() /
           ("wall-ingest-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
}

std::string envelope(const std::string& source, uint64_t seq, const EventBody& body, int64_t ts) {
    return std::string(R"({"v":1,"source":")") + source + R"(","seq":)" + std::to_string(seq) + R"(,"ts":)" +
           std::to_string(ts) + R"(,"type":")" + eventTypeName(body) + R"(","body":)" + protocol::encodeBody(body) +
           "}";
}

EventBody sampleBody(uint64_t i, uint64_t ids) {
    const std::string id = "AL-" + std::to_string(i % ids);
    switch (i % 10) {
    case 0: case 1: case 2: case 3: case 4: {
        Alarm a;
        a.id = id;
        a.level = static_cast<WarningLevel>(1 + i % 4);
        a.category = "rain";
        a.title = "雨量站 " + std::to_string(i) + " 1小时降雨量";
        a.message = "测试 " + std::to_string(i);
        a.site = GridSite{"清江县", "青龙镇", "青龙村", "雨量站"};
        a.cameras = {"cam-01"};
        return AlarmRaise{a};
    }
    case 5: case 6: {
        AlarmUpdate u;
        u.id = id;
        u.level = static_cast<WarningLevel>(1 + (i / 10) % 4);
        u.message = "更新 " + std::to_string(i);
        return u;
    }
    case 7: return AlarmClear{id};
    case 8: {
        Task t;
        t.id = "TK-" + std::to_string(i % 50);
        t.title = "任务 " + std::to_string(i);
        t.commander = "李建国";
        t.site = "青龙镇";
        t.deadline_ms = 1700000000000 + static_cast<int64_t>(i) * 1000;
        t.status = static_cast<TaskStatus>(i % 4);
        return TaskUpsert{t};
    }
    default: {
        Camera c;
        c.id = "cam-" + std::to_string(i % 16);
        c.name = "摄像头 " + std::to_string(i);
        c.main_url = "test:" + c.id;
        return CameraUpsert{c};
    }
    }
}

void UiReplica::drainOnce(ingest::IngestWorker& worker) {
    last.clear();
    if (!worker.drainCommitted(last)) return;
    for (const Event& e : last) apply(state, e);
    drained += last.size();
}

bool UiReplica::drainUntil(ingest::IngestWorker& worker, uint64_t total, std::chrono::milliseconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (drained < total) {
        drainOnce(worker);
        if (drained >= total) break;
        if (std::chrono::steady_clock::now() > end) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

ingest::IngestConfig loopbackConfig() {
    ingest::IngestConfig c;
    c.router_endpoint = "tcp://127.0.0.1:*";
    c.pub_endpoint = "tcp://127.0.0.1:*";
    return c;
}

RunningConsole::RunningConsole(const std::string& path, ingest::IngestConfig config) {
    journal = std::make_unique<journal::Journal>(path);
    journal::Recovered r = journal::recoverState(*journal);
    ui.state = r.state;
    worker = std::make_unique<ingest::IngestWorker>(*journal, std::move(r.state), std::move(config));
}

} // namespace wall::test
