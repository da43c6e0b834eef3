#include "app_test_support.hpp"

#include "protocol/protocol.hpp"

#include <chrono>
#include <cstdlib>
#include <vector>

namespace wall::test {

void JournalWriter::add(const EventBody& body, const std::string& source, TimeMs recv_ms) {
    journal::Record r;
    r.recv_ms = recv_ms ? recv_ms : nowMs();
    r.ts_ms = r.recv_ms;
    r.source = source;
    r.seq = ++seq_;
    r.type = eventTypeName(body);
    r.body = protocol::encodeBody(body);
    std::vector<journal::Record> batch{r};
    journal_.appendBatch(batch);
}

void JournalWriter::alarm(const std::string& id, WarningLevel level, const std::string& title,
                          const std::string& township) {
    Alarm a;
    a.id = id;
    a.level = level;
    a.category = "rain";
    a.title = title;
    a.site = {"袁州区", township, "", ""};
    add(AlarmRaise{a});
}

int countColor(const render::RgbaImage& img, layouts::PixelRect rect, std::array<int, 3> rgb, int tol) {
    int n = 0;
    for (int y = std::max(0, rect.y); y < std::min(img.height, rect.bottom()); ++y)
        for (int x = std::max(0, rect.x); x < std::min(img.width, rect.right()); ++x) {
            const auto p = img.at(x, y);
            if (std::abs(p[0] - rgb[0]) <= tol && std::abs(p[1] - rgb[1]) <= tol && std::abs(p[2] - rgb[2]) <= tol) ++n;
        }
    return n;
}

layouts::PixelRect outputRectOf(const layouts::WallSpec& wall, const layouts::Region& region) {
    const auto tl = wall.canvasToOutput({double(region.canvas_rect.x), double(region.canvas_rect.y)});
    EXPECT_TRUE(tl.has_value()) << "region " << region.name << " starts behind a bezel";
    return {int(tl->x), int(tl->y), region.canvas_rect.width, region.canvas_rect.height};
}

} // namespace wall::test
