// ingest_load: the out-of-process side of the ingest benchmarks
// (docs/benchmarks.md, "Ingest from another process").
//   ingest_load echo-server EP              a raw ROUTER that answers every frame with a small reply
//   ingest_load echo EP FILE [WINDOW]       sends FILE's lines as frames to EP with at most WINDOW
//                                           unanswered (default: the protocol's), prints frames/s
//   ingest_load paced EP RATE SECONDS       a BackendClient sending alarm.raise at RATE/s for SECONDS,
//                                           prints ack latency p50/p99/max, resends, duplicate acks
// The echo pair is the reference: the same messages between the same two
// processes over the same transport, with no parsing, journal or apply.
#include "client/backend_client.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <zmq.hpp>
#include <zmq_addon.hpp>

namespace {

using Clock = std::chrono::steady_clock;
double secondsSince(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

int echoServer(const std::string& endpoint) {
    zmq::context_t ctx;
    zmq::socket_t router(ctx, zmq::socket_type::router);
    router.set(zmq::sockopt::rcvhwm, 200000);
    router.set(zmq::sockopt::sndhwm, 200000);
    router.bind(endpoint);
    std::printf("READY %s\n", router.get(zmq::sockopt::last_endpoint).c_str());
    std::fflush(stdout);
    const std::string reply = R"({"v":1,"type":"ack","source":"echo","seq":1,"duplicate":false})";
    std::vector<zmq::message_t> frames;
    for (;;) {
        frames.clear();
        if (!zmq::recv_multipart(router, std::back_inserter(frames))) continue;
        router.send(frames[0], zmq::send_flags::sndmore);
        router.send(zmq::buffer(reply), zmq::send_flags::none);
    }
}

int echoClient(const std::string& endpoint, const std::string& file, size_t window) {
    std::vector<std::string> lines;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    zmq::context_t ctx;
    zmq::socket_t dealer(ctx, zmq::socket_type::dealer);
    dealer.set(zmq::sockopt::sndhwm, 200000);
    dealer.set(zmq::sockopt::rcvhwm, 200000);
    dealer.connect(endpoint);
    // One round trip first, so the connection is up before the clock starts.
    dealer.send(zmq::buffer(lines.front()), zmq::send_flags::none);
    zmq::message_t reply;
    (void)dealer.recv(reply);
    const auto t0 = Clock::now();
    size_t sent = 0, answered = 0;
    while (answered < lines.size()) {
        while (sent < lines.size() && sent - answered < window) dealer.send(zmq::buffer(lines[sent++]), zmq::send_flags::none);
        if (dealer.recv(reply)) ++answered;
        while (dealer.recv(reply, zmq::recv_flags::dontwait)) ++answered;
    }
    const double s = secondsSince(t0);
    std::printf("echo: %zu frames in %.3f s = %.0f frames/s (window %zu)\n", lines.size(), s, lines.size() / s, window);
    return 0;
}

int paced(const std::string& endpoint, double rate, double seconds) {
    wall::client::BackendClient c({.endpoint = endpoint, .source = "paced-monitor"});
    c.send("heartbeat", "{}");
    if (!c.waitAllAcked(Clock::now() + std::chrono::seconds(30))) return 1;
    c.keepAcks(true);
    std::unordered_map<uint64_t, Clock::time_point> sent_at;
    std::vector<double> latency_ms;
    const auto t0 = Clock::now();
    const size_t total = static_cast<size_t>(rate * seconds);
    size_t seen_acks = 0;
    for (size_t i = 0; i < total || c.unacked() > 0;) {
        const auto due = t0 + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(i / rate));
        while (i < total && Clock::now() >= due) {
            const std::string body = R"({"id":"PACED-)" + std::to_string(i % 5000) +
                                     R"(","level":"yellow","category":"rain","title":"洪塘镇雨量站1小时降雨量超黄色阈值","site":{"county":"袁州区","township":"洪塘镇"}})";
            sent_at[c.send("alarm.raise", body)] = Clock::now();
            ++i;
            break;
        }
        c.pump(i < total ? 0 : 20);
        for (; seen_acks < c.acks().size(); ++seen_acks) {
            auto it = sent_at.find(c.acks()[seen_acks].seq);
            if (it == sent_at.end()) continue;
            latency_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - it->second).count());
            sent_at.erase(it);
        }
        if (i >= total && secondsSince(t0) > seconds + 30) break;
        if (i < total && c.unacked() == 0) std::this_thread::sleep_until(due);
    }
    std::sort(latency_ms.begin(), latency_ms.end());
    auto pct = [&](double p) { return latency_ms.empty() ? 0.0 : latency_ms[std::min(latency_ms.size() - 1, size_t(p * latency_ms.size()))]; };
    std::printf("paced %.0f ev/s for %.0f s: %zu acked, ack latency p50 %.2f ms p99 %.2f ms max %.2f ms, resends %llu, "
                "duplicate acks %llu, errors %zu\n",
                rate, seconds, latency_ms.size(), pct(0.5), pct(0.99), latency_ms.empty() ? 0.0 : latency_ms.back(),
                static_cast<unsigned long long>(c.resends()), static_cast<unsigned long long>(c.duplicateAcks()),
                c.errors().size());
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> a(argv + 1, argv + argc);
    if (a.size() == 2 && a[0] == "echo-server") return echoServer(a[1]);
    if ((a.size() == 3 || a.size() == 4) && a[0] == "echo")
        return echoClient(a[1], a[2], a.size() == 4 ? std::stoul(a[3]) : wall::client::kProtocolWindow);
    if (a.size() == 4 && a[0] == "paced") return paced(a[1], std::stod(a[2]), std::stod(a[3]));
    std::fprintf(stderr, "usage: ingest_load echo-server EP | echo EP FILE [WINDOW] | paced EP RATE SECONDS\n");
    return 2;
}
