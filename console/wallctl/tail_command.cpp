// `wallctl tail`: subscribes to the console's PUB feed of operator actions
// and prints one line per action: Beijing receive time, type, envelope JSON.
#include "wallctl/commands.hpp"

#include "base/clock.hpp"
#include "client/backend_client.hpp"
#include "protocol/protocol.hpp"
#include "model/time_text.hpp"

#include <iostream>

#include <zmq.hpp>
#include <zmq_addon.hpp>

namespace wall::wallctl {
namespace {

struct TailOptions {
    std::string endpoint = "tcp://127.0.0.1:5561";
    uint64_t count = 0;     // stop after this many actions (0 = until interrupted)
    double seconds = 0;     // stop after this long (0 = until interrupted)
    bool raw = false;       // print the envelope only
};

int runTail(const TailOptions& o) {
    zmq::context_t context{1};
    zmq::socket_t sub{context, zmq::socket_type::sub};
    sub.set(zmq::sockopt::linger, 0);
    sub.set(zmq::sockopt::subscribe, "");
    try {
        sub.connect(o.endpoint);
    } catch (const zmq::error_t& e) {
        std::cerr << "wallctl tail: cannot connect to " << o.endpoint << ": " << e.what() << "\n";
        return 2;
    }
    const auto end = client::Clock::now() + std::chrono::milliseconds(static_cast<int64_t>(o.seconds * 1000));
    uint64_t printed = 0;
    std::vector<zmq::message_t> frames;
    while (!interrupted() && (o.count == 0 || printed < o.count) && (o.seconds <= 0 || client::Clock::now() < end)) {
        zmq::pollitem_t item{sub.handle(), 0, ZMQ_POLLIN, 0};
        if (zmq::poll(&item, 1, std::chrono::milliseconds(100)) <= 0) continue;
        frames.clear();
        if (!zmq::recv_multipart(sub, std::back_inserter(frames), zmq::recv_flags::dontwait)) continue;
        // Feed frames: [type][envelope JSON].
        const std::string type = frames.size() > 0 ? frames[0].to_string() : "";
        const std::string envelope = frames.size() > 1 ? frames[1].to_string() : "";
        if (o.raw) {
            std::cout << envelope << "\n";
        } else {
            std::string verdict;
            const protocol::ParseResult parsed = protocol::parseFeedMessage(envelope);
            if (auto* r = std::get_if<protocol::Rejection>(&parsed))
                verdict = "  [does not parse: " + std::string(protocol::toWire(r->reason)) + " " + r->detail + "]";
            std::cout << isoBeijing(nowMs()) << " " << type << " " << envelope << verdict << "\n";
        }
        std::cout.flush();
        ++printed;
    }
    return 0;
}

} // namespace

Run addTailCommand(CLI::App& app) {
    auto o = std::make_shared<TailOptions>();
    CLI::App* sub = app.add_subcommand(
        "tail",
        "Print the console's outbound feed (operator acks, shelving, task changes, layout switches,\n"
        "camera stream states, 叫应 calls, escalations and answers, linkage regions, sound mutes),\n"
        "one line per action: receive time (Beijing), type, envelope JSON. Runs until Ctrl-C,\n"
        "--count or --seconds.");
    sub->add_option("-e,--endpoint", o->endpoint, "Console PUB endpoint")->capture_default_str();
    sub->add_option("-n,--count", o->count, "Exit after this many actions");
    sub->add_option("--seconds", o->seconds, "Exit after this many seconds");
    sub->add_flag("--raw", o->raw, "Print only the envelope JSON, one per line");
    return [o] { return runTail(*o); };
}

} // namespace wall::wallctl
