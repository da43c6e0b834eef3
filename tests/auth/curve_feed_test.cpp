// CURVE on SUB ingest: the console subscribes as a CURVE client pinning the
// publisher's server key. The right key syncs; a wrong pinned key never
// completes a handshake, so the feed never syncs, nothing of it is journaled,
// and the feed's fault says so.
#include "auth/key_file.hpp"
#include "feeds/feed_publisher.hpp"
#include "feeds/feed_subscriber.hpp"
#include "test_support.hpp"

#include <functional>
#include <optional>
#include <thread>

#include <gtest/gtest.h>

namespace wall::test {
namespace {

using namespace std::chrono_literals;

struct CurveFeed {
    TempDir dir;
    auth::KeyPair console = auth::generateKeyPair("console");
    auth::KeyPair publisher_key = auth::generateKeyPair("river-gauges");
    std::unique_ptr<feeds::FeedPublisher> publisher;
    std::unique_ptr<RunningConsole> running;
    std::unique_ptr<feeds::FeedSubscriber> subscriber;

    /// @brief Pins `pinned_key` as the feed's server key; none = the real publisher's own key.
    explicit CurveFeed(std::optional<std::string> pinned_key = std::nullopt) {
        feeds::PublisherConfig pc;
        pc.source = "river-gauges";
        pc.heartbeat_ms = 200;
        pc.curve_secret_key = publisher_key.secret_key;
        publisher = std::make_unique<feeds::FeedPublisher>(pc);
        feeds::RandomAlarmStream stream("RG", 20, 7);
        for (int i = 0; i < 50; ++i) publisher->publish(stream.next());
        publisher->flush();
        running = std::make_unique<RunningConsole>(dir.file("journal.db"), loopbackConfig());
        feeds::SubscriberConfig sc;
        sc.feeds.push_back({"river-gauges", publisher->pubEndpoint(), publisher->snapshotEndpoint(),
                            pinned_key.value_or(publisher_key.public_key)});
        sc.snapshot_timeout_ms = 500;
        sc.curve_public_key = console.public_key;
        sc.curve_secret_key = console.secret_key;
        subscriber = std::make_unique<feeds::FeedSubscriber>(*running->worker, running->ui.state, sc);
    }
    ~CurveFeed() {
        subscriber->stop();
        publisher->stop();
    }
    bool live() const { return subscriber->status().at(0).phase == feeds::FeedPhase::Live; }
};

bool waitFor(const std::function<bool()>& pred, std::chrono::milliseconds timeout) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (!pred()) {
        if (std::chrono::steady_clock::now() >= until) return pred();
        std::this_thread::sleep_for(20ms);
    }
    return true;
}

TEST(CurveFeed, ThePinnedServerKeySyncsTheFeed) {
    CurveFeed feed;
    ASSERT_TRUE(waitFor([&] { return feed.live(); }, 5s)) << feed.subscriber->fault();
    EXPECT_EQ(feed.subscriber->fault(), "");
    // Live means the snapshot was handed to the worker, not yet committed: wait for the journal.
    const uint64_t snapshot_events = feed.subscriber->status().at(0).snapshot_events;
    EXPECT_GT(snapshot_events, 0u);
    EXPECT_TRUE(waitFor([&] { return feed.running->worker->counters().feed_events >= snapshot_events; }, 10s))
        << "journaled " << feed.running->worker->counters().feed_events << " of the snapshot's " << snapshot_events;
}

TEST(CurveFeed, AWrongPinnedKeyNeverSyncsAndRaisesTheFeedsFault) {
    const auth::KeyPair impostor = auth::generateKeyPair("impostor");
    CurveFeed feed(impostor.public_key);
    EXPECT_FALSE(waitFor([&] { return feed.live(); }, 2500ms));
    const feeds::FeedStatus s = feed.subscriber->status().at(0);
    EXPECT_EQ(s.phase, feeds::FeedPhase::Syncing);
    EXPECT_EQ(s.applied + s.snapshot_events, 0u);
    EXPECT_NE(feed.subscriber->fault().find("river-gauges"), std::string::npos) << feed.subscriber->fault();
    const auto c = feed.running->worker->counters();
    EXPECT_EQ(c.feed_events, 0u) << "nothing of the feed was journaled";
    EXPECT_EQ(c.accepted, 0u);
}

} // namespace
} // namespace wall::test
