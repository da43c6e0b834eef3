#include "render/imgui_text_hook.hpp"

#include <imgui.h>

#include <cstring>

// The real ImGui functions (resolved by the linker's --wrap) and our replacements.
// The names are Itanium-mangled ImGui 1.86 signatures; render/CMakeLists.txt lists the same ones.
#define WALL_ADDTEXT_FONT "_ZN10ImDrawList7AddTextEPK6ImFontfRK6ImVec2jPKcS7_fPK6ImVec4"
#define WALL_ADDTEXT_POS "_ZN10ImDrawList7AddTextERK6ImVec2jPKcS4_"
#define WALL_CALCTEXTSIZE "_ZNK6ImFont13CalcTextSizeAEfffPKcS1_PS1_"

// A member function is called as a free function with `this` first (x86-64 SysV / Itanium ABI).
void realAddTextFont(ImDrawList* self, const ImFont* font, float font_size, const ImVec2& pos, ImU32 col,
                     const char* text_begin, const char* text_end, float wrap_width, const ImVec4* cpu_fine_clip_rect)
    __asm__("__real_" WALL_ADDTEXT_FONT);
void realAddTextPos(ImDrawList* self, const ImVec2& pos, ImU32 col, const char* text_begin, const char* text_end)
    __asm__("__real_" WALL_ADDTEXT_POS);
ImVec2 realCalcTextSizeA(const ImFont* self, float size, float max_width, float wrap_width, const char* text_begin,
                         const char* text_end, const char** remaining) __asm__("__real_" WALL_CALCTEXTSIZE);

void hookedAddTextFont(ImDrawList* self, const ImFont* font, float font_size, const ImVec2& pos, ImU32 col,
                       const char* text_begin, const char* text_end, float wrap_width, const ImVec4* cpu_fine_clip_rect)
    __asm__("__wrap_" WALL_ADDTEXT_FONT);
void hookedAddTextPos(ImDrawList* self, const ImVec2& pos, ImU32 col, const char* text_begin, const char* text_end)
    __asm__("__wrap_" WALL_ADDTEXT_POS);
ImVec2 hookedCalcTextSizeA(const ImFont* self, float size, float max_width, float wrap_width, const char* text_begin,
                           const char* text_end, const char** remaining) __asm__("__wrap_" WALL_CALCTEXTSIZE);

namespace wall::render {
namespace {

// GL thread only: ImGui itself is single-threaded.
struct HookState {
    TextRoute route;           ///< the installed route, or empty
    std::string scratch;       ///< rewritten text; reused, so no allocation once warm
    std::uint64_t calls = 0;   ///< strings seen
};
HookState& state() {
    static HookState s;
    return s;
}

// The text ImGui should see for [begin, end); `end` may be null (NUL-terminated).
std::string_view rewritten(const char* begin, const char*& end) {
    HookState& s = state();
    ++s.calls;
    if (!begin) return {};
    if (!end) end = begin + std::strlen(begin);
    const std::string_view text(begin, static_cast<std::size_t>(end - begin));
    if (!s.route.rewrite || text.empty()) return text;
    return s.route.rewrite(s.route.owner, text, s.scratch);
}

}  // namespace

std::size_t originalOffset(const char* begin, const char* end, std::string_view rewritten_text, const char* stop) {
    const TextRoute& route = state().route;
    const auto offset = static_cast<std::size_t>(stop - rewritten_text.data());
    const std::string_view original(begin, static_cast<std::size_t>(end - begin));
    return route.original_offset ? route.original_offset(route.owner, original, offset) : offset;
}

void installTextRoute(const TextRoute& route) {
    IM_ASSERT((!state().route.owner || state().route.owner == route.owner) && "one GlyphAtlas at a time routes ImGui's text");
    state().route = route;
}

void removeTextRoute(void* owner) {
    if (state().route.owner == owner) state().route = {};
}

void notifyFrameRendered(const ImDrawData& data) {
    const TextRoute& route = state().route;
    if (route.rendered) route.rendered(route.owner, data);
}

std::uint64_t textHookCalls() { return state().calls; }

}  // namespace wall::render

void hookedAddTextFont(ImDrawList* self, const ImFont* font, float font_size, const ImVec2& pos, ImU32 col,
                       const char* text_begin, const char* text_end, float wrap_width, const ImVec4* cpu_fine_clip_rect) {
    const std::string_view text = wall::render::rewritten(text_begin, text_end);
    if (text.data() == text_begin) {
        realAddTextFont(self, font, font_size, pos, col, text_begin, text_end, wrap_width, cpu_fine_clip_rect);
        return;
    }
    realAddTextFont(self, font, font_size, pos, col, text.data(), text.data() + text.size(), wrap_width, cpu_fine_clip_rect);
}

void hookedAddTextPos(ImDrawList* self, const ImVec2& pos, ImU32 col, const char* text_begin, const char* text_end) {
    const std::string_view text = wall::render::rewritten(text_begin, text_end);
    if (text.data() == text_begin) {
        realAddTextPos(self, pos, col, text_begin, text_end);
        return;
    }
    realAddTextPos(self, pos, col, text.data(), text.data() + text.size());
}

ImVec2 hookedCalcTextSizeA(const ImFont* self, float size, float max_width, float wrap_width, const char* text_begin,
                           const char* text_end, const char** remaining) {
    const std::string_view text = wall::render::rewritten(text_begin, text_end);
    if (text.data() == text_begin) return realCalcTextSizeA(self, size, max_width, wrap_width, text_begin, text_end, remaining);
    const char* rewritten_remaining = nullptr;
    const ImVec2 extent =
        realCalcTextSizeA(self, size, max_width, wrap_width, text.data(), text.data() + text.size(), &rewritten_remaining);
    // ImGui hands "where the text stopped" back as a pointer: it must point into the caller's string.
    if (remaining) *remaining = text_begin + wall::render::originalOffset(text_begin, text_end, text, rewritten_remaining);
    return extent;
}
