// Real Chinese names use characters beyond Noto Sans CJK and beyond U+FFFF
// (CJK Extension A/B): sent by a backend while the wall runs, they are drawn
// from the fallback fonts, none is missing, and no character is ever drawn
// as the fallback box.
#include "client/backend_client.hpp"
#include "console_process.hpp"
#include "protocol/protocol.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace wall::test {
namespace {

TEST(RareNames, ExtensionABNamesArriveLiveAndRenderWithNoMissingOrFallbackGlyph) {
    if (!haveDisplay()) GTEST_SKIP() << "no X display (scripts/test runs the suite under xvfb-run)";
    TempDir dir;
    const std::string endpoint = "tcp://127.0.0.1:" + std::to_string(freePort());
    ConsoleProcess console(dir, {"--router", endpoint, "--wall", "1x1", "--layout", "duty"});
    client::BackendClient backend({.endpoint = endpoint, .source = "monitor-platform"});
    const std::vector<std::pair<std::string, std::string>> names = {
        {"RN-1", "\xF0\xA1\x88\xBD塘村水库水位超汛限"},           // 𡈽 U+2123D (Ext B)
        {"RN-2", "\xF0\xA0\xAE\xB7家坳地质灾害隐患点位移超阈值"},  // 𠮷 U+20BB7 (Ext B)
        {"RN-3", "\xE3\x90\x80家庄雨量站降雨量超警"},               // 㐀 U+3400 (Ext A)
        {"RN-4", "\xF0\xAA\x9A\xA5龙潭河水位超警戒"},              // 𪚥 U+2A6A5 (Ext B)
    };
    for (const auto& [id, title] : names) {
        Alarm a;
        a.id = id;
        a.level = WarningLevel::Yellow;
        a.category = "rain";
        a.title = title;
        backend.send("alarm.raise", protocol::encodeBody(AlarmRaise{a}));
    }
    ASSERT_TRUE(backend.waitAllAcked(client::Clock::now() + std::chrono::seconds(60)));
    // Drawn for a while after arriving: the stats then describe frames that showed the names.
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (std::chrono::steady_clock::now() < until) backend.pump(50);
    const ConsoleRun run = console.stop();
    ASSERT_EQ(run.exit_code, 0) << run.log;
    EXPECT_EQ(run.stats["alarms"]["yellow"], 4) << run.stats["alarms"].dump();
    EXPECT_EQ(run.stats["missing_glyphs"], 0) << run.stats["missing_codepoints"].dump();
    EXPECT_EQ(run.stats["fallback_glyphs_drawn"], 0) << "a character was drawn as the fallback box";
    EXPECT_GE(run.stats["fallback_font_glyphs"].get<int>(), 1) << "𡈽 and 𪚥 come from the fallback fonts";
}

} // namespace
} // namespace wall::test
