#include "streams/link_health.hpp"

#include <algorithm>

namespace wall::streams {

std::string_view toString(LinkState state) {
    switch (state) {
    case LinkState::Connecting: return "connecting";
    case LinkState::Live: return "live";
    case LinkState::Stalled: return "stalled";
    case LinkState::Reconnecting: return "reconnecting";
    case LinkState::Failed: return "failed";
    }
    return "?";
}

std::string_view toString(FailReason reason) {
    switch (reason) {
    case FailReason::None: return "none";
    case FailReason::AuthRefused: return "authentication refused";
    case FailReason::HostUnreachable: return "host unreachable";
    case FailReason::ConnectionRefused: return "connection refused";
    case FailReason::StreamNotFound: return "stream not found";
    case FailReason::NotPublished: return "not published";
    case FailReason::UnsupportedCodec: return "unsupported codec";
    case FailReason::Timeout: return "timed out";
    case FailReason::EndOfStream: return "end of stream";
    case FailReason::Other: return "error";
    }
    return "?";
}

std::string_view toChinese(FailReason reason) {
    switch (reason) {
    case FailReason::None: return "";
    case FailReason::AuthRefused: return "认证被拒绝";
    case FailReason::HostUnreachable: return "主机不可达";
    case FailReason::ConnectionRefused: return "连接被拒绝";
    case FailReason::StreamNotFound: return "码流不存在";
    case FailReason::NotPublished: return "摄像机未推流";
    case FailReason::UnsupportedCodec: return "不支持的编码";
    case FailReason::Timeout: return "连接超时";
    case FailReason::EndOfStream: return "码流结束";
    case FailReason::Other: return "码流错误";
    }
    return "";
}

bool isPermanent(FailReason reason) {
    return reason == FailReason::AuthRefused || reason == FailReason::StreamNotFound ||
           reason == FailReason::UnsupportedCodec;
}

LinkHealth::LinkHealth(Clock::time_point now, LinkTiming timing)
    : timing_(timing), opened_at_(now), retry_at_(now) {}

void LinkHealth::enter(LinkState next, Clock::time_point) {
    // Logging is the owner's job (it knows the camera): compare state() around calls.
    if (next == state_) return;
    state_ = next;
    ++counters_.state_changes;
}

void LinkHealth::onOpening(Clock::time_point now) {
    if (opens_++ > 0) ++counters_.reconnects;
    opened_ = false;
    has_pts_ = false;
    opened_at_ = now;
    // Keep showing Reconnecting/Failed while a retry is in flight; only the very
    // first attempt (or a stalled link that is being reopened) says Connecting.
    if (state_ == LinkState::Live || state_ == LinkState::Stalled) enter(LinkState::Reconnecting, now);
}

void LinkHealth::onOpened(Clock::time_point now) {
    opened_ = true;
    opened_at_ = now;
}

void LinkHealth::onFrame(Clock::time_point now, std::int64_t pts_us) {
    // A frame whose pts does not advance is a freeze (encoder stuck, camera
    // repeating its last picture): count it, but it does not keep the link live.
    if (has_pts_ && pts_us <= last_pts_us_) {
        ++counters_.frozen_frames;
        return;
    }
    has_pts_ = true;
    last_pts_us_ = pts_us;
    has_frame_ = true;
    last_new_frame_ = now;
    ++counters_.frames;
    failures_in_row_ = 0;
    reason_ = FailReason::None;
    detail_.clear();
    enter(LinkState::Live, now);
}

void LinkHealth::onError(Clock::time_point now, FailReason reason, std::string detail, double jitter01) {
    if (failures_in_row_++ == 0) first_failure_ = now;
    reason_ = reason;
    detail_ = std::move(detail);
    opened_ = false;
    const Clock::duration failing_for = now - first_failure_;
    const bool permanent = isPermanent(reason);
    retry_at_ = now + retryDelay(timing_, failures_in_row_, failing_for, permanent, jitter01);
    const bool give_up = permanent || failing_for >= timing_.fast_retry_window;
    enter(give_up ? LinkState::Failed : LinkState::Reconnecting, now);
}

void LinkHealth::tick(Clock::time_point now) {
    // Reconnecting/Failed change only on events. A first attempt that hangs (a
    // peer that accepts and then sends nothing) counts as stalled, like a live
    // link that stops: either way the officer must not wait on a blank tile.
    if (state_ != LinkState::Live && state_ != LinkState::Connecting) return;
    // Before the first frame the stall clock starts at the open attempt.
    const Clock::time_point base = (state_ == LinkState::Live) ? last_new_frame_ : opened_at_;
    if (now - base >= timing_.stall_after) enter(LinkState::Stalled, now);
}

Clock::duration LinkHealth::frameAge(Clock::time_point now) const {
    if (!has_frame_) return Clock::duration::zero();
    return now - last_new_frame_;
}

Clock::duration LinkHealth::retryDelay(const LinkTiming& timing, int failure, Clock::duration failing_for,
                                       bool permanent, double jitter01) {
    Clock::duration base = timing.slow_retry;
    if (!permanent && failing_for < timing.fast_retry_window) {
        base = timing.first_backoff;
        for (int i = 1; i < failure && base < timing.max_fast_backoff; ++i) base *= 2;
        base = std::min(base, timing.max_fast_backoff);
    }
    const double factor = 1.0 + timing.jitter * (2.0 * std::clamp(jitter01, 0.0, 1.0) - 1.0);
    return std::chrono::duration_cast<Clock::duration>(base * factor);
}

}  // namespace wall::streams
