// Rare characters in real names: CJK Extension B (beyond ImGui's 16-bit
// ImWchar, drawn through Private Use slots), Extension A, and the Unicode
// 13-15 additions only a fallback font has. Each group says why it exists.
#include "render/fitted_text.hpp"
#include "render/font_chain.hpp"
#include "render/imgui_text_hook.hpp"
#include "render/png_file.hpp"
#include "render/pua_slots.hpp"
#include "render/wall_canvas.hpp"

#include "text_rendering_env.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8
#include <stb_truetype.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace wall::render {
namespace {

std::string utf8(char32_t cp) {
    std::string s;
    if (cp < 0x80) {
        s += static_cast<char>(cp);
    } else if (cp < 0x800) {
        s += static_cast<char>(0xC0 | (cp >> 6));
        s += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        s += static_cast<char>(0xE0 | (cp >> 12));
        s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        s += static_cast<char>(0xF0 | (cp >> 18));
        s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return s;
}

// Village and person names as they appear in alarms and rosters, mixing
// Extension B (𠮷 U+20BB7, 𡈽 U+2123D, 𠀋 U+2000B, 𠊎 U+2028E, 𪚥 U+2A6A5),
// Extension A (㐀 U+3400, 䶮 U+4DAE), a Unicode 13 Extension A addition
// (䶶 U+4DB6) and a Unicode 13 URO addition (鿰 U+9FF0).
const std::vector<std::string> kRareNames = {
    "𠮷祥村", "𠮷大伟", "𡈽塘村委会", "𡈽塘村委會", "𠀋山镇", "㐀家庄", "王𡈽", "刘䶮", "𠊎屋村", "𪚥龙潭", "䶶水", "鿰溪乡",
};

std::string hexList(const std::vector<char32_t>& cps) {
    std::string out;
    for (char32_t cp : cps) {
        char buf[16];
        std::snprintf(buf, sizeof buf, " U+%X", static_cast<unsigned>(cp));
        out += buf;
    }
    return out;
}

// ---- [SECTION] the slot rewrite, without GL: what ImGui is handed
TEST(PuaSlotTableTest, PureBmpStringsComeBackUnchangedWithoutACopy) {
    PuaSlotTable slots;
    slots.assign(0x20BB7);
    std::string scratch;
    for (const std::string text : {"应急指挥中心 ABC 123", "應急指揮中心，：（）", "㐀家庄", "\xEF\xBF\xBD ok", ""}) {
        const std::string_view out = slots.rewrite(text, scratch);
        EXPECT_EQ(out.data(), std::string_view(text).data()) << text;  // the same bytes, not a copy
        EXPECT_EQ(out, text);
    }
}

TEST(PuaSlotTableTest, SlottedCharactersBecomeTheirSlots) {
    PuaSlotTable slots;
    EXPECT_EQ(slots.assign(0x20BB7), kSlotFirst);
    EXPECT_EQ(slots.assign(0x2123D), kSlotFirst + 1);
    EXPECT_EQ(slots.assign(0x20BB7), kSlotFirst);  // stable
    EXPECT_EQ(slots.assign(0x5409), 0u);          // BMP characters need no slot
    std::string scratch;
    const std::string text = "𠮷祥村 王𡈽";
    const std::string_view out = slots.rewrite(text, scratch);
    EXPECT_EQ(std::string(out), utf8(kSlotFirst) + "祥村 王" + utf8(kSlotFirst + 1));
    // Offsets map back through the 4 -> 3 byte change (ImGui's "remaining" pointers).
    EXPECT_EQ(slots.originalOffset(text, 0), 0u);
    EXPECT_EQ(slots.originalOffset(text, 3), 4u);             // after 𠮷
    EXPECT_EQ(slots.originalOffset(text, out.size()), text.size());
}

TEST(PuaSlotTableTest, GenuinePrivateUseInputNeverShowsASlotsGlyph) {
    PuaSlotTable slots;
    slots.assign(0x20BB7);  // slot U+E000 is taken
    std::string scratch;
    // U+E000 in the input is not 𠮷: it becomes U+FFFD, which draws the fallback glyph.
    EXPECT_EQ(std::string(slots.rewrite("a\xEE\x80\x80z", scratch)), "a\xEF\xBF\xBDz");
    // Private Use outside the reserved range is left alone (no glyph in any font: fallback too).
    const std::string outside = "\xEF\x80\x80";  // U+F000
    EXPECT_EQ(slots.rewrite(outside, scratch).data(), outside.data());
}

TEST(PuaSlotTableTest, UnslottedAndMalformedInputIsLeftToImGui) {
    PuaSlotTable slots;
    std::string scratch;
    const std::string emoji = "告警 \xF0\x9F\x9A\xA8";
    EXPECT_EQ(slots.rewrite(emoji, scratch), emoji);
    for (const std::string& bad : {std::string("\xF0\xA0\xAE", 3), std::string("\xEE\x80"), std::string("\xF4\x90\x80\x80 x"),
                                  std::string("\xFF\xFE\xEE")}) {
        EXPECT_EQ(slots.rewrite(bad, scratch), bad);
    }
}

TEST(PuaSlotTableTest, SlotsRunOutWithoutReuse) {
    PuaSlotTable slots;
    for (char32_t cp = 0x20000; cp < 0x20000 + (kSlotLast - kSlotFirst + 1); ++cp) ASSERT_NE(slots.assign(cp), 0u);
    EXPECT_EQ(slots.assign(0x2A000), 0u);  // full: the caller counts it as missing
    EXPECT_EQ(slots.slotOf(0x20000), kSlotFirst);
}

// ---- [SECTION] the font chain covers every ideograph a name can use
TEST(FontChainTest, EveryUnifiedIdeographInUroExtAAndExtBHasAFace) {
    const std::filesystem::path noto = GlyphAtlasOptions{}.font_path;
    std::ifstream file(noto, std::ios::binary);
    ASSERT_TRUE(file) << noto;
    const std::vector<unsigned char> bytes{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
    FontFace primary;
    primary.data = bytes.data();
    primary.size = static_cast<int>(bytes.size());
    primary.face_index = 2;  // Noto Sans CJK SC
    primary.face_offset = stbtt_GetFontOffsetForIndex(bytes.data(), 2);
    primary.name = "Noto Sans CJK SC";
    const FontChain chain(primary, defaultFallbackFonts());
    ASSERT_EQ(chain.faces().size(), 4u) << "fallback fonts missing: run scripts/setup (fonts-hanazono, fonts-babelstone-han)";
    struct Block {
        const char* name;
        char32_t first, last;
    };
    std::vector<std::size_t> from_face(chain.faces().size(), 0);
    for (const Block& block : {Block{"URO", 0x4E00, 0x9FFF}, Block{"Ext A", 0x3400, 0x4DBF}, Block{"Ext B", 0x20000, 0x2A6DF}}) {
        std::string uncovered;
        for (char32_t cp = block.first; cp <= block.last; ++cp) {
            const int face = chain.sourceOf(cp);
            if (face < 0) {
                char buf[16];
                std::snprintf(buf, sizeof buf, " U+%X", static_cast<unsigned>(cp));
                uncovered += buf;
            } else {
                ++from_face[static_cast<std::size_t>(face)];
            }
        }
        EXPECT_TRUE(uncovered.empty()) << block.name << " without a face:" << uncovered;
    }
    // Noto draws nearly all; each fallback fills a real gap.
    EXPECT_GT(from_face[0], 29000u);
    for (std::size_t f = 1; f < from_face.size(); ++f) EXPECT_GT(from_face[f], 0u) << chain.faces()[f].name;
    // Private Use and U+FFFD never come from a font, though HanaMinA has glyphs there.
    EXPECT_EQ(chain.sourceOf(0xE000), -1);
    EXPECT_EQ(chain.sourceOf(0xF000), -1);
    EXPECT_EQ(chain.sourceOf(0xFFFD), -1);
}

// ---- [SECTION] drawing rare names: no missing glyph, no fallback glyph drawn
class RareGlyphsTest : public test::TextRenderingSuite {
protected:

    // One frame: each string at its spot, through ImDrawList::AddText (the panels' path).
    static void drawFrame(WallCanvas& canvas, const std::vector<std::pair<ImVec2, std::string>>& texts,
                          FontSize size = FontSize::Large) {
        rig_->glyphs->rebuildIfNeeded();
        rig_->runtime->newFrame(canvas.canvasSize(), {});
        ImDrawList* draw = ImGui::GetForegroundDrawList();
        ImFont* font = rig_->glyphs->font(size);
        for (const auto& [pos, text] : texts) draw->AddText(font, font->FontSize, pos, IM_COL32_WHITE, text.c_str());
        canvas.beginFrame({0.0f, 0.0f, 0.0f, 1.0f});
        rig_->runtime->render();
        canvas.endFrame();
    }

    static int ink(const RgbaImage& image, int x0, int y0, int w, int h) {
        int count = 0;
        for (int y = y0; y < y0 + h; ++y)
            for (int x = x0; x < x0 + w; ++x) count += image.at(x, y)[0] > 100;
        return count;
    }

};

TEST_F(RareGlyphsTest, ExtensionBNamesHaveNoMissingGlyphAndDrawNoFallback) {
    GlyphAtlas& glyphs = *rig_->glyphs;
    for (const std::string& name : kRareNames) glyphs.noteText(name);
    glyphs.finishPendingBuild();
    EXPECT_EQ(glyphs.missingGlyphCount(), 0u) << hexList(glyphs.missingGlyphs());
    EXPECT_GE(glyphs.slotCount(), 5u);
    EXPECT_GE(glyphs.fallbackFontGlyphCount(), 2u);  // 䶶 and 鿰 come from BabelStone Han
    WallCanvas canvas(uniformWallGeometry(1, 1, {1280, 720}, 0));
    std::vector<std::pair<ImVec2, std::string>> texts;
    for (std::size_t k = 0; k < kRareNames.size(); ++k)
        texts.push_back({ImVec2(20.0f + 400.0f * static_cast<float>(k % 3), 20.0f + 60.0f * static_cast<float>(k / 3)), kRareNames[k]});
    drawFrame(canvas, texts);
    EXPECT_EQ(glyphs.fallbackGlyphsLastFrame(), 0u);
    EXPECT_EQ(glyphs.missingGlyphCount(), 0u);
    // Every slot glyph exists at every size.
    std::string scratch;
    for (FontSize size : {FontSize::Body, FontSize::Large, FontSize::Huge}) {
        const std::string_view drawable = glyphs.drawable("𠮷", scratch);
        ASSERT_EQ(drawable.size(), 3u);
        unsigned int slot = 0;
        ImTextCharFromUtf8(&slot, drawable.data(), drawable.data() + drawable.size());
        EXPECT_TRUE(PuaSlotTable::reserved(slot));
        const ImFontGlyph* glyph = glyphs.font(size)->FindGlyphNoFallback(static_cast<ImWchar>(slot));
        ASSERT_NE(glyph, nullptr);
        EXPECT_NE(glyph, glyphs.font(size)->FallbackGlyph);
        EXPECT_GT(glyph->AdvanceX, glyphs.font(size)->FontSize * 0.5f);  // an ideograph's advance, about one em
    }
}

TEST_F(RareGlyphsTest, ImGuiWidgetsAndMeasurementsSeeTheSlotsToo) {
    GlyphAtlas& glyphs = *rig_->glyphs;
    glyphs.noteText("𠮷祥村 王𡈽"); // everything drawn below, so the test passes run alone too
    glyphs.finishPendingBuild();
    const std::uint64_t calls = textHookCalls();
    WallCanvas canvas(uniformWallGeometry(1, 1, {640, 360}, 0));
    rig_->runtime->newFrame(canvas.canvasSize(), {});
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(600, 300));
    ImGui::Begin("𠮷祥村##window");
    ImGui::TextUnformatted("𠮷祥村");
    ImGui::TextWrapped("%s", "𠮷祥村 王𡈽");
    ImGui::Button("𠮷祥村");
    // Measured as the real glyph, not as the fallback box.
    std::string scratch;
    const std::string_view drawable = glyphs.drawable("𠮷", scratch);
    unsigned int slot = 0;
    ImTextCharFromUtf8(&slot, drawable.data(), drawable.data() + drawable.size());
    const ImFontGlyph* glyph = ImGui::GetFont()->FindGlyphNoFallback(static_cast<ImWchar>(slot));
    ASSERT_NE(glyph, nullptr);
    EXPECT_FLOAT_EQ(ImGui::CalcTextSize("𠮷").x, glyph->AdvanceX);
    // "Where the text stopped" points into the caller's string.
    const std::string wrapped = "𠮷𠮷𠮷𠮷";
    const char* remaining = nullptr;
    ImGui::GetFont()->CalcTextSizeA(ImGui::GetFontSize(), glyph->AdvanceX * 2.5f, 0.0f, wrapped.c_str(), nullptr, &remaining);
    EXPECT_EQ(remaining, wrapped.c_str() + 8);  // two 4-byte characters fit
    ImGui::End();
    canvas.beginFrame();
    rig_->runtime->render();
    canvas.endFrame();
    EXPECT_GT(textHookCalls(), calls) << "the link-time wrap of ImGui's text functions is missing";
    EXPECT_EQ(glyphs.fallbackGlyphsLastFrame(), 0u);
}

TEST_F(RareGlyphsTest, ShortenedAndWrappedTextMeasuresExtensionBAsDrawn) {
    // ellipsize and wrapLines step character by character: 𠮷 must count its slot glyph's
    // advance (about 1 em), not the fallback box's (0.8 em), or the cut text overflows.
    GlyphAtlas& glyphs = *rig_->glyphs;
    glyphs.noteText("𠮷");
    glyphs.finishPendingBuild();
    ImFont* font = glyphs.font(FontSize::Large);
    std::string row;
    for (int k = 0; k < 8; ++k) row += "𠮷";
    const float max_width = 4.5f * font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, "𠮷").x;
    const std::string cut = ellipsize(font, font->FontSize, row, max_width);
    EXPECT_LT(cut.size(), row.size());
    EXPECT_LE(font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, cut.c_str()).x, max_width);
    for (const std::string& line : wrapLines(font, font->FontSize, row, max_width))
        EXPECT_LE(font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, line.c_str()).x, max_width) << line;
}

