// [SECTION] index: one pass over the range (snapshots; the timeline's record)
// [SECTION] reader: seeks and the events ahead of the clock
// [SECTION] the replay source (GL thread)
#include "replay/replay_source.hpp"

#include "base/thread_name.hpp"
#include "config/rules_file.hpp"
#include "journal/journal.hpp"
#include "journal/replay.hpp"
#include "model/beijing_time.hpp"
#include "model/time_text.hpp"
#include "review/review_file.hpp"
#include "timeline/timeline_builder.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <stop_token>
#include <thread>

namespace wall::replay {

namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr double kMinSpeed = 0.25;
constexpr double kMaxSpeed = 64.0;
// Events parsed ahead of the clock. At 64x a 5,000/s flood is 320,000 events
// a second of wall time: this is a fifth of a second of it.
constexpr size_t kQueueCap = 65536;
constexpr size_t kReadChunk = 2048;
// Playing this far (journal time) behind the clock, the reader jumps instead of catching up event by event.
constexpr TimeMs kCatchUpByJumpMs = 2000;
constexpr int64_t kSnapshotEveryEvents = 2000;

double msSince(SteadyClock::time_point t0) {
    return std::chrono::duration<double, std::milli>(SteadyClock::now() - t0).count();
}

/// Rough bytes a State holds, for the snapshot budget (strings and maps included).
size_t approxStateBytes(const State& s) {
    size_t alarm_bytes = 0;
    for (const auto& [id, a] : s.alarms) alarm_bytes += 600 + a.history.size() * 120 + a.calls.size() * 200;
    return 4096 + alarm_bytes + s.tasks.size() * 400 + s.incidents.size() * 500 + s.cameras.size() * 300 +
           s.normal_activations.size() * 120 + s.camera_streams.size() * 150 + s.links.size() * 100;
}

/// State just after a record: where a seek can start instead of at the journal's beginning.
struct Snapshot {
    int64_t upto_id = 0;                    // last record folded in
    TimeMs at_ms = 0;                       // its receive time
    std::shared_ptr<const State> state;
};

/// The state at `at` and the last record folded in.
struct Positioned {
    State state;
    int64_t last_id = 0;
};

} // namespace

std::string describeRange(TimeMs first_ms, TimeMs last_ms) {
    return "日志记录从 " + formatDate(first_ms) + " " + formatClock(first_ms) + " 到 " + formatDate(last_ms) + " " +
           formatClock(last_ms) + " (UTC+8; epoch ms " + std::to_string(first_ms) + " .. " + std::to_string(last_ms) + ")";
}

struct ReplaySource::Impl {
    ReplayOptions options;
    ConsoleRules rules;
    bool demo = false;
    TimeMs first_ms = 0, last_ms = 0;   // the journal's span
    TimeMs from_ms = 0, to_ms = 0;      // the range on the timeline

    // [SECTION] index: one pass over the range (snapshots; the timeline's record)
    // Written by the index thread, read by the reader (snapshots) and the GL thread (timeline, figures).
    mutable std::mutex index_mutex;
    std::vector<Snapshot> snapshots;             // by upto_id
    int64_t snapshot_every = kSnapshotEveryEvents; // doubles when the budget is reached
    size_t snapshot_bytes = 0;
    bool indexed = false;
    std::string index_failure;
    source::Timeline built_timeline;             // handed to the GL thread once, when the pass ends
    bool timeline_taken = false;
    std::condition_variable indexed_cv;
    std::atomic<int64_t> indexed_events{0};

