// `wallctl send`: reads events, one JSON per line, sends them through a
// BackendClient per source (resending until acked) and prints every reply.
//   - A full envelope (has "v") is sent as written, under its own source/seq.
//   - {"type":..., "body":...} gets v/source/seq/ts added (--source, --first-seq).
//   - Anything else (not JSON, no type) is sent raw, so the console's refusal
//     can be seen; its reply is printed too.
#include "wallctl/commands.hpp"

#include "auth/key_file.hpp"
#include "base/clock.hpp"
#include "client/backend_client.hpp"
#include "protocol/protocol.hpp"

#include <charconv>
#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>


namespace wall::wallctl {
namespace {

struct SendOptions {
    std::string endpoint = "tcp://127.0.0.1:5560";
    std::string file = "-";
    std::string source = "wallctl";
    uint64_t first_seq = 0;        // 0 = wall-clock based, so reruns never collide
    double timeout_s = 10;
    size_t window = client::kProtocolWindow; // messages in flight per source at most
    bool quiet = false;            // print refusals and the summary only, not every ack
    std::string curve_secret;      // this backend's key pair file (wallctl keygen)
    std::string server_key;        // the console's .pub file: pinned server key
    std::string curve_server_key, curve_public_key, curve_secret_key; // Z85, read from the two files
};

/// Where each (source, seq) came from, to report replies by input line.
using LineOf = std::map<std::pair<std::string, uint64_t>, size_t>;

/// What decides how a line is sent: the raw text of its top-level members.
struct LineMembers {
    bool has_v = false;
    std::string_view source;   // plain string content
    uint64_t seq = 0;          // 0: absent or not an unsigned integer
    std::string_view type;     // plain string content
    std::string_view body;     // raw JSON text
    bool envelope() const { return has_v && !source.empty() && seq != 0; }
};

LineMembers scanLine(std::string_view line) {
    LineMembers m;
    protocol::scanRawMembers(line, [&](std::string_view key, std::string_view raw) {
        if (key == "v") m.has_v = true;
        else if (key == "source") m.source = protocol::rawPlainString(raw);
        else if (key == "type") m.type = protocol::rawPlainString(raw);
        else if (key == "body") m.body = raw;
        else if (key == "seq") {
            const auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), m.seq);
            if (ec != std::errc() || end != raw.data() + raw.size()) m.seq = 0;
        }
        return true;
    });
    return m;
}

int runSend(const SendOptions& o) {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (o.file != "-") {
        file.open(o.file);
        if (!file) {
            std::cerr << "wallctl send: cannot open " << o.file << "\n";
            return 2;
        }
        in = &file;
    }
    const uint64_t first_seq = o.first_seq ? o.first_seq : static_cast<uint64_t>(nowMs()) * 1000;
    std::map<std::string, std::unique_ptr<client::BackendClient>> clients;
    auto clientFor = [&](const std::string& source) -> client::BackendClient& {
        auto& c = clients[source];
        if (!c) {
            client::ClientOptions co;
            co.endpoint = o.endpoint;
            co.source = source;
            co.first_seq = first_seq;
            co.window = o.window;
            co.curve_server_key = o.curve_server_key;
            co.curve_public_key = o.curve_public_key;
            co.curve_secret_key = o.curve_secret_key;
            c = std::make_unique<client::BackendClient>(co);
            c->keepAcks(true);
        }
        return *c;
    };
    clientFor(o.source); // raw lines go through this one

    LineOf line_of;
    size_t raw_sent = 0, line_no = 0, skipped = 0;
    std::string line;
    while (std::getline(*in, line)) {
        ++line_no;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        // Routed by a lenient scan, not a full parse: the console judges the line, and a
        // malformed envelope is still reported under its own source and seq.
        const LineMembers m = scanLine(line);
        if (m.envelope()) {
            const std::string source(m.source);
            const uint64_t seq = m.seq;
            if (!clientFor(source).sendEnvelope(seq, line)) {
                std::cout << "line " << line_no << ": skipped, " << source << " seq " << seq
                          << " already sent above\n";
                ++skipped;
                continue;
            }
            line_of[{source, seq}] = line_no;
        } else if (!m.type.empty() && !m.has_v) {
            const uint64_t seq = clientFor(o.source).send(m.type, m.body.empty() ? std::string_view("{}") : m.body);
            line_of[{o.source, seq}] = line_no;
        } else {
            if (clientFor(o.source).sendRaw(line)) {
                ++raw_sent;
            } else {
                std::cout << "line " << line_no << ": not sent, no console reachable at " << o.endpoint << "\n";
                ++skipped;
            }
        }
    }

    const auto deadline = client::Clock::now() + std::chrono::milliseconds(static_cast<int64_t>(o.timeout_s * 1000));
    // Untracked raw lines are done when as many untracked replies came back.
    auto rawReplies = [&] {
        size_t n = 0;
        for (auto& e : clientFor(o.source).errors()) n += !e.has_seq || e.source != o.source;
        return n;
    };
    bool complete = true;
    for (auto& [source, c] : clients) complete = c->waitAllAcked(deadline) && complete;
    while (rawReplies() < raw_sent && client::Clock::now() < deadline && !interrupted())
        clientFor(o.source).pump(50);

    size_t acks = 0, errors = 0, unacked = 0;
    uint64_t resends = 0, duplicate_acks = 0;
    auto where = [&](const std::string& source, uint64_t seq) {
        auto it = line_of.find({source, seq});
        return it == line_of.end() ? std::string("line ?") : "line " + std::to_string(it->second);
    };
    for (auto& [source, c] : clients) {
        for (const auto& a : c->acks()) {
            if (!o.quiet)
                std::cout << where(a.source, a.seq) << ": ack " << a.source << " seq " << a.seq
                          << (a.duplicate ? " (duplicate, journaled before)" : "") << "\n";
            ++acks;
        }
        for (const auto& e : c->errors()) {
            std::cout << (e.has_seq ? where(e.source, e.seq) : std::string("raw line")) << ": error " << e.reason
                      << (e.has_seq ? " " + e.source + " seq " + std::to_string(e.seq) : std::string()) << ": "
                      << e.detail << "\n";
            ++errors;
        }
        unacked += c->unacked();
        resends += c->resends();
        duplicate_acks += c->duplicateAcks();
    }
    if (rawReplies() < raw_sent) complete = false;
    std::cout << "sent " << (line_of.size() + raw_sent) << ", acked " << acks << ", errors " << errors
              << ", unanswered " << (unacked + (raw_sent - std::min(raw_sent, rawReplies()))) << ", resends " << resends
              << ", duplicate acks " << duplicate_acks << "\n";
    if (!complete) std::cerr << "wallctl send: no reply from " << o.endpoint << " for some lines before the timeout\n";
    return (errors == 0 && complete && skipped == 0) ? 0 : 1;
}

} // namespace