// ---- [SECTION] the fallback counter can fail
TEST_F(RareGlyphsTest, CharactersDrawnButNotInTheAtlasAreCounted) {
    GlyphAtlas& glyphs = *rig_->glyphs;
    WallCanvas canvas(uniformWallGeometry(1, 1, {640, 360}, 0));
    // A real '?' is a glyph, not the fallback.
    drawFrame(canvas, {{ImVec2(20, 20), "? 告警"}});
    EXPECT_EQ(glyphs.fallbackGlyphsLastFrame(), 0u);

    // 龖 and 𠕇 were never noted: the hook notes them while drawing, too late for this frame.
    const std::uint64_t before = glyphs.fallbackGlyphsDrawn();
    drawFrame(canvas, {{ImVec2(20, 20), "龖村 𠕇"}});
    EXPECT_EQ(glyphs.fallbackGlyphsLastFrame(), 2u);
    EXPECT_EQ(glyphs.fallbackGlyphsDrawn(), before + 2);
    EXPECT_EQ(glyphs.pendingCount(), 2u);
    drawFrame(canvas, {{ImVec2(20, 20), "龖村 𠕇"}});  // rebuilt before this frame
    EXPECT_EQ(glyphs.fallbackGlyphsLastFrame(), 0u);

    // What no font has is counted on every frame that draws it, and is missing:
    // an emoji, Private Use input inside the slot range and outside it.
    drawFrame(canvas, {{ImVec2(20, 20), "\xF0\x9F\x9A\xA8 \xEE\x80\x80 \xEF\x80\x80"}});
    EXPECT_EQ(glyphs.fallbackGlyphsLastFrame(), 3u);
    const auto& missing = glyphs.missingGlyphs();
    for (char32_t cp : {char32_t{0x1F6A8}, char32_t{0xE000}, char32_t{0xF000}})
        EXPECT_TRUE(std::binary_search(missing.begin(), missing.end(), cp)) << std::hex << static_cast<unsigned>(cp);

    // A supplementary character that bypasses the rewrite (ImFont::RenderText is not hooked) is counted as well.
    glyphs.noteText("𠮷");
    glyphs.finishPendingBuild();
    rig_->runtime->newFrame(canvas.canvasSize(), {});
    ImFont* font = glyphs.font(FontSize::Large);
    const char* raw = "𠮷";
    font->RenderText(ImGui::GetForegroundDrawList(), font->FontSize, ImVec2(20, 20), IM_COL32_WHITE,
                     ImVec4(0, 0, 640, 360), raw, raw + 4, 0.0f, false);
    canvas.beginFrame();
    rig_->runtime->render();
    canvas.endFrame();
    EXPECT_EQ(glyphs.fallbackGlyphsLastFrame(), 1u);
}

