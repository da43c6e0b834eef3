#pragma once
// The CJK font atlas: Noto Sans CJK at a few sizes, holding exactly the
// glyphs the console has been asked to draw, with a fallback font chain
// (font_chain.hpp) for the rare characters Noto lacks.
//
// Every string drawn passes through noteText() (cheap when all its
// characters are known). New characters are collected; rebuildIfNeeded(),
// called once per frame BEFORE ImGui::NewFrame (the atlas is locked during a
// frame), re-rasterises the atlas and re-uploads the texture. A character
// first seen in frame N therefore renders from frame N+1 (synchronous build,
// the default; the frame that rebuilds takes ~0.1-0.5 s on llvmpipe) or a few
// frames later (background_build; no hitch). Call finishPendingBuild() before
// a screenshot so nothing is still on its way.
//
// ImGui in Debian is built with 16-bit ImWchar, so a character beyond U+FFFF
// (CJK Extension B such as 𠮷 U+20BB7, seen in real names) is given a slot in
// a reserved Private Use range (pua_slots.hpp) and its glyph is rasterised
// there; every string ImGui draws or measures is rewritten to the slots on
// its way in (imgui_text_hook.hpp), so call sites need no change. Strings
// drawn but never noted are noted by that hook too: they show the fallback
// glyph for a frame or two, and fallbackGlyphsDrawn() counts every one.
// What no font has (emoji, Private Use input) counts as missing.
//
// GL thread only. Create after ImGuiRuntime, destroy before it.

#include "render/font_chain.hpp"
#include "render/gl_handles.hpp"
#include "render/gl_window.hpp"
#include "render/pua_slots.hpp"

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct ImDrawData;
struct ImFont;

namespace wall::render {

/// The sizes the atlas carries; panels pick one and may scale it down a little.
enum class FontSize { Body, Large, Huge };

/// Which font and sizes to load.
struct GlyphAtlasOptions {
    std::filesystem::path font_path = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";  ///< a TTC/OTF/TTF; NotoSansCJK-Bold.ttc also works
    std::string face_family = "Noto Sans CJK SC";  ///< face picked from a TTC by its name table; SC glyph shapes, covers Traditional too
    std::array<float, 3> pixel_sizes = {28.0f, 44.0f, 72.0f};  ///< Body, Large, Huge in pixels: read from several metres away
    std::vector<std::filesystem::path> fallback_fonts = defaultFallbackFonts();  ///< tried in order for what the primary lacks; missing files are skipped
    int texture_width = 4096;                      ///< atlas width; height grows with the glyph count
    bool background_build = false;                 ///< rasterise rebuilds on a worker thread (live wall: no frame hitch, new characters appear a few frames later); the first build is always synchronous
};

class AtlasBuildThread;
struct AtlasRecipe;
struct BuiltAtlas;

/// Noto Sans CJK (and its fallback chain) in ImGui's atlas, rebuilt as new characters arrive.
class GlyphAtlas {
public:
    /// @brief Loads the font file, picks the face, builds and uploads the first atlas (ASCII, CJK punctuation, seed words); throws std::runtime_error naming the file.
    explicit GlyphAtlas(GlyphAtlasOptions options = {});
    ~GlyphAtlas();
    GlyphAtlas(const GlyphAtlas&) = delete;
    GlyphAtlas& operator=(const GlyphAtlas&) = delete;

    /// @brief Records the characters of a UTF-8 string that will be drawn; call for every string (fast when nothing is new).
    void noteText(std::string_view utf8);

    /// @brief `utf8` as ImGui must see it (supplementary characters as their slots): `utf8` itself when nothing changes, else a view of `scratch`.
    /// ImGui's text functions already do this through the hook; call it only for text that reaches ImGui another way.
    std::string_view drawable(std::string_view utf8, std::string& scratch) const { return slots_.rewrite(utf8, scratch); }

    /// @brief Rebuilds and re-uploads the atlas if new characters were noted; returns true when a new atlas was installed.
    /// With background_build it starts a build and installs it on a later call. Never call between NewFrame and Render.
    bool rebuildIfNeeded();

    /// @brief Blocks until every noted character is in the installed atlas (joins a background build, then builds what is left).
    /// Call before the frame of a screenshot. Never between NewFrame and Render.
    void finishPendingBuild();

    /// @brief The font of a size. Pointers change on every rebuild: fetch them each frame, never cache across frames.
    ImFont* font(FontSize size) const;

