#include "render/glyph_atlas.hpp"

#include "base/utf8.hpp"

#include "render/glyph_atlas_build.hpp"
#include "render/imgui_text_hook.hpp"

#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <spdlog/spdlog.h>
#include <stb_truetype.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <fstream>
#include <stdexcept>

namespace wall::render {
namespace {

static_assert(sizeof(ImWchar) == 2, "GlyphAtlas assumes Debian's 16-bit ImWchar; with IMGUI_USE_WCHAR32 lift the BMP limit");

constexpr std::size_t kBmpWords = 65536 / 64;

// Words the console shows before any event arrives, so the first frames do
// not trigger rebuilds. Both scripts; the app's string table is noted on top.
constexpr std::string_view kSeedText =
    "应急指挥中心應急指揮中心值班员值班員带班领导帶班領導交接班联合值守聯合值守"
    "预警預警告警报警報警红橙黄蓝紅橙黃藍级級一二三四五六七八九十百千万萬零〇"
    "确认確認未已处置處置中完成超时超時逾期剩余剩餘分钟分鐘小时小時秒天日月年时時"
    "星期周週今明昨现场現場指挥官指揮官任务任務状态狀態截止地点地點站点站點"
    "摄像头攝像頭视频視頻信号中断信號中斷通信在线在線离线離線链路鏈路"
    "会商會商研判纪要紀要复盘復盤演练演練回放叫应叫應响应響應发布發布"
    "雨量水位库区庫區水库水庫汛限尾矿库尾礦庫渗漏滲漏森林火点火點危化品储罐儲罐压力壓力"
    "道路塌陷地质灾害地質災害隐患點隐患点电力電力网络網絡断電断网斷網"
    "县縣区區市镇鎮乡鄉村街道社区社區网格網格员員电话電話联系聯繫布局模式"
    "北京时间北京時間数量數量总计總計无無有是否的在了和与與及为為不可能";

bool testBit(const std::vector<std::uint64_t>& bits, char32_t cp) { return (bits[cp >> 6] >> (cp & 63)) & 1u; }
void setBit(std::vector<std::uint64_t>& bits, char32_t cp) { bits[cp >> 6] |= std::uint64_t{1} << (cp & 63); }

// Family name (name id 1) of a face, from the Windows/Unicode English record (UTF-16BE, ASCII for Noto).
std::string familyName(const stbtt_fontinfo& info) {
    int length = 0;
    const char* utf16 = stbtt_GetFontNameString(&info, &length, STBTT_PLATFORM_ID_MICROSOFT, STBTT_MS_EID_UNICODE_BMP,
                                                STBTT_MS_LANG_ENGLISH, 1);
    std::string name;
    for (int k = 0; utf16 && k + 1 < length; k += 2) {
        const unsigned code = (static_cast<unsigned char>(utf16[k]) << 8) | static_cast<unsigned char>(utf16[k + 1]);
        name.push_back(code < 0x80 ? static_cast<char>(code) : '?');
    }
    return name;
}

}  // namespace

GlyphAtlas::GlyphAtlas(GlyphAtlasOptions options)
    : options_(std::move(options)), requested_bits_(kBmpWords, 0), source_(65536, -1), noted_bits_(kBmpWords, 0) {
    IM_ASSERT(ImGui::GetCurrentContext() && "GlyphAtlas needs an ImGui context: create ImGuiRuntime first");
    std::ifstream file(options_.font_path, std::ios::binary);
    if (!file) throw std::runtime_error("GlyphAtlas: cannot open font " + options_.font_path.string() + " (install fonts-noto-cjk)");
    font_data_.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
    if (font_data_.size() < 12) throw std::runtime_error("GlyphAtlas: font " + options_.font_path.string() + " is empty or truncated");
    pickFace();
    FontFace primary;
    primary.data = font_data_.data();
    primary.size = static_cast<int>(font_data_.size());
    primary.face_index = face_index_;
    primary.face_offset = stbtt_GetFontOffsetForIndex(font_data_.data(), face_index_);
    primary.name = face_family_found_;
    chain_ = std::make_unique<FontChain>(std::move(primary), options_.fallback_fonts);

    // Base set: printable ASCII, Latin-1 punctuation, general punctuation,
    // CJK symbols and punctuation, full-width forms, and the seed words.
    for (char32_t c = 0x20; c < 0x7F; ++c) requestCodepoint(c);
    for (char32_t c : {0xB0, 0xB7, 0xD7, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x2030, 0x2103,
                       0x2116, 0x2160, 0x2161, 0x2162, 0x2163, 0x2190, 0x2191, 0x2192, 0x2193, 0x25A0, 0x25A1,
                       0x25B2, 0x25BC, 0x25CB, 0x25CF, 0x2605, 0x2606, 0x3000})
        requestCodepoint(c);
    for (char32_t c = 0x3001; c <= 0x3011; ++c) requestCodepoint(c);
    for (char32_t c = 0xFF01; c <= 0xFF5E; ++c) requestCodepoint(c);
    for (std::size_t i = 0; i < kSeedText.size();) {
        const char32_t cp = nextCodepoint(kSeedText, i);
        if (cp != kReplacementCharacter) requestCodepoint(cp);
    }
    build();
    installTextRoute({this, &GlyphAtlas::routeRewrite, &GlyphAtlas::routeOriginalOffset, &GlyphAtlas::routeRendered});
}

GlyphAtlas::~GlyphAtlas() {
    removeTextRoute(this);
    build_thread_.reset();  // joins a running build before the font data goes away
    // The ImGui atlas still names our texture; clear it so nothing draws with a deleted name.
    if (ImGui::GetCurrentContext()) ImGui::GetIO().Fonts->SetTexID(0);
}

void GlyphAtlas::pickFace() {
    const int count = stbtt_GetNumberOfFonts(font_data_.data());
    if (count <= 0) throw std::runtime_error("GlyphAtlas: " + options_.font_path.string() + " is not a TrueType/OpenType font");
    int chosen = -1;
    std::string chosen_family;
    for (int index = 0; index < count; ++index) {
        stbtt_fontinfo info;
        const int offset = stbtt_GetFontOffsetForIndex(font_data_.data(), index);
        if (offset < 0 || !stbtt_InitFont(&info, font_data_.data(), offset)) continue;
        const std::string family = familyName(info);
        if (chosen < 0 && family == options_.face_family) {
            chosen = index;
            chosen_family = family;
        }
    }
    if (chosen < 0) {
        // Not a Noto CJK collection: take face 0 and say so.
        chosen = 0;
        stbtt_fontinfo info;
        stbtt_InitFont(&info, font_data_.data(), stbtt_GetFontOffsetForIndex(font_data_.data(), 0));
        chosen_family = familyName(info);
        spdlog::warn("GlyphAtlas: no face named '{}' in {}; using face 0 '{}'", options_.face_family,
                     options_.font_path.string(), chosen_family);
    }
    face_index_ = chosen;
    face_family_found_ = chosen_family;

    // Check it draws both scripts: 门 (Simplified) and 門 (Traditional).
    stbtt_fontinfo info;
    stbtt_InitFont(&info, font_data_.data(), stbtt_GetFontOffsetForIndex(font_data_.data(), face_index_));
    const bool simplified = stbtt_FindGlyphIndex(&info, 0x95E8) != 0;
    const bool traditional = stbtt_FindGlyphIndex(&info, 0x9580) != 0;
    if (!simplified || !traditional) {
        spdlog::warn("GlyphAtlas: face {} '{}' of {} lacks {}{}", face_index_, face_family_found_, options_.font_path.string(),
                     simplified ? "" : "Simplified 门 ", traditional ? "" : "Traditional 門");
    }
    spdlog::info("GlyphAtlas: {} face {} of {}: '{}'", options_.font_path.string(), face_index_, count, face_family_found_);
}

void GlyphAtlas::requestCodepoint(char32_t codepoint) {
    if (codepoint > 0xFFFF || testBit(requested_bits_, codepoint)) return;
    const int source = chain_->sourceOf(codepoint);
    if (source < 0) return;  // no face has it: judged missing if it is ever noted
    setBit(requested_bits_, codepoint);
    source_[codepoint] = static_cast<std::int8_t>(source);
    ++requested_count_;
    pending_.push_back(codepoint);
}

void GlyphAtlas::markUnavailable(char32_t codepoint) {
    unavailable_.insert(std::lower_bound(unavailable_.begin(), unavailable_.end(), codepoint), codepoint);
    if (!std::binary_search(missing_.begin(), missing_.end(), codepoint))
        missing_.insert(std::lower_bound(missing_.begin(), missing_.end(), codepoint), codepoint);
}

void GlyphAtlas::noteCodepoint(char32_t cp) {
    if (cp > 0xFFFF) {
        const auto seen = std::lower_bound(supplementary_seen_.begin(), supplementary_seen_.end(), cp);
        if (seen != supplementary_seen_.end() && *seen == cp) return;
        supplementary_seen_.insert(seen, cp);
        const int source = chain_->sourceOf(cp);
        const char32_t slot = source < 0 ? 0 : slots_.assign(cp);
        if (slot == 0) {  // no face has it, or every slot is taken
            markUnavailable(cp);
            return;
        }
        slot_glyphs_.push_back({slot, cp, source});
        ++requested_count_;
        pending_.push_back(slot);
        return;
    }
    if (testBit(noted_bits_, cp)) return;
    setBit(noted_bits_, cp);
    if (testBit(requested_bits_, cp)) return;  // in the atlas, or on its way
    requestCodepoint(cp);
    if (!testBit(requested_bits_, cp)) markUnavailable(cp);  // Private Use, U+FFFD, or in no face
}

void GlyphAtlas::noteText(std::string_view utf8) { note(utf8, true); }

void GlyphAtlas::note(std::string_view utf8, bool count_malformed) {
    std::size_t i = 0;
    while (i < utf8.size()) {
        // Fast path: ASCII is always in the atlas.
        if (static_cast<unsigned char>(utf8[i]) < 0x80) { ++i; continue; }
        const std::size_t begin = i;
        const char32_t cp = nextCodepoint(utf8, i);
        if (decodedMalformed(utf8, begin, i, cp)) {  // bad input, not a font gap
            if (count_malformed) ++malformed_count_;
            continue;
        }
        noteCodepoint(cp);
    }
}

std::string_view GlyphAtlas::routeRewrite(void* self, std::string_view utf8, std::string& scratch) {
    auto* atlas = static_cast<GlyphAtlas*>(self);
    // Text drawn without noteText: noted now, so it renders from the next rebuild (fallback glyphs until then, counted).
    // Malformed input is counted where it is noted, not on every frame that draws it.
    atlas->note(utf8, false);
    return atlas->slots_.rewrite(utf8, scratch);
}

std::size_t GlyphAtlas::routeOriginalOffset(void* self, std::string_view utf8, std::size_t rewritten_offset) {
    return static_cast<GlyphAtlas*>(self)->slots_.originalOffset(utf8, rewritten_offset);
}

void GlyphAtlas::routeRendered(void* self, const ImDrawData& data) { static_cast<GlyphAtlas*>(self)->countFallbackGlyphs(data); }

void GlyphAtlas::countFallbackGlyphs(const ImDrawData& data) {
    // A fallback glyph is a quad whose UVs lie inside a font's fallback box; only draws with the atlas texture
    // count (video tiles use UVs 0..1 of their own textures). CPU-clipped quads keep UVs inside the box.
    struct UvBox {
        float u0, v0, u1, v1;
    };
    std::array<UvBox, 3> boxes{};
    std::size_t box_count = 0;
    for (ImFont* font : fonts_) {
        if (!font || !font->FallbackGlyph) continue;
        const ImFontGlyph& g = *font->FallbackGlyph;
        boxes[box_count++] = {g.U0, g.V0, g.U1, g.V1};
    }
    const ImTextureID atlas_texture = ImGui::GetIO().Fonts->TexID;
    const auto inside = [](const ImDrawVert& v, const UvBox& b) {
        return v.uv.x >= b.u0 && v.uv.x <= b.u1 && v.uv.y >= b.v0 && v.uv.y <= b.v1;
    };
    std::size_t triangles = 0;
    for (int n = 0; n < data.CmdListsCount; ++n) {
        const ImDrawList* list = data.CmdLists[n];
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback || cmd.TextureId != atlas_texture) continue;
            const ImDrawIdx* idx = list->IdxBuffer.Data + cmd.IdxOffset;
            const ImDrawVert* vtx = list->VtxBuffer.Data + cmd.VtxOffset;
            for (unsigned int i = 0; i + 2 < cmd.ElemCount; i += 3) {
                for (std::size_t b = 0; b < box_count; ++b) {
                    if (inside(vtx[idx[i]], boxes[b]) && inside(vtx[idx[i + 1]], boxes[b]) && inside(vtx[idx[i + 2]], boxes[b])) {
                        ++triangles;
                        break;
                    }
                }
            }
        }
    }
    fallback_drawn_last_frame_ = triangles / 2;  // two triangles per glyph quad
    fallback_drawn_total_ += fallback_drawn_last_frame_;
}

