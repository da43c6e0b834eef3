#include "protocol_test_support.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace wall::protocol::test {

std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    EXPECT_TRUE(in.good()) << "cannot read " << path;
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<std::filesystem::path> corpusFiles(const std::string& folder) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(WALL_PROTOCOL_CORPUS_DIR) / folder))
        if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

std::string envelopeWith(const std::string& type, const std::string& body_json) {
    return R"({"v":1,"source":"test-backend","seq":7,"ts":1783989000000,"type":")" + type + R"(","body":)" + body_json + "}";
}

const Accepted* accepted(const ParseResult& result) {
    if (auto* r = std::get_if<Rejection>(&result)) {
        ADD_FAILURE() << "rejected: " << toWire(r->reason) << ": " << r->detail;
        return nullptr;
    }
    return &std::get<Accepted>(result);
}

const Rejection* rejected(const ParseResult& result) {
    if (auto* a = std::get_if<Accepted>(&result)) {
        ADD_FAILURE() << "accepted unexpectedly as " << a->type << ": " << a->body_json;
        return nullptr;
    }
    return &std::get<Rejection>(result);
}

void expectSameAlarmWireFields(const Alarm& a, const Alarm& b) {
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.level, b.level);
    EXPECT_EQ(a.category, b.category);
    EXPECT_EQ(a.title, b.title);
    EXPECT_EQ(a.message, b.message);
    EXPECT_EQ(a.site.county, b.site.county);
    EXPECT_EQ(a.site.township, b.site.township);
    EXPECT_EQ(a.site.village, b.site.village);
    EXPECT_EQ(a.site.area, b.site.area);
    EXPECT_EQ(a.device, b.device);
    EXPECT_EQ(a.cameras, b.cameras);
    EXPECT_EQ(a.raised_ms, b.raised_ms);
}

} // namespace wall::protocol::test
