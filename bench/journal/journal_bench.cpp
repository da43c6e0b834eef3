// bench_journal: durable append throughput and start-up recovery time.
//
//   AppendBatch/N     events/s through Journal::appendBatch with batches of N,
//                     synchronous=FULL on a real file (one fsync per batch).
//   BuildJournal      writes the 1,000,000-event journal the recovery runs use
//                     (batches of 4096), once per run.
//   RecoverFull       recoverState() with no checkpoint: parse + apply everything.
//   RecoverCheckpoint recoverState() with a checkpoint 10,000 records before the end.
//   WriteCheckpoint   encodeState() + writeCheckpoint() of the recovered board.
//
// Absolute times on shared machines are noisy, so the summary at the end gives
// ratios measured side by side in the same run. Files live in
// $WALL_BENCH_DIR (default /tmp) under wall-bench-journal-<pid>/ and are removed
// at exit. WALL_BENCH_JOURNAL_EVENTS overrides the 1,000,000 for quick runs.
//
// Run: cmake --build build --target bench_journal && build/bin/bench_journal
// (about 40 s on the 2-core build VM, 270 MB of temporary files).

#include "journal/journal.hpp"
#include "model/model.hpp"
#include "protocol/protocol.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

using namespace wall;
using namespace wall::journal;

constexpr TimeMs kDayStartMs = 1784073600000;  // 2026-07-15 08:00 Beijing
constexpr int64_t kCheckpointBeforeEnd = 10000;

// ---- Files: one private directory per run, removed at exit.

struct BenchDirectory {
    std::filesystem::path path;  // $WALL_BENCH_DIR/wall-bench-journal-<pid>
    BenchDirectory() {
        const char* base = std::getenv("WALL_BENCH_DIR");
        path = std::filesystem::path(base ? base : "/tmp") / ("wall-bench-journal-" + std::to_string(::getpid()));
        std::filesystem::create_directories(path);
    }
    ~BenchDirectory() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    std::string file(const std::string& name) const { return (path / name).string(); }
};

BenchDirectory& benchDirectory() {
    static BenchDirectory dir;
    return dir;
}

