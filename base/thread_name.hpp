#pragma once
// Every thread of the console carries a name (top -H, gdb, perf and the
// architecture page's thread table all use it).

#include <string_view>

namespace wall {

/// @brief Names the calling thread. Linux keeps 15 bytes, so a longer name is cut at a UTF-8 character boundary.
void nameThisThread(std::string_view name);

}  // namespace wall
