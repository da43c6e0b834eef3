// `wallctl publish`: the reference publisher of SUB ingest (docs/protocol.md
// section 11) on its own: PUB + snapshot ROUTER + heartbeats + epoch, playing
// a random or scripted alarm stream at a given rate. Prints the state hash at
// the end, so a test (or a backend team) can compare it with the console's.
#include "wallctl/commands.hpp"

#include "auth/key_file.hpp"
#include "feeds/feed_publisher.hpp"
#include "protocol/protocol.hpp"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <thread>

#include <nlohmann/json.hpp>

namespace wall::wallctl {
namespace {

struct PublishOptions {
    feeds::PublisherConfig publisher;
    double rate = 100;         // updates per second
    uint64_t count = 0;        // stop the stream after this many (0 = no limit)
    double seconds = 0;        // stop everything after this long (0 = until interrupted)
    bool hold = false;         // after the stream ends, keep serving snapshots and heartbeats until interrupted
    uint64_t seed = 1;
    size_t pool = 200;         // distinct alarm ids of the random stream
    std::string script;        // JSONL of {"type","body"}: played instead of the random stream
    std::string curve_secret;  // key pair file (wallctl keygen): serve CURVE, subscribers pin its .pub
};

/// Reads {"type","body"} lines into event bodies; an error names the line.
bool readScript(const std::string& path, std::vector<EventBody>& out) {
    std::ifstream in(path);
    if (!in) {
        std::cerr << "wallctl publish: cannot read " << path << "\n";
        return false;
    }
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        const auto j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_discarded() || !j.is_object() || !j.contains("type") || !j.contains("body")) {
            std::cerr << path << ":" << n << ": expected {\"type\":...,\"body\":{...}}\n";
            return false;
        }
        auto body = protocol::parseBody(j["type"].get<std::string>(), j["body"].dump());
        if (auto* refused = std::get_if<protocol::Rejection>(&body)) {
            std::cerr << path << ":" << n << ": " << protocol::toWire(refused->reason) << ": " << refused->detail << "\n";
            return false;
        }
        out.push_back(std::get<EventBody>(std::move(body)));
    }
    return true;
}

void printState(const feeds::FeedPublisher& p, const char* what) {
    std::printf("%s epoch=%llu seq=%llu state_hash=0x%016llx snapshots=%llu\n", what,
                static_cast<unsigned long long>(p.epoch()), static_cast<unsigned long long>(p.lastSeq()),
                static_cast<unsigned long long>(p.contentHash()), static_cast<unsigned long long>(p.snapshotsServed()));
    std::fflush(stdout);
}

int runPublish(const PublishOptions& o) {
    std::vector<EventBody> script;
    if (!o.script.empty() && !readScript(o.script, script)) return 2;
    std::unique_ptr<feeds::FeedPublisher> publisher;
    try {
        publisher = std::make_unique<feeds::FeedPublisher>(o.publisher);
    } catch (const std::exception& e) {
        std::cerr << "wallctl publish: " << e.what() << "\n";
        return 2;
    }
    std::printf("publishing source=%s pub=%s snapshot=%s epoch=%llu\n", o.publisher.source.c_str(),
                publisher->pubEndpoint().c_str(), publisher->snapshotEndpoint().c_str(),
                static_cast<unsigned long long>(publisher->epoch()));
    std::fflush(stdout);

    feeds::RandomAlarmStream random(o.publisher.source, o.pool, o.seed);
    using clock = std::chrono::steady_clock;
    const auto start = clock::now();
    const auto elapsed = [&] { return std::chrono::duration<double>(clock::now() - start).count(); };
    const uint64_t limit = script.empty() ? o.count : (o.count ? std::min<uint64_t>(o.count, script.size()) : script.size());
    uint64_t sent = 0;
    while (!interrupted() && (limit == 0 || sent < limit) && (o.seconds <= 0 || elapsed() < o.seconds)) {
        const auto due = static_cast<uint64_t>(elapsed() * o.rate) + 1;
        while (sent < due && (limit == 0 || sent < limit)) {
            publisher->publish(script.empty() ? random.next() : script[sent]);
            ++sent;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    publisher->flush();
    printState(*publisher, "stream done");
    while (o.hold && !interrupted() && (o.seconds <= 0 || elapsed() < o.seconds))
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    printState(*publisher, "final");
    publisher->stop();
    return 0;
}

} // namespace

Run addPublishCommand(CLI::App& app) {
    auto o = std::make_shared<PublishOptions>();
    o->publisher.pub_endpoint = "tcp://127.0.0.1:5570";
    o->publisher.snapshot_endpoint = "tcp://127.0.0.1:5571";
    CLI::App* sub = app.add_subcommand(
        "publish",
        "Reference publisher for the console's SUB ingest (docs/protocol.md section 11): a PUB socket with the\n"
        "updates (topic = type, envelope + epoch), a snapshot ROUTER, heartbeats every second, a new epoch at\n"
        "every start. Plays a random alarm stream (or --script) at --rate; prints its state hash at the end.\n"
        "Console side: wallconsole --subscribe NAME=PUB_ENDPOINT,SNAPSHOT_ENDPOINT");
    sub->add_option("--source", o->publisher.source, "Source name stamped on every update")->capture_default_str();
    sub->add_option("--pub", o->publisher.pub_endpoint, "PUB bind endpoint")->capture_default_str();
    sub->add_option("--snapshot", o->publisher.snapshot_endpoint, "Snapshot ROUTER bind endpoint")->capture_default_str();
    sub->add_option("--epoch", o->publisher.epoch, "Epoch (default: the start time in ms)");
    sub->add_option("--heartbeat-ms", o->publisher.heartbeat_ms, "Heartbeat period")->capture_default_str();
    sub->add_option("--hwm", o->publisher.sndhwm, "PUB high-water mark (messages)")->capture_default_str();
    sub->add_option("--rate", o->rate, "Updates per second")->capture_default_str();
    sub->add_option("--count", o->count, "Stop the stream after this many updates (0 = no limit)");
    sub->add_option("--seconds", o->seconds, "Stop after this many seconds (0 = until Ctrl-C)");
    sub->add_flag("--hold", o->hold, "After the stream, keep serving snapshots and heartbeats until Ctrl-C or --seconds");
    sub->add_option("--seed", o->seed, "Random stream seed")->capture_default_str();
    sub->add_option("--pool", o->pool, "Distinct alarm ids in the random stream")->capture_default_str();
    sub->add_option("--script", o->script, "JSONL file of {\"type\",\"body\"} to play instead of the random stream");
    sub->add_option("--curve-secret", o->curve_secret,
                    "Key pair file (wallctl keygen): both sockets become CURVE servers; the console pins the .pub "
                    "(wallconsole --feed-key NAME=FILE.pub)")
        ->check(CLI::ExistingFile);
    return [o]() -> int {
        if (!o->curve_secret.empty()) {
            try {
                o->publisher.curve_secret_key = auth::readKeyPair(o->curve_secret).secret_key;
            } catch (const std::exception& e) {
                std::cerr << "wallctl publish: " << e.what() << "\n";
                return 2;
            }
        }
        return runPublish(*o);
    };
}

} // namespace wall::wallctl