    void indexRange(std::stop_token stop) {
        nameThisThread("replay-index");
        const auto t0 = SteadyClock::now();
        try {
            journal::Journal journal(options.journal, journal::OpenMode::ExistingReadOnly);
            journal::Recovered start = journal::recoverState(journal, from_ms - 1);
            State state = std::move(start.state);
            int64_t last_id = start.last_id;
            addSnapshot(last_id, from_ms - 1, state);
            int64_t since_snapshot = 0;
            timeline::TimelineBuilder lanes;
            struct Stopped {};
            try {
                journal.forEachSince(last_id, to_ms, [&](const journal::Record& record) {
                    if (stop.stop_requested()) throw Stopped{};
                    Event event;
                    std::string why;
                    if (!journal::eventOfRecord(record, event, why)) return;  // recovery logs and skips it too
                    lanes.note(state, event);
                    apply(state, event);
                    ++indexed_events;
                    if (++since_snapshot >= currentSpacing()) {
                        addSnapshot(record.id, record.recv_ms, state);
                        since_snapshot = 0;
                    }
                });
            } catch (const Stopped&) {
                return;
            }
            source::Timeline timeline = lanes.finish(to_ms);
            timeline.first_ms = first_ms;
            timeline.last_ms = last_ms;
            std::lock_guard lock(index_mutex);
            built_timeline = std::move(timeline);
            indexed = true;
            spdlog::info("replay: {} events indexed in {:.0f} ms: {} snapshots (every {} events, ~{} MiB)",
                         indexed_events.load(), msSince(t0), snapshots.size(), snapshot_every, snapshot_bytes >> 20);
        } catch (const std::exception& e) {
            std::lock_guard lock(index_mutex);
            index_failure = e.what();
            indexed = true;
            spdlog::error("replay: the pass over the journal failed: {}", e.what());
        }
        indexed_cv.notify_all();
    }

    int64_t currentSpacing() {
        std::lock_guard lock(index_mutex);
        return snapshot_every;
    }

    void addSnapshot(int64_t upto_id, TimeMs at_ms, const State& state) {
        auto copy = std::make_shared<const State>(state);
        const size_t bytes = approxStateBytes(state);
        std::lock_guard lock(index_mutex);
        snapshots.push_back({upto_id, at_ms, std::move(copy)});
        snapshot_bytes += bytes;
        // Over budget: keep every other snapshot (the first always) and space new ones twice as far.
        while (snapshot_bytes > options.snapshot_budget_bytes && snapshots.size() > 2) {
            std::vector<Snapshot> kept;
            size_t kept_bytes = 0;
            for (size_t i = 0; i < snapshots.size(); i += 2) {
                kept_bytes += approxStateBytes(*snapshots[i].state);
                kept.push_back(std::move(snapshots[i]));
            }
            snapshots = std::move(kept);
            snapshot_bytes = kept_bytes;
            snapshot_every *= 2;
        }
    }

    std::optional<Snapshot> snapshotAtOrBefore(TimeMs at) const {
        std::lock_guard lock(index_mutex);
        auto after = std::upper_bound(snapshots.begin(), snapshots.end(), at,
                                      [](TimeMs t, const Snapshot& s) { return t < s.at_ms; });
        if (after == snapshots.begin()) return std::nullopt;
        return *std::prev(after);
    }

    /// The state at `at`: the nearest snapshot before it (else the journal's own checkpoint) plus the records after it.
    Positioned stateAt(journal::Journal& journal, TimeMs at) const {
        if (std::optional<Snapshot> snapshot = snapshotAtOrBefore(at)) {
            Positioned out{*snapshot->state, snapshot->upto_id};
            journal.forEachSince(out.last_id, at, [&](const journal::Record& record) {
                out.last_id = record.id;
                std::string why;
                journal::replayRecord(out.state, record, why);
            });
            return out;
        }
        journal::Recovered recovered = journal::recoverState(journal, at);
        return {std::move(recovered.state), recovered.last_id};
    }

    // [SECTION] reader: seeks and the events ahead of the clock
    // Shared between the reader thread and the GL thread, under `mutex`.
    struct SeekRequest {
        TimeMs at = 0;
        uint64_t generation = 0;
        SteadyClock::time_point asked;
    };
    struct Jump {
        State state;
        uint64_t generation = 0;
    };
    mutable std::mutex mutex;
    std::condition_variable_any reader_cv;
    std::optional<SeekRequest> seek_request;
    std::optional<Jump> jump_ready;
    std::deque<Event> ahead;                // parsed events after the wall's state, in order
    uint64_t ahead_generation = 0;          // the seek the queue continues from
    int64_t read_position = 0;              // last record id queued (or folded into the jump)
    TimeMs complete_until_ms = 0;           // every record up to this time is queued or applied
    bool read_to_end = false;               // every record of the range is queued
    std::vector<double> seek_ms;            // request to state ready, per seek
    int64_t unreadable = 0;                 // records that no longer parse

