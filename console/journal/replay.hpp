// Applying one journal record to a State: shared by recoverState (recover.cpp)
// and the salvage of a damaged journal (salvage.cpp). Internal to wall_journal.
#pragma once

#include "journal/journal.hpp"

#include <string>

namespace wall::journal {

/// @brief Parses record and applies it to state; false (with why) when it no longer parses.
bool replayRecord(State& state, const Record& record, std::string& why);

} // namespace wall::journal
