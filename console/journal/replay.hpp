// Journal records as events: parsing a record back into the Event it was, and
// applying it to a State. Shared by recoverState (recover.cpp), the salvage of a
// damaged journal (salvage.cpp) and the replay source (console/replay).
#pragma once

#include "journal/journal.hpp"

#include <string>

namespace wall::journal {

/// @brief Parses record into the event it journaled; false (with why) when it no longer parses.
bool eventOfRecord(const Record& record, Event& out, std::string& why);

/// @brief Parses record and applies it to state; false (with why) when it no longer parses.
bool replayRecord(State& state, const Record& record, std::string& why);

} // namespace wall::journal
