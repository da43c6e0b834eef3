#include "render/png_file.hpp"

#include <png.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>

namespace wall::render {
namespace {

struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

// libpng reports errors by longjmp by default; throwing from the error
// callback instead unwinds through C frames, which is safe here because
// libpng holds no C++ objects and we free its structs in RAII owners.
[[noreturn]] void throwPngError(png_structp png, png_const_charp message) {
    const auto* path = static_cast<const std::string*>(png_get_error_ptr(png));
    throw std::runtime_error("PNG " + (path ? *path : std::string("?")) + ": " + message);
}

void ignorePngWarning(png_structp, png_const_charp) {}

}  // namespace

void writePng(const std::filesystem::path& path, std::span<const std::uint8_t> rgba, int width, int height) {
    const std::string name = path.string();
    if (width <= 0 || height <= 0) {
        throw std::runtime_error("PNG " + name + ": image size " + std::to_string(width) + "x" + std::to_string(height) + " is not positive");
    }
    const std::size_t expected = static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4;
    if (rgba.size() < expected) {
        throw std::runtime_error("PNG " + name + ": " + std::to_string(rgba.size()) + " bytes given, " +
                                 std::to_string(expected) + " needed for " + std::to_string(width) + "x" + std::to_string(height) + " RGBA");
    }
    FilePtr file(std::fopen(name.c_str(), "wb"));
    if (!file) throw std::runtime_error("PNG " + name + ": cannot open for writing: " + std::strerror(errno));

    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, const_cast<std::string*>(&name), throwPngError, ignorePngWarning);
    if (!png) throw std::runtime_error("PNG " + name + ": png_create_write_struct failed");
    png_infop info = png_create_info_struct(png);
    struct WriteStructs {
        png_structp* png;
        png_infop* info;
        ~WriteStructs() { png_destroy_write_struct(png, info); }
    } owner{&png, &info};
    if (!info) throw std::runtime_error("PNG " + name + ": png_create_info_struct failed");

    png_init_io(png, file.get());
    // Screenshots are large and mostly flat colour: a fast level keeps capture quick.
    png_set_compression_level(png, 3);
    png_set_IHDR(png, info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height), 8, PNG_COLOR_TYPE_RGBA,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    const std::size_t stride = static_cast<std::size_t>(width) * 4;
    for (int y = 0; y < height; ++y) {
        png_write_row(png, rgba.data() + static_cast<std::size_t>(y) * stride);
    }
    png_write_end(png, nullptr);
    if (std::fflush(file.get()) != 0 || std::ferror(file.get())) {
        throw std::runtime_error("PNG " + name + ": write failed: " + std::strerror(errno));
    }
}

void writePng(const std::filesystem::path& path, const RgbaImage& image) {
    writePng(path, image.pixels, image.width, image.height);
}

RgbaImage readPng(const std::filesystem::path& path) {
    const std::string name = path.string();
    FilePtr file(std::fopen(name.c_str(), "rb"));
    if (!file) throw std::runtime_error("PNG " + name + ": cannot open for reading: " + std::strerror(errno));
    png_byte signature[8] = {};
    if (std::fread(signature, 1, sizeof signature, file.get()) != sizeof signature || png_sig_cmp(signature, 0, sizeof signature) != 0) {
        throw std::runtime_error("PNG " + name + ": not a PNG file (bad signature)");
    }
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, const_cast<std::string*>(&name), throwPngError, ignorePngWarning);
    if (!png) throw std::runtime_error("PNG " + name + ": png_create_read_struct failed");
    png_infop info = png_create_info_struct(png);
    struct ReadStructs {
        png_structp* png;
        png_infop* info;
        ~ReadStructs() { png_destroy_read_struct(png, info, nullptr); }
    } owner{&png, &info};
    if (!info) throw std::runtime_error("PNG " + name + ": png_create_info_struct failed");

    png_init_io(png, file.get());
    png_set_sig_bytes(png, sizeof signature);
    png_read_info(png, info);
    // Normalise every colour type to 8-bit RGBA.
    png_set_expand(png);
    png_set_strip_16(png);
    png_set_gray_to_rgb(png);
    png_set_add_alpha(png, 0xFF, PNG_FILLER_AFTER);
    png_read_update_info(png, info);

    RgbaImage image;
    image.width = static_cast<int>(png_get_image_width(png, info));
    image.height = static_cast<int>(png_get_image_height(png, info));
    const std::size_t rowbytes = png_get_rowbytes(png, info);
    if (rowbytes != static_cast<std::size_t>(image.width) * 4) {
        throw std::runtime_error("PNG " + name + ": unexpected row size " + std::to_string(rowbytes) + " after RGBA conversion");
    }
    image.pixels.resize(rowbytes * static_cast<std::size_t>(image.height));
    for (int y = 0; y < image.height; ++y) {
        png_read_row(png, image.pixels.data() + static_cast<std::size_t>(y) * rowbytes, nullptr);
    }
    png_read_end(png, nullptr);
    return image;
}

}  // namespace wall::render
