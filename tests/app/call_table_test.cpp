// Who the console calls when no 叫应 table is configured: a real start without
// the centre's rules file (and without --rules) calls nobody from a table, and
// says so on the wall and in the log; only --demo dials its made-up county.
#include "app_test_support.hpp"
#include "client/backend_client.hpp"
#include "console_process.hpp"
#include "journal/journal.hpp"
#include "protocol/protocol.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace wall::test {
namespace {

/// The callresponse.call records of a journal, as their bodies.
std::vector<std::string> journaledCalls(const std::filesystem::path& path) {
    std::vector<std::string> calls;
    journal::Journal journal(path.string());
    journal.forEachSince(0, std::nullopt, [&](const journal::Record& r) {
        if (r.type == "callresponse.call") calls.push_back(r.body);
    });
    return calls;
}

TEST(CallTable, ARealStartWithoutATableShowsTheFaultAndCallsNobody) {
    REQUIRE_DISPLAY();
    TempDir dir;
    const std::string endpoint = "tcp://127.0.0.1:" + std::to_string(freePort());
    ConsoleRun run;
    std::thread console([&] {
        run = runConsole(dir, {"--router", endpoint, "--seconds", "3", "--wall", "1x1", "--layout", "duty"});
    });
    // A red warning at a site the demo's table covers, naming no responders itself.
    Alarm a;
    a.id = "ct-1";
    a.level = WarningLevel::Red;
    a.category = "reservoir";
    a.title = "青龙水库水位超校核洪水位";
    a.site = {"清江县", "青龙镇", "青龙村", "青龙水库"};
    client::BackendClient backend({.endpoint = endpoint, .source = "monitor-platform"});
    backend.send("alarm.raise", protocol::encodeBody(AlarmRaise{a}));
    const bool acked = backend.waitAllAcked(client::Clock::now() + std::chrono::seconds(20));
    console.join();
    ASSERT_TRUE(acked);
    ASSERT_EQ(run.exit_code, 0) << run.log;

    const std::string site_file = (dir.path / "config" / "wallconsole" / "rules.toml").string();
    EXPECT_NE(run.stats["call_table_fault"].get<std::string>().find(site_file), std::string::npos)
        << run.stats["call_table_fault"];
    EXPECT_EQ(run.stats["wall_fault"], "叫应名单未配置") << "the standing fault on the status bar";
    EXPECT_NE(run.log.find("叫应名单未配置"), std::string::npos) << run.log;
    EXPECT_NE(run.log.find(site_file), std::string::npos) << "the log names the missing file";
    EXPECT_EQ(journaledCalls(dir.path / "journal.db"), std::vector<std::string>{}) << "nobody was called";
}

TEST(CallTable, TheDemoCallsItsMadeUpCounty) {
    REQUIRE_DISPLAY();
    TempDir dir;
    const ConsoleRun run = runConsole(dir, {"--demo", "--seconds", "6", "--wall", "1x1", "--layout", "duty"});
    ASSERT_EQ(run.exit_code, 0) << run.log;
    EXPECT_EQ(run.stats["call_table_fault"], "");
    const std::vector<std::string> calls = journaledCalls(dir.path / "journal.db");
    ASSERT_FALSE(calls.empty()) << "the demo's warnings were not called";
    bool made_up = false;
    for (const std::string& body : calls) made_up |= body.find("138-0000-") != std::string::npos;
    EXPECT_TRUE(made_up) << "the calls go to the demo table's made-up phones: " << calls.front();
}

} // namespace
} // namespace wall::test
