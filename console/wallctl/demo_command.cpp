// `wallctl demo`: runs the embedded demo backend against a console elsewhere.
#include "wallctl/commands.hpp"

#include "demo/demo_backend.hpp"

#include <chrono>
#include <iostream>
#include <thread>

namespace wall::wallctl {
namespace {

struct DemoCommandOptions {
    std::string endpoint = "tcp://127.0.0.1:5560";
    std::string feed = "tcp://127.0.0.1:5561";  // the console's PUB: 叫应 calls to answer; "" = none
    double seconds = 0;  // 0 = until interrupted
};

int runDemo(const DemoCommandOptions& o) {
    demo::DemoOptions d;
    d.endpoint = o.endpoint;
    d.feed_endpoint = o.feed;
    demo::DemoBackend backend(d);
    try {
        backend.start();
    } catch (const std::exception& e) {
        std::cerr << "wallctl demo: " << e.what() << "\n";
        return 2;
    }
    std::cout << "wallctl demo: playing the flood-season scenario (演示数据) into " << o.endpoint
              << "; Ctrl-C to stop\n";
    const auto start = std::chrono::steady_clock::now();
    auto last_report = start;
    while (!interrupted() && backend.running()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        const auto now = std::chrono::steady_clock::now();
        if (o.seconds > 0 && now - start >= std::chrono::duration<double>(o.seconds)) break;
        if (now - last_report >= std::chrono::seconds(5)) {
            const auto s = backend.stats();
            std::cout << "sent " << s.sent << ", acked " << s.acked << ", waiting " << s.unacked << ", errors "
                      << s.errors << std::endl;
            last_report = now;
        }
    }
    backend.stop();
    const auto s = backend.stats();
    std::cout << "wallctl demo: done; sent " << s.sent << ", acked " << s.acked << ", waiting " << s.unacked
              << ", errors " << s.errors << "\n";
    if (!backend.fault().empty()) {
        std::cerr << "wallctl demo: " << backend.fault() << "\n";
        return 1;
    }
    return s.errors == 0 ? 0 : 1;
}

} // namespace

Run addDemoCommand(CLI::App& app) {
    auto o = std::make_shared<DemoCommandOptions>();
    CLI::App* sub = app.add_subcommand(
        "demo",
        "Run the embedded demo backend: a flood-season scenario in the made-up 清江县 (演示数据),\n"
        "sent over ZeroMQ as monitor-platform, duty-system, field-task and calling-system.\n"
        "Runs until Ctrl-C or --seconds.");
    sub->add_option("-e,--endpoint", o->endpoint, "Console ROUTER endpoint")->capture_default_str();
    sub->add_option("--feed", o->feed, "Console PUB endpoint: the demo calling system answers 叫应 calls from it (\"\" = no answers)")
        ->capture_default_str();
    sub->add_option("--seconds", o->seconds, "Stop after this many seconds");
    return [o] { return runDemo(*o); };
}

} // namespace wall::wallctl
