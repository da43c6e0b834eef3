#include "streams/stream_decoder.hpp"

#include "base/thread_name.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <mutex>
#include <random>
#include <thread>

#include <spdlog/spdlog.h>

#include "streams/ffmpeg_log.hpp"
#include "streams/frame_export.hpp"
#include "streams/frame_mailbox.hpp"
#include "streams/media_source.hpp"

namespace wall::streams {

namespace {

using namespace std::chrono_literals;

std::int64_t toMicros(Clock::duration d) {
    return std::chrono::duration_cast<std::chrono::microseconds>(d).count();
}

/// Makes the calling thread nicer by `increment` (Linux: nice is per thread).
void lowerThisThreadPriority(int increment) {
    if (increment <= 0) return;
    const auto tid = static_cast<id_t>(gettid());
    errno = 0;
    const int current = getpriority(PRIO_PROCESS, tid);
    if (errno == 0) setpriority(PRIO_PROCESS, tid, std::min(19, current + increment));
}

}  // namespace

struct StreamDecoder::Impl {
    explicit Impl(StreamConfig c)
        : config(std::move(c)), mailbox(config.mailbox_depth), health(Clock::now(), config.timing),
          random(std::random_device{}()) {}

    // --- shared between threads -------------------------------------------
    const StreamConfig config;           ///< settings, immutable after construction
    FrameMailbox mailbox;                ///< decoder -> GL thread hand-off (own lock)
    std::atomic<bool> small_tile{false}; ///< written by the GL thread, read by the overload policy
    InterruptGate gate;                  ///< bounds FFmpeg's blocking calls
    std::mutex wake_mutex;               ///< pairs with `wake`
    std::condition_variable_any wake;    ///< pacing/backoff sleeps; a stop request ends them early

    mutable std::mutex status_mutex;     ///< guards the fields below
    mutable LinkHealth health;           ///< state machine (ticked by status())
    double load = 0.0;                   ///< smoothed decode load
    OverloadLevel level = OverloadLevel::None;  ///< work shed now
    int width = 0;                       ///< last frame size
    int height = 0;
    double fps = 0.0;                    ///< nominal frame rate
    std::string codec;                   ///< decoder name
    bool hardware = false;               ///< hardware decoder in use
    std::string hw_note;                 ///< why not hardware

    // --- decoder thread only ----------------------------------------------
    std::minstd_rand random;             ///< backoff jitter
    std::uint64_t sequence = 0;          ///< frame counter across reconnects
    std::stop_token stop;                ///< the thread's stop request, set first thing in run()

    std::jthread thread;                 ///< the demux+decode thread (last: starts after the rest exists, stops and joins first)

    template <class Change>
    void withHealth(Change&& change) const {
        LinkState after;
        FailReason reason;
        {
            std::lock_guard lock(status_mutex);
            const LinkState before = health.state();
            change(health);
            after = health.state();
            if (after == before) return;
            reason = health.reason();
            if (reason == FailReason::None)
                spdlog::info("camera {}: {} -> {}", config.name, toString(before), toString(after));
            else
                spdlog::warn("camera {}: {} -> {} ({}: {})", config.name, toString(before), toString(after),
                             toString(reason), health.detail());
        }
        if (config.on_link_change) config.on_link_change(after, reason);
    }

    /// Sleeps until `when`; false when woken by stop.
    bool sleepUntil(Clock::time_point when) {
        std::unique_lock lock(wake_mutex);
        return !wake.wait_until(lock, stop, when, [this] { return stop.stop_requested(); });
    }

