#include "render/glyph_atlas_build.hpp"

#include "base/thread_name.hpp"
#include "render/pua_slots.hpp"

#include <imgui.h>
#include <stb_truetype.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace wall::render {

void FontAtlasDeleter::operator()(ImFontAtlas* atlas) const { IM_DELETE(atlas); }

namespace {

/// A custom-rect glyph to rasterise once Build has placed its rect.
struct HandGlyph {
    int rect = 0;                              ///< ImFontAtlas custom rect index
    const stbtt_fontinfo* info = nullptr;      ///< face to rasterise from; null: the fallback box
    char32_t codepoint = 0;                    ///< character in that face
    float scale = 0;                           ///< stbtt pixel scale
    int width = 0;                             ///< glyph bitmap size, without padding
    int height = 0;
    int stroke = 0;                            ///< fallback box: border width in pixels
};

constexpr ImWchar kFallbackChar = 0xFFFD;

// Glyphs our build adds by hand sit at a reserved slot or at U+FFFD.
bool handPlaced(unsigned int codepoint) { return PuaSlotTable::reserved(codepoint) || codepoint == kFallbackChar; }

}  // namespace

BuiltAtlas rasterizeAtlas(AtlasRecipe recipe) {
    static_assert(sizeof(ImWchar) == sizeof(std::uint16_t), "Debian's ImGui uses 16-bit ImWchar");
    const auto started = std::chrono::steady_clock::now();
    BuiltAtlas built;
    built.ranges = std::move(recipe.ranges);
    built.codepoint_count = recipe.codepoint_count;
    built.fallback_glyph_count = recipe.fallback_glyph_count;
    built.atlas.reset(IM_NEW(ImFontAtlas)());
    ImFontAtlas& atlas = *built.atlas;
    atlas.Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    atlas.TexDesiredWidth = recipe.texture_width;
    atlas.TexGlyphPadding = 2;  // room for the texture's mip levels 1 and 2 without glyphs bleeding into each other
    const int pad = atlas.TexGlyphPadding;  // ImGui does not pad custom rects: we do

    std::vector<stbtt_fontinfo> infos(recipe.faces.size());
    for (std::size_t f = 0; f < recipe.faces.size(); ++f) {
        if (!stbtt_InitFont(&infos[f], recipe.faces[f].data, recipe.faces[f].face_offset))
            throw std::runtime_error("glyph atlas: cannot read font " + recipe.faces[f].name);
    }
    built.ranges.resize(recipe.faces.size());

    std::vector<HandGlyph> hand;
    for (std::size_t k = 0; k < built.fonts.size(); ++k) {
        const float pixels = recipe.pixel_sizes[k];
        // ImGui sizes a font by its line height (ascent - descent); ideographs are designed to the em.
        const float em_px = stbtt_ScaleForPixelHeight(&infos[0], pixels) / stbtt_ScaleForMappingEmToPixels(&infos[0], 1.0f);
        for (std::size_t f = 0; f < recipe.faces.size(); ++f) {
            const FontFace& face = recipe.faces[f];
            if (f > 0 && built.ranges[f].size() < 3) continue;  // supplies no BMP code point
            ImFontConfig config;
            config.MergeMode = f > 0;  // fallbacks fill in what the primary lacks, into the same ImFont
            config.FontDataOwnedByAtlas = false;  // one copy of each file serves all sizes and rebuilds
            config.FontNo = face.face_index;
            config.OversampleH = 1;  // CJK at >= 28 px needs no sub-pixel oversampling; saves 2-3x space
            config.OversampleV = 1;
            config.PixelSnapH = true;
            config.GlyphOffset.y = std::round(face.offset_y_em * em_px);
            std::snprintf(config.Name, sizeof config.Name, "%s %.0fpx", face.name.c_str(), pixels);
            if (built.ranges[f].empty()) built.ranges[f].push_back(0);
            ImFont* font = atlas.AddFontFromMemoryTTF(const_cast<unsigned char*>(face.data), face.size, pixels * face.size_scale,
                                                      &config, reinterpret_cast<const ImWchar*>(built.ranges[f].data()));
            if (!font) throw std::runtime_error("glyph atlas: ImGui cannot load the font data of " + face.name);
            if (f == 0) built.fonts[k] = font;
        }
        ImFont* font = built.fonts[k];
        // Supplementary characters at their slots. Offsets are from the baseline here; Ascent is added after Build.
        for (const SlotGlyph& g : recipe.slot_glyphs) {
            const FontFace& face = recipe.faces[static_cast<std::size_t>(g.face)];
            const stbtt_fontinfo& info = infos[static_cast<std::size_t>(g.face)];
            const float scale = stbtt_ScaleForPixelHeight(&info, pixels * face.size_scale);  // as ImGui scales a merged face
            int x0 = 0, y0 = 0, x1 = 0, y1 = 0, advance = 0, bearing = 0;
            stbtt_GetCodepointBitmapBox(&info, static_cast<int>(g.codepoint), scale, scale, &x0, &y0, &x1, &y1);
            stbtt_GetCodepointHMetrics(&info, static_cast<int>(g.codepoint), &advance, &bearing);
            const int width = std::max(1, x1 - x0);
            const int height = std::max(1, y1 - y0);
            const ImVec2 offset(static_cast<float>(x0 - pad), static_cast<float>(y0 - pad) + std::round(face.offset_y_em * em_px));
            const int rect = atlas.AddCustomRectFontGlyph(font, static_cast<ImWchar>(g.slot), width + 2 * pad, height + 2 * pad,
                                                          std::round(static_cast<float>(advance) * scale), offset);
            hand.push_back({rect, &info, g.codepoint, scale, width, height, 0});
        }
        // The fallback glyph: a hollow box, so a glyph the atlas lacks reads as missing, never as a real '?'.
        const int box_w = static_cast<int>(std::round(0.6f * em_px));
        const int box_h = static_cast<int>(std::round(0.8f * em_px));
        const ImVec2 box_offset(std::round(0.1f * em_px) - static_cast<float>(pad), -std::round(0.76f * em_px) - static_cast<float>(pad));
        const int box = atlas.AddCustomRectFontGlyph(font, kFallbackChar, box_w + 2 * pad, box_h + 2 * pad, std::round(0.8f * em_px),
                                                     box_offset);
        hand.push_back({box, nullptr, 0, 0, box_w, box_h, std::max(1, static_cast<int>(std::round(em_px / 16.0f)))});
    }
    if (!atlas.Build()) {
        throw std::runtime_error("glyph atlas: building " + std::to_string(recipe.codepoint_count) + " code points failed");
    }
    unsigned char* pixels = nullptr;
    int width = 0;
    int height = 0;
    atlas.GetTexDataAsAlpha8(&pixels, &width, &height);  // rasterised by Build; this only hands the pointer out

    for (const HandGlyph& g : hand) {
        const ImFontAtlasCustomRect* rect = atlas.GetCustomRectByIndex(g.rect);
        unsigned char* at = pixels + static_cast<std::ptrdiff_t>(rect->Y + pad) * width + rect->X + pad;
        if (g.info) {
            stbtt_MakeCodepointBitmap(g.info, at, g.width, g.height, width, g.scale, g.scale, static_cast<int>(g.codepoint));
            continue;
        }
        for (int y = 0; y < g.height; ++y) {
            for (int x = 0; x < g.width; ++x) {
                const bool edge = x < g.stroke || y < g.stroke || x >= g.width - g.stroke || y >= g.height - g.stroke;
                at[static_cast<std::ptrdiff_t>(y) * width + x] = edge ? 0xFF : 0x00;
            }
        }
    }
    for (ImFont* font : built.fonts) {
        // Custom-rect glyphs are placed from the line top; ours were measured from the baseline.
        const float ascent = std::floor(font->Ascent + 0.5f);
        for (ImFontGlyph& glyph : font->Glyphs) {
            if (!handPlaced(glyph.Codepoint)) continue;
            glyph.Y0 += ascent;
            glyph.Y1 += ascent;
        }
        if (font->FallbackChar != kFallbackChar) {
            font->FallbackChar = kFallbackChar;
            font->BuildLookupTable();
        }
        if (!font->FallbackGlyph || font->FallbackGlyph->Codepoint != kFallbackChar)
            throw std::runtime_error("glyph atlas: the fallback box did not become ImGui's fallback glyph");
    }
    built.build_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return built;
}

AtlasBuildThread::AtlasBuildThread(AtlasRecipe recipe)
    : thread_([this, recipe = std::move(recipe)]() mutable {
          nameThisThread("glyph-atlas");
          try {
              result_ = rasterizeAtlas(std::move(recipe));
          } catch (...) {
              error_ = std::current_exception();
          }
          finished_.store(true, std::memory_order_release);
      }) {}

// A build cannot be cut short, so there is no stop request to honour: std::jthread only joins.
AtlasBuildThread::~AtlasBuildThread() = default;

BuiltAtlas AtlasBuildThread::take() {
    if (thread_.joinable()) thread_.join();
    if (error_) std::rethrow_exception(error_);
    return std::move(result_);
}

}  // namespace wall::render
