// LayoutLibrary: the console's set of switchable layouts. The point of this
// group is that a bad edit never takes the wall down: the last good layout stays.
#include "layouts/layout_library.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace wall::layouts {
namespace {

namespace fs = std::filesystem;

// A private copy of the shipped assets, so tests can break files freely.
struct AssetCopy {
    test_support::TempDir dir;
    AssetCopy() { fs::copy(defaultAssetDir(), dir.path, fs::copy_options::recursive); }
    fs::path layout(const std::string& name) const { return dir.path / "layouts" / (name + ".toml"); }
    // Writes a file and moves its time forward, so reloadChanged() sees it without sleeping.
    void rewrite(const fs::path& path, const std::string& text) const {
        const auto before = fs::last_write_time(path);
        std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
        fs::last_write_time(path, before + std::chrono::seconds(5));
    }
};

const char* kSmallLayout = R"(name = "small"
title = "小屏"
hotkey = "F4"
[[region]]
name = "alarms"
view = "alarm_board"
x = 0
y = 0
w = 1
h = 1
)";

TEST(LayoutLibrary, OpensWallAndAllPresets) {
    const LayoutLibrary library = LayoutLibrary::open("3x4");
    EXPECT_EQ(library.wall.name, "3x4");
    EXPECT_TRUE(library.load_errors.empty());
    ASSERT_GE(library.layouts.size(), 3u);
    EXPECT_EQ(library.names()[0], "duty");
    EXPECT_EQ(library.defaultLayout()->name, "duty");
    ASSERT_NE(library.findByHotkey(2), nullptr);
    EXPECT_EQ(library.findByHotkey(2)->title, "会商模式");
    EXPECT_EQ(library.findByHotkey(9), nullptr);
    EXPECT_EQ(library.find("review")->hotkey, 3);
    EXPECT_EQ(library.find("nope"), nullptr);
}

TEST(LayoutLibrary, BadWallIsRefused) {
    EXPECT_THROW(LayoutLibrary::open("9x9"), LayoutError);
}

TEST(LayoutLibrary, BadReloadKeepsTheLastGoodLayout) {
    AssetCopy assets;
    LayoutLibrary library = LayoutLibrary::open("3x4", assets.dir.path);
    const auto before = library.find("duty");
    ASSERT_NE(before, nullptr);

    assets.rewrite(assets.layout("duty"), "name = \"duty\"\nhotkey = \"F1\"\n[[region]]\nname = \"m\"\n"
                                          "view = \"risk_map\"\nx = 0\ny = 0\nw = 1\nh = 1\n");
    const auto error = library.reload("duty");
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->file, assets.layout("duty").string());
    EXPECT_EQ(error->line, 5);
    EXPECT_EQ(error->region, "m");
    EXPECT_EQ(library.find("duty"), before) << "the last good layout must stay";
    EXPECT_EQ(library.defaultLayout(), before);

    // Fixed file: the reload is taken.
    assets.rewrite(assets.layout("duty"), "name = \"duty\"\ntitle = \"值班模式\"\nhotkey = \"F1\"\ndefault = true\n"
                                          "[[region]]\nname = \"a\"\nview = \"alarm_board\"\nx = 0\ny = 0\nw = 1\nh = 1\n");
    EXPECT_FALSE(library.reload("duty").has_value());
    const auto after = library.find("duty");
    ASSERT_NE(after, nullptr);
    EXPECT_NE(after, before);
    EXPECT_EQ(after->regions.size(), 1u);
    // A holder of the old layout still has valid data.
    EXPECT_GT(before->regions.size(), 1u);
}

TEST(LayoutLibrary, ReloadChangedPicksUpEditsAndReportsRefusals) {
    AssetCopy assets;
    LayoutLibrary library = LayoutLibrary::open("1x1", assets.dir.path);
    EXPECT_TRUE(library.reloadChanged().empty()) << "nothing changed yet";
    const auto review = library.find("review");

    assets.rewrite(assets.layout("review"), "name = \"review\"\nhotkey = \"F3\"\n[[region]]\n");
    const auto errors = library.reloadChanged();
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].file, assets.layout("review").string());
    EXPECT_EQ(library.find("review"), review);
    EXPECT_TRUE(library.reloadChanged().empty()) << "a refused file is not refused again every frame";
}

