// The real wallctl binary on journals written here: `review add` and
// `review bookmarks` leave the journal's bytes alone and read back what they
// stored; `journal state` prints the recovered state; refusals exit non-zero
// with the reason on stderr (exit 2: bad usage, 1: refused).

#include "csv_reader.hpp"
#include "journal/journal_fixture.hpp"
#include "wallctl/journal_state.hpp"
#include "model/time_text.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <sys/wait.h>

namespace wall::wallctl {
namespace {

using journal::testing::JournalTest;
using journal::testing::kDayStartMs;

struct Ran {
    int exit_code = -1;
    std::string out;  // stdout
    std::string err;  // stderr
};

std::string shellQuoted(const std::string& arg) {
    std::string q = "'";
    for (char c : arg) {
        if (c == '\'') q += "'\\''";
        else q += c;
    }
    return q + "'";
}

std::string bytesOf(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class WallctlCli : public JournalTest {
protected:
    Ran wallctl(const std::vector<std::string>& args) {
        std::string command = shellQuoted(WALLCTL_BIN);
        for (const auto& a : args) command += " " + shellQuoted(a);
        const std::string err_file = file("stderr.txt");
        command += " 2>" + shellQuoted(err_file);
        Ran r;
        FILE* pipe = ::popen(command.c_str(), "r");
        if (!pipe) return r;
        char buf[4096];
        size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) r.out.append(buf, n);
        const int status = ::pclose(pipe);
        r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        r.err = bytesOf(err_file);
        return r;
    }

    /// @brief A journal of 21 scenario events, one a second from first_ms (08:00:00 to 08:00:20 by default).
    std::string writeJournal(const std::string& name, TimeMs first_ms = kDayStartMs) {
        const std::string path = file(name);
        journal::Journal j(path);
        auto s = journal::testing::makeScenario(21, first_ms, 1000);
        j.appendBatch(s.records);
        return path;
    }
};

TEST_F(WallctlCli, AddedBookmarksListAsCsvAndTheJournalKeepsItsBytes) {
    const std::string journal_path = writeJournal("drill.db");
    const std::string before = bytesOf(journal_path);

    // No review file yet: an empty list, and none created.
    Ran none = wallctl({"review", "bookmarks", "--journal", journal_path, "--format", "csv"});
    EXPECT_EQ(none.exit_code, 0) << none.err;
    EXPECT_NE(none.err.find("no review file"), std::string::npos) << none.err;
    EXPECT_FALSE(std::filesystem::exists(file("drill.review.db")));

    const std::string note = "西坑村, 南庙村：\"立即转移\"\n已叫应";
    Ran add = wallctl({"review", "add", "--journal", journal_path, "--at", "2026-07-15 08:00:05", "--name",
                       "红色预警发布", "--note", note, "--author", "王晓燕"});
    ASSERT_EQ(add.exit_code, 0) << add.err;
    EXPECT_NE(add.out.find("bookmark #1"), std::string::npos) << add.out;
    ASSERT_EQ(wallctl({"review", "add", "-j", journal_path, "--at", std::to_string(kDayStartMs + 2000), "--name",
                       "Drill start"})
                  .exit_code,
              0);

    Ran csv = wallctl({"review", "bookmarks", "--journal", journal_path, "--format", "csv"});
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    ASSERT_TRUE(csv.out.starts_with("\xEF\xBB\xBF"));
    std::string error;
    const auto rows = testing::readCsv(std::string_view(csv.out).substr(3), &error);
    ASSERT_TRUE(error.empty()) << error;
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[1][1], "2026-07-15 08:00:02");  // by time: the later-added, earlier bookmark first
    EXPECT_EQ(rows[1][3], "Drill start");
    EXPECT_FALSE(rows[1][5].empty());               // the login name when no --author
    EXPECT_EQ(rows[2][1], "2026-07-15 08:00:05");
    EXPECT_EQ(rows[2][2], std::to_string(kDayStartMs + 5000));
    EXPECT_EQ(rows[2][3], "红色预警发布");
    EXPECT_EQ(rows[2][4], note);
    EXPECT_EQ(rows[2][5], "王晓燕");

