// [SECTION] start-up: rules, camera file, journal recovery, deciders, ingest, feeds
// [SECTION] the wall's source: committed events, intents, clock, health
// [SECTION] --stats: counters, journal, CURVE, feeds
#include "core/console_core.hpp"

#include "auth/auth_config.hpp"
#include "base/xdg_paths.hpp"
#include "auth/key_file.hpp"
#include "config/camera_file.hpp"
#include "config/rules_file.hpp"
#include "core/console_deciders.hpp"
#include "demo/demo_backend.hpp"
#include "feeds/feed_subscriber.hpp"
#include "ingest/ingest_worker.hpp"
#include "journal/journal.hpp"
#include "layouts/layout_library.hpp"
#include "base/clock.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

namespace wall::core {

struct ConsoleCore::Impl {
    CoreOptions options;
    ConsoleRules rules;                                   // alarm rules (config::chooseRules)
    std::string call_table_fault;                         // why no 叫应 table is configured (standing fault), empty when one is
    std::vector<Camera> configured_cameras;               // the camera file's entries
    std::unique_ptr<journal::Journal> journal;
    journal::Recovered recovery_info;                     // what start-up rebuilt (its state moves to the wall)
    uint64_t recovered_events = 0;                        // of which this many events
    std::string journal_damage;                           // start-up found the journal damaged: shown until a restart
    std::shared_ptr<StreamStateReports> stream_reports = std::make_shared<StreamStateReports>();
    std::unique_ptr<ingest::IngestWorker> worker;
    std::unique_ptr<feeds::FeedSubscriber> subscribed;    // --subscribe: backend PUB feeds (SUB ingest) into the worker
    std::unique_ptr<demo::DemoBackend> demo;

    // [SECTION] start-up
    explicit Impl(CoreOptions opts) : options(std::move(opts)) {
        const config::RulesChoice rules_choice = config::chooseRules(options.rules, options.demo);
        rules = config::loadRules(rules_choice.path);
        spdlog::info("alarm rules from {}", rules_choice.path.string());
        call_table_fault = config::callTableFault(rules_choice, rules);
        if (!call_table_fault.empty()) spdlog::error("叫应名单未配置 (no 叫应 call table): {}", call_table_fault);
        if (options.demo && options.rules.empty()) {
            // Demo time runs tenfold for 叫应, so a missed deadline and its
            // escalation happen within the first minute instead of after five.
            for (int& deadline : rules.call_response.deadline_s) deadline = std::max(20, deadline / 10);
            spdlog::info("demo: 叫应 deadlines shortened tenfold (red {} s, orange {} s)",
                         rules.call_response.deadline_s[0], rules.call_response.deadline_s[1]);
        }
        // Read before anything starts, so a bad camera file stops the start-up with its file and entry named.
        if (!options.cameras_file.empty()) configured_cameras = config::loadCameraFile(options.cameras_file);
        openJournal();

        ingest::IngestConfig config;
        config.rules = rules;
        config.router_endpoint = options.router;
        config.pub_endpoint = options.pub;
        config.max_message_bytes = options.max_message_bytes;
        config.curve.secret_key_file = options.curve_secret;
        config.curve.allow_dir = options.allow_dir;
        worker = std::make_unique<ingest::IngestWorker>(*journal, recovery_info.state, config, deciders(config.silent_after_ms));
        stream_reports->setWake([w = worker.get()] { w->decideSoon(); });
        spdlog::info("ingest on {} (actions published on {})", worker->routerEndpoint(), worker->pubEndpoint());
        if (!options.subscribe.empty()) {
            feeds::SubscriberConfig feed_config;
            for (const std::string& s : options.subscribe) feed_config.feeds.push_back(feeds::parseFeedEndpoint(s));
            pinFeedKeys(feed_config);
            feed_config.silent_after_ms = config.silent_after_ms;
            feed_config.max_message_bytes = config.max_message_bytes;
            subscribed = std::make_unique<feeds::FeedSubscriber>(*worker, recovery_info.state, feed_config);
        }
    }