    /// @brief Characters noted that no font of the chain can draw (after the last rebuild), e.g. emoji or Private Use Area.
    std::size_t missingGlyphCount() const { return missing_.size(); }
    /// @brief The missing characters themselves, sorted, for diagnostics.
    const std::vector<char32_t>& missingGlyphs() const { return missing_; }
    /// @brief Malformed UTF-8 sequences seen by noteText (bad input, not counted as missing glyphs).
    std::size_t malformedCount() const { return malformed_count_; }
    /// @brief Characters noted but not yet in the installed atlas (waiting, or in a background build).
    std::size_t pendingCount() const { return pending_.size() + in_flight_.size(); }
    /// @brief True while a background build runs.
    bool building() const { return build_thread_ != nullptr; }
    /// @brief Characters in the atlas ranges (base set plus everything noted).
    std::size_t codepointCount() const { return requested_count_; }
    /// @brief Characters in the installed atlas drawn from a fallback font (HanaMin, BabelStone), each counted once for all sizes.
    std::size_t fallbackFontGlyphCount() const { return fallback_font_glyphs_; }
    /// @brief Characters beyond U+FFFF given a Private Use slot so far.
    std::size_t slotCount() const { return slots_.size(); }
    /// @brief Fallback glyphs (the hollow box) in the last rendered frame: characters drawn that the atlas did not hold.
    std::size_t fallbackGlyphsLastFrame() const { return fallback_drawn_last_frame_; }
    /// @brief Fallback glyphs drawn in all frames so far (fallback_glyphs_drawn in --stats).
    std::uint64_t fallbackGlyphsDrawn() const { return fallback_drawn_total_; }
    /// @brief Counts the fallback glyphs in a frame's draw data; ImGuiRuntime::render calls it after ImGui::Render.
    void countFallbackGlyphs(const ImDrawData& data);
    /// @brief Atlas texture size in pixels after the last build.
    PixelSize textureSize() const { return texture_size_; }
    /// @brief Times the atlas was built (1 after construction).
    int buildCount() const { return build_count_; }
    /// @brief Face index chosen inside the TTC, and its family name.
    int faceIndex() const { return face_index_; }
    const std::string& faceFamily() const { return face_family_found_; }

private:
    void pickFace();
    void note(std::string_view utf8, bool count_malformed);
    void noteCodepoint(char32_t codepoint);
    void requestCodepoint(char32_t codepoint);
    void markUnavailable(char32_t codepoint);
    void build();
    AtlasRecipe takeRecipe();
    void install(BuiltAtlas built, bool from_background = false);
    void upload();
    // The text route (imgui_text_hook.hpp): ImGui's text passes through these.
    static std::string_view routeRewrite(void* self, std::string_view utf8, std::string& scratch);
    static std::size_t routeOriginalOffset(void* self, std::string_view utf8, std::size_t rewritten_offset);
    static void routeRendered(void* self, const ImDrawData& data);

    GlyphAtlasOptions options_;                  ///< as given
    std::vector<unsigned char> font_data_;       ///< the whole font file; ImGui borrows it (FontDataOwnedByAtlas = false)
    int face_index_ = 0;                         ///< face used inside the TTC
    std::string face_family_found_;              ///< family name of that face, from its name table
    std::unique_ptr<FontChain> chain_;           ///< primary + fallback faces, and which face has which character
    std::vector<std::uint64_t> requested_bits_;  ///< 65536 bits: BMP code points in (or pending for) the atlas
    std::vector<std::int8_t> source_;            ///< 65536 entries: face each requested BMP code point comes from
    std::vector<std::uint64_t> noted_bits_;      ///< 65536 bits: BMP code points seen by noteText (what "missing" is judged on)
    std::vector<char32_t> pending_;              ///< requested (BMP code points, or slots), not yet in any build
    std::vector<char32_t> in_flight_;            ///< in the build that is running (background) or being installed
    PuaSlotTable slots_;                         ///< supplementary code point -> Private Use slot
    std::vector<SlotGlyph> slot_glyphs_;         ///< every slot assigned, with its face
    std::vector<char32_t> supplementary_seen_;   ///< noted code points > U+FFFF, slotted or not (sorted)
    std::vector<char32_t> unavailable_;          ///< noted code points no face can draw (sorted): always missing
    std::size_t fallback_font_glyphs_ = 0;       ///< fallback-face code points in the installed atlas
    std::size_t fallback_drawn_last_frame_ = 0;  ///< fallback glyphs in the last frame's draw data
    std::uint64_t fallback_drawn_total_ = 0;     ///< fallback glyphs in all frames
    std::size_t requested_count_ = 0;            ///< bits set in requested_bits_ plus slots assigned
    std::vector<std::vector<std::uint16_t>> ranges_;  ///< per face, ImWchar pairs + 0 terminator the installed atlas's configs point into
    std::vector<char32_t> missing_;              ///< noted but not drawable after the last build
    std::array<ImFont*, 3> fonts_{};             ///< Body, Large, Huge of the current build
    GlTexture texture_;                          ///< R8 atlas texture, swizzled to (1,1,1,r) for ImGui's shader
    PixelSize texture_size_;                     ///< size of texture_
    int build_count_ = 0;                        ///< builds installed
    std::unique_ptr<AtlasBuildThread> build_thread_;  ///< running background build, if any
    std::size_t malformed_count_ = 0;            ///< malformed UTF-8 sequences seen by noteText
};

}  // namespace wall::render
