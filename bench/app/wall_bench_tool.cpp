// wall_bench_tool: makes the inputs of the whole-console benchmarks.
//   journal OUT --events N [--alarms N]   a journal as the console would have written it
//   load ENDPOINT --rate R --seconds S [--flood] [--red-at T]
//                                         a backend sending alarm events at a steady rate; --flood
//                                         sends only yellow/blue alarms at 48 (site, category) pairs,
//                                         --red-at raises one red warning "flood-red" T seconds in
#include "base/clock.hpp"
#include "client/backend_client.hpp"
#include "journal/journal.hpp"
#include "model/model.hpp"
#include "protocol/protocol.hpp"

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

namespace {

using namespace wall;

const char* const kTownships[] = {"青龙镇", "石门镇", "金坑乡", "白沙乡", "江口街道", "桃源乡", "双溪镇", "杨柳乡"};
const char* const kCategories[] = {"rain", "reservoir", "tailings", "fire", "hazchem", "road"};

Alarm makeAlarm(uint64_t i) {
    Alarm a;
    a.id = "bench-" + std::to_string(i);
    a.level = static_cast<WarningLevel>(1 + i % 4);
    a.category = kCategories[i % 6];
    a.title = std::string(kTownships[i % 8]) + "监测点" + std::to_string(i % 997) + "号 超阈值";
    a.site = {"清江县", kTownships[i % 8], "", ""};
    return a;
}

/// A flood alarm: yellow or blue, at one of 8 townships x 6 categories, so grouping has work to do.
Alarm makeFloodAlarm(uint64_t i) {
    Alarm a = makeAlarm(i);
    a.id = "flood-" + std::to_string(i);
    a.level = i % 2 ? WarningLevel::Yellow : WarningLevel::Blue;
    a.category = kCategories[(i / 8) % 6];
    a.site.village = std::string(kTownships[i % 8]) + "中心村";
    return a;
}

Alarm makeRedWarning() {
    Alarm a;
    a.id = "flood-red";
    a.level = WarningLevel::Red;
    a.category = "reservoir";
    a.title = "青龙水库大坝渗漏险情 红色预警";
    a.site = {"清江县", "青龙镇", "青龙村", "青龙水库"};
    return a;
}

/// Writes `events` records: the first `alarms` raise distinct alarms, the rest update them.
int makeJournal(const std::string& out, uint64_t events, uint64_t alarms) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(out + suffix);
    journal::Journal j(out);
    State state;
    std::vector<journal::Record> batch;
    const TimeMs t0 = wall::nowMs() - static_cast<TimeMs>(events); // one event per ms, ending now
    constexpr uint64_t kCheckpointEvery = 50000; // as the ingest worker does
    for (uint64_t i = 0; i < events; ++i) {
        Event e;
        e.source = "bench";
        e.seq = i + 1;
        e.ts_ms = e.recv_ms = t0 + static_cast<TimeMs>(i);
        if (i < alarms) {
            e.body = AlarmRaise{makeAlarm(i)};
        } else {
            AlarmUpdate u;
            u.id = "bench-" + std::to_string(i % std::max<uint64_t>(alarms, 1));
            u.message = "更新 " + std::to_string(i);
            e.body = u;
        }
        apply(state, e);
        batch.push_back({0, e.recv_ms, e.source, e.seq, e.ts_ms, eventTypeName(e.body), protocol::encodeBody(e.body), ""});
        if (batch.size() == 4096 || i + 1 == events) {
            j.appendBatch(batch);
            batch.clear();
        }
        if ((i + 1) % kCheckpointEvery == 0) {
            j.appendBatch(batch);
            batch.clear();
            j.writeCheckpoint({j.lastId(), e.recv_ms, protocol::encodeState(state)});
        }
    }
    std::printf("journal %s: %llu events, %zu alarms\n", out.c_str(), static_cast<unsigned long long>(events),
                state.alarms.size());
    return 0;
}

/// Sends alarm.raise at `rate` per second for `seconds`, pipelined, resending until acked.
int sendLoad(const std::string& endpoint, int rate, double seconds, bool flood, double red_at) {
    client::BackendClient backend({.endpoint = endpoint, .source = "load", .first_seq = 1});
    backend.keepAcks(false);
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    const auto end = start + std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
    uint64_t sent = 0;
    while (Clock::now() < end) {
        const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
        const uint64_t due = static_cast<uint64_t>(elapsed * rate);
        while (sent < due) {
            backend.send("alarm.raise", protocol::encodeBody(AlarmRaise{flood ? makeFloodAlarm(sent) : makeAlarm(sent)}));
            ++sent;
        }
        if (red_at >= 0 && elapsed >= red_at) {
            backend.send("alarm.raise", protocol::encodeBody(AlarmRaise{makeRedWarning()}));
            ++sent;
            red_at = -1;
        }
        backend.pump(1);
    }
    const bool all = backend.waitAllAcked(Clock::now() + std::chrono::seconds(30));
    std::printf("load: sent %llu at %d/s, acked %llu%s\n", static_cast<unsigned long long>(sent), rate,
                static_cast<unsigned long long>(backend.acked()), all ? "" : " (NOT all acked)");
    return all ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"Inputs for the whole-console benchmarks (bench/app/run_app_bench.sh)"};
    app.require_subcommand(1);
    std::string out, endpoint = "tcp://127.0.0.1:5560";
    uint64_t events = 100000, alarms = 100000;
    int rate = 1000;
    double seconds = 10, red_at = -1;
    bool flood = false;
    auto* journal_cmd = app.add_subcommand("journal", "Write a journal of N events (alarms first, then updates)");
    journal_cmd->add_option("out", out, "Journal file to create (replaced)")->required();
    journal_cmd->add_option("--events", events, "Events in total")->capture_default_str();
    journal_cmd->add_option("--alarms", alarms, "Distinct alarms raised first")->capture_default_str();
    auto* load_cmd = app.add_subcommand("load", "Send alarm.raise at a steady rate to a console");
    load_cmd->add_option("endpoint", endpoint, "Console ROUTER")->capture_default_str();
    load_cmd->add_option("--rate", rate, "Events per second")->capture_default_str();
    load_cmd->add_option("--seconds", seconds, "How long")->capture_default_str();
    load_cmd->add_flag("--flood", flood, "Only yellow/blue alarms at 48 (site, category) pairs");
    load_cmd->add_option("--red-at", red_at, "Raise one red warning (id flood-red) this many seconds in");
    CLI11_PARSE(app, argc, argv);
    try {
        if (*journal_cmd) return makeJournal(out, events, std::min(alarms, events));
        return sendLoad(endpoint, rate, seconds, flood, red_at);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "wall_bench_tool: %s\n", e.what());
        return 1;
    }
}
