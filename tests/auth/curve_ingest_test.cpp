// CURVE on the ingest ROUTER, over real sockets on 127.0.0.1: only keys in the
// allow-list directory get in, every other peer is refused and counted by
// reason, permissions hold per message, the directory reloads without a
// restart, and a dead ZAP handler closes the door instead of opening it.
#include "auth/gatekeeper.hpp"
#include "auth/key_file.hpp"
#include "protocol/protocol.hpp"
#include "test_support.hpp"

#include <fstream>
#include <functional>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <zmq.hpp>

namespace wall::test {
namespace {

using namespace std::chrono_literals;

/// @brief Polls pred until it holds or timeout passes; the last answer.
bool waitFor(const std::function<bool()>& pred, std::chrono::milliseconds timeout) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (!pred()) {
        if (std::chrono::steady_clock::now() >= until) return pred();
        std::this_thread::sleep_for(10ms);
    }
    return true;
}

/// A backend's DEALER: CURVE client when given a key pair and the server key, NULL mechanism otherwise.
struct Peer {
    zmq::context_t context{1};
    zmq::socket_t dealer{context, zmq::socket_type::dealer};
    Peer(const std::string& endpoint, const auth::KeyPair* client, const std::string& server_public) {
        dealer.set(zmq::sockopt::linger, 0);
        if (client) {
            dealer.set(zmq::sockopt::curve_serverkey, server_public);
            dealer.set(zmq::sockopt::curve_publickey, client->public_key);
            dealer.set(zmq::sockopt::curve_secretkey, client->secret_key);
        }
        dealer.connect(endpoint);
    }
    /// @brief Sends one message and waits for the console's reply; nullopt when none came.
    std::optional<protocol::Reply> send(const std::string& message, std::chrono::milliseconds wait = 3000ms) {
        dealer.send(zmq::buffer(message), zmq::send_flags::dontwait);
        zmq::pollitem_t item{dealer.handle(), 0, ZMQ_POLLIN, 0};
        if (zmq::poll(&item, 1, wait) <= 0) return std::nullopt;
        zmq::message_t reply;
        if (!dealer.recv(reply, zmq::recv_flags::dontwait)) return std::nullopt;
        return protocol::parseReply(reply.to_string_view());
    }
};

/// @brief A plain TCP connection to a tcp://127.0.0.1:PORT endpoint.
int rawConnect(const std::string& endpoint) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(std::stoi(endpoint.substr(endpoint.rfind(':') + 1))));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    return fd;
}

EventBody raise(const std::string& id) {
    Alarm a;
    a.id = id;
    a.level = WarningLevel::Red;
    a.category = "rainstorm";
    a.title = "暴雨红色预警";
    a.raised_ms = 1700000000000;
    return AlarmRaise{a};
}

uint64_t refused(const ingest::IngestWorker& w, auth::Refusal why) {
    return const_cast<ingest::IngestWorker&>(w).counters().auth_refused[static_cast<int>(why)];
}

/// A console with CURVE on: its own key pair, and an allow-list holding
/// "county-platform" (every type) and "weather-bureau" (alarm.raise only).
struct CurveConsole : ::testing::Test {
    TempDir dir;
    auth::KeyPair console = auth::generateKeyPair("console");
    auth::KeyPair county = auth::generateKeyPair("county-platform");
    auth::KeyPair weather = auth::generateKeyPair("weather-bureau");
    std::filesystem::path allow_dir = dir.path / "allow";
    std::unique_ptr<RunningConsole> running;

