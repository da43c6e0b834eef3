#pragma once
// The fonts the atlas draws from, in order: the primary (Noto Sans CJK SC)
// first, then Debian fallbacks for what it lacks. Each character comes from
// the first font that has it, so common text keeps the primary's look and a
// rare name character still renders:
//   HanaMinA.ttf (fonts-hanazono): BMP ideographs Noto lacks, U+FFFD
//   HanaMinB.ttf (fonts-hanazono): Extension B-F beyond Noto's 2,108 Ext B
//   BabelStoneHan.ttf (fonts-babelstone-han): the Unicode 13-15 additions
//     (U+4DB6-4DBF, U+9FF0-9FFF, U+2A6D7-2A6DF) neither of the others has
// Private Use code points never come from any font: HanaMinA has 1,402 of
// them, and genuine PUA input must stay visibly missing.
//
// Fallback files are memory-mapped (about 100 MB, few pages ever touched)
// and a missing one is logged and skipped. Not thread-safe to build; const
// use (sourceOf, faces) is safe from any thread.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

struct stbtt_fontinfo;

namespace wall::render {

/// One face of the chain, as the atlas build needs it (plain data; the bytes belong to the chain or to GlyphAtlas).
struct FontFace {
    const unsigned char* data = nullptr;  ///< whole font file
    int size = 0;                         ///< bytes in data
    int face_index = 0;                   ///< face inside a TTC (ImFontConfig::FontNo)
    int face_offset = 0;                  ///< stbtt offset of that face
    std::string name;                     ///< file stem or family, for logs and ImFontConfig::Name
    float size_scale = 1.0f;              ///< SizePixels multiplier that gives this face the primary's em size (ImGui sizes by ascent-descent, which differs per font)
    float offset_y_em = 0.0f;             ///< downward shift, in primary ems, that centres this face's ideographs where the primary's sit
};

/// @brief The default fallback files: HanaMinA, HanaMinB, BabelStone Han.
std::vector<std::filesystem::path> defaultFallbackFonts();

/// The primary face plus the fallback faces that could be opened.
class FontChain {
public:
    /// @brief Opens the fallback files that exist (a missing or unreadable one is logged and skipped) and calibrates each against `primary`.
    FontChain(FontFace primary, const std::vector<std::filesystem::path>& fallback_paths);
    ~FontChain();
    FontChain(const FontChain&) = delete;
    FontChain& operator=(const FontChain&) = delete;

    /// @brief Index into faces() of the first face with a glyph for `codepoint`; -1 when none has it (always for Private Use and U+FFFD).
    int sourceOf(char32_t codepoint) const;
    /// @brief faces()[0] is the primary, the rest are fallbacks in order.
    const std::vector<FontFace>& faces() const { return faces_; }

private:
    struct MappedFile;
    std::vector<std::unique_ptr<MappedFile>> files_;     ///< fallback files, mapped read-only
    std::vector<FontFace> faces_;                        ///< primary + opened fallbacks
    std::vector<std::unique_ptr<stbtt_fontinfo>> infos_;  ///< one per face, for cmap look-ups
};

}  // namespace wall::render
