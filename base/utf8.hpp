#pragma once
// Decoding UTF-8 one character at a time. Names, titles and messages arrive
// from backends and files the console does not control, so every decoder in
// the project is this one: it never reads past the end and never throws.

#include <cstddef>
#include <string_view>

namespace wall {

/// What a malformed sequence decodes to (U+FFFD REPLACEMENT CHARACTER).
inline constexpr char32_t kReplacementCharacter = 0xFFFD;

/// @brief The character at s[pos]; moves pos past it. Precondition: pos < s.size().
///
/// A malformed sequence gives kReplacementCharacter and moves pos past it:
/// - a byte that cannot start a character (a stray continuation, 0xF8..0xFF): one byte;
/// - a sequence cut short (by the end or by a byte that is no continuation): the bytes before the cut;
/// - an overlong form, a UTF-16 surrogate (U+D800..U+DFFF) or a value past U+10FFFF: the whole sequence.
/// So each bad sequence counts once, and the character after a cut is never swallowed.
char32_t nextCodepoint(std::string_view s, std::size_t& pos);

/// @brief True when nextCodepoint() decoded s[begin, end) from bad input rather than from a real U+FFFD.
inline bool decodedMalformed(std::string_view s, std::size_t begin, std::size_t end, char32_t cp) {
    return cp == kReplacementCharacter && s.substr(begin, end - begin) != "\xEF\xBF\xBD";
}

/// @brief True when every byte of `s` belongs to a well-formed UTF-8 character.
bool isValidUtf8(std::string_view s);

}  // namespace wall
