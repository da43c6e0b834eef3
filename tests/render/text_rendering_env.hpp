#pragma once
// One headless window + ImGui runtime + glyph atlas per suite: building a CJK
// atlas takes a moment, and only one ImGui context may exist at a time.

#include "gl_test_env.hpp"
#include "render/glyph_atlas.hpp"
#include "render/imgui_runtime.hpp"

namespace wall::render::test {

/// What a text-rendering suite shares; destroyed in reverse order of creation.
struct TextRenderingRig {
    std::unique_ptr<GlWindow> window;       ///< headless window, context current
    std::unique_ptr<ImGuiRuntime> runtime;  ///< ImGui context + backends
    std::unique_ptr<GlyphAtlas> glyphs;     ///< Noto Sans CJK atlas

    /// @brief Opens everything, or leaves all null without a display.
    static std::unique_ptr<TextRenderingRig> open(GlyphAtlasOptions options = {}) {
        auto rig = std::make_unique<TextRenderingRig>();
        rig->window = openHeadlessWindow();
        if (!rig->window) return rig;
        rig->runtime = std::make_unique<ImGuiRuntime>(*rig->window);
        rig->glyphs = std::make_unique<GlyphAtlas>(std::move(options));
        return rig;
    }
    ~TextRenderingRig() {
        glyphs.reset();
        runtime.reset();
        window.reset();
    }
};

/// A suite whose tests share one rig (opened before the first test, closed after the last).
class TextRenderingSuite : public ::testing::Test {
protected:
    static void SetUpTestSuite() { rig_ = TextRenderingRig::open().release(); }
    static void TearDownTestSuite() {
        delete rig_;
        rig_ = nullptr;
    }
    void SetUp() override { WALL_REQUIRE_DISPLAY(); }
    static inline TextRenderingRig* rig_ = nullptr;  ///< one suite at a time: gtest runs suites one after another
};

}  // namespace wall::render::test
