#include "render/pua_slots.hpp"

#include "base/utf8.hpp"

namespace wall::render {
namespace {

bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

void encode3(char32_t cp, char (&out)[3]) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
}

// Only these lead bytes can need a rewrite: 0xEE (U+E000-U+EFFF) and 0xF0-0xF4 (beyond U+FFFF).
bool mayChange(unsigned char c) { return c == 0xEE || (c >= 0xF0 && c <= 0xF4); }

}  // namespace

char32_t PuaSlotTable::assign(char32_t codepoint) {
    if (codepoint <= 0xFFFF || codepoint > 0x10FFFF) return 0;
    if (const auto it = slot_of_.find(codepoint); it != slot_of_.end()) return it->second;
    const char32_t slot = kSlotFirst + static_cast<char32_t>(slot_of_.size());
    if (slot > kSlotLast) return 0;
    slot_of_.emplace(codepoint, slot);
    return slot;
}

char32_t PuaSlotTable::slotOf(char32_t codepoint) const {
    const auto it = slot_of_.find(codepoint);
    return it == slot_of_.end() ? 0 : it->second;
}

std::size_t PuaSlotTable::step(std::string_view s, std::size_t i, char (&out)[3], int& out_len) const {
    out_len = 0;
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char lead = byte(i);
    std::size_t next = i;
    const char32_t cp = nextCodepoint(s, next);
    if (reserved(cp)) {
        // Genuine Private Use input in the reserved range: show the fallback, never a slot's glyph.
        encode3(kReplacementCharacter, out);
        out_len = 3;
        return next - i;
    }
    if (cp > 0xFFFF) {
        if (const char32_t slot = slotOf(cp)) {
            encode3(slot, out);
            out_len = 3;
        }
        return next - i;  // no slot: left as is, ImGui draws its fallback glyph
    }
    // Anything else, malformed sequences included, is ImGui's to decode.
    std::size_t n = 1;
    while (i + n < s.size() && continuation(byte(i + n)) && n < 4) ++n;
    return lead >= 0x80 ? n : 1;
}

std::string_view PuaSlotTable::rewrite(std::string_view utf8, std::string& scratch) const {
    std::size_t first = 0;
    while (first < utf8.size() && !mayChange(static_cast<unsigned char>(utf8[first]))) ++first;
    if (first == utf8.size()) return utf8;  // the common case: no copy
    scratch.assign(utf8.data(), first);
    bool changed = false;
    for (std::size_t i = first; i < utf8.size();) {
        if (!mayChange(static_cast<unsigned char>(utf8[i]))) {
            scratch.push_back(utf8[i++]);
            continue;
        }
        char out[3];
        int out_len = 0;
        const std::size_t used = step(utf8, i, out, out_len);
        if (out_len > 0) {
            scratch.append(out, static_cast<std::size_t>(out_len));
            changed = true;
        } else {
            scratch.append(utf8.data() + i, used);
        }
        i += used;
    }
    return changed ? std::string_view(scratch) : utf8;
}

std::size_t PuaSlotTable::originalOffset(std::string_view utf8, std::size_t rewritten_offset) const {
    std::size_t original = 0;
    std::size_t rewritten = 0;
    while (original < utf8.size() && rewritten < rewritten_offset) {
        char out[3];
        int out_len = 0;
        const std::size_t used = mayChange(static_cast<unsigned char>(utf8[original])) ? step(utf8, original, out, out_len) : 1;
        original += used;
        rewritten += out_len > 0 ? static_cast<std::size_t>(out_len) : used;
    }
    return original;
}

}  // namespace wall::render
