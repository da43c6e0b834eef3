// The one UTF-8 decoder: names from backends and files reach the glyph atlas,
// the text fitter and the slot rewriter through it, so bad bytes must come out
// as one U+FFFD per bad sequence, and nothing after a cut may be swallowed.
#include "base/utf8.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace wall {
namespace {

// Every character of `s`, and where each one ended.
struct Decoded {
    std::vector<char32_t> chars;
    std::vector<std::size_t> ends;
};
Decoded decodeAll(std::string_view s) {
    Decoded d;
    for (std::size_t pos = 0; pos < s.size();) {
        d.chars.push_back(nextCodepoint(s, pos));
        d.ends.push_back(pos);
    }
    return d;
}

constexpr char32_t kBad = kReplacementCharacter;

// ---- well-formed input: one character of each length
TEST(Utf8, DecodesOneToFourByteCharacters) {
    const Decoded d = decodeAll("A\xC3\xA9\xE5\x91\x8A\xF0\xA0\xAE\xB7");  // A é 告 𠮷
    EXPECT_EQ(d.chars, (std::vector<char32_t>{U'A', U'é', U'告', U'\U00020BB7'}));
    EXPECT_EQ(d.ends, (std::vector<std::size_t>{1, 3, 6, 10}));
}

TEST(Utf8, FourByteCharactersAtTheEdgesOfTheRange) {
    EXPECT_EQ(decodeAll("\xF0\x90\x80\x80").chars, std::vector<char32_t>{0x10000});
    EXPECT_EQ(decodeAll("\xF4\x8F\xBF\xBF").chars, std::vector<char32_t>{0x10FFFF});
    EXPECT_EQ(decodeAll("\xF4\x90\x80\x80").chars, std::vector<char32_t>{kBad});  // U+110000
}

TEST(Utf8, ARealReplacementCharacterIsNotMalformed) {
    const std::string s = "\xEF\xBF\xBD";
    std::size_t pos = 0;
    EXPECT_EQ(nextCodepoint(s, pos), kBad);
    EXPECT_FALSE(decodedMalformed(s, 0, pos, kBad));
    EXPECT_TRUE(isValidUtf8(s));
}

// ---- malformed input: one U+FFFD per bad sequence
TEST(Utf8, OverlongFormsAreOneReplacementEach) {
    for (const std::string& overlong : {std::string("\xC0\xAF"), std::string("\xC1\xBF"), std::string("\xE0\x80\xAF"),
                                        std::string("\xF0\x82\x82\xAC")}) {
        const Decoded d = decodeAll(overlong);
        EXPECT_EQ(d.chars, std::vector<char32_t>{kBad}) << overlong.size() << " bytes";
        EXPECT_EQ(d.ends.back(), overlong.size());
        EXPECT_FALSE(isValidUtf8(overlong));
    }
}

TEST(Utf8, SurrogatesAreNotCharacters) {
    EXPECT_EQ(decodeAll("\xED\xA0\x80").chars, std::vector<char32_t>{kBad});  // U+D800
    EXPECT_EQ(decodeAll("\xED\xBF\xBF").chars, std::vector<char32_t>{kBad});  // U+DFFF
    EXPECT_EQ(decodeAll("\xED\x9F\xBF").chars, std::vector<char32_t>{0xD7FF});
    EXPECT_FALSE(isValidUtf8("\xED\xA0\x80"));
}

TEST(Utf8, TruncatedSequencesStopAtTheCut) {
    // Cut by the end of the text.
    const Decoded at_end = decodeAll(std::string("\xE4\xBD", 2));
    EXPECT_EQ(at_end.chars, std::vector<char32_t>{kBad});
    EXPECT_EQ(at_end.ends, std::vector<std::size_t>{2});
    EXPECT_EQ(decodeAll(std::string("\xF0\xA0\xAE", 3)).chars, std::vector<char32_t>{kBad});
    // Cut by a byte that starts something else: that character survives.
    EXPECT_EQ(decodeAll("\xF0\xA0" "A").chars, (std::vector<char32_t>{kBad, U'A'}));
    EXPECT_EQ(decodeAll("\xE5\x91\xC3\xA9").chars, (std::vector<char32_t>{kBad, U'é'}));
}

TEST(Utf8, StrayAndImpossibleBytesAreOneByteEach) {
    const Decoded d = decodeAll("\x80\xBF\xF8\xFE\xFF" "x");
    EXPECT_EQ(d.chars, (std::vector<char32_t>{kBad, kBad, kBad, kBad, kBad, U'x'}));
    EXPECT_EQ(d.ends, (std::vector<std::size_t>{1, 2, 3, 4, 5, 6}));
}

TEST(Utf8, ValidTextIsValid) {
    EXPECT_TRUE(isValidUtf8(""));
    EXPECT_TRUE(isValidUtf8("洪塘镇雨量站 K1234+500 \xF0\xA0\xAE\xB7"));
    EXPECT_FALSE(isValidUtf8("ok\xFF"));
}

}  // namespace
}  // namespace wall
