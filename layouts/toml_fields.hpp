#pragma once
// The one TOML field reader of the project: typed fields out of toml++ tables,
// every problem a LayoutError with file, line and region. Walls, layouts and the
// alarm rules file (console/config) all read through it, so their messages agree.
// It names toml++ types: include it from .cpp files only, and link toml++
// yourself (wall_layouts keeps it PRIVATE, so users of walls and layouts never see it).

#include "layouts/layout_error.hpp"

#include <toml++/toml.h>

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wall::layouts {

/// @brief 1-based line where `node` starts, or 0 when toml++ has no source for it.
int lineOf(const toml::node& node);

/// @brief Parses TOML text; a syntax error becomes LayoutError with file:line:col.
toml::table parseToml(std::string_view text, const std::string& file);

/// @brief Whole file as text; LayoutError when it cannot be read.
std::string readTextFile(const std::filesystem::path& path);

/// Typed, checked access to one TOML table. Every getter throws LayoutError naming
/// the key's line (or the table's line when the key is missing) and the region.
struct FieldReader {
    const toml::table& table;  ///< the table being read
    std::string file;          ///< for messages
    std::string region;        ///< region name for messages; empty outside regions
    int table_line = 0;        ///< line of the table header; used when a key is missing

    /// @brief Line of `key`'s value, else table_line.
    int lineOfKey(std::string_view key) const;
    [[noreturn]] void fail(int line, const std::string& message) const;
    [[noreturn]] void failKey(std::string_view key, const std::string& message) const;

    bool has(std::string_view key) const { return table.contains(key); }
    std::optional<std::string> string(std::string_view key) const;
    std::string requireString(std::string_view key) const;
    std::optional<int64_t> integer(std::string_view key) const;
    int64_t requireInteger(std::string_view key) const;
    /// @brief Integer or float value as double.
    std::optional<double> number(std::string_view key) const;
    double requireNumber(std::string_view key) const;
    std::optional<bool> boolean(std::string_view key) const;
    std::optional<std::vector<std::string>> stringList(std::string_view key) const;
    std::optional<std::vector<int64_t>> integerList(std::string_view key) const;
    /// @brief Sub-table, or nullptr when absent; LayoutError when `key` is not a table.
    const toml::table* subTable(std::string_view key) const;
    /// @brief Refuses the first key not in `allowed` ("unknown key 'x'"), with a hint when it is close to one.
    void rejectUnknownKeys(std::initializer_list<std::string_view> allowed, std::string_view where) const;
    /// @brief Integer within [lo, hi]; absent → fallback.
    int64_t integerInRange(std::string_view key, int64_t lo, int64_t hi, int64_t fallback) const;
};

}  // namespace wall::layouts
