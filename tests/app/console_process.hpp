// Runs the real wallconsole binary headless for a test, with its own journal
// and ports, and reads back what it wrote (screenshot, stats).
#pragma once

#include <sys/types.h>

#include "render/rgba_image.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace wall::test {

struct ConsoleRun {
    int exit_code = -1;
    render::RgbaImage screenshot;
    nlohmann::json stats;
    std::string log;   // stdout+stderr of the console
};

/// A temp folder for one test, removed at the end.
struct TempDir {
    TempDir();
    ~TempDir();
    std::filesystem::path path;
};

/// @brief A free TCP port on 127.0.0.1 (bound and released; good enough for tests).
int freePort();

/// @brief Runs wallconsole --headless with `args` plus --journal/--router/--pub/--screenshot/--stats in `dir`,
/// unpaced (as fast as it draws) unless `paced` (the wall's refresh: a long run that should not take a core).
ConsoleRun runConsole(const TempDir& dir, const std::vector<std::string>& args, bool paced = false);

/// The same headless run as runConsole (but paced at the wall's refresh), in the background until stop().
class ConsoleProcess {
public:
    /// @brief Starts wallconsole as runConsole would (returns at once; the console binds shortly after).
    ConsoleProcess(const TempDir& dir, const std::vector<std::string>& args);
    /// @brief Kills a console that was not stopped.
    ~ConsoleProcess();
    ConsoleProcess(const ConsoleProcess&) = delete;
    ConsoleProcess& operator=(const ConsoleProcess&) = delete;
    /// @brief SIGTERM (the console writes its stats and screenshot on the way out), waits, collects the run.
    ConsoleRun stop();

private:
    const TempDir& dir_;
    pid_t pid_ = -1;
};

/// @brief True when an X display is available (the suite runs under xvfb-run in scripts/test).
bool haveDisplay();

} // namespace wall::test
