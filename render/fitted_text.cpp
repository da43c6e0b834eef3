#include "render/fitted_text.hpp"

#include "base/utf8.hpp"

#include <algorithm>
#include <cctype>
#include <cfloat>
#include <cstring>

namespace wall::render {
namespace {

constexpr const char* kEllipsis = "\u2026";  // in the atlas's base set
constexpr float kChipPad = 0.45f;            // chip padding each side, in units of the text size
constexpr float kChipHeight = 1.3f;          // chip height, in units of the text size

/// Characters of a number-like token: "0795-12345678", "K1234+500", "14:05", "85.5", "95%".
bool tokenChar(char c) {
    const auto u = static_cast<unsigned char>(c);
    return c != 0 && u < 0x80 && (std::isalnum(u) || std::strchr(".,:/+-_#%", c) != nullptr);
}

float textWidth(ImFont* font, float size, std::string_view text) {
    return font->CalcTextSizeA(size, FLT_MAX, 0.0f, text.data(), text.data() + text.size()).x;
}

/// Advance of the character `c` encoded in s[0, n). Beyond U+FFFF it is drawn from its atlas slot
/// (imgui_text_hook.hpp), which only a measurement through ImGui's text path sees.
float charAdvance(ImFont* font, float size, float scale, const char* s, int n, char32_t c) {
    if (c > 0xFFFF) return font->CalcTextSizeA(size, FLT_MAX, 0.0f, s, s + n).x;
    return font->GetCharAdvance(static_cast<ImWchar>(c)) * scale;
}

float pieceWidth(ImFont* font, float size, const TextPiece& piece, std::string_view text) {
    const float sz = size * piece.scale;
    return textWidth(font, sz, text) + (piece.chip ? 2 * kChipPad * sz : 0.0f);
}

/// A candidate line: which pieces, and their texts (cut ones shortened).
struct Candidate {
    std::vector<int> shown;
    std::vector<std::string> texts;  // parallel to shown
};

float lineWidth(ImFont* font, float size, float gap, const std::vector<TextPiece>& pieces, const Candidate& c) {
    float w = 0;
    for (size_t i = 0; i < c.shown.size(); ++i) w += pieceWidth(font, size, pieces[c.shown[i]], c.texts[i]);
    if (c.shown.size() > 1) w += gap * size * static_cast<float>(c.shown.size() - 1);
    return w;
}

FittedLine build(ImFont* font, float size, float gap, const std::vector<TextPiece>& pieces, const Candidate& c,
                 bool whole) {
    FittedLine line;
    line.size = size;
    line.whole = whole;
    float x = 0;
    for (size_t i = 0; i < c.shown.size(); ++i) {
        const float w = pieceWidth(font, size, pieces[c.shown[i]], c.texts[i]);
        line.pieces.push_back({c.shown[i], c.texts[i], x, w});
        x += w + gap * size;
    }
    line.width = line.pieces.empty() ? 0.0f : x - gap * size;
    return line;
}

} // namespace

float fittedFontSize(ImFont* font, std::string_view text, float max_width, float min_size) {
    const float own = font->FontSize;
    if (text.empty() || max_width <= 0) return own;
    const float width = textWidth(font, own, text);
    if (width <= max_width) return own;
    // Text width scales linearly with the size, so one division finds it.
    return std::max(min_size, own * max_width / width);
}

std::string ellipsize(ImFont* font, float size, std::string_view text, float max_width) {
    if (textWidth(font, size, text) <= max_width) return std::string(text);
    const float budget = max_width - textWidth(font, size, kEllipsis);
    if (budget < 0) return {};
    const float scale = size / font->FontSize;
    size_t cut = 0;
    float w = 0;
    for (size_t pos = 0; pos < text.size();) {
        size_t next = pos;
        const char32_t c = nextCodepoint(text, next);
        const int n = static_cast<int>(next - pos);
        const float advance = charAdvance(font, size, scale, text.data() + pos, n, c);
        if (w + advance > budget) break;
        w += advance;
        pos += static_cast<size_t>(n);
        cut = pos;
    }
    // A cut inside a token that holds a digit would show another number: back off to the token's start.
    if (cut > 0 && cut < text.size() && tokenChar(text[cut]) && tokenChar(text[cut - 1])) {
        size_t begin = cut, end = cut;
        while (begin > 0 && tokenChar(text[begin - 1])) --begin;
        while (end < text.size() && tokenChar(text[end])) ++end;
        if (std::any_of(text.begin() + begin, text.begin() + end, [](char ch) { return ch >= '0' && ch <= '9'; }))
            cut = begin;
    }
    while (cut > 0 && text[cut - 1] == ' ') --cut;
    return std::string(text.substr(0, cut)) + kEllipsis;
}

std::vector<std::string> wrapLines(ImFont* font, float size, std::string_view text, float max_width) {
    std::vector<std::string> lines;
    const float scale = size / font->FontSize;
    size_t start = 0;
    while (start < text.size()) {
        // The longest run of characters from `start` that fits.
        size_t end = start, last_space = std::string_view::npos;
        float w = 0;
        while (end < text.size()) {
            size_t next = end;
            const char32_t c = nextCodepoint(text, next);
            const int n = static_cast<int>(next - end);
            const float advance = charAdvance(font, size, scale, text.data() + end, n, c);
            if (w + advance > max_width && end > start) break;
            if (c == ' ') last_space = end;
            w += advance;
            end += static_cast<size_t>(n);
        }
        size_t cut = end;
        if (end < text.size()) {
            if (last_space != std::string_view::npos && last_space > start && tokenChar(text[end]) &&
                tokenChar(text[end - 1]))
                cut = last_space;  // a Latin word or a number goes whole to the next line
            else if (tokenChar(text[end]) && tokenChar(text[end - 1])) {
                size_t begin = end;
                while (begin > start && tokenChar(text[begin - 1])) --begin;
                size_t stop = end;
                while (stop < text.size() && tokenChar(text[stop])) ++stop;
                const bool number =
                    std::any_of(text.begin() + begin, text.begin() + stop, [](char ch) { return ch >= '0' && ch <= '9'; });
                if (number && begin > start) cut = begin;
            }
        }
        size_t line_end = cut;
        while (line_end > start && text[line_end - 1] == ' ') --line_end;
        lines.emplace_back(text.substr(start, line_end - start));
        start = cut;
        while (start < text.size() && text[start] == ' ') ++start;
    }
    return lines;
}

FittedLine fitLine(ImFont* font, const std::vector<TextPiece>& pieces, float max_width, float min_size, float gap) {
    const float own = font->FontSize;
    min_size = std::min(min_size, own);
    max_width = std::max(0.0f, max_width);
    Candidate c;
    for (int i = 0; i < static_cast<int>(pieces.size()); ++i)
        if (!pieces[i].text.empty()) {
            c.shown.push_back(i);
            c.texts.push_back(pieces[i].text);
        }
    bool whole = true;
    // 1. Shrink down to the floor; 2. drop optional pieces, lowest priority (then rightmost) first.
    for (;;) {
        const float w = lineWidth(font, own, gap, pieces, c);
        if (w <= max_width) return build(font, own, gap, pieces, c, whole);
        const float size = own * max_width / w;
        if (size >= min_size) return build(font, size, gap, pieces, c, whole);
        int victim = -1;
        for (int k = 0; k < static_cast<int>(c.shown.size()); ++k) {
            const int drop = pieces[c.shown[k]].drop;
            if (drop > 0 && (victim < 0 || drop <= pieces[c.shown[victim]].drop)) victim = k;
        }
        if (victim < 0) break;
        c.shown.erase(c.shown.begin() + victim);
        c.texts.erase(c.texts.begin() + victim);
        whole = false;
    }
    // 3. At the floor, free text gives up what the rest leaves: the shortest pieces keep their whole text.
    float size = min_size;
    std::vector<int> cuts;
    float fixed = 0;
    for (int k = 0; k < static_cast<int>(c.shown.size()); ++k) {
        const TextPiece& p = pieces[c.shown[k]];
        if (p.cut) {
            cuts.push_back(k);
            fixed += pieceWidth(font, size, p, "");
        } else {
            fixed += pieceWidth(font, size, p, c.texts[k]);
        }
    }
    if (c.shown.size() > 1) fixed += gap * size * static_cast<float>(c.shown.size() - 1);
    if (!cuts.empty()) {
        std::sort(cuts.begin(), cuts.end(), [&](int a, int b) {
            return textWidth(font, size * pieces[c.shown[a]].scale, c.texts[a]) <
                   textWidth(font, size * pieces[c.shown[b]].scale, c.texts[b]);
        });
        float room = max_width - fixed;
        for (size_t j = 0; j < cuts.size(); ++j) {
            const int k = cuts[j];
            const float sz = size * pieces[c.shown[k]].scale;
            const float share = std::max(0.0f, room / static_cast<float>(cuts.size() - j));
            const std::string shown = ellipsize(font, sz, c.texts[k], share);
            if (shown != c.texts[k]) whole = false;
            c.texts[k] = shown;
            room -= textWidth(font, sz, shown);
        }
        // Free text with no room at all leaves the line (with its gap).
        for (int k = static_cast<int>(c.shown.size()) - 1; k >= 0; --k)
            if (c.texts[k].empty()) {
                c.shown.erase(c.shown.begin() + k);
                c.texts.erase(c.texts.begin() + k);
            }
    }
    // 4. Numbers alone wider than the box: below the floor rather than lose a digit.
    const float w = lineWidth(font, size, gap, pieces, c);
    if (w > max_width && w > 0) size *= max_width / w;
    return build(font, size, gap, pieces, c, whole);
}

void drawFittedLine(ImDrawList* draw_list, ImFont* font, ImVec2 left_top, float line_h,
                    const std::vector<TextPiece>& pieces, const FittedLine& line) {
    const float cy = left_top.y + line_h * 0.5f;
    for (const FittedPiece& fp : line.pieces) {
        const TextPiece& p = pieces[fp.index];
        const float sz = line.size * p.scale;
        float x = left_top.x + fp.x;
        if (p.chip) {
            const float h = kChipHeight * sz;
            draw_list->AddRectFilled(ImVec2(x, cy - h * 0.5f), ImVec2(x + fp.width, cy + h * 0.5f), p.chip, h * 0.2f);
            x += kChipPad * sz;
        }
        draw_list->AddText(font, sz, ImVec2(x, cy - sz * 0.5f), p.color, fp.text.data(), fp.text.data() + fp.text.size());
    }
}

float drawFitText(ImDrawList* draw_list, ImFont* font, ImVec2 left_top, float max_width, float line_h,
                  const TextPiece& piece, float min_size, float align_x) {
    const std::vector<TextPiece> pieces{piece};
    const FittedLine line = fitLine(font, pieces, max_width, min_size);
    const float x = left_top.x + std::max(0.0f, max_width - line.width) * align_x;
    drawFittedLine(draw_list, font, ImVec2(x, left_top.y), line_h, pieces, line);
    return line.width;
}

float drawFittedText(ImDrawList* draw_list, ImFont* font, const ImVec2& box_min, const ImVec2& box_max, ImU32 color,
                     std::string_view text, TextAlign align, float min_size) {
    const float box_w = box_max.x - box_min.x;
    const float box_h = box_max.y - box_min.y;
    TextPiece piece;
    piece.text = std::string(text);
    piece.color = color;
    piece.cut = true;
    const std::vector<TextPiece> pieces{piece};
    FittedLine line = fitLine(font, pieces, box_w, min_size, 0.0f);
    // Never taller than the box; smaller only narrows the line, so it still fits.
    const float size = std::min(line.size, std::max(min_size, box_h));
    if (size < line.size && line.size > 0) {
        const float ratio = size / line.size;
        line.size = size;
        line.width *= ratio;
        for (FittedPiece& p : line.pieces) p.width *= ratio;
    }
    const float x = box_min.x + std::max(0.0f, box_w - line.width) * align.x;
    const float y = box_min.y + (box_h - size) * align.y;
    drawFittedLine(draw_list, font, ImVec2(x, y), size, pieces, line);
    return size;
}

}  // namespace wall::render