// ---- [SECTION] what the operator sees
TEST_F(RareGlyphsTest, ScreenshotShowsTheExtensionBGlyph) {
    GlyphAtlas& glyphs = *rig_->glyphs;
    const std::string line1 = "𠮷祥村 应急指挥中心";
    // 㐀 from Noto, 鿰 from BabelStone Han, 𠀁 from HanaMinB, U+FA70 from HanaMinA: one size, one baseline.
    const std::string line2 = "𡈽塘村 應急指揮中心 㐀鿰𠀁\uFA70村";
    const std::string line3 = "吉 𠮷 \xF0\x9F\x9A\xA8 ?";
    for (const std::string* line : {&line1, &line2, &line3}) glyphs.noteText(*line);
    glyphs.finishPendingBuild();
    WallCanvas canvas(uniformWallGeometry(1, 1, {1100, 300}, 0));
    drawFrame(canvas, {{ImVec2(20, 10), line1}, {ImVec2(20, 105), line2}, {ImVec2(20, 200), line3}}, FontSize::Huge);
    EXPECT_EQ(glyphs.fallbackGlyphsLastFrame(), 1u);  // the emoji, drawn on purpose to compare
    const RgbaImage shot = canvas.readOutput();
    const std::filesystem::path path = std::filesystem::temp_directory_path() / "wall_rare_glyphs.png";
    writePng(path, shot);
    std::printf("[ info     ] screenshot %s\n", path.c_str());
    // Line 3 at 72 px: 吉, 𠮷, the fallback box, '?'. 𠮷 has ink like 吉's and is not the box.
    ImFont* font = glyphs.font(FontSize::Huge);
    const int em = static_cast<int>(font->FontSize);
    const int cell = static_cast<int>(font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, "吉 ").x);
    const int auspicious = ink(shot, 20, 200, cell, em);
    const int rare = ink(shot, 20 + cell, 200, cell, em);
    const int box = ink(shot, 20 + 2 * cell, 200, cell, em);
    EXPECT_GT(rare, 200);
    EXPECT_GT(box, 100);
    EXPECT_NE(rare, box);
    EXPECT_NEAR(rare, auspicious, auspicious * 0.5);  // 𠮷 (土 over 口) and 吉 (士 over 口) carry about the same ink
}

