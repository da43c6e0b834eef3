// The review file against real files: bookmarks survive a reopen, the journal's
// bytes never change, a review file of another journal (or a file that is not
// one) is refused with an error naming it, and text that is not UTF-8 never
// gets in. Journals are written by the real Journal, as the console writes them.

#include "review/review_file.hpp"

#include "journal/journal_fixture.hpp"

#include <sqlite3.h>

#include <fstream>
#include <iterator>
#include <sys/stat.h>
#include <unistd.h>

namespace wall::review {
namespace {

using journal::testing::JournalTest;
using journal::testing::kDayStartMs;
using journal::testing::makeScenario;

std::string bytesOf(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeBytes(const std::string& path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

/// Runs SQL on a file directly (a foreign database, or a review file tampered with).
void sql(const std::string& path, const char* text) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, text, nullptr, nullptr, &error);
    EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
}

source::Bookmark bookmark(TimeMs at, std::string name, std::string note = {}, std::string author = "王晓燕") {
    source::Bookmark b;
    b.at_ms = at;
    b.name = std::move(name);
    b.note = std::move(note);
    b.author = std::move(author);
    b.created_ms = kDayStartMs + 86'400'000;  // the next day's review meeting
    return b;
}

class ReviewFileTest : public JournalTest {
protected:
    /// @brief Writes a journal of n scenario events from first_ms, one a second, and closes it (WAL folded back).
    std::string writeJournal(const std::string& name, TimeMs first_ms, int n = 21) {
        const std::string path = file(name);
        journal::Journal j(path);
        auto s = makeScenario(n, first_ms, 1000);
        j.appendBatch(s.records);
        return path;
    }

