// The seam between the wall and its data source.
//  - The view draws from any source and reads time from it alone: two runs over a
//    test source with a fixed clock give byte-identical pictures, blink phase
//    included, and half a second later on the same clock only the blink differs.
//  - Driven by the live console, the view journals nothing: every console event
//    in the journal is a decision of the authority (linkage, the camera file,
//    stream states), none comes from the frame loop.
#include "app_test_support.hpp"
#include "console_process.hpp"
#include "client/backend_client.hpp"
#include "common/sample_alarms.hpp"
#include "layouts/layout_library.hpp"
#include "protocol/protocol.hpp"
#include "render/png_file.hpp"
#include "app/wall_view.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <zmq.hpp>
#include <zmq_addon.hpp>

#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <thread>

namespace wall::test {
namespace {

/// A source with a fixed state and a clock that only the test moves.
class FixedClockSource final : public source::WallSource {
public:
    FixedClockSource(State state, TimeMs now) : state_(std::move(state)), now_(now) {}
    State startState() override { return state_; }
    bool drainCommitted(std::vector<Event>&) override { return false; }
    bool postIntent(EventBody) override {
        ++intents;
        return false;
    }
    TimeMs nowMs() const override { return now_; }
    source::SourceHealth health() const override { return {}; }
    const ConsoleRules& rules() const override { return rules_; }
    source::SourceInfo info() const override { return {}; }
    void addStats(nlohmann::json&) const override {}
    int intents = 0;

private:
    State state_;
    TimeMs now_;
    ConsoleRules rules_;
};

constexpr TimeMs kSecond = 1'780'000'000'000; // a whole second: the blink is on for its first half

State sceneWithAnUnackedRedWarning() {
    State s;
    Alarm red;
    red.id = "r-1";
    red.source = "monitor-platform";
    red.level = WarningLevel::Red;
    red.category = "reservoir";
    red.title = "石门水库水位超汛限0.6米";
    red.site = {"清江县", "石门镇", "石门村", "石门水库"};
    red.raised_ms = red.updated_ms = kSecond - 95'000;
    red.activations = {red.raised_ms};
    apply(s, Event{"monitor-platform", 1, red.raised_ms, red.raised_ms, AlarmRaise{red}});
    return s;
}

/// Pixels in `rect` whose red clearly outweighs green and blue (a red warning's row, at any brightness).
int reddish(const render::RgbaImage& img, layouts::PixelRect rect) {
    int n = 0;
    for (int y = rect.y; y < rect.y + rect.height && y < img.height; ++y)
        for (int x = rect.x; x < rect.x + rect.width && x < img.width; ++x) {
            const uint8_t* p = &img.pixels[(static_cast<size_t>(y) * img.width + x) * 4];
            if (p[0] > 80 && p[0] > 2 * std::max(p[1], p[2])) ++n;
        }
    return n;
}

std::string fileBytes(const std::filesystem::path& p) {
    std::ifstream f(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), {}};
}

/// One headless run of the view over `source`; returns the screenshot's path.
std::filesystem::path drawOnce(const TempDir& dir, FixedClockSource& source, const std::string& name) {
    app::AppOptions options;
    options.wall = "1x1";
    options.layout = "duty";
    options.headless = true;
    options.frames = 3;
    options.screenshot = (dir.path / name).string();
    app::WallView view(options, source);
    EXPECT_EQ(view.run(), 0);
    if (const char* keep = std::getenv("WALL_KEEP_SCREENSHOTS"))
        std::filesystem::copy_file(options.screenshot, std::filesystem::path(keep) / ("source-" + name),
                                   std::filesystem::copy_options::overwrite_existing);
    return options.screenshot;
}

TEST(WallSource, TheSameSourceTimeDrawsTheSamePicture) {
    REQUIRE_DISPLAY();
    TempDir dir;
    FixedClockSource first(sceneWithAnUnackedRedWarning(), kSecond + 100);
    FixedClockSource again(sceneWithAnUnackedRedWarning(), kSecond + 100);
    FixedClockSource half_a_second_later(sceneWithAnUnackedRedWarning(), kSecond + 600);
    const std::string a = fileBytes(drawOnce(dir, first, "a.png"));
    const std::string b = fileBytes(drawOnce(dir, again, "b.png"));
    const std::string off = fileBytes(drawOnce(dir, half_a_second_later, "off.png"));
    ASSERT_GT(a.size(), 1000u);
    EXPECT_TRUE(a == b) << "two runs at the same source time must give byte-identical pictures";
    EXPECT_FALSE(a == off) << "the blink follows the source's clock: off in the second half of its second";
    EXPECT_EQ(first.intents + again.intents + half_a_second_later.intents, 0) << "nobody touched the wall";

    // Only the blink differs: the red warning's row is brighter in the first half-second, the clock (same second) is not.
    const render::RgbaImage on = render::readPng(dir.path / "a.png");
    const render::RgbaImage blink_off = render::readPng(dir.path / "off.png");
    const auto lib = layouts::LayoutLibrary::open("1x1");
    const layouts::PixelRect board = outputRectOf(lib.wall, *lib.find("duty")->findRegion("alarms"));
    EXPECT_GT(reddish(on, board), reddish(blink_off, board) + 1000)
        << "the unacknowledged red warning's row blinks on in the first half-second";
}

TEST(WallSource, TheLiveConsoleJournalsOnlyTheAuthoritysDecisions) {
    REQUIRE_DISPLAY();
    TempDir dir;
    // Two cameras from a camera file; one refuses connections, so its stream changes state.
    const std::filesystem::path cameras = dir.path / "cameras.json";
    std::ofstream(cameras) << R"([{"id": "cam-07", "name": "石门水库坝顶", "main_url": "rtsp://127.0.0.1:1/dead"},
                                 {"id": "cam-08", "name": "石门水库溢洪道", "main_url": "rtsp://127.0.0.1:1/dead2"}])";
    const std::string endpoint = "tcp://127.0.0.1:" + std::to_string(freePort());
    const std::string pub = "tcp://127.0.0.1:" + std::to_string(freePort());
    // The console publishes its own events: the test learns of the decoders' reports there.
    zmq::context_t context;
    zmq::socket_t feed(context, zmq::socket_type::sub);
    feed.set(zmq::sockopt::subscribe, "camera.state");
    feed.connect(pub);
    ConsoleProcess console(dir, {"--router", endpoint, "--pub", pub, "--wall", "1x1", "--layout", "duty",
                                 "--cameras", cameras.string()});
    const Alarm a = reservoirAlarm("lk-2", WarningLevel::Orange, {"cam-07", "cam-08"});
    client::BackendClient backend({.endpoint = endpoint, .source = "monitor-platform"});
    backend.send("alarm.raise", protocol::encodeBody(AlarmRaise{a}));
    if (!backend.waitAllAcked(client::Clock::now() + std::chrono::seconds(20)))
        FAIL() << "the alarm was not acknowledged; console log:\n" << console.stop().log;

    // The linked cameras open and fail, and keep retrying: each change is reported again.
    std::set<std::string> reported;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(40);
    while (reported.size() < 2 && std::chrono::steady_clock::now() < until) {
        std::vector<zmq::message_t> frames;
        feed.set(zmq::sockopt::rcvtimeo, 200);
        if (!zmq::recv_multipart(feed, std::back_inserter(frames))) continue;
        if (frames.size() == 2) {
            const auto envelope = nlohmann::json::parse(frames[1].to_string_view(), nullptr, false);
            if (envelope.is_object() && envelope.contains("body")) reported.insert(envelope["body"].value("camera", ""));
        }
    }
    const ConsoleRun run = console.stop();
    ASSERT_EQ(run.exit_code, 0) << run.log;
    EXPECT_EQ(reported, (std::set<std::string>{"cam-07", "cam-08"})) << "both streams reported by their decoders";

    std::map<std::string, int> console_rows;
    {
        journal::Journal journal((dir.path / "journal.db").string());
        journal.forEachSince(0, std::nullopt, [&](const journal::Record& r) {
            if (r.source == protocol::kOperatorSource) ++console_rows[r.type];
        });
    }
    EXPECT_EQ(console_rows["camera.upsert"], 2) << "the camera file, journaled once at start";
    EXPECT_EQ(console_rows["linkage.show"], 1) << "the alarm's cameras in the linkage region";
    EXPECT_GE(console_rows["camera.state"], 2);

    // Every console event is the authority's decision; the frame loop posted nothing.
    journal::Journal journal((dir.path / "journal.db").string());
    uint64_t journaled = 0;
    journal.forEachSince(0, std::nullopt, [&](const journal::Record& r) {
        if (r.source == protocol::kOperatorSource) ++journaled;
    });
    EXPECT_EQ(run.stats["events"]["operator_actions"], 0) << "no operator touched the wall";
    EXPECT_EQ(run.stats["events"]["decisions"].get<uint64_t>(), journaled);
    EXPECT_EQ(run.stats["events"]["accepted"], 1);
}

} // namespace
} // namespace wall::test
