// A small RFC 4180 reader for the tests: what Excel does with wallctl's CSV,
// so a test can read back what `review bookmarks --format csv` wrote.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wall::wallctl::testing {

using CsvRow = std::vector<std::string>;

/// @brief Rows of fields. Quoted fields may hold commas, doubled quotes and line breaks; rows end in CRLF
/// (or LF). Sets error (and stops) at a quote in an unquoted field or an unterminated quoted one.
inline std::vector<CsvRow> readCsv(std::string_view text, std::string* error = nullptr) {
    std::vector<CsvRow> rows;
    CsvRow row;
    std::string field;
    size_t i = 0;
    auto fail = [&](const char* why) {
        if (error) *error = std::string(why) + " at byte " + std::to_string(i);
        return rows;
    };
    bool row_open = false;
    while (i < text.size()) {
        row_open = true;
        if (text[i] == '"') {
            ++i;
            for (;;) {
                if (i >= text.size()) return fail("unterminated quoted field");
                if (text[i] == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += text[i++];
            }
        } else {
            while (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
                if (text[i] == '"') return fail("quote inside an unquoted field");
                field += text[i++];
            }
        }
        if (i < text.size() && text[i] == ',') {
            row.push_back(std::move(field));
            field.clear();
            ++i;
            continue;
        }
        if (i < text.size() && text[i] == '\r') ++i;
        if (i < text.size() && text[i] == '\n') ++i;
        else if (i < text.size()) return fail("text after a quoted field");
        row.push_back(std::move(field));
        field.clear();
        rows.push_back(std::move(row));
        row.clear();
        row_open = false;
    }
    if (row_open) {
        row.push_back(std::move(field));
        rows.push_back(std::move(row));
    }
    return rows;
}

} // namespace wall::wallctl::testing
