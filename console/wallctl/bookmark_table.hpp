// The reviewers' bookmarks as `wallctl review bookmarks` prints them: text for
// a terminal, CSV for Excel, JSON for scripts.
#pragma once

#include "source/replay_control.hpp"

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace wall::wallctl {

enum class BookmarkFormat : uint8_t { Text, Csv, Json };

/// @brief One line per bookmark: Beijing time, epoch ms, id, name, author; the note indented below.
void writeBookmarksText(std::ostream& out, const std::vector<source::Bookmark>& bookmarks);

/// @brief RFC 4180 CSV (CRLF rows; fields with commas, quotes or line breaks quoted, quotes doubled), with a
/// header row: id,time,at_ms,name,note,author,added,added_ms. bom: start with the UTF-8 byte order mark.
void writeBookmarksCsv(std::ostream& out, const std::vector<source::Bookmark>& bookmarks, bool bom = true);

/// @brief {"journal", "review_file", "bookmarks": [{id, time, at_ms, name, note, author, added, added_ms}]}.
void writeBookmarksJson(std::ostream& out, const std::vector<source::Bookmark>& bookmarks,
                        const std::string& journal_path, const std::string& review_path);

/// @brief One CSV field as written: neutralised against formulas, then quoted when it must be.
std::string csvField(std::string_view text);

/// The UTF-8 byte order mark that starts wallctl's CSV.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

} // namespace wall::wallctl
