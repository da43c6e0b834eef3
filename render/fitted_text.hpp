#pragma once
// Text that fits its box without losing a digit. A line that is too wide
// gives way in this order: the font shrinks (down to a floor), then the
// optional pieces are dropped whole (lowest priority first), then free text
// (titles, names, sites) is cut at a character and ends in "…". A number is
// never cut: a cut never falls inside a run that holds a digit ("0795-1234…"
// would be read as another number), and when numbers alone are wider than the
// box at the floor, the font shrinks below it. Uses ImGui draw lists; call
// inside a frame (the fonts' metrics must be those of this frame's atlas).

#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

namespace wall::render {

/// Where text sits inside its box.
struct TextAlign {
    float x = 0.0f;  ///< 0 left, 0.5 centre, 1 right
    float y = 0.5f;  ///< 0 top, 0.5 middle, 1 bottom
};

/// One piece of a line and how it gives way when the line is too wide.
struct TextPiece {
    std::string text;
    ImU32 color = IM_COL32_WHITE;
    int drop = 0;        ///< 0: always shown; n > 0: dropped whole when room runs out, 1 before 2 before 3...
    bool cut = false;    ///< free text (title, name, site): may end in "…"; counts and times never are
    float scale = 1.0f;  ///< size relative to the line's (a phone number in body type beside a large name)
    ImU32 chip = 0;      ///< non-zero: drawn on a rounded chip of this colour
};

/// A shown piece of a fitted line.
struct FittedPiece {
    int index = 0;      ///< into the pieces given
    std::string text;   ///< as shown: maybe cut, with "…"
    float x = 0;        ///< left edge, from the line's left
    float width = 0;    ///< chip included
};

/// What fitLine chose.
struct FittedLine {
    float size = 0;                   ///< font size of scale-1 pieces, pixels
    float width = 0;                  ///< of everything shown
    bool whole = true;                ///< nothing dropped or cut (the size may still have shrunk)
    std::vector<FittedPiece> pieces;  ///< shown, in order
};

/// @brief Font size (pixels) at which `text` fits `max_width` with `font`: its own size or smaller, never below `min_size`.
float fittedFontSize(ImFont* font, std::string_view text, float max_width, float min_size);

/// @brief `text` cut to fit `max_width` at `size`, ending in "…"; never inside a run holding a digit.
/// Returns `text` itself when it fits, "" when not even "…" does.
std::string ellipsize(ImFont* font, float size, std::string_view text, float max_width);

/// @brief `text` broken into lines no wider than `max_width` at `size`: at a space where there is one (Latin),
/// else between characters (CJK), never inside a run holding a digit unless that run alone is wider than a line.
std::vector<std::string> wrapLines(ImFont* font, float size, std::string_view text, float max_width);

/// @brief Lays `pieces` out on one line of at most `max_width`, at `font`'s size or smaller (see the file comment).
/// `min_size` is the floor before anything is dropped or cut (the font's own size: never shrink); `gap` is the
/// space between pieces in units of the size.
FittedLine fitLine(ImFont* font, const std::vector<TextPiece>& pieces, float max_width, float min_size,
                   float gap = 0.5f);

/// @brief Draws a fitted line with its left edge at `left_top.x`, centred in a line of `line_h` below `left_top.y`.
void drawFittedLine(ImDrawList* draw_list, ImFont* font, ImVec2 left_top, float line_h,
                    const std::vector<TextPiece>& pieces, const FittedLine& line);

/// @brief Fits one piece into `max_width` and draws it in a line of `line_h` at `left_top`, aligned by `align_x`
/// (0 left, 1 right) within `max_width`. Returns the width used.
float drawFitText(ImDrawList* draw_list, ImFont* font, ImVec2 left_top, float max_width, float line_h,
                  const TextPiece& piece, float min_size, float align_x = 0.0f);

/// @brief Draws `text` fitted into `box`, aligned: shrinks down to `min_size`, then ends in "…" (or, if it holds
/// digits that must stay whole, shrinks further). Returns the size used.
float drawFittedText(ImDrawList* draw_list, ImFont* font, const ImVec2& box_min, const ImVec2& box_max, ImU32 color,
                     std::string_view text, TextAlign align = {}, float min_size = 14.0f);

}  // namespace wall::render
