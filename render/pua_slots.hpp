#pragma once
// Characters beyond U+FFFF through Debian's 16-bit ImWchar. ImGui decodes
// any 4-byte UTF-8 sequence to U+FFFD, so a supplementary character the
// atlas can draw (𠮷 U+20BB7, most of CJK Extension B) gets a slot in a
// reserved BMP Private Use Area range; its glyph is rasterised at the slot,
// and strings are rewritten (the character's UTF-8 -> its slot's UTF-8) just
// before ImGui sees them. The model, the journal and the wire never see a slot.
//
// Genuine input inside the reserved range must not show a slot's glyph: it is
// rewritten to U+FFFD, which draws the fallback glyph (and is counted).
//
// Plain data, no GL, no ImGui.

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

namespace wall::render {

inline constexpr char32_t kSlotFirst = 0xE000;  ///< first reserved slot
inline constexpr char32_t kSlotLast = 0xEFFF;   ///< last reserved slot: 4096 slots, all with UTF-8 lead byte 0xEE

/// A glyph drawn at a slot: which character, from which face of the font chain.
struct SlotGlyph {
    char32_t slot = 0;       ///< BMP code point ImGui sees
    char32_t codepoint = 0;  ///< the character it stands for
    int face = 0;            ///< index into FontChain::faces it is rasterised from
};

/// Supplementary-plane characters -> reserved BMP Private Use Area slots, and the string rewrite.
class PuaSlotTable {
public:
    /// @brief The slot of `codepoint` (> U+FFFF), assigning the next free one; 0 when all are taken. Slots are never reused.
    char32_t assign(char32_t codepoint);
    /// @brief The slot of `codepoint`, or 0 when it has none.
    char32_t slotOf(char32_t codepoint) const;
    /// @brief True for code points inside the reserved range.
    static bool reserved(char32_t codepoint) { return codepoint >= kSlotFirst && codepoint <= kSlotLast; }
    /// @brief Slots assigned so far.
    std::size_t size() const { return slot_of_.size(); }

    /// @brief `utf8` as ImGui must see it: `utf8` itself when nothing changes (no copy), else a view of `scratch`.
    std::string_view rewrite(std::string_view utf8, std::string& scratch) const;
    /// @brief The byte offset in `utf8` of byte `rewritten_offset` of rewrite(utf8) (for ImGui's "remaining" pointers).
    std::size_t originalOffset(std::string_view utf8, std::size_t rewritten_offset) const;

private:
    // One step of the rewrite at s[i]: bytes consumed, and what replaces them (out_len 0: copied as is).
    std::size_t step(std::string_view s, std::size_t i, char (&out)[3], int& out_len) const;

    std::unordered_map<char32_t, char32_t> slot_of_;  ///< supplementary code point -> slot
};

}  // namespace wall::render
