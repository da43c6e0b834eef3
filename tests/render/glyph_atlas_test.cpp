// Glyph coverage: every character of the place-name and term corpus, in both
// scripts, must render from the atlas; and the check must be able to fail.
#include "render/glyph_atlas.hpp"

#include "render/gl.hpp"
#include "text_rendering_env.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8

#include <algorithm>
#include <chrono>
#include <thread>
#include <fstream>
#include <string>
#include <vector>

namespace wall::render {
namespace {

std::vector<std::string> readCorpus() {
    std::ifstream file(std::string(WALL_RENDER_TEST_DIR) + "/glyph_corpus.txt");
    std::vector<std::string> lines;
    for (std::string line; std::getline(file, line);) {
        if (!line.empty() && line[0] != '#') lines.push_back(line);
    }
    return lines;
}

// Code points of a UTF-8 string, via ImGui's own decoder (what drawing uses).
std::vector<char32_t> codepoints(const std::string& utf8) {
    std::vector<char32_t> out;
    const char* p = utf8.c_str();
    const char* end = p + utf8.size();
    while (p < end) {
        unsigned int c = 0;
        p += ImTextCharFromUtf8(&c, p, end);
        out.push_back(c);
    }
    return out;
}

class GlyphAtlasTest : public test::TextRenderingSuite {};

TEST_F(GlyphAtlasTest, PicksTheSimplifiedChineseFaceOfTheCollection) {
    // NotoSansCJK-Regular.ttc holds JP, KR, SC, TC, HK: SC is face 2.
    EXPECT_EQ(rig_->glyphs->faceFamily(), "Noto Sans CJK SC");
    EXPECT_EQ(rig_->glyphs->faceIndex(), 2);
    EXPECT_GE(rig_->glyphs->buildCount(), 1);
    for (FontSize size : {FontSize::Body, FontSize::Large, FontSize::Huge}) ASSERT_NE(rig_->glyphs->font(size), nullptr);
    EXPECT_FLOAT_EQ(rig_->glyphs->font(FontSize::Huge)->FontSize, 72.0f);
}

TEST_F(GlyphAtlasTest, CorpusInBothScriptsHasNoMissingGlyph) {
    const std::vector<std::string> corpus = readCorpus();
    ASSERT_GE(corpus.size(), 150u) << "corpus file missing or too short";
    std::vector<char32_t> all;
    for (const std::string& line : corpus) {
        rig_->glyphs->noteText(line);
        for (char32_t c : codepoints(line)) all.push_back(c);
    }
    // Both scripts really are in it.
    for (char32_t c : {U'门', U'門', U'应', U'應', U'岛', U'島', U'红', U'紅', U'，', U'：'}) {
        EXPECT_NE(std::find(all.begin(), all.end(), c), all.end()) << "corpus lacks U+" << std::hex << static_cast<unsigned>(c);
    }
    rig_->glyphs->rebuildIfNeeded();
    EXPECT_EQ(rig_->glyphs->pendingCount(), 0u);
    std::string missing;
    for (char32_t c : rig_->glyphs->missingGlyphs()) {
        if (std::find(all.begin(), all.end(), c) != all.end()) missing += " U+" + std::to_string(static_cast<unsigned>(c));
    }
    EXPECT_TRUE(missing.empty()) << "corpus characters without a glyph:" << missing;
    // Every corpus character is in every size of the atlas.
    for (FontSize size : {FontSize::Body, FontSize::Large, FontSize::Huge}) {
        ImFont* font = rig_->glyphs->font(size);
        for (char32_t c : all) {
            ASSERT_NE(font->FindGlyphNoFallback(static_cast<ImWchar>(c)), nullptr) << "U+" << std::hex << static_cast<unsigned>(c);
        }
    }
}

TEST_F(GlyphAtlasTest, NegativeControlReportsUndrawableCharacters) {
    // An emoji (in no font of the chain) and a Private Use Area code point (never drawn from a font).
    const char32_t emoji = 0x1F6A8;
    const char32_t private_use = 0xE000;
    rig_->glyphs->noteText("告警 \xF0\x9F\x9A\xA8 \xEE\x80\x80");
    rig_->glyphs->rebuildIfNeeded();
    const auto& missing = rig_->glyphs->missingGlyphs();
    EXPECT_NE(std::find(missing.begin(), missing.end(), emoji), missing.end());
    EXPECT_NE(std::find(missing.begin(), missing.end(), private_use), missing.end());
    EXPECT_GE(rig_->glyphs->missingGlyphCount(), 2u);
    EXPECT_EQ(std::find(missing.begin(), missing.end(), U'告'), missing.end());
}

TEST_F(GlyphAtlasTest, KnownTextDoesNotTriggerARebuild) {
    rig_->glyphs->noteText("值班员 ABC 123");
    rig_->glyphs->rebuildIfNeeded();
    const int builds = rig_->glyphs->buildCount();
    rig_->glyphs->noteText("值班员 ABC 123");
    EXPECT_EQ(rig_->glyphs->pendingCount(), 0u);
    EXPECT_FALSE(rig_->glyphs->rebuildIfNeeded());
    EXPECT_EQ(rig_->glyphs->buildCount(), builds);
    // A new character does, once.
    rig_->glyphs->noteText("龘");
    EXPECT_EQ(rig_->glyphs->pendingCount(), 1u);
    EXPECT_TRUE(rig_->glyphs->rebuildIfNeeded());
    EXPECT_NE(rig_->glyphs->font(FontSize::Body)->FindGlyphNoFallback(static_cast<ImWchar>(U'龘')), nullptr);
    EXPECT_FALSE(rig_->glyphs->rebuildIfNeeded());
}

TEST_F(GlyphAtlasTest, MalformedUtf8NeverCrashes) {
    const std::size_t missing_before = rig_->glyphs->missingGlyphCount();
    const std::size_t malformed_before = rig_->glyphs->malformedCount();
    rig_->glyphs->noteText(std::string("\xE4\xBD", 2));  // truncated
    rig_->glyphs->noteText("\xFF\xFE\x80 ok");           // invalid lead bytes and a stray continuation
    rig_->glyphs->noteText("\xC0\xAF \xED\xA0\x80");    // overlong '/' and a UTF-16 surrogate
    rig_->glyphs->noteText("");
    rig_->glyphs->rebuildIfNeeded();
    // Bad input is counted as such, not as missing glyphs.
    EXPECT_EQ(rig_->glyphs->missingGlyphCount(), missing_before);
    EXPECT_EQ(rig_->glyphs->malformedCount(), malformed_before + 6);
}

// Background builds: the GL thread never rasterises after the first build;
// the new atlas is swapped in by a later rebuildIfNeeded().
class GlyphAtlasBackgroundTest : public ::testing::Test {
protected:
    void SetUp() override { WALL_REQUIRE_DISPLAY(); }
};

TEST_F(GlyphAtlasBackgroundTest, NewCharactersArriveFromTheWorker) {
    GlyphAtlasOptions options;
    options.background_build = true;
    auto rig = test::TextRenderingRig::open(options);
    const int first_builds = rig->glyphs->buildCount();
    rig->glyphs->noteText("鼎");
    EXPECT_FALSE(rig->glyphs->rebuildIfNeeded());  // started, not installed yet
    EXPECT_TRUE(rig->glyphs->building());
    EXPECT_EQ(rig->glyphs->pendingCount(), 1u);
    rig->glyphs->noteText("鑫");  // arrives while the worker runs: goes into the next build
    // Frames keep going; eventually the build lands (no timing asserted).
    for (int frame = 0; frame < 2000 && rig->glyphs->building(); ++frame) {
        if (!rig->glyphs->rebuildIfNeeded()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    EXPECT_GT(rig->glyphs->buildCount(), first_builds);
    EXPECT_NE(rig->glyphs->font(FontSize::Body)->FindGlyphNoFallback(static_cast<ImWchar>(U'鼎')), nullptr);
    rig->glyphs->finishPendingBuild();  // what a screenshot frame does
    EXPECT_EQ(rig->glyphs->pendingCount(), 0u);
    EXPECT_FALSE(rig->glyphs->building());
    EXPECT_NE(rig->glyphs->font(FontSize::Huge)->FindGlyphNoFallback(static_cast<ImWchar>(U'鑫')), nullptr);
    EXPECT_EQ(rig->glyphs->missingGlyphCount(), 0u);
}

TEST_F(GlyphAtlasBackgroundTest, DestroyingWhileBuildingJoinsCleanly) {
    GlyphAtlasOptions options;
    options.background_build = true;
    auto rig = test::TextRenderingRig::open(options);
    rig->glyphs->noteText("滚");
    rig->glyphs->rebuildIfNeeded();
    rig.reset();  // must join the worker, not crash or leak
    SUCCEED();
}

// Capacity: ~3,000 CJK code points at three sizes must fit a GL texture.
class GlyphAtlasCapacityTest : public ::testing::Test {
protected:
    void SetUp() override { WALL_REQUIRE_DISPLAY(); }
};

TEST_F(GlyphAtlasCapacityTest, ThreeThousandCodepointsAtThreeSizesFit) {
    auto rig = test::TextRenderingRig::open();
    std::string text;
    for (char32_t c = 0x4E00; c < 0x4E00 + 3000; ++c) {
        text += static_cast<char>(0xE0 | (c >> 12));
        text += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        text += static_cast<char>(0x80 | (c & 0x3F));
    }
    rig->glyphs->noteText(text);
    ASSERT_TRUE(rig->glyphs->rebuildIfNeeded());
    EXPECT_EQ(rig->glyphs->missingGlyphCount(), 0u);
    EXPECT_GE(rig->glyphs->codepointCount(), 3000u);
    GLint max_texture = 0;
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max_texture);
    const PixelSize atlas = rig->glyphs->textureSize();
    EXPECT_EQ(atlas.width, 4096);
    EXPECT_LE(atlas.height, max_texture);
    std::printf("[ info     ] %zu code points -> atlas %dx%d (GL max %d)\n", rig->glyphs->codepointCount(), atlas.width,
                atlas.height, max_texture);
}

}  // namespace
}  // namespace wall::render
