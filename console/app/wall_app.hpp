// The wall console as one program: the live console core (ingest, journal, the
// console's decisions) as the data source of the wall view that draws it.
#pragma once

#include "app_options.hpp"

#include <memory>
#include <string>

namespace wall::app {

class WallApp {
public:
    explicit WallApp(AppOptions options);
    ~WallApp();
    WallApp(const WallApp&) = delete;
    WallApp& operator=(const WallApp&) = delete;

    /// @brief Runs the frame loop until --frames, window close, or SIGINT/SIGTERM. Returns the exit code.
    int run();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace wall::app