// ---- [SECTION] a sample of every block through a real atlas (its own window: one rig at a time)
class RareGlyphsCoverageTest : public ::testing::Test {
protected:
    void SetUp() override { WALL_REQUIRE_DISPLAY(); }
};

TEST_F(RareGlyphsCoverageTest, SampledIdeographsOfEveryBlockRenderFromTheAtlas) {
    // Every 97th code point of URO, Ext A and Ext B (~600 characters) at three sizes.
    std::vector<std::string> lines(1);
    int on_line = 0;
    for (const auto& [first, last] : {std::pair<char32_t, char32_t>{0x4E00, 0x9FFF}, {0x3400, 0x4DBF}, {0x20000, 0x2A6DF}}) {
        for (char32_t cp = first; cp <= last; cp += 97) {
            lines.back() += utf8(cp);
            if (++on_line == 40) {
                lines.emplace_back();
                on_line = 0;
            }
        }
    }
    auto rig = test::TextRenderingRig::open();
    for (const std::string& line : lines) rig->glyphs->noteText(line);
    rig->glyphs->finishPendingBuild();
    EXPECT_EQ(rig->glyphs->missingGlyphCount(), 0u) << hexList(rig->glyphs->missingGlyphs());
    WallCanvas canvas(uniformWallGeometry(1, 1, {1920, 1080}, 0));
    rig->runtime->newFrame(canvas.canvasSize(), {});
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    ImFont* font = rig->glyphs->font(FontSize::Body);
    for (std::size_t k = 0; k < lines.size(); ++k)
        draw->AddText(font, font->FontSize, ImVec2(10, 10 + 30.0f * static_cast<float>(k)), IM_COL32_WHITE, lines[k].c_str());
    canvas.beginFrame();
    rig->runtime->render();
    canvas.endFrame();
    EXPECT_EQ(rig->glyphs->fallbackGlyphsLastFrame(), 0u);
}

}  // namespace
}  // namespace wall::render
