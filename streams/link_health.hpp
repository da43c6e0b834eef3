#pragma once
// Link health of one stream: a pure state machine fed with timestamps by the
// decoder thread (events) and by anyone who asks (tick). No FFmpeg, no clock
// of its own, so every transition is unit-tested with made-up times.
// Not thread-safe: StreamDecoder guards it with its status mutex.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace wall::streams {

using Clock = std::chrono::steady_clock;

/// What the tile shows about its link.
enum class LinkState : std::uint8_t {
    Connecting,    ///< opening the URL, no frame yet
    Live,          ///< a new frame arrived within stall_after
    Stalled,       ///< connected, but no new frame (or timestamps frozen) for stall_after
    Reconnecting,  ///< the link broke; waiting out the backoff before the next open
    Failed,        ///< a reason the officer must act on; still retried every slow_retry
};

/// Why a link is not live, in words an officer can act on.
enum class FailReason : std::uint8_t {
    None,
    AuthRefused,        ///< 401/403: wrong user name or password on the camera
    HostUnreachable,    ///< no route to the camera (network or power down)
    ConnectionRefused,  ///< host up, but nothing listens on the port
    StreamNotFound,     ///< 404 / no such file / no video stream in it
    NotPublished,       ///< RTMP: the media server knows no publisher for this stream name (camera offline)
    UnsupportedCodec,   ///< the codec or container cannot be decoded here
    Timeout,            ///< the peer went silent longer than the I/O timeout
    EndOfStream,        ///< the server ended the stream
    Other,              ///< anything else; see the detail text
};

/// @brief English name of a state, for logs and --stats.
std::string_view toString(LinkState state);
/// @brief English name of a reason, for logs and --stats.
std::string_view toString(FailReason reason);
/// @brief Chinese text for the tile, e.g. "认证被拒绝".
std::string_view toChinese(FailReason reason);
/// @brief True for reasons a retry will not fix by itself (go straight to Failed).
bool isPermanent(FailReason reason);

/// Tunables of the state machine.
struct LinkTiming {
    Clock::duration stall_after = std::chrono::seconds(2);      ///< no new frame this long = stalled
    Clock::duration first_backoff = std::chrono::milliseconds(500);  ///< first retry delay, doubled per failure
    Clock::duration max_fast_backoff = std::chrono::seconds(4);  ///< cap of the doubling
    Clock::duration fast_retry_window = std::chrono::minutes(1);  ///< after failing this long, retry slowly
    Clock::duration slow_retry = std::chrono::seconds(30);      ///< retry period after the window, and in Failed
    double jitter = 0.15;                                        ///< +- fraction applied to each delay
};

/// Counters for --stats; they only grow.
struct LinkCounters {
    std::uint64_t frames = 0;         ///< frames that advanced the timestamp
    std::uint64_t frozen_frames = 0;  ///< frames whose timestamp did not advance
    std::uint64_t reconnects = 0;     ///< opens after the first one
    std::uint64_t state_changes = 0;  ///< transitions of LinkState
};

/// The state machine. Times are passed in; nothing here sleeps or reads a clock.
class LinkHealth {
public:
    /// @brief Starts in Connecting at `now`.
    explicit LinkHealth(Clock::time_point now, LinkTiming timing = {});

    /// @brief An open attempt starts (first one or a retry).
    void onOpening(Clock::time_point now);
    /// @brief The URL opened and the decoder is ready; frames should follow.
    void onOpened(Clock::time_point now);
    /// @brief A frame was decoded with presentation time `pts_us`; only an advancing pts counts as new.
    void onFrame(Clock::time_point now, std::int64_t pts_us);
    /// @brief The link broke or could not open; schedules the next retry with `jitter01` in [0,1).
    void onError(Clock::time_point now, FailReason reason, std::string detail, double jitter01);
    /// @brief Re-evaluates time-based transitions (Live -> Stalled).
    void tick(Clock::time_point now);

    /// @brief Current state.
    LinkState state() const { return state_; }
    /// @brief Reason for the last error; None once live again.
    FailReason reason() const { return reason_; }
    /// @brief Detail of the last error (the FFmpeg text), empty once live again.
    const std::string& detail() const { return detail_; }
    /// @brief When the decoder should try to open again (valid in Reconnecting/Failed).
    Clock::time_point retryAt() const { return retry_at_; }
    /// @brief True once any frame advanced the timestamp.
    bool hasFrame() const { return has_frame_; }
    /// @brief Time since the last new frame; zero when there was none.
    Clock::duration frameAge(Clock::time_point now) const;
    /// @brief Counters since construction.
    const LinkCounters& counters() const { return counters_; }
    /// @brief Number of failures since the link was last live.
    int failuresInRow() const { return failures_in_row_; }

    /// @brief Delay before retry number `failure` (1-based) of a run that started `failing_for` ago.
    static Clock::duration retryDelay(const LinkTiming& timing, int failure, Clock::duration failing_for,
                                      bool permanent, double jitter01);

private:
    void enter(LinkState next, Clock::time_point now);

    LinkTiming timing_;                        ///< tunables
    LinkState state_ = LinkState::Connecting;  ///< current state
    FailReason reason_ = FailReason::None;     ///< reason of the last error
    std::string detail_;                       ///< FFmpeg text of the last error
    bool has_frame_ = false;                   ///< a new frame arrived at least once
    bool opened_ = false;                      ///< the current attempt reached onOpened
    bool has_pts_ = false;                     ///< last_pts_us_ is valid for this connection
    std::int64_t last_pts_us_ = 0;             ///< pts of the last frame of this connection
    Clock::time_point last_new_frame_{};       ///< when the pts last advanced
    Clock::time_point opened_at_{};            ///< when the current attempt started or opened (stall base before any frame)
    Clock::time_point first_failure_{};        ///< start of the current run of failures
    Clock::time_point retry_at_{};             ///< next open attempt
    int failures_in_row_ = 0;                  ///< failures since last live
    int opens_ = 0;                            ///< open attempts so far
    LinkCounters counters_;                    ///< --stats counters
};

}  // namespace wall::streams
