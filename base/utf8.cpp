#include "base/utf8.hpp"

namespace wall {
namespace {

bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

char32_t nextCodepoint(std::string_view s, std::size_t& pos) {
    const auto lead = static_cast<unsigned char>(s[pos]);
    if (lead < 0x80) {
        ++pos;
        return lead;
    }
    std::size_t extra = 0;
    char32_t cp = 0;
    if ((lead & 0xE0) == 0xC0) { extra = 1; cp = lead & 0x1Fu; }
    else if ((lead & 0xF0) == 0xE0) { extra = 2; cp = lead & 0x0Fu; }
    else if ((lead & 0xF8) == 0xF0) { extra = 3; cp = lead & 0x07u; }
    else {
        ++pos;
        return kReplacementCharacter;
    }
    for (std::size_t k = 1; k <= extra; ++k) {
        if (pos + k >= s.size() || !continuation(static_cast<unsigned char>(s[pos + k]))) {
            pos += k;
            return kReplacementCharacter;
        }
        cp = (cp << 6) | (static_cast<unsigned char>(s[pos + k]) & 0x3Fu);
    }
    pos += extra + 1;
    // Overlong forms, surrogates and values past U+10FFFF are not characters.
    constexpr char32_t kShortest[4] = {0, 0x80, 0x800, 0x10000};
    if (cp < kShortest[extra] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return kReplacementCharacter;
    return cp;
}

bool isValidUtf8(std::string_view s) {
    for (std::size_t pos = 0; pos < s.size();) {
        const std::size_t begin = pos;
        const char32_t cp = nextCodepoint(s, pos);
        if (decodedMalformed(s, begin, pos, cp)) return false;
    }
    return true;
}

}  // namespace wall
