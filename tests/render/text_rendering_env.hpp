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

}  // namespace wall::render::test