    void run(std::stop_token stop_token) {
        stop = stop_token;
        gate.stop = stop_token;
        nameThisThread(config.name.empty() ? std::string_view("stream") : std::string_view(config.name));
        lowerThisThreadPriority(config.nice_increment);
        while (!stop.stop_requested()) {
            withHealth([](LinkHealth& h) { h.onOpening(Clock::now()); });
            FailReason reason = FailReason::EndOfStream;
            std::string detail = "the stream ended";
            try {
                session();
            } catch (const FfmpegError& e) {
                reason = e.reason();
                detail = e.what();
                // An interrupted demuxer often reports "invalid data" rather than
                // AVERROR_EXIT; the gate knows the real cause.
                if (reason != FailReason::Timeout && gate.deadlinePassed()) {
                    reason = FailReason::Timeout;
                    // Lead with the cause: FFmpeg's own words here ("Operation not
                    // permitted", "Invalid data") describe the interruption, not the link.
                    detail = "no data within the I/O timeout; FFmpeg: " + detail;
                }
            } catch (const std::exception& e) {
                reason = FailReason::Other;
                detail = e.what();
            } catch (...) {
                reason = FailReason::Other;
                detail = "unknown exception in the decoder thread";
            }
            if (stop.stop_requested()) break;
            const double jitter01 = std::uniform_real_distribution<double>(0.0, 1.0)(random);
            withHealth([&](LinkHealth& h) { h.onError(Clock::now(), reason, detail, jitter01); });
            Clock::time_point retry_at;
            {
                std::lock_guard lock(status_mutex);
                retry_at = health.retryAt();
            }
            if (!sleepUntil(retry_at)) break;
        }
    }

