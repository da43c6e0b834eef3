#include "render/imgui_runtime.hpp"

#include "render/gl.hpp"
#include "render/imgui_text_hook.hpp"
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cfloat>
#include <stdexcept>

namespace wall::render {

ImGuiRuntime::ImGuiRuntime(GlWindow& window) {
    IMGUI_CHECKVERSION();
    if (ImGui::GetCurrentContext() != nullptr) {
        throw std::runtime_error("ImGuiRuntime: an ImGui context already exists; only one runtime at a time");
    }
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // layouts come from files, not from imgui.ini
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    if (!ImGui_ImplGlfw_InitForOpenGL(window.handle(), true)) {
        ImGui::DestroyContext();
        throw std::runtime_error("ImGuiRuntime: ImGui_ImplGlfw_InitForOpenGL failed");
    }
    if (!ImGui_ImplOpenGL3_Init("#version 330 core")) {
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
        throw std::runtime_error("ImGuiRuntime: ImGui_ImplOpenGL3_Init(\"#version 330 core\") failed");
    }
    // Create shaders and the default font texture now, not lazily in the first
    // NewFrame: a lazy creation would re-upload the font atlas as RGBA and
    // replace the texture GlyphAtlas installs.
    if (!ImGui_ImplOpenGL3_CreateDeviceObjects()) {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
        throw std::runtime_error("ImGuiRuntime: ImGui_ImplOpenGL3_CreateDeviceObjects failed (shader compile/link)");
    }
    applyControlRoomStyle();
}

ImGuiRuntime::~ImGuiRuntime() {
    if (frame_open_) ImGui::EndFrame();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
}

void ImGuiRuntime::newFrame(PixelSize canvas, const MouseToCanvas& to_canvas, double framebuffer_scale) {
    IM_ASSERT(!frame_open_ && "ImGuiRuntime::newFrame called twice without render()");
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    // The GLFW backend just set these from the window; ImGui draws the canvas instead.
    io.DisplaySize = ImVec2(static_cast<float>(canvas.width), static_cast<float>(canvas.height));
    io.DisplayFramebufferScale = ImVec2(static_cast<float>(framebuffer_scale), static_cast<float>(framebuffer_scale));
    if (to_canvas && io.MousePos.x != -FLT_MAX && io.MousePos.y != -FLT_MAX) {
        const auto mapped = to_canvas(io.MousePos.x, io.MousePos.y);
        io.MousePos = ImVec2(mapped[0], mapped[1]);
    }
    ImGui::NewFrame();
    frame_open_ = true;
}

void ImGuiRuntime::render() {
    IM_ASSERT(frame_open_ && "ImGuiRuntime::render called without newFrame()");
    ImGui::Render();
    frame_open_ = false;
    notifyFrameRendered(*ImGui::GetDrawData());  // GlyphAtlas counts the fallback glyphs drawn
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void ImGuiRuntime::applyControlRoomStyle(float scale) {
    // Read from several metres away: generous spacing, thick borders, no
    // subtle greys. Panels choose their own accent colours (warning levels).
    ImGuiStyle style;
    ImGui::StyleColorsDark(&style);
    style.WindowPadding = ImVec2(18, 14);
    style.FramePadding = ImVec2(12, 8);
    style.CellPadding = ImVec2(12, 6);
    style.ItemSpacing = ImVec2(14, 10);
    style.ItemInnerSpacing = ImVec2(10, 8);
    style.IndentSpacing = 28;
    style.ScrollbarSize = 22;
    style.GrabMinSize = 18;
    style.WindowBorderSize = 2;
    style.ChildBorderSize = 2;
    style.FrameBorderSize = 1;
    style.PopupBorderSize = 2;
    style.WindowRounding = 4;
    style.ChildRounding = 4;
    style.FrameRounding = 3;
    style.ScrollbarRounding = 3;
    style.GrabRounding = 3;
    style.TabRounding = 3;
    style.WindowTitleAlign = ImVec2(0.0f, 0.5f);
    style.AntiAliasedLines = true;
    style.AntiAliasedFill = true;

    ImVec4* c = style.Colors;
    const ImVec4 text(0.96f, 0.97f, 0.98f, 1.00f);
    const ImVec4 dim_text(0.62f, 0.66f, 0.72f, 1.00f);
    const ImVec4 background(0.035f, 0.043f, 0.059f, 1.00f);  // near-black blue: the room is dim
    const ImVec4 panel(0.067f, 0.082f, 0.110f, 1.00f);
    const ImVec4 border(0.23f, 0.29f, 0.38f, 1.00f);
    const ImVec4 accent(0.20f, 0.56f, 0.92f, 1.00f);           // selection / focus, brighter than warning blue
    c[ImGuiCol_Text] = text;
    c[ImGuiCol_TextDisabled] = dim_text;
    c[ImGuiCol_WindowBg] = panel;
    c[ImGuiCol_ChildBg] = panel;
    c[ImGuiCol_PopupBg] = ImVec4(0.09f, 0.11f, 0.15f, 0.98f);
    c[ImGuiCol_Border] = border;
    c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_FrameBg] = ImVec4(0.11f, 0.14f, 0.19f, 1.00f);
    c[ImGuiCol_FrameBgHovered] = ImVec4(0.16f, 0.21f, 0.29f, 1.00f);
    c[ImGuiCol_FrameBgActive] = ImVec4(0.20f, 0.27f, 0.37f, 1.00f);
    c[ImGuiCol_TitleBg] = ImVec4(0.08f, 0.12f, 0.19f, 1.00f);
    c[ImGuiCol_TitleBgActive] = ImVec4(0.10f, 0.17f, 0.28f, 1.00f);
    c[ImGuiCol_TitleBgCollapsed] = background;
    c[ImGuiCol_MenuBarBg] = ImVec4(0.08f, 0.10f, 0.14f, 1.00f);
    c[ImGuiCol_ScrollbarBg] = background;
    c[ImGuiCol_ScrollbarGrab] = ImVec4(0.28f, 0.34f, 0.44f, 1.00f);
    c[ImGuiCol_ScrollbarGrabHovered] = ImVec4(0.36f, 0.44f, 0.56f, 1.00f);
    c[ImGuiCol_ScrollbarGrabActive] = accent;
    c[ImGuiCol_CheckMark] = accent;
    c[ImGuiCol_SliderGrab] = accent;
    c[ImGuiCol_SliderGrabActive] = ImVec4(0.35f, 0.68f, 1.00f, 1.00f);
    c[ImGuiCol_Button] = ImVec4(0.14f, 0.22f, 0.34f, 1.00f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.20f, 0.32f, 0.50f, 1.00f);
    c[ImGuiCol_ButtonActive] = accent;
    c[ImGuiCol_Header] = ImVec4(0.13f, 0.20f, 0.31f, 1.00f);
    c[ImGuiCol_HeaderHovered] = ImVec4(0.18f, 0.28f, 0.43f, 1.00f);
    c[ImGuiCol_HeaderActive] = ImVec4(0.22f, 0.36f, 0.56f, 1.00f);
    c[ImGuiCol_Separator] = border;
    c[ImGuiCol_Tab] = ImVec4(0.10f, 0.15f, 0.23f, 1.00f);
    c[ImGuiCol_TabHovered] = ImVec4(0.20f, 0.32f, 0.50f, 1.00f);
    c[ImGuiCol_TabActive] = ImVec4(0.16f, 0.27f, 0.43f, 1.00f);
    c[ImGuiCol_TableHeaderBg] = ImVec4(0.10f, 0.14f, 0.21f, 1.00f);
    c[ImGuiCol_TableBorderStrong] = border;
    c[ImGuiCol_TableBorderLight] = ImVec4(0.16f, 0.20f, 0.27f, 1.00f);
    c[ImGuiCol_TableRowBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_TableRowBgAlt] = ImVec4(1, 1, 1, 0.035f);
    c[ImGuiCol_TextSelectedBg] = ImVec4(0.20f, 0.56f, 0.92f, 0.40f);
    c[ImGuiCol_NavHighlight] = ImVec4(1.00f, 1.00f, 1.00f, 0.90f);  // keyboard focus must be visible from far

    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

}  // namespace wall::render
