#pragma once
// Rasterising a glyph atlas, on the GL thread or on a background thread.
// This part is CPU only (stb_truetype through ImFontAtlas::Build); the GL
// upload and the swap into ImGui happen in GlyphAtlas on the GL thread.
//
// Per size: the primary face, each fallback face merged into it
// (ImFontConfig::MergeMode, only the code points it supplies), custom-rect
// glyphs at the PUA slots (rasterised here after Build, since ImGui cannot
// load a code point beyond U+FFFF), and a hollow box at U+FFFD that ImGui
// uses as the fallback glyph: distinct from a real '?', and countable.
//
// Caveat for the background thread: ImGui 1.86 counts allocations in the
// current context's io.MetricsActiveAllocations without a lock, so that
// metrics counter may be off by a few while a build runs. Nothing else is
// shared: the new atlas is private to the thread until it is handed over.

#include "render/font_chain.hpp"
#include "render/pua_slots.hpp"

#include <array>
#include <atomic>
#include <cstdint>
#include <exception>
#include <memory>
#include <string>
#include <thread>
#include <vector>

struct ImFont;
struct ImFontAtlas;

namespace wall::render {

/// Everything needed to build one atlas; copied into the build so it owns its inputs.
struct AtlasRecipe {
    std::vector<FontFace> faces;                      ///< [0] primary, then fallbacks; the bytes outlive every build (owned by GlyphAtlas)
    std::vector<std::vector<std::uint16_t>> ranges;   ///< per face: ImWchar [first, last] pairs, 0-terminated; a face with none is not added
    std::vector<SlotGlyph> slot_glyphs;               ///< supplementary characters, rasterised by hand into their slots
    std::array<float, 3> pixel_sizes{};               ///< Body, Large, Huge
    int texture_width = 4096;                         ///< atlas width
    std::size_t codepoint_count = 0;                  ///< code points covered by ranges and slots (for logs)
    std::size_t fallback_glyph_count = 0;             ///< of those, drawn from a fallback face
};

/// Deletes an ImFontAtlas with ImGui's allocator.
struct FontAtlasDeleter {
    void operator()(ImFontAtlas* atlas) const;
};

/// A rasterised atlas (Alpha8 pixels ready to upload) and its fonts.
struct BuiltAtlas {
    std::unique_ptr<ImFontAtlas, FontAtlasDeleter> atlas;  ///< owns fonts and pixels
    std::vector<std::vector<std::uint16_t>> ranges;        ///< the glyph ranges the atlas's configs point into: keep alive with it
    std::array<ImFont*, 3> fonts{};                        ///< Body, Large, Huge inside atlas
    std::size_t codepoint_count = 0;                       ///< as in the recipe
    std::size_t fallback_glyph_count = 0;                  ///< as in the recipe
    double build_ms = 0;                                   ///< time spent rasterising
};

/// @brief Builds the atlas and rasterises it to Alpha8; throws std::runtime_error on failure. Any thread.
BuiltAtlas rasterizeAtlas(AtlasRecipe recipe);

/// One background build: starts on construction, joins on destruction (a build cannot be cut short; it takes well under a second).
class AtlasBuildThread {
public:
    /// @brief Starts rasterising `recipe` on a thread named "glyph-atlas".
    explicit AtlasBuildThread(AtlasRecipe recipe);
    ~AtlasBuildThread();
    AtlasBuildThread(const AtlasBuildThread&) = delete;
    AtlasBuildThread& operator=(const AtlasBuildThread&) = delete;

    /// @brief True once the result (or an error) is ready; never blocks.
    bool finished() const { return finished_.load(std::memory_order_acquire); }
    /// @brief Waits for the build and returns it; rethrows the build's error. Call once.
    BuiltAtlas take();

private:
    BuiltAtlas result_;               ///< written by the thread before finished_ is set
    std::exception_ptr error_;        ///< written by the thread before finished_ is set
    std::atomic<bool> finished_{false};  ///< release/acquire hand-over of result_ and error_
    std::jthread thread_;             ///< last member: starts after the others exist, joins before they go
};

}  // namespace wall::render