    /// @brief The identity of the journal at path, read as wallctl and the replay read it (read-only).
    JournalIdentity identityOf(const std::string& path) {
        journal::Journal j(path, journal::OpenMode::ExistingReadOnly);
        return journalIdentity(path, j.firstRecord());
    }
};

// ---- Bookmarks stored and read back: every field, in time order, after a reopen.

TEST_F(ReviewFileTest, BookmarksSurviveReopeningInTimeOrder) {
    const std::string journal_path = writeJournal("drill.db", kDayStartMs);
    const JournalIdentity id = identityOf(journal_path);
    const std::string path = defaultReviewPath(journal_path);
    EXPECT_EQ(path, file("drill.review.db"));

    std::vector<int64_t> ids;
    {
        ReviewFile review(path, id);
        EXPECT_FALSE(review.readOnly());
        ids.push_back(review.add(bookmark(kDayStartMs + 9'000, "叫应超时", "西坑村负责人 15 分钟未应答\n已升级至镇长")));
        ids.push_back(review.add(bookmark(kDayStartMs + 2'000, "红色预警发布", "", "Li Wei")));
        ids.push_back(review.add(bookmark(kDayStartMs + 9'000, "同一时刻的第二个书签")));
    }
    EXPECT_EQ(ids, (std::vector<int64_t>{1, 2, 3}));

    ReviewFile reopened(path, id);
    const auto list = reopened.list();
    ASSERT_EQ(list.size(), 3u);
    EXPECT_EQ(list[0].id, 2);  // by time first
    EXPECT_EQ(list[0].name, "红色预警发布");
    EXPECT_EQ(list[0].author, "Li Wei");
    EXPECT_EQ(list[0].at_ms, kDayStartMs + 2'000);
    EXPECT_EQ(list[1].id, 1);  // then, at the same time, in the order added
    EXPECT_EQ(list[1].note, "西坑村负责人 15 分钟未应答\n已升级至镇长");
    EXPECT_EQ(list[1].author, "王晓燕");
    EXPECT_EQ(list[1].created_ms, kDayStartMs + 86'400'000);
    EXPECT_EQ(list[2].id, 3);
    EXPECT_EQ(reopened.journal().first_id, id.first_id);
    EXPECT_EQ(reopened.journal().path, journal_path);
}

TEST_F(ReviewFileTest, AddStampsTheTimeItWasAddedWhenNotGiven) {
    const std::string journal_path = writeJournal("drill.db", kDayStartMs);
    ReviewFile review(defaultReviewPath(journal_path), identityOf(journal_path));
    source::Bookmark b = bookmark(kDayStartMs, "开始");
    b.created_ms = 0;
    const TimeMs before = nowMs();
    review.add(b);
    const TimeMs after = nowMs();
    const auto list = review.list();
    ASSERT_EQ(list.size(), 1u);
    EXPECT_GE(list[0].created_ms, before);
    EXPECT_LE(list[0].created_ms, after);
}

TEST_F(ReviewFileTest, RemovedIdsAreNeverHandedOutAgain) {
    const std::string journal_path = writeJournal("drill.db", kDayStartMs);
    ReviewFile review(defaultReviewPath(journal_path), identityOf(journal_path));
    const int64_t first = review.add(bookmark(kDayStartMs, "一"));
    const int64_t second = review.add(bookmark(kDayStartMs + 1000, "二"));
    EXPECT_TRUE(review.remove(second));
    EXPECT_FALSE(review.remove(second));
    EXPECT_EQ(review.add(bookmark(kDayStartMs + 2000, "三")), second + 1);
    ASSERT_EQ(review.list().size(), 2u);
    EXPECT_EQ(review.list()[0].id, first);
}

// ---- The journal is never written: its bytes (and so its audit chain) stay as the console left them.

TEST_F(ReviewFileTest, JournalBytesAreIdenticalAfterAddingBookmarks) {
    const std::string journal_path = writeJournal("drill.db", kDayStartMs, 70);
    const std::string before = bytesOf(journal_path);
    ASSERT_FALSE(before.empty());
    {
        journal::Journal j(journal_path, journal::OpenMode::ExistingReadOnly);
        ReviewFile review(defaultReviewPath(journal_path), journalIdentity(journal_path, j.firstRecord()));
        for (int i = 0; i < 10; ++i) review.add(bookmark(kDayStartMs + i * 1000, "书签" + std::to_string(i)));
        review.remove(3);
        EXPECT_EQ(review.list().size(), 9u);
    }
    EXPECT_EQ(bytesOf(journal_path), before);
    // Nothing else was written beside it under the journal's name but SQLite's own -wal/-shm of the reader.
    EXPECT_TRUE(std::filesystem::exists(file("drill.review.db")));
}

// ---- Which journal a review file belongs to.

TEST_F(ReviewFileTest, AReviewFileOfAnotherJournalIsRefusedNamingBoth) {
    const std::string drill_a = writeJournal("drill-a.db", kDayStartMs);
    const std::string drill_b = writeJournal("drill-b.db", kDayStartMs + 3'600'000);
    const std::string path = file("shared.review.db");
    ReviewFile(path, identityOf(drill_a)).add(bookmark(kDayStartMs, "A 的书签"));
    const std::string before = bytesOf(path);

    for (ReviewOpen mode : {ReviewOpen::CreateOrOpen, ReviewOpen::ExistingReadOnly}) {
        try {
            ReviewFile wrong(path, identityOf(drill_b), mode);
            FAIL() << "a review file of drill-a opened for drill-b";
        } catch (const ReviewOfOtherJournal& e) {
            const std::string what = e.what();
            EXPECT_NE(what.find(path), std::string::npos) << what;
            EXPECT_NE(what.find("another journal"), std::string::npos) << what;
            EXPECT_NE(what.find(drill_a), std::string::npos) << what;
            EXPECT_NE(what.find(drill_b), std::string::npos) << what;
        }
    }
    EXPECT_EQ(bytesOf(path), before);
}

TEST_F(ReviewFileTest, JournalsWithTheSameFirstSenderAndSeqStillDiffer) {
    // Two drills of the same demo: the same sender and seq, a different receive time.
    const std::string a = writeJournal("a.db", kDayStartMs);
    const std::string b = writeJournal("b.db", kDayStartMs + 1);
    EXPECT_FALSE(identityOf(a).sameJournal(identityOf(b)));
}

TEST_F(ReviewFileTest, AJournalCopiedWithItsReviewFileIsTheSameJournal) {
    const std::string journal_path = writeJournal("drill.db", kDayStartMs);
    ReviewFile(defaultReviewPath(journal_path), identityOf(journal_path)).add(bookmark(kDayStartMs, "复盘起点"));

    // A reviewer copies both to their own machine.
    std::filesystem::create_directories(dir_ / "copy");
    const std::string copied = file("copy/drill.db");
    std::filesystem::copy_file(journal_path, copied);
    std::filesystem::copy_file(defaultReviewPath(journal_path), defaultReviewPath(copied));
    ReviewFile review(defaultReviewPath(copied), identityOf(copied));
    ASSERT_EQ(review.list().size(), 1u);
    EXPECT_EQ(review.list()[0].name, "复盘起点");
}

TEST_F(ReviewFileTest, AJournalWithoutRecordsGetsNoReviewFile) {
    const std::string journal_path = file("empty.db");
    { journal::Journal j(journal_path); }
    const std::string path = defaultReviewPath(journal_path);
    try {
        ReviewFile review(path, identityOf(journal_path));
        FAIL() << "a review file was made for an empty journal";
    } catch (const ReviewError& e) {
        EXPECT_NE(std::string(e.what()).find("no records"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(path));
}

// ---- Files that are not review files are refused, named, and left as they were.

TEST_F(ReviewFileTest, TheJournalItselfIsRefusedAsAReviewFile) {
    const std::string journal_path = writeJournal("drill.db", kDayStartMs);
    const std::string before = bytesOf(journal_path);
    try {
        ReviewFile review(journal_path, identityOf(journal_path));
        FAIL() << "the journal was opened as its own review file";
    } catch (const ReviewError& e) {
        EXPECT_NE(std::string(e.what()).find("is the journal itself"), std::string::npos) << e.what();
    }
    // A copy of the journal (so not the same file) given as the review file.
    const std::string copy = file("copy-of-journal.db");
    std::filesystem::copy_file(journal_path, copy);
    try {
        ReviewFile review(copy, identityOf(journal_path));
        FAIL() << "a journal was opened as a review file";
    } catch (const ReviewError& e) {
        EXPECT_NE(std::string(e.what()).find(copy), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("is a wallconsole journal, not a review file"), std::string::npos)
            << e.what();
    }
    EXPECT_EQ(bytesOf(journal_path), before);
    EXPECT_EQ(bytesOf(copy), before);
}

TEST_F(ReviewFileTest, AForeignDatabaseIsRefusedUntouched) {
    const std::string journal_path = writeJournal("drill.db", kDayStartMs);
    const std::string path = file("other.db");
    sql(path, "CREATE TABLE contacts(name TEXT); INSERT INTO contacts VALUES('刘建国');");
    const std::string before = bytesOf(path);
    try {
        ReviewFile review(path, identityOf(journal_path));
        FAIL() << "a foreign database was opened";
    } catch (const ReviewError& e) {
        EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("not a wallconsole review file"), std::string::npos) << e.what();
    }
    EXPECT_EQ(bytesOf(path), before);
}

TEST_F(ReviewFileTest, ADamagedFileIsRefusedNamingIt) {
    const std::string journal_path = writeJournal("drill.db", kDayStartMs);
    const std::string path = defaultReviewPath(journal_path);
    writeBytes(path, std::string(4096, '\x5a'));  // not SQLite at all
    try {
        ReviewFile review(path, identityOf(journal_path));
        FAIL() << "a damaged file was opened";
    } catch (const ReviewError& e) {
        EXPECT_NE(std::string(e.what()).find("review file " + path), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("not a SQLite database"), std::string::npos) << e.what();
    }

    // A real review file whose pages were overwritten past the header.
    const std::string real = file("real.review.db");
    {
        ReviewFile review(real, identityOf(journal_path));
        for (int i = 0; i < 200; ++i) review.add(bookmark(kDayStartMs, std::string(200, 'x'), std::string(2000, 'y')));
    }
    std::string bytes = bytesOf(real);
    ASSERT_GT(bytes.size(), 8192u);
    for (size_t i = 4096; i < bytes.size(); i += 7) bytes[i] = '\x7f';
    writeBytes(real, bytes);
    EXPECT_THROW(
        {
            ReviewFile review(real, identityOf(journal_path));
            review.list();
        },
        ReviewError);
}

TEST_F(ReviewFileTest, ANewerSchemaIsRefusedWithBothVersions) {
    const std::string journal_path = writeJournal("drill.db", kDayStartMs);
    const std::string path = defaultReviewPath(journal_path);
    { ReviewFile review(path, identityOf(journal_path)); }
    sql(path, "PRAGMA user_version = 7;");
    try {
        ReviewFile review(path, identityOf(journal_path));
        FAIL() << "a newer schema was opened";
    } catch (const ReviewError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find(path), std::string::npos) << what;
        EXPECT_NE(what.find("newer"), std::string::npos) << what;
        EXPECT_NE(what.find("version 7"), std::string::npos) << what;
        EXPECT_NE(what.find("up to 1"), std::string::npos) << what;
    }
}

// ---- Where a review file may be made.

TEST_F(ReviewFileTest, AMissingDirectoryIsNamedAndNotCreated) {
    const std::string journal_path = writeJournal("drill.db", kDayStartMs);
    const std::string path = file("no-such-dir/drill.review.db");
    try {
        ReviewFile review(path, identityOf(journal_path));
        FAIL() << "a review file was made in a directory that does not exist";
    } catch (const ReviewError& e) {
        EXPECT_NE(std::string(e.what()).find("no-such-dir does not exist"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(dir_ / "no-such-dir"));
}

TEST_F(ReviewFileTest, ListingNeverCreatesAFile) {
    const std::string journal_path = writeJournal("drill.db", kDayStartMs);
    const std::string path = defaultReviewPath(journal_path);
    try {
        ReviewFile review(path, identityOf(journal_path), ReviewOpen::ExistingReadOnly);
        FAIL() << "a missing review file opened read-only";
    } catch (const ReviewError& e) {
        EXPECT_NE(std::string(e.what()).find("no review file"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(path));
}

TEST_F(ReviewFileTest, OpenedForListingItRefusesWrites) {
    const std::string journal_path = writeJournal("drill.db", kDayStartMs);
    const std::string path = defaultReviewPath(journal_path);
    ReviewFile(path, identityOf(journal_path)).add(bookmark(kDayStartMs, "一"));
    const std::string before = bytesOf(path);
    ReviewFile listing(path, identityOf(journal_path), ReviewOpen::ExistingReadOnly);
    EXPECT_TRUE(listing.readOnly());
    EXPECT_EQ(listing.list().size(), 1u);
    EXPECT_THROW(listing.add(bookmark(kDayStartMs, "二")), ReviewError);
    EXPECT_THROW(listing.remove(1), ReviewError);
    EXPECT_EQ(bytesOf(path), before);
}

TEST_F(ReviewFileTest, AReadOnlyLocationIsNamedAndAnExistingFileThereStillLists) {
    if (::geteuid() == 0) GTEST_SKIP() << "root writes through directory permissions";
    const std::string journal_path = writeJournal("drill.db", kDayStartMs);
    std::filesystem::create_directories(dir_ / "disc");
    const std::string existing = file("disc/old.review.db");
    ReviewFile(existing, identityOf(journal_path)).add(bookmark(kDayStartMs, "光盘上的书签"));
    ::chmod((dir_ / "disc").c_str(), 0555);
    try {
        ReviewFile review(file("disc/new.review.db"), identityOf(journal_path));
        ADD_FAILURE() << "a review file was made in a read-only directory";
    } catch (const ReviewError& e) {
        EXPECT_NE(std::string(e.what()).find("read-only"), std::string::npos) << e.what();
    }
    {
        ReviewFile review(existing, identityOf(journal_path));
        EXPECT_TRUE(review.readOnly());
        EXPECT_EQ(review.list().size(), 1u);
        try {
            review.add(bookmark(kDayStartMs, "二"));
            ADD_FAILURE() << "a bookmark was added in a read-only directory";
        } catch (const ReviewError& e) {
            EXPECT_NE(std::string(e.what()).find("read-only"), std::string::npos) << e.what();
        }
    }
    ::chmod((dir_ / "disc").c_str(), 0755);
}

// ---- Text: UTF-8 Chinese or English, one-line names, no control characters.

TEST_F(ReviewFileTest, TextThatIsNotUtf8IsRefusedAndNothingIsStored) {
    const std::string journal_path = writeJournal("drill.db", kDayStartMs);
    ReviewFile review(defaultReviewPath(journal_path), identityOf(journal_path));
    const std::string gbk_name = "\xba\xec\xc9\xab";  // 红色 in GBK, as a misconfigured terminal sends it
    for (const auto& [b, what] : {std::pair{bookmark(kDayStartMs, gbk_name), "the name"},
                                  std::pair{bookmark(kDayStartMs, "书签", "note \xe4\xb8"), "the note"},  // cut short
                                  std::pair{bookmark(kDayStartMs, "书签", "", "\xc0\xaf"), "the author"}}) {  // overlong
        try {
            review.add(b);
            ADD_FAILURE() << what << " was stored";
        } catch (const ReviewError& e) {
            EXPECT_NE(std::string(e.what()).find(std::string(what) + " is not valid UTF-8"), std::string::npos)
                << e.what();
        }
    }
    EXPECT_TRUE(review.list().empty());
}

TEST_F(ReviewFileTest, NamesAreOneLineNotesMayHaveManyAndNothingIsEmpty) {
    const std::string journal_path = writeJournal("drill.db", kDayStartMs);
    ReviewFile review(defaultReviewPath(journal_path), identityOf(journal_path));
    EXPECT_THROW(review.add(bookmark(kDayStartMs, "第一行\n第二行")), ReviewError);
    EXPECT_THROW(review.add(bookmark(kDayStartMs, "  ")), ReviewError);
    EXPECT_THROW(review.add(bookmark(kDayStartMs, "响铃\a")), ReviewError);
    EXPECT_THROW(review.add(bookmark(kDayStartMs, std::string(kMaxBookmarkNameBytes + 1, 'n'))), ReviewError);
    EXPECT_THROW(review.add(bookmark(-1, "1970 年前")), ReviewError);
    EXPECT_NO_THROW(review.add(bookmark(kDayStartMs, "Red warning 红色预警", "第一行\r\n第二行\t附注")));
    ASSERT_EQ(review.list().size(), 1u);
    EXPECT_EQ(review.list()[0].note, "第一行\r\n第二行\t附注");
}

TEST(DefaultReviewPath, BesideTheJournal) {
    EXPECT_EQ(defaultReviewPath("/var/lib/wallconsole/journal.db"), "/var/lib/wallconsole/journal.review.db");
    EXPECT_EQ(defaultReviewPath("drill-0715"), "drill-0715.review.db");
    EXPECT_EQ(defaultReviewPath("x.sqlite"), "x.sqlite.review.db");
    EXPECT_EQ(defaultReviewPath(".db"), ".db.review.db");
}

} // namespace
} // namespace wall::review
