#include "camera_file.hpp"

#include "model/describe.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <set>
#include <string>

namespace wall::config {

std::vector<Camera> loadCameraFile(const std::filesystem::path& path) {
    const std::string file = path.string();
    std::ifstream in(path);
    if (!in) throw CameraFileError(file + ": cannot read the camera file");
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(in);
    } catch (const nlohmann::json::parse_error& e) {
        // nlohmann's text carries the line and column.
        throw CameraFileError(file + ": not valid JSON: " + e.what());
    }
    if (!doc.is_array())
        throw CameraFileError(file + ": expected a JSON array of cameras [{\"id\", \"name\", \"main_url\", ...}]");

    std::vector<Camera> cameras;
    std::set<std::string> seen;
    for (size_t i = 0; i < doc.size(); ++i) {
        const nlohmann::json& entry = doc[i];
        std::string where = file + ": entry " + std::to_string(i);
        if (!entry.is_object()) throw CameraFileError(where + ": expected an object");
        auto text = [&](const char* field, bool required) -> std::string {
            auto it = entry.find(field);
            if (it == entry.end()) {
                if (required) throw CameraFileError(where + ": \"" + field + "\" is missing");
                return {};
            }
            if (!it->is_string()) throw CameraFileError(where + ": \"" + field + "\" must be a string");
            std::string value = it->get<std::string>();
            if (required && value.empty()) throw CameraFileError(where + ": \"" + field + "\" is empty");
            return value;
        };
        // The members are camera.upsert's (model/describe.hpp); here only id and main_url are required.
        Camera c;
        auto member = [&](const desc::FieldSpec& f, std::string& value) {
            const std::string_view key = f.key;
            value = text(f.key, key == "id" || key == "main_url");
            if (key != "id") return;
            where += " (" + value + ")";
            if (!seen.insert(value).second) throw CameraFileError(where + ": \"id\" repeats an earlier entry");
        };
        desc::describe(c, member);
        if (c.rtsp_transport == "tcp") c.rtsp_transport.clear();
        if (!c.rtsp_transport.empty() && c.rtsp_transport != "udp")
            throw CameraFileError(where + ": \"rtsp_transport\" must be \"tcp\" or \"udp\", not \"" + c.rtsp_transport + "\"");
        cameras.push_back(std::move(c));
    }
    return cameras;
}

} // namespace wall::config