TEST(LayoutLibrary, ReloadChangedRetriesRefusedFilesAndFindsNewOnes) {
    AssetCopy assets;
    const auto bad = assets.dir.write("layouts/zz_extra.toml", "name = \"extra\"\nhotkey = \"F5\"\n");
    LayoutLibrary library = LayoutLibrary::open("3x4", assets.dir.path);
    ASSERT_EQ(library.load_errors.size(), 1u);
    EXPECT_EQ(library.refused.count(bad), 1u);
    EXPECT_TRUE(library.reloadChanged().empty()) << "an unchanged refused file is not retried";

    assets.rewrite(bad, std::string("name = \"extra\"\nhotkey = \"F5\"\n") + "[[region]]\nname = \"a\"\n"
                                                                           "view = \"task_board\"\nx = 0\ny = 0\nw = 1\nh = 1\n");
    EXPECT_TRUE(library.reloadChanged().empty());
    ASSERT_NE(library.find("extra"), nullptr);
    EXPECT_EQ(library.findByHotkey(5)->name, "extra");
    EXPECT_TRUE(library.refused.empty());

    assets.dir.write("layouts/later.toml", std::string(kSmallLayout));
    EXPECT_TRUE(library.reloadChanged().empty());
    ASSERT_NE(library.find("small"), nullptr);
    EXPECT_EQ(library.names(), (std::vector<std::string>{"duty", "consultation", "review", "small", "extra"}));
}

TEST(LayoutLibrary, DuplicateHotkeyIsRefused) {
    AssetCopy assets;
    LayoutLibrary library = LayoutLibrary::open("2x2", assets.dir.path);
    const auto path = assets.dir.write("extra/other.toml", "name = \"other\"\ntitle = \"其他\"\nhotkey = \"F1\"\n"
                                                           "[[region]]\nname = \"a\"\nview = \"alarm_board\"\n"
                                                           "x = 0\ny = 0\nw = 1\nh = 1\n");
    const size_t count = library.layouts.size();
    const auto error = library.loadFile(path);
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->file, path.string());
    EXPECT_EQ(error->line, 3);
    EXPECT_NE(error->message.find("duplicate hotkey F1: layout 'duty'"), std::string::npos) << error->what();
    EXPECT_EQ(library.layouts.size(), count);
    EXPECT_EQ(library.findByHotkey(1)->name, "duty");
}

TEST(LayoutLibrary, DuplicateHotkeyAmongPresetsIsReportedAtOpen) {
    AssetCopy assets;
    assets.dir.write("layouts/zz_clash.toml", "name = \"clash\"\nhotkey = \"F2\"\n[[region]]\nname = \"a\"\n"
                                              "view = \"alarm_board\"\nx = 0\ny = 0\nw = 1\nh = 1\n");
    const LayoutLibrary library = LayoutLibrary::open("1x1", assets.dir.path);
    ASSERT_EQ(library.load_errors.size(), 1u);
    EXPECT_EQ(library.load_errors[0].line, 2);
    EXPECT_EQ(library.find("clash"), nullptr);
    EXPECT_EQ(library.findByHotkey(2)->name, "consultation");

    std::vector<LayoutError> errors;
    const auto presets = listPresets(assets.dir.path, &errors);
    EXPECT_EQ(errors.size(), 1u);
    EXPECT_EQ(presets.size(), 3u);
}

TEST(LayoutLibrary, BadPresetAtOpenIsSkippedOthersLoad) {
    AssetCopy assets;
    assets.rewrite(assets.layout("review"), "name = \"review\"\n[[region]\n");
    const LayoutLibrary library = LayoutLibrary::open("3x4", assets.dir.path);
    ASSERT_EQ(library.load_errors.size(), 1u);
    EXPECT_NE(library.load_errors[0].message.find("TOML syntax error"), std::string::npos);
    EXPECT_EQ(library.find("review"), nullptr);
    EXPECT_NE(library.find("duty"), nullptr);
    EXPECT_NE(library.find("consultation"), nullptr);
}

TEST(LayoutLibrary, FindOrLoadTakesANameOrAPath) {
    test_support::TempDir dir;
    LayoutLibrary library = LayoutLibrary::open("1x1");
    EXPECT_EQ(library.findOrLoad("consultation")->hotkey, 2);
    const auto path = dir.write("small.toml", kSmallLayout);
    const auto small = library.findOrLoad(path.string());
    ASSERT_NE(small, nullptr);
    EXPECT_EQ(small->name, "small");
    EXPECT_EQ(library.findByHotkey(4), small);
    EXPECT_EQ(library.names().back(), "small");
    EXPECT_THROW(library.findOrLoad("no_such_layout"), LayoutError);
}

TEST(LayoutLibrary, ReloadOfAnUnknownNameIsAnError) {
    LayoutLibrary library = LayoutLibrary::open("1x1");
    const auto error = library.reload("nope");
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->message.find("'nope'"), std::string::npos);
}

}  // namespace
}  // namespace wall::layouts
