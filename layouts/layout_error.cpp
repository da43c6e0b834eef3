#include "layouts/layout_error.hpp"

namespace wall::layouts {

LayoutError::LayoutError(std::string file_, int line_, std::string region_, std::string message_, int column_)
    : std::runtime_error(formatWhat(file_, line_, column_, region_, message_)),
      file(std::move(file_)),
      line(line_),
      column(column_),
      region(std::move(region_)),
      message(std::move(message_)) {}

std::string LayoutError::formatWhat(const std::string& file, int line, int column, const std::string& region,
                                    const std::string& message) {
    std::string out = file.empty() ? std::string("<layout>") : file;
    if (line > 0) {
        out += ":" + std::to_string(line);
        if (column > 0) out += ":" + std::to_string(column);
    }
    out += ": ";
    if (!region.empty()) out += "region '" + region + "': ";
    out += message;
    return out;
}

}  // namespace wall::layouts
