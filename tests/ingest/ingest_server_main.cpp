// The console side of the kill -9 test, as its own process: opens a journal,
// recovers, runs an IngestWorker and plays the UI (drains committed events
// into a replica). Like an operator on duty, it acknowledges every alarm
// whose id ends in an even digit as soon as it appears.
//
// Usage: ingest_test_server JOURNAL ENDPOINT [PUB_ENDPOINT]   (no PUB socket without it)
// Prints to stdout (line-buffered):
//   READY <endpoint>            once bound
//   APPLIED <n> HASH <hash>     after each drain: events applied since start, replica stateHash
// Exits 0 on SIGTERM after stopping the worker.
#include "ingest/ingest_worker.hpp"
#include "journal/journal.hpp"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <deque>
#include <thread>

namespace {
std::atomic<bool> g_stop{false};
void onSignal(int) { g_stop = true; }
} // namespace

int main(int argc, char** argv) {
    using namespace wall;
    if (argc != 3 && argc != 4) {
        std::fprintf(stderr, "usage: %s JOURNAL ENDPOINT [PUB_ENDPOINT]\n", argv[0]);
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
        config.pub_endpoint = argc == 4 ? argv[3] : "";
        config.checkpoint_every = 3000; // exercise checkpoints inside the stream
        ingest::IngestWorker worker(journal, std::move(recovered.state), config);
        std::printf("READY %s\n", worker.routerEndpoint().c_str());
        std::fflush(stdout);

        uint64_t applied = 0;
        std::vector<Event> events;
        std::deque<std::string> to_ack; // alarm ids the "operator" still has to ack
        while (!g_stop && worker.running()) {
            events.clear();
            if (worker.drainCommitted(events)) {
                for (const Event& e : events) {
                    apply(replica, e);
                    if (auto* raise = std::get_if<AlarmRaise>(&e.body)) {
                        const char last = raise->alarm.id.back();
                        if ((last - '0') % 2 == 0) to_ack.push_back(raise->alarm.id);
                    }
                }
                applied += events.size();
                std::printf("APPLIED %llu HASH %llu\n", static_cast<unsigned long long>(applied),
                            static_cast<unsigned long long>(stateHash(replica)));
                std::fflush(stdout);
            }
            while (!to_ack.empty() && worker.postAction(AlarmAck{to_ack.front(), "值班员 刘芳"})) to_ack.pop_front();
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        const std::string fault = worker.counters().fault;
        worker.stop();
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