    /// The console's decisions besides the alarm rules, in the order they see each batch.
    std::vector<std::shared_ptr<Decider>> deciders(TimeMs silent_after_ms) {
        std::vector<std::shared_ptr<Decider>> out;
        out.push_back(std::make_shared<StartRecord>(ConsoleStart{WALL_VERSION, options.demo, recovered_events,
                                                                 static_cast<uint64_t>(recovery_info.replayed),
                                                                 static_cast<uint64_t>(recovery_info.skipped),
                                                                 journal_damage}));
        out.push_back(std::make_shared<DutyOperator>(options.operator_name));
        out.push_back(std::make_shared<DrillIntents>());
        out.push_back(std::make_shared<ReportingRule>(rules.reporting));
        out.push_back(std::make_shared<LinkWatch>(silent_after_ms));
        // The demo lays the file's stream URLs over its own cameras instead (DemoOptions::camera_overrides).
        if (!options.demo && !configured_cameras.empty())
            out.push_back(std::make_shared<CameraFileRegistration>(configured_cameras));
        out.push_back(stream_reports);
        layouts::LayoutLibrary library = layouts::LayoutLibrary::open(options.wall);
        const std::string start = library.startLayout(options.layout, recovery_info.state.active_layout)->name;
        std::map<std::string, std::vector<LinkageRegion>> regions;
        for (const layouts::LoadedLayout& l : library.layouts) regions[l.layout->name] = linkageRegionsOf(*l.layout);
        out.push_back(std::make_shared<LinkageDecider>(std::move(regions), start, rules));
        return out;
    }

