#pragma once
// A scratch directory for one test, removed when the test ends.

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace wall::layouts::test_support {

struct TempDir {
    std::filesystem::path path;  ///< unique per process and instance

    TempDir() {
        static std::atomic<int> counter{0};
        path = std::filesystem::temp_directory_path() /
               ("layouts_tests_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    /// @brief Writes `text` to path/relative (creating folders) and returns the full path.
    std::filesystem::path write(const std::string& relative, const std::string& text) const {
        const auto file = path / relative;
        std::filesystem::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
        return file;
    }
};

}  // namespace wall::layouts::test_support