    void readAhead(std::stop_token stop) {
        nameThisThread("replay-reader");
        try {
            journal::Journal journal(options.journal, journal::OpenMode::ExistingReadOnly);
            std::unique_lock lock(mutex);
            while (!stop.stop_requested()) {
                reader_cv.wait(lock, stop, [&] { return seek_request || (!read_to_end && ahead.size() < kQueueCap); });
                if (stop.stop_requested()) break;
                if (seek_request) {
                    const SeekRequest request = *seek_request;
                    seek_request.reset();
                    lock.unlock();
                    Positioned positioned = stateAt(journal, request.at);
                    lock.lock();
                    if (seek_request) continue;  // a newer seek came meanwhile (a drag): serve that one
                    seek_ms.push_back(msSince(request.asked));
                    jump_ready = Jump{std::move(positioned.state), request.generation};
                    ahead.clear();
                    ahead_generation = request.generation;
                    read_position = positioned.last_id;
                    complete_until_ms = request.at;
                    read_to_end = false;
                    continue;
                }
                const uint64_t generation = ahead_generation;
                const int64_t position = read_position;
                lock.unlock();
                std::vector<journal::Record> records = journal.readSince(position, to_ms, kReadChunk);
                std::vector<Event> events;
                events.reserve(records.size());
                int64_t bad = 0;
                for (const journal::Record& record : records) {
                    Event event;
                    std::string why;
                    if (journal::eventOfRecord(record, event, why)) events.push_back(std::move(event));
                    else ++bad;
                }
                lock.lock();
                if (generation != ahead_generation || seek_request) continue;  // a seek moved the reader meanwhile
                unreadable += bad;
                for (Event& e : events) ahead.push_back(std::move(e));
                if (!records.empty()) read_position = records.back().id;
                if (records.size() < kReadChunk) {
                    read_to_end = true;
                    complete_until_ms = to_ms;
                } else {
                    // Later records may share the last one's time: only the times before it are complete.
                    complete_until_ms = std::max(complete_until_ms, records.back().recv_ms - 1);
                }
            }
        } catch (const std::exception& e) {
            spdlog::error("replay: the reader stopped: {}", e.what());
            std::lock_guard lock(mutex);
            reader_failure = e.what();
        }
    }
    std::string reader_failure;

    // [SECTION] the replay source (GL thread)
    double at_ms = 0;                       // the replay clock (fractions accumulate while playing slowly)
    bool playing = false;
    double speed = 1.0;
    source::LoopMode loop = source::LoopMode::Off;
    SteadyClock::time_point last_tick = SteadyClock::now();
    uint64_t generation = 0;                // of the last seek asked for
    bool awaiting_jump = false;             // a seek is asked for and its state not yet taken
    source::Timeline timeline;              // the GL thread's copy
    std::vector<source::Bookmark> bookmarks;
    std::string last_error;
    uint64_t events_applied = 0;            // events handed to the wall while playing
    uint64_t jumps = 0;                     // states handed to the wall by seeks

    // The reviewers' bookmarks live in the review file beside the journal, never in the journal.
    review::JournalIdentity identity;
    std::string review_path;
    std::unique_ptr<review::ReviewFile> review_file;  // opened when it exists, created by the first bookmark

    void openReviewFile(journal::Journal& journal) {
        identity = review::journalIdentity(options.journal, journal.firstRecord());
        review_path = options.review_file.empty() ? review::defaultReviewPath(options.journal) : options.review_file;
        if (!std::filesystem::exists(review_path)) return;
        try {
            review_file = std::make_unique<review::ReviewFile>(review_path, identity);
        } catch (const review::ReviewOfOtherJournal& e) {
            throw ReplayError(e.what());  // bookmarks of another journal would mark the wrong moments
        } catch (const review::ReviewError& e) {
            // Unwritable (a journal on read-only media, say): the bookmarks are still shown, none can be added.
            last_error = e.what();
            spdlog::warn("replay: review file {}: {}", review_path, e.what());
            review_file = std::make_unique<review::ReviewFile>(review_path, identity, review::ReviewOpen::ExistingReadOnly);
        }
        bookmarks = review_file->list();
    }

