#pragma once
// The one error type of layouts/: a refused wall or layout file, saying where.

#include <stdexcept>
#include <string>

namespace wall::layouts {

/// A wall or layout file that was refused. what() reads
/// "file:line: region 'name': message" (parts that are unknown are left out; a
/// TOML syntax error also carries the column: "file:line:col: message").
struct LayoutError : std::runtime_error {
    std::string file;     ///< path (or label) of the refused file
    int line = 0;         ///< 1-based line of the problem; 0 when it concerns the whole file
    int column = 0;       ///< 1-based column; only set for TOML syntax errors
    std::string region;   ///< region name; empty when the problem is not inside a region
    std::string message;  ///< what is wrong, without the location prefix

    LayoutError(std::string file, int line, std::string region, std::string message, int column = 0);

    /// @brief "file:line[:col]: [region 'x': ]" — the location prefix of what().
    static std::string formatWhat(const std::string& file, int line, int column, const std::string& region,
                                  const std::string& message);
};

}  // namespace wall::layouts
