#include "render/glyph_atlas_build.hpp"

#include <imgui.h>

#include <chrono>
#include <cstdio>
#include <pthread.h>
#include <stdexcept>

namespace wall::render {

void FontAtlasDeleter::operator()(ImFontAtlas* atlas) const { IM_DELETE(atlas); }

BuiltAtlas rasterizeAtlas(AtlasRecipe recipe) {
    static_assert(sizeof(ImWchar) == sizeof(std::uint16_t), "Debian's ImGui uses 16-bit ImWchar");
    const auto started = std::chrono::steady_clock::now();
    BuiltAtlas built;
    built.ranges = std::move(recipe.ranges);
    built.codepoint_count = recipe.codepoint_count;
    built.atlas.reset(IM_NEW(ImFontAtlas)());
    ImFontAtlas& atlas = *built.atlas;
    atlas.Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    atlas.TexDesiredWidth = recipe.texture_width;
    atlas.TexGlyphPadding = 2;  // room for the texture's mip levels 1 and 2 without glyphs bleeding into each other
    for (std::size_t k = 0; k < built.fonts.size(); ++k) {
        ImFontConfig config;
        config.FontDataOwnedByAtlas = false;  // one copy of the 20 MB file serves all sizes and rebuilds
        config.FontNo = recipe.face_index;
        config.OversampleH = 1;  // CJK at >= 28 px needs no sub-pixel oversampling; saves 2-3x space
        config.OversampleV = 1;
        config.PixelSnapH = true;
        std::snprintf(config.Name, sizeof config.Name, "%s %.0fpx", recipe.face_name.c_str(), recipe.pixel_sizes[k]);
        built.fonts[k] = atlas.AddFontFromMemoryTTF(const_cast<unsigned char*>(recipe.font_data), recipe.font_data_size,
                                                    recipe.pixel_sizes[k], &config,
                                                    reinterpret_cast<const ImWchar*>(built.ranges.data()));
        if (!built.fonts[k]) throw std::runtime_error("glyph atlas: ImGui cannot load the font data");
    }
    if (!atlas.Build()) {
        throw std::runtime_error("glyph atlas: building " + std::to_string(recipe.codepoint_count) + " code points failed");
    }
    unsigned char* pixels = nullptr;
    int width = 0;
    int height = 0;
    atlas.GetTexDataAsAlpha8(&pixels, &width, &height);  // rasterised by Build; this only hands the pointer out
    built.build_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return built;
}

AtlasBuildThread::AtlasBuildThread(AtlasRecipe recipe)
    : thread_([this, recipe = std::move(recipe)]() mutable {
          pthread_setname_np(pthread_self(), "glyph-atlas");
          try {
              result_ = rasterizeAtlas(std::move(recipe));
          } catch (...) {
              error_ = std::current_exception();
          }
          finished_.store(true, std::memory_order_release);
      }) {}

AtlasBuildThread::~AtlasBuildThread() {
    if (thread_.joinable()) thread_.join();
}

BuiltAtlas AtlasBuildThread::take() {
    if (thread_.joinable()) thread_.join();
    if (error_) std::rethrow_exception(error_);
    return std::move(result_);
}

}  // namespace wall::render