    void SetUp() override {
        std::filesystem::create_directories(allow_dir);
        auth::writeKeyFiles(console, dir.path);
        auth::writeKeyFiles(county, allow_dir);
        auth::writeKeyFiles(weather, allow_dir);
        std::ofstream(allow_dir / "weather-bureau.pub", std::ios::app) << "allow = [\"alarm.raise\"]\n";
        // The allowed publishers' secrets do not belong in the console's directory.
        std::filesystem::remove(allow_dir / "county-platform.key");
        std::filesystem::remove(allow_dir / "weather-bureau.key");
        ingest::IngestConfig config = loopbackConfig();
        config.curve.secret_key_file = (dir.path / "console.key").string();
        config.curve.allow_dir = allow_dir.string();
        config.curve.reload_check_ms = 100;
        running = std::make_unique<RunningConsole>(dir.file("journal.db"), config);
    }
    ingest::IngestWorker& worker() { return *running->worker; }
    const std::string& endpoint() { return worker().routerEndpoint(); }
};

TEST_F(CurveConsole, AllowedKeyIsAcceptedAndItsNameIsInTheJournalRows) {
    Peer peer(endpoint(), &county, console.public_key);
    auto reply = peer.send(envelope("county", 1, raise("A-1")));
    ASSERT_TRUE(reply.has_value());
    EXPECT_TRUE(reply->is_ack) << reply->reason << ": " << reply->detail;
    running->stopWorker();
    std::vector<std::string> users;
    running->journal->forEachSince(0, std::nullopt, [&](const journal::Record& r) { users.push_back(r.user_id); });
    ASSERT_EQ(users.size(), 1u);
    EXPECT_EQ(users[0], "county-platform");
}

TEST_F(CurveConsole, PeersWithoutAnAllowedKeyAreRefusedAndCountedByReason) {
    const auth::KeyPair stranger = auth::generateKeyPair("stranger");
    const auth::KeyPair not_console = auth::generateKeyPair("impostor-console");
    Peer null_peer(endpoint(), nullptr, "");
    Peer wrong_server_key(endpoint(), &county, not_console.public_key);
    Peer unlisted(endpoint(), &stranger, console.public_key);
    EXPECT_FALSE(null_peer.send(envelope("x", 1, raise("N-1")), 300ms));
    EXPECT_FALSE(wrong_server_key.send(envelope("x", 2, raise("W-1")), 300ms));
    EXPECT_FALSE(unlisted.send(envelope("x", 3, raise("U-1")), 300ms));

    // A libzmq NULL client that sees the mismatch first hangs up before the console
    // can tell its mechanism (counted as malformed then). A peer that sends a whole
    // ZMTP 3.0 greeting announcing NULL is always told apart:
    std::string null_greeting(64, '\0');
    null_greeting[0] = '\xff';
    null_greeting[9] = '\x7f';
    null_greeting[10] = 3; // version 3.0
    null_greeting.replace(12, 4, "NULL");
    const int null_fd = rawConnect(endpoint());
    ASSERT_GT(::send(null_fd, null_greeting.data(), null_greeting.size(), MSG_NOSIGNAL), 0);

    // Raw bytes on the port: not even a ZMTP greeting.
    const int fd = rawConnect(endpoint());
    const std::string garbage(64, '\x7f');
    ASSERT_GT(::send(fd, garbage.data(), garbage.size(), MSG_NOSIGNAL), 0); // the console hangs up after this

    using auth::Refusal;
    EXPECT_TRUE(waitFor([&] { return refused(worker(), Refusal::NullMechanism) > 0; }, 3s));
    EXPECT_TRUE(waitFor([&] { return refused(worker(), Refusal::WrongKey) > 0; }, 3s));
    EXPECT_TRUE(waitFor([&] { return refused(worker(), Refusal::UnknownKey) > 0; }, 3s));
    EXPECT_TRUE(waitFor([&] { return refused(worker(), Refusal::Malformed) > 0; }, 3s));
    ::close(fd);
    ::close(null_fd);
    const auto c = worker().counters();
    EXPECT_EQ(c.received, 0u);
    EXPECT_EQ(c.accepted, 0u);
    EXPECT_EQ(c.auth_refused[static_cast<int>(Refusal::ZapUnavailable)], 0u);
    EXPECT_TRUE(c.fault.empty()) << c.fault;
}

