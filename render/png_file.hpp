#pragma once
// PNG files for screenshots and tests (libpng). Errors name the path.

#include "render/rgba_image.hpp"

#include <cstdint>
#include <filesystem>
#include <span>

namespace wall::render {

/// @brief Writes tightly packed RGBA8 rows (top row first) to `path`; throws std::runtime_error naming the path.
void writePng(const std::filesystem::path& path, std::span<const std::uint8_t> rgba, int width, int height);

/// @brief Writes `image` to `path`; throws std::runtime_error naming the path.
void writePng(const std::filesystem::path& path, const RgbaImage& image);

/// @brief Reads any PNG as RGBA8 (palette, grey and 16-bit are converted); throws std::runtime_error naming the path.
RgbaImage readPng(const std::filesystem::path& path);

}  // namespace wall::render
