// wallconsole and wallctl find the same journal and rules file because both ask
// these functions; the XDG rules say an empty variable counts as unset.
#include "base/xdg_paths.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <string>

namespace wall {
namespace {

// Sets (or unsets) an environment variable for one test and restores it after.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        if (value) ::setenv(name, value, 1);
        else ::unsetenv(name);
    }
    ~ScopedEnv() {
        if (old_) ::setenv(name_, old_->c_str(), 1);
        else ::unsetenv(name_);
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* name_;                ///< the variable
    std::optional<std::string> old_;  ///< its value before, if it had one
};

TEST(XdgPaths, StateHomeWhenSet) {
    ScopedEnv state("XDG_STATE_HOME", "/srv/state");
    EXPECT_EQ(defaultJournalPath(), "/srv/state/wallconsole/journal.db");
    EXPECT_EQ(defaultJournalPath("demo-journal.db"), "/srv/state/wallconsole/demo-journal.db");
}

TEST(XdgPaths, HomeWhenUnsetOrEmpty) {
    ScopedEnv home("HOME", "/home/duty");
    for (const char* value : {static_cast<const char*>(nullptr), ""}) {
        ScopedEnv state("XDG_STATE_HOME", value);
        ScopedEnv config("XDG_CONFIG_HOME", value);
        EXPECT_EQ(stateFilePath("journal.db"), "/home/duty/.local/state/wallconsole/journal.db");
        EXPECT_EQ(configFilePath("rules.toml"), "/home/duty/.config/wallconsole/rules.toml");
    }
}

TEST(XdgPaths, NoHomeAtAll) {
    ScopedEnv home("HOME", nullptr);
    ScopedEnv state("XDG_STATE_HOME", nullptr);
    ScopedEnv config("XDG_CONFIG_HOME", nullptr);
    EXPECT_EQ(configFilePath("rules.toml"), "/etc/wallconsole/rules.toml");
    EXPECT_EQ(stateFilePath("journal.db"), std::filesystem::temp_directory_path() / "wallconsole" / "journal.db");
}

}  // namespace
}  // namespace wall
