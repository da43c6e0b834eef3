// The console side of the 叫应 kill -9 test, as its own process: opens a
// journal, recovers, runs an IngestWorker with the short-deadline rules
// (call_response_rules.hpp) and plays the UI (drains into a replica).
//
// Usage: rules_test_server JOURNAL ENDPOINT
// Prints to stdout (line-buffered):
//   READY <endpoint>            once bound
//   APPLIED <n> HASH <hash>     after each drain: events applied since start, replica stateHash
// Exits 0 on SIGTERM after stopping the worker.
#include "call_response_rules.hpp"
#include "ingest/ingest_worker.hpp"
#include "journal/journal.hpp"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <thread>

namespace {
std::atomic<bool> g_stop{false};
void onSignal(int) { g_stop = true; }
} // namespace

int main(int argc, char** argv) {
    using namespace wall;
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s JOURNAL ENDPOINT\n", argv[0]);
        return 2;
    }
    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);
    try {
        journal::Journal journal(argv[1]);
        journal::Recovered recovered = journal::recoverState(journal);
        State replica = recovered.state;
        ingest::IngestConfig config;
        config.router_endpoint = argv[2];
        config.pub_endpoint = "";
        config.rules = test::shortDeadlineRules();
        ingest::IngestWorker worker(journal, std::move(recovered.state), config);
        std::printf("READY %s\n", worker.routerEndpoint().c_str());
        std::fflush(stdout);
        uint64_t applied = 0;
        std::vector<Event> events;
        while (!g_stop && worker.running()) {
            events.clear();
            if (worker.drainCommitted(events)) {
                for (const Event& e : events) apply(replica, e);
                applied += events.size();
                std::printf("APPLIED %llu HASH %llu\n", static_cast<unsigned long long>(applied),
                            static_cast<unsigned long long>(stateHash(replica)));
                std::fflush(stdout);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        const std::string fault = worker.counters().fault;
        worker.stop();
        if (!fault.empty()) {
            std::fprintf(stderr, "rules_test_server: %s\n", fault.c_str());
            return 1;
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "rules_test_server: %s\n", e.what());
        return 1;
    }
    return 0;
}
