// `wallctl review bookmarks --format csv` is opened in Excel by reviewers on
// Chinese Windows: it must be correct CSV whatever the notes hold (commas,
// quotes, line breaks, Chinese), start with the UTF-8 BOM, and never hand Excel
// a formula. Read back here with an RFC 4180 reader.

#include "wallctl/bookmark_table.hpp"

#include "csv_reader.hpp"
#include "model/beijing_time.hpp"
#include "model/time_text.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

namespace wall::wallctl {
namespace {

using testing::readCsv;

source::Bookmark mark(int64_t id, TimeMs at, std::string name, std::string note, std::string author) {
    return {id, at, std::move(name), std::move(note), std::move(author), at + 86'400'000};
}

const TimeMs kT = beijingToUtc(2026, 7, 15, 8, 30, 5);

std::vector<source::Bookmark> awkwardBookmarks() {
    return {
        mark(1, kT, "红色预警发布", "西坑村, 南庙村：\"立即转移\"\n第二行\r\n第三行", "王晓燕"),
        mark(2, kT + 61'000, "Call, escalated", "He said \"\"no\"\"", "Li Wei, duty officer"),
        mark(3, kT + 3'600'000, "=HYPERLINK(\"http://x\")", "+1 额外", "@刘建国"),
        mark(4, kT + 7'200'000, "空备注", "", ""),
    };
}

TEST(BookmarkCsv, RoundTripsCommasQuotesLineBreaksAndChinese) {
    std::ostringstream out;
    const auto marks = awkwardBookmarks();
    writeBookmarksCsv(out, marks);
    const std::string csv = out.str();
    ASSERT_TRUE(csv.starts_with(kUtf8Bom)) << "Excel on Chinese Windows reads a CSV without a BOM as GBK";

    std::string error;
    const auto rows = readCsv(std::string_view(csv).substr(kUtf8Bom.size()), &error);
    ASSERT_TRUE(error.empty()) << error;
    ASSERT_EQ(rows.size(), marks.size() + 1);
    EXPECT_EQ(rows[0], (testing::CsvRow{"id", "time", "at_ms", "name", "note", "author", "added", "added_ms"}));
    for (size_t i = 0; i < marks.size(); ++i) {
        SCOPED_TRACE(i);
        const auto& r = rows[i + 1];
        ASSERT_EQ(r.size(), 8u);
        EXPECT_EQ(r[0], std::to_string(marks[i].id));
        EXPECT_EQ(r[1], beijingSeconds(marks[i].at_ms));
        EXPECT_EQ(r[2], std::to_string(marks[i].at_ms));
        if (i != 2) {
            EXPECT_EQ(r[3], marks[i].name);
            EXPECT_EQ(r[4], marks[i].note);
            EXPECT_EQ(r[5], marks[i].author);
        }
        EXPECT_EQ(r[6], beijingSeconds(marks[i].created_ms));
        EXPECT_EQ(r[7], std::to_string(marks[i].created_ms));
    }
    EXPECT_EQ(rows[1][1], "2026-07-15 08:30:05");
}

TEST(BookmarkCsv, FormulasStayText) {
    std::ostringstream out;
    writeBookmarksCsv(out, awkwardBookmarks(), false);
    const auto rows = readCsv(out.str());
    ASSERT_EQ(rows.size(), 5u);
    EXPECT_EQ(rows[3][3], "'=HYPERLINK(\"http://x\")");
    EXPECT_EQ(rows[3][4], "'+1 额外");
    EXPECT_EQ(rows[3][5], "'@刘建国");
    EXPECT_EQ(csvField("-3 米"), "'-3 米");
    EXPECT_EQ(csvField("水位 -3 米"), "水位 -3 米");  // only a leading sign makes a formula
}

TEST(BookmarkCsv, WithoutBomForTools) {
    std::ostringstream out;
    writeBookmarksCsv(out, {}, false);
    EXPECT_EQ(out.str(), "id,time,at_ms,name,note,author,added,added_ms\r\n");
}

TEST(BookmarkJson, KeepsEveryCharacter) {
    std::ostringstream out;
    const auto marks = awkwardBookmarks();
    writeBookmarksJson(out, marks, "/data/drill.db", "/data/drill.review.db");
    const auto doc = nlohmann::json::parse(out.str());
    EXPECT_EQ(doc.at("journal"), "/data/drill.db");
    EXPECT_EQ(doc.at("review_file"), "/data/drill.review.db");
    ASSERT_EQ(doc.at("bookmarks").size(), marks.size());
    for (size_t i = 0; i < marks.size(); ++i) {
        const auto& b = doc.at("bookmarks").at(i);
        EXPECT_EQ(b.at("id"), marks[i].id);
        EXPECT_EQ(b.at("at_ms"), marks[i].at_ms);
        EXPECT_EQ(b.at("time"), beijingSeconds(marks[i].at_ms));
        EXPECT_EQ(b.at("name"), marks[i].name);  // unchanged: JSON is for scripts
        EXPECT_EQ(b.at("note"), marks[i].note);
        EXPECT_EQ(b.at("author"), marks[i].author);
        EXPECT_EQ(b.at("added_ms"), marks[i].created_ms);
    }
}

TEST(BookmarkText, NotesStayIndentedUnderTheirBookmark) {
    std::ostringstream out;
    writeBookmarksText(out, {mark(7, kT, "叫应超时", "第一行\r\n第二行", "王晓燕")});
    EXPECT_EQ(out.str(), "2026-07-15 08:30:05  " + std::to_string(kT) +
                             "  #7  叫应超时  (王晓燕)\n    第一行\n    第二行\n");
}

} // namespace
} // namespace wall::wallctl