TEST_F(CurveConsole, AKeySendingATypeItIsNotPermittedIsRejectedNamingKeyAndType) {
    Peer peer(endpoint(), &weather, console.public_key);
    auto ok = peer.send(envelope("weather", 1, raise("RAIN-1")));
    ASSERT_TRUE(ok.has_value());
    EXPECT_TRUE(ok->is_ack);
    auto refused_switch = peer.send(envelope("weather", 2, LayoutSwitch{"flood"}));
    ASSERT_TRUE(refused_switch.has_value());
    EXPECT_FALSE(refused_switch->is_ack);
    EXPECT_EQ(refused_switch->reason, "not_permitted");
    EXPECT_NE(refused_switch->detail.find("weather-bureau"), std::string::npos) << refused_switch->detail;
    EXPECT_NE(refused_switch->detail.find("layout.switch"), std::string::npos) << refused_switch->detail;
    const auto c = worker().counters();
    EXPECT_EQ(c.accepted, 1u);
    EXPECT_EQ(c.rejected[static_cast<int>(protocol::RejectReason::NotPermitted)], 1u);
    EXPECT_EQ(c.accepted + c.rejectedTotal(), c.received);
}

TEST_F(CurveConsole, AKeyAddedToTheDirectoryIsAcceptedWithoutRestart) {
    const auth::KeyPair newcomer = auth::generateKeyPair("reservoir-bureau");
    Peer early(endpoint(), &newcomer, console.public_key);
    EXPECT_FALSE(early.send(envelope("reservoir", 1, raise("R-1")), 300ms));
    const uint64_t reloads = worker().gatekeeper()->reloads();
    auth::writeKeyFiles(newcomer, allow_dir);
    ASSERT_TRUE(waitFor([&] { return worker().gatekeeper()->reloads() > reloads && worker().counters().allowed_keys == 3; }, 5s));
    Peer later(endpoint(), &newcomer, console.public_key);
    auto reply = later.send(envelope("reservoir", 2, raise("R-2")));
    ASSERT_TRUE(reply.has_value());
    EXPECT_TRUE(reply->is_ack);
}

TEST_F(CurveConsole, AKeyRemovedFromTheDirectoryIsRefusedOnItsOpenConnection) {
    Peer peer(endpoint(), &county, console.public_key);
    ASSERT_TRUE(peer.send(envelope("county", 1, raise("C-1"))).value_or(protocol::Reply{}).is_ack);
    std::filesystem::remove(allow_dir / "county-platform.pub");
    ASSERT_TRUE(waitFor([&] { return worker().counters().allowed_keys == 1; }, 5s));
    auto reply = peer.send(envelope("county", 2, raise("C-2")));
    ASSERT_TRUE(reply.has_value());
    EXPECT_EQ(reply->reason, "not_permitted");
    EXPECT_NE(reply->detail.find("county-platform"), std::string::npos) << reply->detail;
}

TEST_F(CurveConsole, ZapHandlerDeathRefusesNewPeersAndRaisesAFaultWithinOneSecond) {
    Peer before(endpoint(), &county, console.public_key);
    ASSERT_TRUE(before.send(envelope("county", 1, raise("B-1"))).has_value());
    worker().gatekeeper()->crashZapHandlerForTest();
    EXPECT_TRUE(waitFor([&] { return !worker().counters().fault.empty(); }, 1000ms));
    EXPECT_NE(worker().counters().fault.find("ZAP"), std::string::npos) << worker().counters().fault;
    Peer after(endpoint(), &county, console.public_key);
    EXPECT_FALSE(after.send(envelope("county", 2, raise("B-2")), 500ms)) << "a peer got in with no ZAP handler";
    EXPECT_TRUE(waitFor([&] { return refused(worker(), auth::Refusal::ZapUnavailable) > 0; }, 3s));
    EXPECT_EQ(worker().counters().accepted, 1u);
}

} // namespace
} // namespace wall::test