void removeJournalFiles(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

// ---- A realistic event mix: a flood-season day in 袁州区, bounded state
// (3,000 alarm ids, 500 tasks, 800 cameras cycling), Chinese text throughout.

EventBody eventBody(int64_t i, std::string& source) {
    static const char* const kTownships[] = {"洪塘镇", "西村镇", "金瑞镇", "彬江镇", "湖田镇", "水江镇"};
    static const char* const kCategories[] = {"rain", "reservoir", "tailings", "fire", "hazchem", "road"};
    const std::string township = kTownships[i % 6];
    const std::string alarm_id = "A-" + std::to_string((i / 10) % 3000);
    const std::string task_id = "T-" + std::to_string((i / 10) % 500);
    source = "yuanzhou-monitor";
    switch (i % 10) {
    case 0:
    case 1: {
        Alarm a;
        a.id = alarm_id;
        a.source = source;
        a.level = static_cast<WarningLevel>(1 + (i / 10) % 4);
        a.category = kCategories[(i / 10) % 6];
        a.title = township + "监测点 水位超汛限0.42米";
        a.message = "请立即叫应" + township + "防汛责任人，做好下游群众转移准备";
        a.site = {"袁州区", township, "西坑村", "西坑水库大坝"};
        a.device = "WL-" + std::to_string(i % 977);
        a.cameras = {"cam-" + std::to_string(i % 800), "cam-" + std::to_string((i + 1) % 800)};
        return AlarmRaise{a};
    }
    case 2: return AlarmUpdate{alarm_id, std::nullopt, std::nullopt, "水位仍在上涨，已通知" + township, std::nullopt};
    case 3: return Heartbeat{};
    // Acks and clears hit other alarms than the one just raised, so the board
    // keeps a realistic crowd (about two thousand) instead of emptying itself.
    case 4: source = "operator"; return AlarmAck{"A-" + std::to_string((i / 10 * 7) % 3000), "值班员 王晓燕"};
    case 5:
        if ((i / 10) % 3 != 0) return Heartbeat{};
        return AlarmClear{"A-" + std::to_string((i / 10 * 13 + 5) % 3000)};
    case 6: {
        source = "field-tasks";
        Task t;
        t.id = task_id;
        t.title = "转移" + township + "低洼地带群众";
        t.commander = "刘建国";
        t.commander_phone = "13907950123";
        t.site = township + "西坑村";
        t.incident = township + "山洪";
        t.deadline_ms = kDayStartMs + 6 * 3600 * 1000;
        return TaskUpsert{t};
    }
    case 7: source = "operator"; return TaskStatusSet{task_id, TaskStatus::InProgress, "值班员 王晓燕"};
    case 8: source = "jingxian-monitor"; return Heartbeat{};
    default: {
        Camera c;
        c.id = "cam-" + std::to_string(i % 800);
        c.name = township + "水库坝顶 " + std::to_string(i % 800) + "号";
        c.site = township;
        c.main_url = "rtsp://10.20.0." + std::to_string(i % 250) + "/main";
        c.group = township;
        return CameraUpsert{c};
    }
    }
}

Record recordFor(int64_t i, const EventBody& body, const std::string& source) {
    Record r;
    r.recv_ms = kDayStartMs + i * 10;
    r.ts_ms = r.recv_ms - 40;
    r.source = source;
    r.seq = static_cast<uint64_t>(i + 1);
    r.type = eventTypeName(body);
    r.body = protocol::encodeBody(body);
    return r;
}

// Summary figures, filled by the benchmarks and printed after the run.
std::map<int64_t, double> g_append_events_per_s;  // batch size -> events/s
double g_recover_full_ms = 0, g_recover_checkpoint_ms = 0, g_build_s = 0;

// ---- AppendBatch/N

void AppendBatch(benchmark::State& st) {
    const auto batch_size = static_cast<size_t>(st.range(0));
    const std::string path = benchDirectory().file("append-" + std::to_string(batch_size) + ".db");
    removeJournalFiles(path);
    Journal journal(path);

    std::vector<Record> pool;
    for (int64_t i = 0; i < 100; ++i) {
        std::string source;
        const EventBody body = eventBody(i, source);
        pool.push_back(recordFor(i, body, source));
    }
    std::vector<Record> batch(batch_size);
    uint64_t seq = 0;
    std::vector<double> commit_ms;  // appendBatch() wall time per batch: what an ack waits for
    commit_ms.reserve(1 << 16);
    const auto started = std::chrono::steady_clock::now();
    for (auto _ : st) {
        // Copying bodies into the batch is part of the cost: ingest builds records too.
        for (Record& r : batch) {
            r = pool[seq % pool.size()];
            r.seq = ++seq;
            r.recv_ms = kDayStartMs + static_cast<TimeMs>(seq);
        }
        const auto commit_started = std::chrono::steady_clock::now();
        auto outcomes = journal.appendBatch(batch);
        commit_ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - commit_started).count());
        if (outcomes.back() != AppendOutcome::Inserted) {
            st.SkipWithError("append did not insert");
            break;
        }
    }
    const double elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const double events = static_cast<double>(st.iterations()) * static_cast<double>(batch_size);
    if (elapsed_s > 0) g_append_events_per_s[st.range(0)] = events / elapsed_s;
    st.SetItemsProcessed(static_cast<int64_t>(events));
    st.counters["events_per_s"] = benchmark::Counter(events, benchmark::Counter::kIsRate);
    if (!commit_ms.empty()) {
        std::sort(commit_ms.begin(), commit_ms.end());
        auto pct = [&](double p) { return commit_ms[static_cast<size_t>(p * static_cast<double>(commit_ms.size() - 1))]; };
        st.counters["commit_p50_ms"] = pct(0.50);
        st.counters["commit_p99_ms"] = pct(0.99);
        st.counters["commit_max_ms"] = commit_ms.back();
    }
    st.counters["bytes_per_event"] = static_cast<double>(journal.stats().file_bytes) / std::max(1.0, events);
}

// ---- The million-event journal, built once per run.

struct MillionJournal {
    std::string path;             // the journal file
    int64_t events = 0;           // records in it
    Checkpoint near_end;          // state after events - kCheckpointBeforeEnd records, not yet written
    uint64_t final_hash = 0;      // stateHash after all records, computed while generating
    bool checkpoint_written = false;
};

int64_t millionSize() {
    const char* env = std::getenv("WALL_BENCH_JOURNAL_EVENTS");
    const int64_t n = env ? std::atoll(env) : 1000000;
    return std::max<int64_t>(n, 2 * kCheckpointBeforeEnd);
}

