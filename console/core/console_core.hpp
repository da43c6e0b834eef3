// The live console: the authority behind the wall. It loads the rules, opens
// (and if need be salvages) the journal, runs the ingest worker with the
// console's deciders (alarm rules, linkage, camera file, stream states, who is
// on duty), subscribes the backend feeds and, with --demo, starts the made-up
// backends. As a WallSource it hands the wall committed events and takes the
// operator's intents; the wall itself decides and journals nothing.
#pragma once

#include "source/wall_source.hpp"

#include <memory>
#include <string>
#include <vector>

namespace wall::core {

struct CoreOptions {
    std::string wall = "1x1";         // shipped wall name or a wall file (its layouts' linkage regions)
    std::string layout;               // preset name or a layout file; empty = the journal's last, else the wall's default
    std::string journal;              // journal path; empty = XDG state dir (demo: a fresh demo journal)
    std::string router = "tcp://127.0.0.1:5560"; // ingest ROUTER bind
    std::string pub = "tcp://127.0.0.1:5561";    // outbound action PUB bind; "" disables it
    size_t max_message_bytes = 1 << 20;
    bool demo = false;                // start the embedded demo backend
    std::string cameras_file;         // the camera file; with demo, real stream URLs for demo camera ids
    std::string operator_name;        // who acts; empty = the duty officer on the roster
    std::string rules;                // alarm rules file; empty = config::chooseRules (the centre's file, the demo's, or the defaults)
    std::string curve_secret;         // the console's CURVE key pair (wallctl keygen .key); empty = no CURVE
    std::string allow_dir;            // directory of publisher .pub keys allowed on the ROUTER (with curve_secret)
    std::vector<std::string> feed_keys; // "NAME=FILE.pub": pin that feed's CURVE server key (needs curve_secret)
    std::vector<std::string> subscribe; // backend PUB feeds, each "NAME=PUB_ENDPOINT,SNAPSHOT_ENDPOINT" (docs/protocol.md section 11)
};

class ConsoleCore final : public source::WallSource {
public:
    /// @brief Loads and opens everything and starts the ingest worker; throws naming the bad file or endpoint.
    explicit ConsoleCore(CoreOptions options);
    ~ConsoleCore() override;
    ConsoleCore(const ConsoleCore&) = delete;
    ConsoleCore& operator=(const ConsoleCore&) = delete;

    /// @brief With --demo: starts the made-up backends (real DEALER clients) against the ROUTER.
    void startDemo();
    /// @brief Any thread (the stream decoders): a camera stream changed link state.
    void reportStreamState(CameraStreamState report);
    /// @brief Stops the demo, the feeds and the worker. Idempotent.
    void stop();

    State startState() override;
    bool drainCommitted(std::vector<Event>& out) override;
    bool postIntent(EventBody intent) override;
    TimeMs nowMs() const override;
    source::SourceHealth health() const override;
    const ConsoleRules& rules() const override;
    source::SourceInfo info() const override;
    void addStats(nlohmann::json& report) const override;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace wall::core
