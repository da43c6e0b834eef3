#include "wallctl/bookmark_table.hpp"

#include "model/time_text.hpp"

#include <nlohmann/json.hpp>

namespace wall::wallctl {

void writeBookmarksText(std::ostream& out, const std::vector<source::Bookmark>& bookmarks) {
    for (const source::Bookmark& b : bookmarks) {
        out << beijingSeconds(b.at_ms) << "  " << b.at_ms << "  #" << b.id << "  " << b.name;
        if (!b.author.empty()) out << "  (" << b.author << ")";
        out << "\n";
        // The note below, every line of it indented, so a multi-line note stays under its bookmark.
        if (b.note.empty()) continue;
        out << "    ";
        for (char c : b.note) {
            if (c == '\r') continue;
            out << c;
            if (c == '\n') out << "    ";
        }
        out << "\n";
    }
}

std::string csvField(std::string_view text) {
    std::string field;
    // A cell Excel (and WPS) would read as a formula gets a leading apostrophe:
    // a note such as "=HYPERLINK(...)" or "+1 转移" must stay text in the
    // sheet a leader opens (OWASP "CSV injection"). Scripts read --format json.
    if (!text.empty() && (text.front() == '=' || text.front() == '+' || text.front() == '-' ||
                          text.front() == '@' || text.front() == '\t' || text.front() == '\r'))
        field += '\'';
    field += text;
    if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
    std::string quoted = "\"";
    for (char c : field) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

void writeBookmarksCsv(std::ostream& out, const std::vector<source::Bookmark>& bookmarks, bool bom) {
    // The byte order mark: Excel on a Chinese Windows opens a .csv in the
    // system code page (GBK, code page 936) unless the file starts with the
    // UTF-8 BOM, so without it every Chinese name and note turns to mojibake.
    // With it, Excel (2007 and later) and WPS read UTF-8. --no-bom for tools
    // that want plain UTF-8.
    if (bom) out << kUtf8Bom;
    out << "id,time,at_ms,name,note,author,added,added_ms\r\n";
    for (const source::Bookmark& b : bookmarks) {
        // Times as "YYYY-MM-DD HH:MM:SS": a form Excel recognises as a date and time.
        out << b.id << ',' << beijingSeconds(b.at_ms) << ',' << b.at_ms << ',' << csvField(b.name) << ','
            << csvField(b.note) << ',' << csvField(b.author) << ',' << beijingSeconds(b.created_ms) << ','
            << b.created_ms << "\r\n";
    }
}

void writeBookmarksJson(std::ostream& out, const std::vector<source::Bookmark>& bookmarks,
                        const std::string& journal_path, const std::string& review_path) {
    nlohmann::ordered_json doc;
    doc["journal"] = journal_path;
    doc["review_file"] = review_path;
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const source::Bookmark& b : bookmarks) {
        nlohmann::ordered_json j;
        j["id"] = b.id;
        j["time"] = beijingSeconds(b.at_ms);
        j["at_ms"] = b.at_ms;
        j["name"] = b.name;
        j["note"] = b.note;
        j["author"] = b.author;
        j["added"] = beijingSeconds(b.created_ms);
        j["added_ms"] = b.created_ms;
        list.push_back(std::move(j));
    }
    doc["bookmarks"] = std::move(list);
    out << doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
}

} // namespace wall::wallctl