bool GlyphAtlas::rebuildIfNeeded() {
    IM_ASSERT(!ImGui::GetIO().Fonts->Locked && "GlyphAtlas::rebuildIfNeeded called inside a frame");
    bool installed = false;
    if (build_thread_ && build_thread_->finished()) {
        std::unique_ptr<AtlasBuildThread> done = std::move(build_thread_);
        install(done->take(), true);
        installed = true;
    }
    if (!pending_.empty() && !build_thread_) {
        if (options_.background_build && build_count_ > 0) {
            build_thread_ = std::make_unique<AtlasBuildThread>(takeRecipe());
        } else {
            install(rasterizeAtlas(takeRecipe()));
            installed = true;
        }
    }
    return installed;
}

void GlyphAtlas::finishPendingBuild() {
    if (build_thread_) {
        std::unique_ptr<AtlasBuildThread> running = std::move(build_thread_);
        install(running->take(), true);
    }
    if (!pending_.empty()) install(rasterizeAtlas(takeRecipe()));
}

AtlasRecipe GlyphAtlas::takeRecipe() {
    AtlasRecipe recipe;
    recipe.faces = chain_->faces();
    recipe.pixel_sizes = options_.pixel_sizes;
    recipe.texture_width = options_.texture_width;
    recipe.codepoint_count = requested_count_;
    recipe.slot_glyphs = slot_glyphs_;
    // The requested bit set as ImGui's [first, last] pairs, one list per face.
    recipe.ranges.resize(recipe.faces.size());
    for (char32_t cp = 1; cp <= 0xFFFF; ++cp) {
        if (!testBit(requested_bits_, cp)) continue;
        const auto face = static_cast<std::size_t>(source_[cp]);
        std::vector<std::uint16_t>& ranges = recipe.ranges[face];
        if (!ranges.empty() && ranges.back() + 1u == cp) {
            ranges.back() = static_cast<std::uint16_t>(cp);
        } else {
            ranges.push_back(static_cast<std::uint16_t>(cp));
            ranges.push_back(static_cast<std::uint16_t>(cp));
        }
        if (face > 0) ++recipe.fallback_glyph_count;
    }
    for (std::vector<std::uint16_t>& ranges : recipe.ranges) ranges.push_back(0);
    for (const SlotGlyph& g : slot_glyphs_)
        if (g.face > 0) ++recipe.fallback_glyph_count;
    in_flight_.insert(in_flight_.end(), pending_.begin(), pending_.end());
    pending_.clear();
    return recipe;
}

