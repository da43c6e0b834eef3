// The camera file (config/camera_file.hpp): every field is read, and each kind
// of bad file is refused naming the entry and the field. withConfigured() lays
// a file's entry over what a camera.upsert already said.
#include "config/camera_file.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <unistd.h>

namespace wall::config {
namespace {

/// The cameras in `text`, or the error text (with the temp path cut off) in `error`.
std::vector<Camera> load(const std::string& text, std::string* error = nullptr) {
    static int counter = 0;
    const auto path = std::filesystem::temp_directory_path() /
                      ("wall-cameras-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".json");
    std::ofstream(path) << text;
    std::vector<Camera> cameras;
    try {
        cameras = loadCameraFile(path);
    } catch (const CameraFileError& e) {
        std::string what = e.what();
        const auto name_end = what.find(".json: ");
        if (error) *error = name_end == std::string::npos ? what : what.substr(name_end + 7);
    }
    std::filesystem::remove(path);
    return cameras;
}

std::string errorOf(const std::string& text) {
    std::string error;
    load(text, &error);
    return error;
}

TEST(CameraFile, ReadsEveryField) {
    const auto cameras = load(R"([
      {"id": "cam-01", "name": "青龙水库大坝", "site": "青龙镇", "main_url": "rtsp://10.1.1.5/main",
       "sub_url": "rtsp://10.1.1.5/sub", "group": "水库", "rtsp_transport": "udp"},
      {"id": "cam-02", "main_url": "test:备用", "rtsp_transport": "tcp"}
    ])");
    ASSERT_EQ(cameras.size(), 2u);
    EXPECT_EQ(cameras[0].name, "青龙水库大坝");
    EXPECT_EQ(cameras[0].site, "青龙镇");
    EXPECT_EQ(cameras[0].sub_url, "rtsp://10.1.1.5/sub");
    EXPECT_EQ(cameras[0].group, "水库");
    EXPECT_EQ(cameras[0].rtsp_transport, "udp");
    EXPECT_EQ(cameras[1].name, "");
    EXPECT_EQ(cameras[1].rtsp_transport, "") << "tcp is the default, spelt one way";
}

TEST(CameraFile, RefusesBadFilesNamingEntryAndField) {
    EXPECT_EQ(errorOf(R"({"id": "cam-01"})"), "expected a JSON array of cameras [{\"id\", \"name\", \"main_url\", ...}]");
    EXPECT_NE(errorOf("[{\"id\": \"cam-01\",]").find("not valid JSON"), std::string::npos);
    EXPECT_NE(errorOf("[{\"id\": \"cam-01\",]").find("line 1"), std::string::npos) << "the parse error says where";
    EXPECT_EQ(errorOf(R"([{"id": "cam-01", "main_url": "test:a"}, 7])"), "entry 1: expected an object");
    EXPECT_EQ(errorOf(R"([{"main_url": "test:a"}])"), "entry 0: \"id\" is missing");
    EXPECT_EQ(errorOf(R"([{"id": "cam-01"}])"), "entry 0 (cam-01): \"main_url\" is missing");
    EXPECT_EQ(errorOf(R"([{"id": "cam-01", "main_url": ""}])"), "entry 0 (cam-01): \"main_url\" is empty");
    EXPECT_EQ(errorOf(R"([{"id": "cam-01", "main_url": "test:a", "name": 3}])"), "entry 0 (cam-01): \"name\" must be a string");
    EXPECT_EQ(errorOf(R"([{"id": "cam-01", "main_url": "test:a", "rtsp_transport": "sctp"}])"),
              "entry 0 (cam-01): \"rtsp_transport\" must be \"tcp\" or \"udp\", not \"sctp\"");
    EXPECT_EQ(errorOf(R"([{"id": "cam-01", "main_url": "test:a"}, {"id": "cam-01", "main_url": "test:b"}])"),
              "entry 1 (cam-01): \"id\" repeats an earlier entry");
    std::string missing;
    try {
        loadCameraFile("/nonexistent/cams.json");
    } catch (const CameraFileError& e) {
        missing = e.what();
    }
    EXPECT_EQ(missing, "/nonexistent/cams.json: cannot read the camera file");
}

TEST(CameraFile, FileEntryOverWhatIsKnown) {
    const Camera known{"cam-01", "大坝", "青龙镇", "rtsp://old/main", "rtsp://old/sub", "水库", ""};
    Camera configured{"cam-01", "", "", "rtsp://new/main", "", "", "udp"};
    const Camera merged = withConfigured(known, configured);
    EXPECT_EQ(merged.name, "大坝") << "a file without a name keeps the known name";
    EXPECT_EQ(merged.site, "青龙镇");
    EXPECT_EQ(merged.group, "水库");
    EXPECT_EQ(merged.main_url, "rtsp://new/main");
    EXPECT_EQ(merged.sub_url, "") << "streams always come from the file";
    EXPECT_EQ(merged.rtsp_transport, "udp");
    EXPECT_EQ(withConfigured(Camera{}, configured).name, "cam-01") << "an unknown camera without a name shows its id";
    configured.name = "大坝新";
    EXPECT_EQ(withConfigured(known, configured).name, "大坝新");
}

} // namespace
} // namespace wall::config
