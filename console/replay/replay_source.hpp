// 复盘: the wall as it was, from a journal opened read-only. A WallSource whose
// clock is the timeline's: the wall draws the state at the replay time exactly
// as the live wall drew it then, and takes no intents. Behind it, on threads of
// its own, one pass over the range lays out the timeline and keeps in-memory
// snapshots (so a seek is a snapshot plus a few thousand events), and a reader
// keeps parsed events a little ahead of the clock while it plays.
//
// Thread contract: every WallSource and ReplayControl method is called from the
// wall's one thread (the GL thread).
#pragma once

#include "source/wall_source.hpp"

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace wall::replay {

/// A replay that cannot open: the journal is missing, empty, or a time lies outside it (the message names its range).
struct ReplayError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct ReplayOptions {
    std::string journal;                  // the journal file; opened read-only, its bytes never change
    std::optional<TimeMs> at;             // start position; default: the range's start
    std::optional<TimeMs> from, to;       // the range on the timeline; default: the whole journal
    double last_hours = 0;                // without `from`: the range starts this long before the journal's end
    double speed = 1.0;                   // play speed, 0.25 .. 64
    bool play = false;                    // start playing (otherwise paused at `at`)
    std::string rules;                    // rules file the wall draws with; empty = chosen as the live console would
    std::string review_file;              // reviewers' bookmarks; empty = JOURNAL.review.db
    std::string author;                   // who adds bookmarks; empty = the login name
    size_t snapshot_budget_bytes = size_t{512} << 20; // in-memory snapshots beyond this are thinned
};

class ReplaySource final : public source::WallSource, public source::ReplayControl {
public:
    /// @brief Opens the journal read-only and checks the times. Throws ReplayError naming what is wrong.
    explicit ReplaySource(ReplayOptions options);
    ~ReplaySource() override;
    ReplaySource(const ReplaySource&) = delete;
    ReplaySource& operator=(const ReplaySource&) = delete;

    /// @brief Blocks until the one pass over the range (snapshots, timeline) is done. For tests and benchmarks.
    void waitUntilIndexed();

    // source::WallSource
    State startState() override;
    bool drainCommitted(std::vector<Event>& out) override;
    bool takeJump(State& into) override;
    bool postIntent(EventBody intent) override;
    TimeMs nowMs() const override;
    source::SourceHealth health() const override;
    const ConsoleRules& rules() const override;
    source::SourceInfo info() const override;
    void addStats(nlohmann::json& report) const override;
    source::ReplayControl* replay() override { return this; }

    // source::ReplayControl
    TimeMs atMs() const override;
    TimeMs fromMs() const override;
    TimeMs toMs() const override;
    bool playing() const override;
    bool seeking() const override;
    double speed() const override;
    source::LoopMode loop() const override;
    const source::Timeline& timeline() const override;
    const std::vector<source::Bookmark>& bookmarks() const override;
    void seek(TimeMs at) override;
    void setPlaying(bool playing) override;
    void setSpeed(double speed) override;
    void setLoop(source::LoopMode mode) override;
    bool addBookmark(TimeMs at, const std::string& name, const std::string& note) override;
    std::string lastError() const override;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// @brief "日志记录从 2026-07-15 14:05:09 到 2026-07-15 18:00:00 (UTC+8)": a journal's range for error messages.
std::string describeRange(TimeMs first_ms, TimeMs last_ms);

} // namespace wall::replay
