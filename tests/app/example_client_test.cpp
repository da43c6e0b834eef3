// The Python client of docs/protocol.md section 10, run exactly as the page
// writes it against the real console: it pipelines 20 000 warnings with the
// documented window and resend timer and needs no resend at all, and the
// console's --stats counters account for every backend message.
#include "client/backend_client.hpp"
#include "console_process.hpp"
#include "journal/journal.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace wall::test {
namespace {

/// The first ```python block after the heading "## 10." of the protocol page.
std::string exampleClientFromDocs() {
    std::ifstream in(WALL_PROTOCOL_DOC);
    std::stringstream text;
    text << in.rdbuf();
    const std::string doc = text.str();
    const size_t section = doc.find("\n## 10.");
    const size_t start = doc.find("```python\n", section);
    const size_t end = doc.find("\n```", start + 10);
    if (section == std::string::npos || start == std::string::npos || end == std::string::npos) return {};
    return doc.substr(start + 10, end - start - 10 + 1);
}

/// Runs command, returns its stdout; exit_status gets its exit status.
std::string runCapturing(const std::string& command, int& exit_status) {
    std::string out;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return out;
    char buf[4096];
    while (size_t n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
    exit_status = ::pclose(pipe);
    return out;
}

TEST(ExampleClient, TheDocumentedPythonClientPipelines20000AlarmsWithNoResend) {
    if (!haveDisplay()) GTEST_SKIP() << "no X display (scripts/test runs the suite under xvfb-run)";
    const std::string script = exampleClientFromDocs();
    ASSERT_NE(script.find("WINDOW"), std::string::npos) << "no python client in section 10 of " << WALL_PROTOCOL_DOC;
    TempDir dir;
    const std::string script_path = (dir.path / "example_client.py").string();
    std::ofstream(script_path) << script;

    const std::string endpoint = "tcp://127.0.0.1:" + std::to_string(freePort());
    ConsoleProcess console(dir, {"--router", endpoint, "--wall", "1x1", "--layout", "duty"});
    {
        // The console is up once a heartbeat is answered: the example then starts on a bound ROUTER.
        client::BackendClient probe({.endpoint = endpoint, .source = "test-probe"});
        probe.send("heartbeat", "{}");
        ASSERT_TRUE(probe.waitAllAcked(client::Clock::now() + std::chrono::seconds(60))) << "the console did not start";
    }
    int status = -1;
    const std::string out = runCapturing("ALARMS=20000 WALLCONSOLE_ROUTER=" + endpoint + " /usr/bin/python3 " + script_path, status);
    const ConsoleRun run = console.stop();
    ASSERT_EQ(status, 0) << out;
    ASSERT_EQ(run.exit_code, 0) << run.log;

    const std::string last_line = out.substr(out.rfind('{'));
    const nlohmann::json counts = nlohmann::json::parse(last_line, nullptr, false);
    ASSERT_TRUE(counts.is_object()) << out;
    EXPECT_EQ(counts.value("acked", 0), 20000) << out;
    EXPECT_EQ(counts.value("errors", 0), 0) << out;
    EXPECT_EQ(counts.value("resends", 0), 0) << "needless resends: " << out;
    EXPECT_EQ(counts.value("duplicate_acks", 0), 0) << out;

    const nlohmann::json& e = run.stats["events"];
    ASSERT_TRUE(e.is_object()) << run.log;
    const uint64_t received = e["received"], accepted = e["accepted"], duplicates = e["duplicates"],
                   rejected = e["rejected_total"], unanswered = e["unanswered"];
    EXPECT_EQ(received, accepted + duplicates + rejected + unanswered) << e.dump();
    EXPECT_EQ(accepted, 20000u + 1) << "the warnings and the probe's heartbeat: " << e.dump();
    EXPECT_EQ(duplicates, 0u);
    EXPECT_EQ(unanswered, 0u);

    journal::Journal journal((dir.path / "journal.db").string());
    uint64_t raised = 0;
    journal.forEachSince(0, std::nullopt, [&](const journal::Record& r) {
        raised += r.source == "yuanzhou-monitor" && r.type == "alarm.raise";
    });
    EXPECT_EQ(raised, 20000u);
}

} // namespace
} // namespace wall::test
