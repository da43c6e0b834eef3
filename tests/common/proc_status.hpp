// One reader of /proc/<pid>/status for the tests and benchmarks that watch a
// process's memory (leak tests, the oversize test, the streams benchmark), and
// of per-thread CPU time (the streams benchmark splits decode, GL and llvmpipe).
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
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

/// @brief CPU seconds (user + system) of every live thread of the process, by thread id, with its name.
struct ThreadCpu { std::string name; double seconds = 0; };
inline std::map<long, ThreadCpu> threadCpu(const std::string& pid = "self") {
    std::map<long, ThreadCpu> out;
    const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
    std::error_code ec;
    for (const auto& task : std::filesystem::directory_iterator("/proc/" + pid + "/task", ec)) {
        std::ifstream stat(task.path() / "stat");
        std::string line;
        if (!std::getline(stat, line)) continue;  // the thread ended meanwhile
        // "tid (name) state ..." — the name may hold spaces: cut at the last ')'.
        const auto open = line.find('('), close = line.rfind(')');
        if (open == std::string::npos || close == std::string::npos) continue;
        std::istringstream rest(line.substr(close + 2));
        std::string field;
        double utime = 0, stime = 0;
        for (int i = 3; i <= 15 && rest >> field; ++i) {
            if (i == 14) utime = std::stod(field);
            if (i == 15) stime = std::stod(field);
        }
        out[std::stol(line.substr(0, open))] = {line.substr(open + 1, close - open - 1), (utime + stime) / ticks};
    }
    return out;
}

} // namespace wall::testing
