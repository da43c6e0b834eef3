// The rules file (config/rules_file.hpp): the demo's assets/demo/rules.toml
// loads with every section, the shipped defaults name nobody, which file a
// start picks, and each kind of bad file is refused with "file:line: key:
// what", pointing at the line at fault.
#include "config/rules_file.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <unistd.h>

namespace wall::config {
namespace {

std::filesystem::path writeTemp(const std::string& text) {
    static int counter = 0;
    auto path = std::filesystem::temp_directory_path() /
                ("wall-rules-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".toml");
    std::ofstream(path) << text;
    return path;
}

/// The error text of loading `text`, or "" when it loaded.
std::string errorOf(const std::string& text) {
    const auto path = writeTemp(text);
    std::string what;
    try {
        loadRules(path);
    } catch (const RulesError& e) {
        what = e.what();
    }
    std::filesystem::remove(path);
    if (!what.empty()) {
        // Strip the temp path so the expectations read "LINE: ...".
        const auto colon = what.find(".toml:");
        if (colon != std::string::npos) what = what.substr(colon + 6);
    }
    return what;
}

TEST(RulesFile, TheShippedDefaultsNameNobody) {
    const ConsoleRules r = loadRules(std::filesystem::path(WALL_ASSET_DIR_FOR_TESTS) / "rules.toml");
    EXPECT_EQ(r.call_response.min_level, WarningLevel::Orange);
    EXPECT_EQ(r.call_response.deadline_s, (std::array<int, 4>{300, 600, 1800, 3600}));
    EXPECT_TRUE(r.call_response.grid.empty()) << "a real watch must never dial made-up people";
    EXPECT_TRUE(r.linkage.empty());
    EXPECT_TRUE(r.out_of_service.empty());
    EXPECT_EQ(r.flood.flood_count, 10);
}

TEST(RulesFile, AStartPicksTheCentresFileAndSaysWhenThereIsNone) {
    const auto config_home = std::filesystem::temp_directory_path() / ("wall-rules-home-" + std::to_string(::getpid()));
    std::filesystem::remove_all(config_home);
    ::setenv("XDG_CONFIG_HOME", config_home.c_str(), 1);
    const RulesChoice none = chooseRules("", false);
    EXPECT_EQ(none.path, defaultRulesPath());
    EXPECT_NE(none.call_table_fault.find((config_home / "wallconsole" / "rules.toml").string()), std::string::npos)
        << none.call_table_fault;
    EXPECT_NE(callTableFault(none, loadRules(none.path)), "");

    EXPECT_EQ(chooseRules("", true).path, demoRulesPath());
    EXPECT_EQ(callTableFault(chooseRules("", true), loadRules(demoRulesPath())), "");

    std::filesystem::create_directories(config_home / "wallconsole");
    std::ofstream(config_home / "wallconsole" / "rules.toml") << "[call_response]\nmin_level = \"red\"\n";
    const RulesChoice site = chooseRules("", false);
    EXPECT_EQ(site.path, siteRulesPath());
    EXPECT_EQ(site.call_table_fault, "");
    EXPECT_NE(callTableFault(site, loadRules(site.path)).find("has no [[call_response.grid]]"), std::string::npos)
        << "a centre's file without a grid still shows the fault";
    EXPECT_EQ(chooseRules("/x/given.toml", false).path, "/x/given.toml");
    std::filesystem::remove_all(config_home);
    ::unsetenv("XDG_CONFIG_HOME");
}

TEST(RulesFile, TheDemoFileLoadsEverySection) {
    const ConsoleRules r = loadRules(demoRulesPath());
    EXPECT_EQ(r.call_response.min_level, WarningLevel::Orange);
    EXPECT_EQ(r.call_response.deadline_s, (std::array<int, 4>{300, 600, 1800, 3600}));
    ASSERT_GE(r.call_response.grid.size(), 10u);
    EXPECT_TRUE(r.call_response.grid[0].township.empty()); // the county first
    bool qinglong_village = false;
    for (const auto& cell : r.call_response.grid)
        if (cell.township == "青龙镇" && cell.village == "青龙村") {
            qinglong_village = true;
            ASSERT_FALSE(cell.persons.empty());
            EXPECT_FALSE(cell.persons[0].name.empty());
            EXPECT_FALSE(cell.persons[0].phone.empty());
        }
    EXPECT_TRUE(qinglong_village);
    EXPECT_EQ(r.flood.flood_count, 10);
    EXPECT_EQ(r.flood.flood_window_s, 600);
    EXPECT_EQ(r.flood.chatter_count, 3);
    EXPECT_EQ(r.flood.chatter_window_s, 60);
    EXPECT_EQ(r.flood.stale_after_s, 24 * 3600);
    ASSERT_FALSE(r.linkage.empty());
    for (const auto& rule : r.linkage) {
        EXPECT_FALSE(rule.cameras.empty());
        EXPECT_TRUE(rule.region == "linkage" || rule.region == "site") << rule.region;
    }
    std::set<std::string> categories;
    for (const auto& sop : r.sop) {
        categories.insert(sop.category);
        EXPECT_GE(sop.steps.size(), 4u) << sop.category;
        EXPECT_LE(sop.steps.size(), 6u) << sop.category;
    }
    for (const char* c : {"reservoir", "rain", "tailings", "fire", "hazchem", "road"}) EXPECT_TRUE(categories.count(c)) << c;
    ASSERT_EQ(r.out_of_service.size(), 1u);
    for (const auto& cmd : r.sound.command) EXPECT_TRUE(cmd.empty());
    EXPECT_EQ(r.shelve.max_minutes, 480);
    EXPECT_EQ(r.shelve.choices_minutes, (std::vector<int>{15, 60, 240}));
}

TEST(RulesFile, AnEmptyFileGivesTheDefaults) {
    const auto path = writeTemp("# nothing\n");
    const ConsoleRules r = loadRules(path);
    std::filesystem::remove(path);
    EXPECT_EQ(r.call_response.min_level, WarningLevel::Yellow);
    EXPECT_EQ(r.flood.flood_count, 10);
}

TEST(RulesFile, AMissingFileNamesItself) {
    try {
        loadRules("/nonexistent/rules.toml");
        FAIL() << "loaded a missing file";
    } catch (const RulesError& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/rules.toml"), std::string::npos) << e.what();
    }
}

TEST(RulesFile, AnUnknownLevelNameIsRefusedAtItsLine) {
    EXPECT_EQ(errorOf("[call_response]\n\nmin_level = \"purple\"\n"),
              "3: call_response.min_level: unknown warning level 'purple' (red, orange, yellow or blue)");
}

TEST(RulesFile, ANegativeOrZeroDeadlineIsRefused) {
    EXPECT_EQ(errorOf("[call_response.deadline_minutes]\nred = 5\norange = -10\n"),
              "3: call_response.deadline_minutes.orange: must be positive, found -10");
    EXPECT_EQ(errorOf("[call_response.deadline_minutes]\nred = 0\n"),
              "2: call_response.deadline_minutes.red: must be positive, found 0");
}

TEST(RulesFile, ADuplicateGridCellIsRefusedAtTheSecondOne) {
    const std::string text = "[[call_response.grid]]\n"
                             "township = \"青龙镇\"\n"
                             "village = \"青龙村\"\n"
                             "persons = [{ name = \"王建军\", phone = \"138-0000-0101\" }]\n"
                             "\n"
                             "[[call_response.grid]]\n"
                             "township = \"青龙镇\"\n"
                             "village = \"青龙村\"\n"
                             "persons = [{ name = \"李秀英\" }]\n";
    EXPECT_EQ(errorOf(text), "6: call_response.grid: duplicate grid cell 青龙镇/青龙村 (first at line 1)");
}

TEST(RulesFile, AGridCellWithoutPersonsIsRefused) {
    EXPECT_EQ(errorOf("[[call_response.grid]]\ntownship = \"青龙镇\"\npersons = []\n"),
              "3: call_response.grid.persons: must be a non-empty list of {name, role, phone}");
}

TEST(RulesFile, ALinkageRuleWithNoCamerasIsRefused) {
    EXPECT_EQ(errorOf("[[linkage]]\nsite = \"青龙水库\"\ncameras = []\n"),
              "3: linkage.cameras: the rule for 青龙水库 has no cameras");
    EXPECT_EQ(errorOf("\n[[linkage]]\ndevice = \"WL-1\"\n"), "2: linkage.cameras: the rule for WL-1 has no cameras");
}

TEST(RulesFile, UnknownKeysAreRefusedByName) {
    EXPECT_EQ(errorOf("[flood]\nflood_count = 10\nflod_window_minutes = 10\n"),
              "3: unknown key 'flod_window_minutes' in [flood] (did you mean 'flood_window_minutes'?)");
    EXPECT_EQ(errorOf("\n\n[alarms]\nx = 1\n"), "3: unknown key 'alarms' at the top level");
    EXPECT_EQ(errorOf("[[sop]]\ncategory = \"fire\"\nsteps = [\"a\"]\nowner = \"林业站\"\n"),
              "4: unknown key 'owner' in [[sop]]");
}

TEST(RulesFile, WrongTypesAndSyntaxErrorsNameTheLine) {
    EXPECT_EQ(errorOf("[flood]\nflood_count = \"ten\"\n"), "2: 'flood_count' must be an integer, found a string");
    EXPECT_NE(errorOf("[flood\n").find("TOML syntax error"), std::string::npos);
}

TEST(RulesFile, ShelveChoicesMustFitTheMaximum) {
    EXPECT_EQ(errorOf("[shelve]\nmax_minutes = 60\nchoices_minutes = [15, 120]\n"),
              "3: shelve.choices_minutes: 120 is outside 1..60 (max_minutes)");
}

TEST(RulesFile, OutOfServiceNeedsADeviceOrACategory) {
    EXPECT_EQ(errorOf("[[out_of_service]]\nreason = \"检修\"\n"),
              "1: out_of_service: an entry needs a device or a category");
}

} // namespace
} // namespace wall::config

namespace wall::config {
namespace {

// ---- [reporting]: the upward-reporting deadline per incident grade.
TEST(RulesFile, ReportingMinutesPerGradeWithAnHourWhereUnset) {
    const auto path = writeTemp("[reporting]\nmajor_minutes = 35\n");
    const ConsoleRules r = loadRules(path);
    std::filesystem::remove(path);
    EXPECT_EQ(r.reporting.larger_min, 60);
    EXPECT_EQ(r.reporting.major_min, 35);
    EXPECT_EQ(r.reporting.especially_min, 60);
    EXPECT_EQ(loadRules(std::filesystem::path(WALL_ASSET_DIR_FOR_TESTS) / "rules.toml").reporting, ReportWindows{});
    const ConsoleRules demo = loadRules(std::filesystem::path(WALL_ASSET_DIR_FOR_TESTS) / "demo" / "rules.toml");
    EXPECT_EQ(demo.reporting, (ReportWindows{60, 35, 30}));
}

TEST(RulesFile, ABadReportingWindowIsRefusedAtItsLine) {
    EXPECT_EQ(errorOf("[reporting]\nlarger_minutes = 60\nmajor_minutes = -35\n"),
              "3: reporting.major_minutes: must be positive, found -35");
    EXPECT_NE(errorOf("[reporting]\nespecially_major_minutes = 30.5\n").find("2: "), std::string::npos);
    EXPECT_NE(errorOf("[reporting]\nespecially_major_minutes = 30.5\n").find("must be an integer"), std::string::npos)
        << errorOf("[reporting]\nespecially_major_minutes = 30.5\n");
    EXPECT_NE(errorOf("[reporting]\nmajor_minutes = \"35\"\n").find("must be an integer"), std::string::npos);
    EXPECT_EQ(errorOf("[reporting]\nmajor = 35\n").empty(), false); // a misspelt key is named, not ignored
}

} // namespace
} // namespace wall::config