MillionJournal buildMillionJournal() {
    MillionJournal m;
    m.path = benchDirectory().file("million.db");
    m.events = millionSize();
    removeJournalFiles(m.path);
    const auto started = std::chrono::steady_clock::now();

    Journal journal(m.path);
    State state;  // the reference: the model applying events directly while generating
    std::vector<Record> batch;
    batch.reserve(4096);
    const int64_t checkpoint_at = m.events - kCheckpointBeforeEnd;
    for (int64_t i = 0; i < m.events; ++i) {
        std::string source;
        Event event;
        event.body = eventBody(i, source);
        batch.push_back(recordFor(i, event.body, source));
        event.source = source;
        event.seq = batch.back().seq;
        event.ts_ms = batch.back().ts_ms;
        event.recv_ms = batch.back().recv_ms;
        apply(state, event);
        if (batch.size() == batch.capacity() || i + 1 == checkpoint_at || i + 1 == m.events) {
            journal.appendBatch(batch);
            batch.clear();
        }
        if (i + 1 == checkpoint_at)
            m.near_end = {journal.lastId(), event.recv_ms, protocol::encodeState(state)};
    }
    m.final_hash = stateHash(state);
    g_build_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::fprintf(stderr, "built %lld-event journal in %.1f s (%.0f MB, %zu alarms on the board)\n",
                 static_cast<long long>(m.events), g_build_s, journal.stats().file_bytes / 1e6,
                 state.alarms.size());
    return m;
}

MillionJournal& millionJournal() {
    static MillionJournal m = buildMillionJournal();
    return m;
}

void BuildJournal(benchmark::State& st) {
    for (auto _ : st) benchmark::DoNotOptimize(millionJournal().events);
    st.counters["events"] = static_cast<double>(millionJournal().events);
    st.counters["build_s"] = g_build_s;
}

double recoverOnce(benchmark::State& st, MillionJournal& m, int64_t expect_replayed) {
    Journal journal(m.path);
    double total_ms = 0;
    int64_t runs = 0;
    for (auto _ : st) {
        const auto started = std::chrono::steady_clock::now();
        Recovered r = recoverState(journal);
        total_ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        ++runs;
        if (stateHash(r.state) != m.final_hash || r.replayed != expect_replayed || r.skipped != 0) {
            st.SkipWithError("recovered state differs from the generated one");
            break;
        }
        st.counters["replayed"] = static_cast<double>(r.replayed);
    }
    return runs ? total_ms / static_cast<double>(runs) : 0;
}

void RecoverFull(benchmark::State& st) {
    MillionJournal& m = millionJournal();
    if (m.checkpoint_written) {
        st.SkipWithError("the checkpoint is already written; run RecoverFull before RecoverCheckpoint");
        return;
    }
    g_recover_full_ms = recoverOnce(st, m, m.events);
}

void RecoverCheckpoint(benchmark::State& st) {
    MillionJournal& m = millionJournal();
    if (!m.checkpoint_written) {
        Journal(m.path).writeCheckpoint(m.near_end);
        m.checkpoint_written = true;
    }
    g_recover_checkpoint_ms = recoverOnce(st, m, kCheckpointBeforeEnd);
    st.counters["checkpoint_bytes"] = static_cast<double>(m.near_end.state_blob.size());
}

// What a checkpoint costs the ingest thread: encodeState of the generated
// board plus one FULL-synced insert (older ones are thinned in the same commit).
void WriteCheckpoint(benchmark::State& st) {
    MillionJournal& m = millionJournal();
    Journal journal(m.path);
    const State state = recoverState(journal).state;
    double encode_ms = 0;
    for (auto _ : st) {
        const auto started = std::chrono::steady_clock::now();
        Checkpoint checkpoint{journal.lastId(), state.last_event_ms, protocol::encodeState(state)};
        encode_ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        journal.writeCheckpoint(checkpoint);
    }
    m.checkpoint_written = true;
    st.counters["encode_ms"] = encode_ms / static_cast<double>(std::max<int64_t>(1, st.iterations()));
    st.counters["alarms"] = static_cast<double>(state.alarms.size());
}

// Registration order matters: RecoverFull must see the journal without its checkpoint.
BENCHMARK(AppendBatch)->Arg(1)->Arg(64)->Arg(1024)->Arg(4096)->UseRealTime()->MinTime(1.0);
BENCHMARK(BuildJournal)->Iterations(1)->UseRealTime()->Unit(benchmark::kSecond);
BENCHMARK(RecoverFull)->Iterations(1)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(RecoverCheckpoint)->Iterations(5)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(WriteCheckpoint)->Iterations(10)->UseRealTime()->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();

    std::printf("\nsummary (same run, same disk: %s)\n", benchDirectory().path.c_str());
    for (auto [size, rate] : g_append_events_per_s)
        std::printf("  append batch %5lld: %10.0f events/s\n", static_cast<long long>(size), rate);
    if (g_recover_full_ms > 0 && g_recover_checkpoint_ms > 0)
        std::printf("  recover %lld events: full replay %.0f ms, from checkpoint %.0f ms, ratio %.1fx\n",
                    static_cast<long long>(millionSize()), g_recover_full_ms, g_recover_checkpoint_ms,
                    g_recover_full_ms / g_recover_checkpoint_ms);
    return 0;
}
