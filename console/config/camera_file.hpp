// The camera registry file (--cameras FILE): the cameras a site configures
// locally instead of, or before, a video platform sends camera.upsert.
#pragma once

#include "model/model.hpp"

#include <filesystem>
#include <stdexcept>
#include <vector>

namespace wall::config {

/// A camera file that cannot be used; what() names the file, the entry and the field.
class CameraFileError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// @brief Reads `[{"id", "name", "site", "main_url", "sub_url", "group", "rtsp_transport"}, ...]`.
/// id and main_url are required; ids must be unique; rtsp_transport is "tcp" (default) or "udp".
/// An entry without a name gets an empty one (the caller decides: keep the known name, or the id).
/// Throws CameraFileError naming the file, entry index, id and field at fault.
std::vector<Camera> loadCameraFile(const std::filesystem::path& path);

} // namespace wall::config
