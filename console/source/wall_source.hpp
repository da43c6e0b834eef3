// The seam between the wall and wherever its data comes from. The frame loop
// and the panels depend on this interface alone, so the wall draws the same way
// whatever drives it:
//   - the live console (console/core: ingest worker + journal + the console's deciders);
//   - a journal replay on a timeline clock (nothing is journaled again, intents are refused);
//   - a follower of a remote authority, for the render PCs of a multi-node wall.
// Every method is called from the wall's one thread (the GL thread); an
// implementation hands over between its own threads behind it.
#pragma once

#include "model/model.hpp"
#include "model/rules.hpp"
#include "source/replay_control.hpp"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace wall::source {

/// What the source would have the wall say about its health, worst first.
struct SourceHealth {
    enum class Fault {
        None,
        Journal,           // the record is at risk: a journal write failed, or the journal was found damaged
        Ingest,            // messages are not getting in: the worker stopped, a feed lost its sequence
        CallTableMissing,  // no 叫应 table configured: warnings would reach no one
    };
    Fault fault = Fault::None;
    std::string detail;    // what and where, for the status bar (after the fault's own words)
};

/// Fixed facts of a source, read once when the wall starts.
struct SourceInfo {
    bool demo = false;              // the data is made up (演示数据): the wall must say so
    bool replay = false;            // a replay of a journal (复盘): the wall must never pass for the live one
    std::string journal;            // the journal the source reads or writes (a review opens it in a replay)
};

class WallSource {
public:
    virtual ~WallSource() = default;

    /// @brief The state to draw first (recovered from the journal, or a replay's starting point). Called once.
    virtual State startState() = 0;
    /// @brief Appends events committed since the last call, in order; false when there were none.
    virtual bool drainCommitted(std::vector<Event>& out) = 0;
    /// @brief After a jump (a replay's seek): the whole state to draw from now on, replacing the wall's
    /// replica; the next drainCommitted continues from it. False when there was no jump since the last call.
    virtual bool takeJump(State& into) { (void)into; return false; }
    /// @brief Posts an operator's intent (an ack, a layout switch...) to the authority, which completes,
    /// journals and applies it; it returns through drainCommitted. False when refused (full, or a
    /// source that takes no intents, such as a replay). Never blocks.
    virtual bool postIntent(EventBody intent) = 0;
    /// @brief The source's clock: countdowns, 已超时, durations, the status-bar clock and the blink phase all read it.
    virtual TimeMs nowMs() const = 0;
    /// @brief The worst standing fault now.
    virtual SourceHealth health() const = 0;
    /// @brief The rules the wall draws with (SOP checklists, flood thresholds, sounds).
    virtual const ConsoleRules& rules() const = 0;
    virtual SourceInfo info() const = 0;
    /// @brief Adds the source's own figures to the --stats report (counters, journal, feeds).
    virtual void addStats(nlohmann::json& report) const = 0;
    /// @brief The replay's controls (timeline, seek, play, bookmarks); nullptr for a live source.
    virtual ReplayControl* replay() { return nullptr; }
};

} // namespace wall::source