    /// One connection: open, then decode until the input ends or fails (throws).
    void session() {
        gate.disarm();
        std::unique_ptr<MediaSource> source = sourceKindOf(config.url) == SourceKind::Test
                                                  ? openTestSource(config)
                                                  : openDemuxSource(config, gate);
        withHealth([](LinkHealth& h) { h.onOpened(Clock::now()); });
        const double interval = source->frameInterval();
        const std::int64_t interval_us = static_cast<std::int64_t>(interval * 1e6);
        {
            std::lock_guard lock(status_mutex);
            codec = source->codecName();
            fps = 1.0 / interval;
            hardware = source->hardware();
            hw_note = source->hardwareNote();
        }

        FramePtr frame = allocFrame();
        FrameExport exporter;
        OverloadPolicy policy;
        OverloadLevel applied = OverloadLevel::None;
        const bool paced = source->paced() && config.pace;

        bool have_base = false;               // base_time/base_pts set
        Clock::time_point base_time{};        // wall time of base_pts
        std::int64_t base_pts = 0;            // stream time matching base_time
        Clock::duration min_lag = Clock::duration::max();  // least (wall - stream) delay seen: network jitter floor
        std::int64_t pts_offset = 0;          // added to file pts so loops keep advancing
        bool rebase_offset = false;           // next frame after a rewind sets pts_offset
        std::int64_t last_pts = 0;            // last pts handed out
        bool have_last = false;

        while (!stop.stop_requested()) {
            if (!source->next(frame.get())) {
                if (config.loop_files && source->rewind()) {
                    rebase_offset = true;
                    continue;
                }
                return;  // end of a live stream: the caller reconnects
            }
            std::int64_t pts = frame->pts;
            if (pts == AV_NOPTS_VALUE) pts = have_last ? last_pts + interval_us : 0;
            if (rebase_offset) {
                pts_offset = (have_last ? last_pts + interval_us : 0) - pts;
                rebase_offset = false;
            }
            pts += pts_offset;

            // Load: time spent decoding since the previous frame over the stream time it
            // covers. Wall time, not CPU time: on a box with more streams than cores the
            // decoder falls behind although each frame costs the same CPU.
            double covered = have_last ? static_cast<double>(pts - last_pts) * 1e-6 : interval;
            if (covered <= 0.0 || covered > 1.0) covered = interval;
            const OverloadLevel wanted = policy.onFrame(source->takeDecodeSeconds(), covered, small_tile.load());
            if (wanted != applied) {
                spdlog::info("camera {}: decode load {:.2f}, overload level {} -> {}", config.name, policy.load(),
                             static_cast<int>(applied), static_cast<int>(wanted));
                source->setOverload(wanted);
                applied = wanted;
            }

            Clock::time_point now = Clock::now();
            // A timestamp jump (camera clock reset, RTCP resync) is not lag: start over.
            if (have_last && (pts < last_pts || pts - last_pts > 1'000'000)) {
                have_base = false;
                min_lag = Clock::duration::max();
            }
            if (!have_base) {
                have_base = true;
                base_time = now;
                base_pts = pts;
            }
            const Clock::time_point due = base_time + std::chrono::microseconds(pts - base_pts);
            if (paced) {
                // Files and test: play at real time; fallen far behind means rebase, never catch up.
                if (due < now - 1s || due > now + 2s) {
                    base_time = now;
                    base_pts = pts;
                } else if (due > now && !sleepUntil(due)) {
                    return;
                }
            } else if (!source->paced()) {
                // Live: if frames come out later and later, decoding is behind the
                // sender. Jump to the next keyframe instead of letting delay build up.
                const Clock::duration lag = now - due;
                min_lag = std::min(min_lag, lag);
                if (lag - min_lag > 1s) {
                    spdlog::warn("camera {}: {} ms behind the stream, skipping to the next keyframe", config.name,
                                 toMicros(lag - min_lag) / 1000);
                    source->skipToKeyframe();
                    have_base = false;
                    min_lag = Clock::duration::max();
                }
            }

            VideoFrame out = exporter.take(frame.get());
            out.pts_us = pts;
            out.decoded_at_us = toMicros(Clock::now().time_since_epoch());
            out.sequence = ++sequence;
            const int w = out.width;
            const int h = out.height;
            mailbox.push(std::move(out));
            last_pts = pts;
            have_last = true;

            withHealth([&](LinkHealth& health_) { health_.onFrame(Clock::now(), pts); });
            std::lock_guard lock(status_mutex);
            width = w;
            height = h;
            load = policy.load();
            level = applied;
        }
    }
};

StreamDecoder::StreamDecoder(StreamConfig config) : impl_(std::make_unique<Impl>(std::move(config))) {
    routeFfmpegLogsToSpdlog();
    Impl* impl = impl_.get();
    impl->thread = std::jthread([impl](std::stop_token stop) {
        try {
            impl->run(stop);
        } catch (const std::exception& e) {
            spdlog::error("camera {}: decoder thread ended: {}", impl->config.name, e.what());
        } catch (...) {
            spdlog::error("camera {}: decoder thread ended by an unknown exception", impl->config.name);
        }
    });
}

// Impl's std::jthread, its last member, requests the stop and joins before the rest goes.
StreamDecoder::~StreamDecoder() = default;

// The request wakes a pacing or backoff sleep (`wake` waits on the stop token) and makes
// the interrupt gate abort FFmpeg's blocking call.
void StreamDecoder::requestStop() { impl_->thread.request_stop(); }

std::optional<VideoFrame> StreamDecoder::takeFrame() {
    return impl_->mailbox.takeNewest();
}

bool StreamDecoder::hasNewFrame() const {
    return impl_->mailbox.size() > 0;
}

LinkState StreamDecoder::linkState() const {
    LinkState state = LinkState::Connecting;
    impl_->withHealth([&](LinkHealth& h) {
        h.tick(Clock::now());
        state = h.state();
    });
    return state;
}

StreamStatus StreamDecoder::status() const {
    const Clock::time_point now = Clock::now();
    impl_->withHealth([now](LinkHealth& h) { h.tick(now); });
    StreamStatus s;
    std::lock_guard lock(impl_->status_mutex);
    const LinkHealth& h = impl_->health;
    s.state = h.state();
    s.reason = h.reason();
    s.detail = h.detail();
    s.failures_in_row = h.failuresInRow();
    if (s.state == LinkState::Reconnecting || s.state == LinkState::Failed)
        s.retry_in_s = std::max(0.0, std::chrono::duration<double>(h.retryAt() - now).count());
    s.has_frame = h.hasFrame();
    s.frame_age_s = std::chrono::duration<double>(h.frameAge(now)).count();
    s.frames_decoded = h.counters().frames;
    s.frames_frozen = h.counters().frozen_frames;
    s.reconnects = h.counters().reconnects;
    s.state_changes = h.counters().state_changes;
    s.frames_dropped = impl_->mailbox.dropped();
    s.load = impl_->load;
    s.overload = impl_->level;
    s.width = impl_->width;
    s.height = impl_->height;
    s.fps = impl_->fps;
    s.codec = impl_->codec;
    s.hardware = impl_->hardware;
    s.hw_note = impl_->hw_note;
    return s;
}

void StreamDecoder::setSmallTile(bool small) {
    impl_->small_tile = small;
}

const StreamConfig& StreamDecoder::config() const {
    return impl_->config;
}

}  // namespace wall::streams
