// The console side of the kill -9 tests, as its own process: opens a journal
// the way the console does (integrity check, set-aside of a damaged file),
// recovers, runs an IngestWorker and plays the UI (drains committed events
// into a replica). Like an operator on duty, it acknowledges every alarm
// whose id ends in an even digit as soon as it appears; with --shelve it also
// shelves every alarm whose id ends in 3 (for an hour) when it is raised.
// With --call-rules it is the 叫应 test's console instead: the short-deadline
// rules of call_response_rules.hpp, and no operator acting.
//
// Usage: ingest_test_server JOURNAL ENDPOINT [PUB_ENDPOINT] [--shelve] [--call-rules]   (no PUB socket without it)
// Prints to stdout (line-buffered):
//   RECOVERED HASH <h> ACKED <a> SHELVED <s>   the recovered state: stateHash, acked and shelved alarms
//   READY <endpoint>            once bound
//   APPLIED <n> HASH <hash>     after each drain: events applied since start, replica stateHash
//   COUNTS <received> <accepted> <duplicates> <rejected> <unanswered>
//                               the backend-message counters, after each drain and at exit
// Exits 0 on SIGTERM after stopping the worker.
#include "base/clock.hpp"
#include "call_response_rules.hpp"
#include "ingest/ingest_worker.hpp"
#include "journal/journal.hpp"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <deque>
#include <string>
#include <thread>
#include <vector>

namespace {
std::atomic<bool> g_stop{false};
void onSignal(int) { g_stop = true; }

void printCounts(const wall::ingest::IngestCounters& c) {
    std::printf("COUNTS %llu %llu %llu %llu %llu\n", static_cast<unsigned long long>(c.received),
                static_cast<unsigned long long>(c.accepted), static_cast<unsigned long long>(c.duplicates),
                static_cast<unsigned long long>(c.rejectedTotal()), static_cast<unsigned long long>(c.unanswered));
    std::fflush(stdout);
}
} // namespace

int main(int argc, char** argv) {
    using namespace wall;
    bool shelve = false, call_rules = false;
    std::vector<std::string> args;
    for (int i = 1; i < argc; ++i) {
        if (std::string(argv[i]) == "--shelve") shelve = true;
        else if (std::string(argv[i]) == "--call-rules") call_rules = true;
        else args.emplace_back(argv[i]);
    }
    if (args.size() != 2 && args.size() != 3) {
        std::fprintf(stderr, "usage: %s JOURNAL ENDPOINT [PUB_ENDPOINT] [--shelve] [--call-rules]\n", argv[0]);
        return 2;
    }
    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);
    try {
        journal::OpenedJournal opened = journal::openRecovering(args[0]);
        journal::Journal& journal = *opened.journal;
        journal::Recovered& recovered = opened.recovered;
        State replica = recovered.state;
        size_t acked_alarms = 0, shelved_alarms = 0;
        for (const auto& [id, alarm] : replica.alarms) {
            acked_alarms += alarm.acked;
            shelved_alarms += alarm.shelved_until_ms != 0;
        }
        std::printf("RECOVERED HASH %llu ACKED %zu SHELVED %zu\n",
                    static_cast<unsigned long long>(stateHash(replica)), acked_alarms, shelved_alarms);
        ingest::IngestConfig config;
        config.router_endpoint = args[1];
        config.pub_endpoint = args.size() == 3 ? args[2] : "";
        config.checkpoint_every = 3000; // exercise checkpoints inside the stream
        if (call_rules) config.rules = test::shortDeadlineRules();
        const bool operator_acts = !call_rules;
        ingest::IngestWorker worker(journal, std::move(recovered.state), config);
        std::printf("READY %s\n", worker.routerEndpoint().c_str());
        std::fflush(stdout);

        uint64_t applied = 0;
        std::vector<Event> events;
        std::deque<std::string> to_ack; // alarm ids the "operator" still has to ack
        std::deque<std::string> to_shelve; // alarm ids the "operator" still has to shelve
        while (!g_stop && worker.running()) {
            events.clear();
            if (worker.drainCommitted(events)) {
                for (const Event& e : events) {
                    apply(replica, e);
                    if (auto* raise = std::get_if<AlarmRaise>(&e.body); raise && operator_acts) {
                        const char last = raise->alarm.id.back();
                        if ((last - '0') % 2 == 0) to_ack.push_back(raise->alarm.id);
                        if (shelve && last == '3') to_shelve.push_back(raise->alarm.id);
                    }
                }
                applied += events.size();
                std::printf("APPLIED %llu HASH %llu\n", static_cast<unsigned long long>(applied),
                            static_cast<unsigned long long>(stateHash(replica)));
                printCounts(worker.counters());
            }
            while (!to_ack.empty() && worker.postAction(AlarmAck{to_ack.front(), "值班员 刘芳"})) to_ack.pop_front();
            const TimeMs hour_later = wall::nowMs() + 3'600'000;
            while (!to_shelve.empty() &&
                   worker.postAction(AlarmShelve{to_shelve.front(), hour_later, "测试：误报排查", "值班员 刘芳"}))
                to_shelve.pop_front();
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        const std::string fault = worker.counters().fault;
        worker.stop();
        printCounts(worker.counters());
        if (!fault.empty()) {
            std::fprintf(stderr, "ingest_test_server: %s\n", fault.c_str());
            return 1;
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "ingest_test_server: %s\n", e.what());
        return 1;
    }
    return 0;
}