void GlyphAtlas::build() { install(rasterizeAtlas(takeRecipe())); }

void GlyphAtlas::install(BuiltAtlas built, bool from_background) {
    // Swap the new atlas into ImGui between frames; the context owns and later frees io.Fonts.
    ImGuiIO& io = ImGui::GetIO();
    IM_ASSERT(!io.Fonts->Locked && "GlyphAtlas: atlas swapped inside a frame");
    ImFontAtlas* old = io.Fonts;
    io.Fonts = built.atlas.release();
    IM_DELETE(old);
    ranges_ = std::move(built.ranges);  // the new atlas's configs point into these buffers
    fallback_font_glyphs_ = built.fallback_glyph_count;
    fonts_ = built.fonts;
    io.FontDefault = fonts_[0];
    upload();
    io.Fonts->ClearTexData();  // the GPU has it now; frees the CPU copy
    in_flight_.clear();

    // Judge what could not be drawn, among the characters actually noted.
    const auto pending = [&](char32_t cp) { return std::find(pending_.begin(), pending_.end(), cp) != pending_.end(); };
    missing_ = unavailable_;
    for (std::size_t w = 0; w < kBmpWords; ++w) {
        for (std::uint64_t word = noted_bits_[w]; word != 0; word &= word - 1) {
            const auto cp = static_cast<char32_t>(w * 64 + static_cast<std::size_t>(std::countr_zero(word)));
            if (!testBit(requested_bits_, cp) || pending(cp)) continue;  // unavailable (listed), or noted during a background build
            if (!fonts_[0]->FindGlyphNoFallback(static_cast<ImWchar>(cp))) missing_.push_back(cp);
        }
    }
    for (const SlotGlyph& g : slot_glyphs_) {
        if (!pending(g.slot) && !fonts_[0]->FindGlyphNoFallback(static_cast<ImWchar>(g.slot))) missing_.push_back(g.codepoint);
    }
    std::sort(missing_.begin(), missing_.end());
    missing_.erase(std::unique(missing_.begin(), missing_.end()), missing_.end());
    ++build_count_;
    spdlog::info("GlyphAtlas: build {} with {} code points ({} from fallback fonts, {} beyond U+FFFF) -> {}x{} texture, "
                 "rasterised in {:.0f} ms{}, {} missing",
                 build_count_, built.codepoint_count, built.fallback_glyph_count, slot_glyphs_.size(), texture_size_.width,
                 texture_size_.height, built.build_ms, from_background ? " (background)" : "", missing_.size());
}

