// One reader of /proc/<pid>/status for the tests and benchmarks that watch a
// process's memory (leak tests, the oversize test, the streams benchmark).
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace wall::testing {

/// @brief A kB figure of /proc/<pid>/status, e.g. "VmRSS" (now) or "VmHWM" (peak); -1 when absent.
inline long procStatusKb(const std::string& key, const std::string& pid = "self") {
    std::ifstream status("/proc/" + pid + "/status");
    std::string line;
    while (std::getline(status, line)) {
        std::istringstream fields(line);
        std::string name;
        long kb = -1;
        fields >> name >> kb;
        if (name == key + ":") return kb;
    }
    return -1;
}

} // namespace wall::testing