    bool addBookmark(TimeMs at, const std::string& name, const std::string& note) {
        source::Bookmark b;
        b.at_ms = std::clamp(at, from_ms, to_ms);
        b.name = name;
        b.note = note;
        b.author = options.author;
        try {
            if (!review_file) review_file = std::make_unique<review::ReviewFile>(review_path, identity);
            review_file->add(b);
            bookmarks = review_file->list();
            last_error.clear();
            return true;
        } catch (const std::exception& e) {
            last_error = e.what();
            spdlog::error("replay: bookmark not stored: {}", e.what());
            return false;
        }
    }

    std::jthread index_thread;              // last: stopped and joined before the members they use go
    std::jthread reader_thread;

    explicit Impl(ReplayOptions opts) : options(std::move(opts)) {
        if (options.journal.empty()) throw ReplayError("--replay: no journal file given");
        if (!std::filesystem::exists(options.journal))
            throw ReplayError("--replay " + options.journal + ": no such journal file");
        journal::Journal journal(options.journal, journal::OpenMode::ExistingReadOnly);
        const auto span = journal.timeSpan();
        if (!span) throw ReplayError("--replay " + options.journal + ": the journal holds no events yet");
        first_ms = span->first;
        last_ms = span->second;
        TimeMs default_from = first_ms;
        if (options.last_hours > 0)
            default_from = std::max(first_ms, last_ms - static_cast<TimeMs>(options.last_hours * 3600'000));
        from_ms = checkedTime("--from", options.from.value_or(default_from));
        to_ms = checkedTime("--to", options.to.value_or(last_ms));
        if (from_ms > to_ms)
            throw ReplayError("--from " + std::to_string(from_ms) + " is after --to " + std::to_string(to_ms));
        at_ms = static_cast<double>(checkedTime("--at", options.at.value_or(from_ms)));
        if (at_ms < from_ms || at_ms > to_ms)
            throw ReplayError("--at lies outside --from .. --to (" + describeRange(from_ms, to_ms) + ")");
        speed = std::clamp(options.speed, kMinSpeed, kMaxSpeed);
        playing = options.play;
        if (options.author.empty()) options.author = review::loginName();
        demo = isDemoJournal(journal);
        const config::RulesChoice choice = config::chooseRules(options.rules, demo);
        rules = config::loadRules(choice.path);
        timeline.first_ms = first_ms;
        timeline.last_ms = last_ms;
        openReviewFile(journal);
        spdlog::info("replay of {} ({}{}), range {} .. {}, rules from {}", options.journal,
                     describeRange(first_ms, last_ms), demo ? ", 演示数据" : "", from_ms, to_ms, choice.path.string());
    }

    TimeMs checkedTime(const char* option, TimeMs t) const {
        if (t < first_ms || t > last_ms)
            throw ReplayError(std::string(option) + " " + formatDate(t) + " " + formatClock(t) +
                              " lies outside the journal: " + describeRange(first_ms, last_ms));
        return t;
    }

    /// A demo's journal: its console.start says so (the demo's own file name, for journals from before that record).
    static bool isDemoJournal(journal::Journal& journal) {
        for (const journal::Record& record : journal.readSince(0, std::nullopt, 64)) {
            if (record.type != "console.start") continue;
            Event event;
            std::string why;
            if (journal::eventOfRecord(record, event, why)) return std::get<ConsoleStart>(event.body).demo;
        }
        return std::filesystem::path(journal.path()).filename() == "demo-journal.db";
    }

    State start() {
        journal::Journal journal(options.journal, journal::OpenMode::ExistingReadOnly);
        const TimeMs at = static_cast<TimeMs>(at_ms);
        Positioned positioned = stateAt(journal, at);
        {
            std::lock_guard lock(mutex);
            read_position = positioned.last_id;
            complete_until_ms = at;
        }
        last_tick = SteadyClock::now();
        index_thread = std::jthread([this](std::stop_token stop) { indexRange(stop); });
        reader_thread = std::jthread([this](std::stop_token stop) { readAhead(stop); });
        return std::move(positioned.state);
    }

    void requestSeek(TimeMs at) {
        at_ms = static_cast<double>(std::clamp(at, from_ms, to_ms));
        ++generation;
        awaiting_jump = true;
        std::lock_guard lock(mutex);
        seek_request = SeekRequest{static_cast<TimeMs>(at_ms), generation, SteadyClock::now()};
        ahead.clear();
        reader_cv.notify_all();
    }

    /// Where a loop goes back to and where it ends, for the mode in force at the cursor.
    std::pair<TimeMs, TimeMs> loopSpan() const {
        if (loop == source::LoopMode::BetweenBookmarks && bookmarks.size() >= 2) {
            const TimeMs at = static_cast<TimeMs>(at_ms);
            TimeMs start = bookmarks.front().at_ms, end = bookmarks.back().at_ms;
            for (const source::Bookmark& b : bookmarks) {
                if (b.at_ms <= at) start = b.at_ms;
                if (b.at_ms > at) { end = b.at_ms; break; }
            }
            if (end > start) return {start, end};
        }
        return {from_ms, to_ms};
    }

    void advanceClock(std::unique_lock<std::mutex>& lock) {
        const auto now = SteadyClock::now();
        const double wall_ms = std::chrono::duration<double, std::milli>(now - last_tick).count();
        last_tick = now;
        if (!playing || awaiting_jump) return;
        const auto [loop_start, loop_end] = loopSpan();
        double target = at_ms + wall_ms * speed;
        const TimeMs end = loop == source::LoopMode::Off ? to_ms : loop_end;
        if (target >= static_cast<double>(end)) {
            if (loop != source::LoopMode::Off) {
                lock.unlock();
                requestSeek(loop_start);
                lock.lock();
                return;
            }
            target = static_cast<double>(end);
            if (read_to_end || end < to_ms) playing = false;  // the end of the range: stop there, as a player does
        }
        // Never run past events not yet read: the wall would show a time whose state it lacks.
        const double limit = read_to_end ? static_cast<double>(to_ms) : static_cast<double>(complete_until_ms);
        if (target - limit > kCatchUpByJumpMs) {
            lock.unlock();
            requestSeek(static_cast<TimeMs>(target));
            lock.lock();
            return;
        }
        at_ms = std::min(target, std::max(at_ms, limit));
    }

    bool drain(std::vector<Event>& out) {
        std::unique_lock lock(mutex);
        advanceClock(lock);
        if (awaiting_jump || ahead_generation != generation) return false;
        const TimeMs at = static_cast<TimeMs>(at_ms);
        const size_t before = out.size();
        while (!ahead.empty() && ahead.front().recv_ms <= at) {
            out.push_back(std::move(ahead.front()));
            ahead.pop_front();
        }
        if (out.size() != before) reader_cv.notify_all();
        events_applied += out.size() - before;
        takeTimeline();
        return out.size() != before;
    }

    void takeTimeline() {
        std::lock_guard lock(index_mutex);
        if (!indexed || timeline_taken) return;
        timeline_taken = true;
        timeline = std::move(built_timeline);
    }

    bool takeJump(State& into) {
        std::lock_guard lock(mutex);
        if (!jump_ready || jump_ready->generation != generation) return false;
        into = std::move(jump_ready->state);
        jump_ready.reset();
        awaiting_jump = false;
        last_tick = SteadyClock::now();
        ++jumps;
        return true;
    }

    nlohmann::json figures() const {
        std::vector<double> ms;
        int64_t bad = 0;
        {
            std::lock_guard lock(mutex);
            ms = seek_ms;
            bad = unreadable;
        }
        std::sort(ms.begin(), ms.end());
        const auto pct = [&](double p) { return ms.empty() ? 0.0 : ms[static_cast<size_t>(p * (ms.size() - 1))]; };
        nlohmann::json replay = {{"journal", options.journal},
                                 {"at_ms", static_cast<TimeMs>(at_ms)},
                                 {"from_ms", from_ms},
                                 {"to_ms", to_ms},
                                 {"first_ms", first_ms},
                                 {"last_ms", last_ms},
                                 {"speed", speed},
                                 {"playing", playing},
                                 {"seek_ms", {{"count", ms.size()}, {"p50", pct(0.5)}, {"p99", pct(0.99)},
                                              {"max", ms.empty() ? 0.0 : ms.back()}}},
                                 {"events_applied", events_applied},
                                 {"jumps", jumps},
                                 {"unreadable", bad}};
        std::lock_guard lock(index_mutex);
        replay["index"] = {{"done", indexed},
                           {"events", indexed_events.load()},
                           {"snapshots", snapshots.size()},
                           {"snapshot_every_events", snapshot_every},
                           {"snapshot_bytes", snapshot_bytes},
                           {"failure", index_failure}};
        return replay;
    }
};

ReplaySource::ReplaySource(ReplayOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
ReplaySource::~ReplaySource() = default;

void ReplaySource::waitUntilIndexed() {
    std::unique_lock lock(impl_->index_mutex);
    impl_->indexed_cv.wait(lock, [&] { return impl_->indexed; });
}

State ReplaySource::startState() { return impl_->start(); }
bool ReplaySource::drainCommitted(std::vector<Event>& out) { return impl_->drain(out); }
bool ReplaySource::takeJump(State& into) { return impl_->takeJump(into); }
bool ReplaySource::postIntent(EventBody) { return false; }  // a replay changes nothing
TimeMs ReplaySource::nowMs() const { return static_cast<TimeMs>(impl_->at_ms); }

source::SourceHealth ReplaySource::health() const {
    std::lock_guard lock(impl_->mutex);
    if (!impl_->reader_failure.empty()) return {source::SourceHealth::Fault::Journal, impl_->reader_failure};
    return {};
}

const ConsoleRules& ReplaySource::rules() const { return impl_->rules; }
source::SourceInfo ReplaySource::info() const {
    return {.demo = impl_->demo, .replay = true, .journal = impl_->options.journal};
}

void ReplaySource::addStats(nlohmann::json& report) const {
    report["mode"] = "replay";
    report["replay"] = impl_->figures();
}

TimeMs ReplaySource::atMs() const { return nowMs(); }
TimeMs ReplaySource::fromMs() const { return impl_->from_ms; }
TimeMs ReplaySource::toMs() const { return impl_->to_ms; }
bool ReplaySource::playing() const { return impl_->playing; }
bool ReplaySource::seeking() const { return impl_->awaiting_jump; }
double ReplaySource::speed() const { return impl_->speed; }
source::LoopMode ReplaySource::loop() const { return impl_->loop; }
const source::Timeline& ReplaySource::timeline() const { return impl_->timeline; }
const std::vector<source::Bookmark>& ReplaySource::bookmarks() const { return impl_->bookmarks; }
void ReplaySource::seek(TimeMs at) { impl_->requestSeek(at); }

void ReplaySource::setPlaying(bool playing) {
    // Play at the end of the range starts again from its beginning, as a player does.
    if (playing && !impl_->playing && nowMs() >= impl_->to_ms) impl_->requestSeek(impl_->from_ms);
    impl_->playing = playing;
    impl_->last_tick = SteadyClock::now();
}

void ReplaySource::setSpeed(double speed) { impl_->speed = std::clamp(speed, kMinSpeed, kMaxSpeed); }
void ReplaySource::setLoop(source::LoopMode mode) { impl_->loop = mode; }

bool ReplaySource::addBookmark(TimeMs at, const std::string& name, const std::string& note) {
    return impl_->addBookmark(at, name, note);
}

std::string ReplaySource::lastError() const { return impl_->last_error; }

} // namespace wall::replay