    void openJournal() {
        std::string path = options.journal;
        if (path.empty()) {
            // The demo gets its own journal, fresh each start, so made-up data never
            // mixes with a real watch's record.
            path = defaultJournalPath(options.demo ? "demo-journal.db" : "journal.db");
            if (options.demo)
                for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
        }
        const auto t0 = std::chrono::steady_clock::now();
        // Integrity-checked; a damaged journal is set aside and salvaged, and the
        // console runs on a fresh one with the damage on the wall until a restart.
        journal::OpenedJournal opened = journal::openRecovering(path);
        journal = std::move(opened.journal);
        recovery_info = std::move(opened.recovered);
        recovered_events = recovery_info.state.applied_events;
        if (!opened.damage.empty())
            journal_damage = "JOURNAL DAMAGED, set aside as " + opened.set_aside_path + "; " +
                             std::to_string(opened.unreadable) + " records unreadable, " +
                             std::to_string(opened.salvaged) + " salvaged; running on a fresh journal (details in the log)";
        spdlog::info("journal {}: recovered {} events ({} replayed after the checkpoint, {} unreadable) in {:.1f} ms",
                     path, recovery_info.state.applied_events, recovery_info.replayed, recovery_info.skipped,
                     std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }

    /// --feed-key NAME=FILE.pub: the named feed is subscribed over CURVE, pinning its
    /// publisher's key; the console's own pair (--curve-secret) is the client key.
    void pinFeedKeys(feeds::SubscriberConfig& c) const {
        if (options.feed_keys.empty()) return;
        const auth::KeyPair own = auth::readKeyPair(options.curve_secret);
        c.curve_public_key = own.public_key;
        c.curve_secret_key = own.secret_key;
        for (const std::string& entry : options.feed_keys) {
            const auto eq = entry.find('=');
            const std::string name = entry.substr(0, eq);
            auto feed = std::find_if(c.feeds.begin(), c.feeds.end(), [&](const feeds::FeedEndpoint& f) { return f.source == name; });
            if (eq == std::string::npos || feed == c.feeds.end())
                throw std::runtime_error("--feed-key " + entry + ": expected NAME=FILE.pub naming a --subscribe feed");
            feed->server_key = auth::readPublicKey(entry.substr(eq + 1)).public_key;
        }
    }

    // [SECTION] --stats
    /// Each subscribed feed's sequence figures.
    nlohmann::json feedStats() const {
        nlohmann::json out = nlohmann::json::array();
        if (!subscribed) return out;
        for (const feeds::FeedStatus& s : subscribed->status())
            out.push_back({{"source", s.source}, {"phase", feeds::toWire(s.phase)}, {"epoch", s.epoch},
                           {"last_seq", s.last_seq}, {"silent", s.silent}, {"applied", s.applied},
                           {"snapshot_events", s.snapshot_events}, {"discarded", s.discarded},
                           {"duplicates", s.duplicates}, {"gaps", s.gaps}, {"resyncs", s.resyncs},
                           {"snapshots", s.snapshots}, {"epochs", s.epochs}, {"refused", s.refused},
                           {"fault", s.fault}});
        return out;
    }

    /// CURVE diagnostics: connections refused before any message, by reason.
    nlohmann::json authStats(const ingest::IngestCounters& c) const {
        nlohmann::json refused = nlohmann::json::object();
        for (int i = 0; i < auth::kRefusalCount; ++i) refused[auth::toWire(static_cast<auth::Refusal>(i))] = c.auth_refused[i];
        return {{"curve", !options.curve_secret.empty()}, {"allowed_keys", c.allowed_keys}, {"refused", refused}};
    }
};

ConsoleCore::ConsoleCore(CoreOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
ConsoleCore::~ConsoleCore() { stop(); }

void ConsoleCore::startDemo() {
    if (!impl_->options.demo || impl_->demo) return;
    demo::DemoOptions demo_options;
    demo_options.endpoint = impl_->worker->routerEndpoint();
    demo_options.feed_endpoint = impl_->worker->pubEndpoint();
    for (const Camera& c : impl_->configured_cameras) demo_options.camera_overrides[c.id] = c;
    impl_->demo = std::make_unique<demo::DemoBackend>(demo_options);
    impl_->demo->start();
}

void ConsoleCore::reportStreamState(CameraStreamState report) { impl_->stream_reports->report(std::move(report)); }

void ConsoleCore::stop() {
    if (impl_->demo) impl_->demo->stop();
    if (impl_->subscribed) impl_->subscribed->stop();
    impl_->worker->stop();
}

// [SECTION] the wall's source
// The worker and the feeds have their copies by now: the wall takes this one.
State ConsoleCore::startState() { return std::move(impl_->recovery_info.state); }

bool ConsoleCore::drainCommitted(std::vector<Event>& out) { return impl_->worker->drainCommitted(out); }

bool ConsoleCore::postIntent(EventBody intent) {
    if (impl_->worker->postAction(std::move(intent))) return true;
    spdlog::warn("operator action dropped: the ingest worker's action queue is full or stopped");
    return false;
}

TimeMs ConsoleCore::nowMs() const { return wall::nowMs(); }

source::SourceHealth ConsoleCore::health() const {
    using Fault = source::SourceHealth::Fault;
    const ingest::IngestCounters c = impl_->worker->counters();
    // Journal faults first: a stopped writer or a damaged journal means the record is at risk.
    if (c.fault.starts_with("journal")) return {Fault::Journal, c.fault};
    if (!impl_->journal_damage.empty()) return {Fault::Journal, impl_->journal_damage};
    if (!c.fault.empty()) return {Fault::Ingest, c.fault};
    // A feed out of sequence (a gap, a restart, silence) until its snapshot is applied: integrity, never silent.
    if (impl_->subscribed)
        if (std::string f = impl_->subscribed->fault(); !f.empty()) return {Fault::Ingest, f};
    // Standing until the centre configures its table: warnings would reach no grid responsible.
    if (!impl_->call_table_fault.empty()) return {Fault::CallTableMissing, impl_->call_table_fault};
    return {};
}

const ConsoleRules& ConsoleCore::rules() const { return impl_->rules; }

source::SourceInfo ConsoleCore::info() const {
    return {.demo = impl_->options.demo,
            .journal = impl_->journal->path()};
}

// [SECTION] --stats
void ConsoleCore::addStats(nlohmann::json& out) const {
    using nlohmann::json;
    out["mode"] = "live";
    const ingest::IngestCounters c = impl_->worker->counters();
    json rejected = json::object();
    for (int i = 0; i < protocol::kRejectReasonCount; ++i)
        rejected[protocol::toWire(static_cast<protocol::RejectReason>(i))] = c.rejected[i];
    out["events"] = {{"received", c.received},
                     {"accepted", c.accepted},
                     {"duplicates", c.duplicates},
                     {"rejected", rejected},
                     {"rejected_total", c.rejectedTotal()},
                     {"unanswered", c.unanswered},
                     {"heartbeats", c.heartbeats},
                     {"operator_actions", c.operator_actions},
                     {"decisions", c.decisions},
                     {"feed_events", c.feed_events}};
    out["journal"] = {{"path", impl_->journal->path()},
                      {"last_id", c.last_journal_id},
                      {"recovered_events", impl_->recovered_events}};
    out["fault"] = c.fault;
    out["call_table_fault"] = impl_->call_table_fault;
    out["auth"] = impl_->authStats(c);
    out["feeds"] = impl_->feedStats();
    out["journal_damage"] = impl_->journal_damage;
}

} // namespace wall::core