    Ran json = wallctl({"review", "bookmarks", "--journal", journal_path, "--format", "json"});
    ASSERT_EQ(json.exit_code, 0) << json.err;
    EXPECT_EQ(nlohmann::json::parse(json.out).at("bookmarks").at(1).at("note"), note);

    EXPECT_EQ(bytesOf(journal_path), before);
}

TEST_F(WallctlCli, RefusalsExitNonZeroWithTheReason) {
    const std::string drill_a = writeJournal("a.db");
    const std::string drill_b = writeJournal("b.db", kDayStartMs + 3'600'000);
    ASSERT_EQ(wallctl({"review", "add", "--journal", drill_a, "--at", "2026-07-15 08:00:01", "--name", "A"}).exit_code, 0);

    Ran other = wallctl({"review", "bookmarks", "--journal", drill_b, "--review-file", file("a.review.db")});
    EXPECT_EQ(other.exit_code, 1);
    EXPECT_NE(other.err.find("belongs to another journal"), std::string::npos) << other.err;

    Ran outside = wallctl({"review", "add", "--journal", drill_a, "--at", "2026-07-15 09:00", "--name", "太晚"});
    EXPECT_EQ(outside.exit_code, 2);
    EXPECT_NE(outside.err.find("after the last event"), std::string::npos) << outside.err;

    Ran gbk = wallctl({"review", "add", "--journal", drill_a, "--at", "2026-07-15 08:00:01", "--name", "\xba\xec"});
    EXPECT_EQ(gbk.exit_code, 1);
    EXPECT_NE(gbk.err.find("not valid UTF-8"), std::string::npos) << gbk.err;

    Ran no_journal = wallctl({"review", "bookmarks", "--journal", file("missing.db")});
    EXPECT_EQ(no_journal.exit_code, 2);
    EXPECT_NE(no_journal.err.find("no journal at"), std::string::npos) << no_journal.err;
    EXPECT_FALSE(std::filesystem::exists(file("missing.db")));
}

TEST_F(WallctlCli, JournalStatePrintsTheRecoveredState) {
    const std::string journal_path = writeJournal("drill.db");
    const TimeMs at = kDayStartMs + 10'000;
    Ran ran = wallctl({"journal", "state", "--journal", journal_path, "--at", "2026-07-15T08:00:10"});
    ASSERT_EQ(ran.exit_code, 0) << ran.err;
    const auto doc = nlohmann::json::parse(ran.out);
    journal::Journal j(journal_path, journal::OpenMode::ExistingReadOnly);
    const journal::Recovered recovered = journal::recoverState(j, at);
    EXPECT_EQ(doc.at("state_hash"), stateHashText(stateHash(recovered.state)));
    EXPECT_EQ(doc.at("journal_id"), recovered.last_id);
    EXPECT_EQ(doc.at("at_ms"), at);
    ASSERT_EQ(doc.at("alarms").size(), recovered.state.alarms.size());
    for (const auto& a : doc.at("alarms"))
        EXPECT_EQ(a.at("state"), toWire(alarmState(recovered.state.alarms.at(a.at("id")))));

    // The journal path as the other journal subcommands take it: positional.
    EXPECT_EQ(wallctl({"journal", "state", journal_path, "--at", std::to_string(at), "--pretty"}).exit_code, 0);
}

TEST_F(WallctlCli, JournalStateRefusesTimesOutsideOrMalformed) {
    const std::string journal_path = writeJournal("drill.db");
    Ran before = wallctl({"journal", "state", "--journal", journal_path, "--at", "2026-07-14"});
    EXPECT_EQ(before.exit_code, 2);
    EXPECT_NE(before.err.find("before the first event"), std::string::npos) << before.err;
    EXPECT_NE(before.err.find("2026-07-15T08:00:00.000+08:00"), std::string::npos) << before.err;  // first
    EXPECT_NE(before.err.find("2026-07-15T08:00:20.000+08:00"), std::string::npos) << before.err;  // last
    EXPECT_TRUE(before.out.empty());

    Ran malformed = wallctl({"journal", "state", "--journal", journal_path, "--at", "2026-07-15T25:00"});
    EXPECT_EQ(malformed.exit_code, 2);
    EXPECT_NE(malformed.err.find("hour 25 is out of range 00..23"), std::string::npos) << malformed.err;
}

} // namespace
} // namespace wall::wallctl
