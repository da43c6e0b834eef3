// What the model tests share: an event as the journal would hand it over.
#pragma once

#include "model/model.hpp"

#include <string>

namespace wall::test {

/// @brief An event received (and sent) at recv_ms, numbered by its time.
inline Event at(TimeMs recv_ms, EventBody body, std::string source = "platform") {
    Event e;
    e.source = std::move(source);
    e.seq = static_cast<uint64_t>(recv_ms);
    e.ts_ms = e.recv_ms = recv_ms;
    e.body = std::move(body);
    return e;
}

} // namespace wall::test