void GlyphAtlas::upload() {
    unsigned char* pixels = nullptr;
    int width = 0;
    int height = 0;
    // Alpha8 + swizzle instead of the backend's RGBA32 upload: a 3-size CJK
    // atlas is tens of megapixels, and RGBA would waste 75% of it.
    ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &width, &height);
    GLint max_texture = 0;
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max_texture);
    if (width > max_texture || height > max_texture) {
        throw std::runtime_error("GlyphAtlas: atlas " + std::to_string(width) + "x" + std::to_string(height) +
                                 " exceeds GL_MAX_TEXTURE_SIZE " + std::to_string(max_texture) + "; use fewer sizes or code points");
    }
    // The backend may hold the default-font texture from its device objects; free it, we supply our own.
    ImGui_ImplOpenGL3_DestroyFontsTexture();

    GLint last_texture = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &last_texture);
    if (!texture_ || texture_size_ != PixelSize{width, height}) texture_ = GlTexture::generate();
    glBindTexture(GL_TEXTURE_2D, texture_.get());
    // A few mip levels keep shrunk text (fitted text, a canvas rendered below
    // full scale) from aliasing; more would bleed neighbouring glyphs together.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, 2);
    const GLint swizzle[4] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
    glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, swizzle);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
    glGenerateMipmap(GL_TEXTURE_2D);
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(last_texture));
    throwOnGlError("GlyphAtlas::upload");
    texture_size_ = {width, height};
    ImGui::GetIO().Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(texture_.get())));
}

ImFont* GlyphAtlas::font(FontSize size) const { return fonts_[static_cast<std::size_t>(size)]; }

}  // namespace wall::render