Run addSendCommand(CLI::App& app) {
    auto o = std::make_shared<SendOptions>();
    CLI::App* sub = app.add_subcommand(
        "send",
        "Send events to a console, one JSON per line, and report each ack or error.\n"
        "Lines are full envelopes {\"v\":1,\"source\",\"seq\",\"ts\",\"type\",\"body\"} sent as written, or\n"
        "{\"type\":...,\"body\":{...}} lines to which v, source, seq and ts are added.\n"
        "Unacked messages are resent with the same seq until acked or --timeout.\n"
        "Exits 1 if any line was refused or not acked in time.");
    sub->add_option("file", o->file, "File to read, '-' for stdin")->capture_default_str();
    sub->add_option("-e,--endpoint", o->endpoint, "Console ROUTER endpoint")->capture_default_str();
    sub->add_option("-s,--source", o->source, "Source for lines without an envelope")->capture_default_str();
    sub->add_option("--first-seq", o->first_seq, "First seq for lines without an envelope (default: now in ms x 1000)");
    sub->add_option("-t,--timeout", o->timeout_s, "Seconds to wait for all replies")->capture_default_str();
    sub->add_option("-w,--window", o->window, "Messages in flight per source at most (docs/protocol.md section 6.1)")
        ->capture_default_str()
        ->check(CLI::Range(size_t{1}, size_t{100000}));
    sub->add_flag("-q,--quiet", o->quiet, "Print only refusals and the summary line, not every ack");
    sub->add_option("--curve-secret", o->curve_secret, "This backend's key pair file (wallctl keygen): connect over CURVE")
        ->check(CLI::ExistingFile);
    sub->add_option("--server-key", o->server_key, "The console's .pub file (its CURVE public key, pinned)")
        ->check(CLI::ExistingFile);
    return [o]() -> int {
        if (o->curve_secret.empty() != o->server_key.empty()) {
            std::cerr << "wallctl send: --curve-secret and --server-key go together\n";
            return 2;
        }
        if (!o->curve_secret.empty()) {
            try {
                const auth::KeyPair own = auth::readKeyPair(o->curve_secret);
                o->curve_public_key = own.public_key;
                o->curve_secret_key = own.secret_key;
                o->curve_server_key = auth::readPublicKey(o->server_key).public_key;
            } catch (const std::exception& e) {
                std::cerr << "wallctl send: " << e.what() << "\n";
                return 2;
            }
        }
        return runSend(*o);
    };
}

} // namespace wall::wallctl
