#pragma once
// Every string ImGui draws or measures passes through one rewrite, so
// supplementary characters reach the atlas as their PUA slots (pua_slots.hpp)
// without any change at the ~120 call sites in panels and the app, ImGui's
// own widgets (Button, Begin, TextWrapped) included.
//
// How: wall_render's consumers link with `--wrap` on the ImGui entry points
// that take UTF-8 (ImDrawList::AddText, both overloads; ImFont::CalcTextSizeA),
// see render/CMakeLists.txt. Every call from outside imgui_draw.o (our code,
// imgui.o's RenderText*/CalcTextSize, imgui_widgets.o) lands in this file
// first. Calls inside imgui_draw.o are not wrapped, and need not be: there
// AddText(pos, ...) forwards text it already received through the hook.
// ImFont::RenderText called directly is NOT routed (nothing here does so).
// If the wrap is lost the link fails (the __real_ symbols go unresolved);
// if ImGui's signatures change, the same.
//
// GL thread only, like ImGui.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

struct ImDrawData;

namespace wall::render {

/// What GlyphAtlas plugs into ImGui's text path; one owner at a time.
struct TextRoute {
    void* owner = nullptr;  ///< passed back to the callbacks
    /// Called for every string ImGui draws or measures; returns `utf8` itself when nothing changes, else a view of `scratch`.
    std::string_view (*rewrite)(void* owner, std::string_view utf8, std::string& scratch) = nullptr;
    /// Maps a byte offset in rewrite()'s result back into `utf8` (for ImGui's "where the text stopped" pointers).
    std::size_t (*original_offset)(void* owner, std::string_view utf8, std::size_t rewritten_offset) = nullptr;
    /// Called by ImGuiRuntime::render after ImGui::Render, with the frame's draw data.
    void (*rendered)(void* owner, const ImDrawData& data) = nullptr;
};

/// @brief Routes ImGui's text through `route` until removeTextRoute(route.owner).
void installTextRoute(const TextRoute& route);
/// @brief Removes `owner`'s route; ImGui then sees text unchanged.
void removeTextRoute(void* owner);
/// @brief Tells the route's owner a frame's draw data is ready (ImGuiRuntime::render calls this).
void notifyFrameRendered(const ImDrawData& data);
/// @brief Offset in [begin, end) of `stop`, a pointer into `rewritten_text` (the route's rewrite of that text).
std::size_t originalOffset(const char* begin, const char* end, std::string_view rewritten_text, const char* stop);
/// @brief Strings the hook has seen since the process started; stays 0 while text is drawn only if the wrap is missing.
std::uint64_t textHookCalls();

}  // namespace wall::render
