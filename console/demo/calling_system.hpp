// The demo's stand-in for a county calling / voice system (叫应平台): it
// subscribes to the console's outbound feed, "dials" every callresponse.call
// it sees, and answers most of them after a plausible delay. Some first-tier
// calls are never answered, so the wall shows a warning escalating to the
// supervising level (谁主管谁叫应). Deterministic: the same call always gets
// the same fate.
#pragma once

#include "model/model.hpp"

#include <memory>
#include <string>
#include <vector>

namespace wall::demo {

class DemoCallingSystem {
public:
    /// @brief Connects a SUB socket to the console's PUB endpoint (topic "callresponse.call").
    explicit DemoCallingSystem(const std::string& feed_endpoint);
    ~DemoCallingSystem();
    DemoCallingSystem(const DemoCallingSystem&) = delete;
    DemoCallingSystem& operator=(const DemoCallingSystem&) = delete;

    /// @brief Reads the calls published so far (never blocks) and returns the answers due by now_ms.
    std::vector<CallAnswer> poll(TimeMs now_ms);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace wall::demo
