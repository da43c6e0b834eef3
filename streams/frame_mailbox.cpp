#include "streams/frame_mailbox.hpp"

#include <algorithm>

namespace wall::streams {

FrameMailbox::FrameMailbox(std::size_t depth) : depth_(std::clamp<std::size_t>(depth, 1, 8)) {}

void FrameMailbox::push(VideoFrame frame) {
    // The dropped frame is released outside the lock: its planes may hold
    // decoder buffers whose release is not free.
    std::optional<VideoFrame> evicted;
    {
        std::lock_guard lock(mutex_);
        if (frames_.size() >= depth_) {
            evicted = std::move(frames_.front());
            frames_.pop_front();
            ++dropped_;
        }
        frames_.push_back(std::move(frame));
    }
}

std::optional<VideoFrame> FrameMailbox::takeNewest() {
    std::deque<VideoFrame> taken;
    {
        std::lock_guard lock(mutex_);
        if (frames_.empty()) return std::nullopt;
        dropped_ += frames_.size() - 1;
        taken.swap(frames_);
    }
    return std::move(taken.back());
}

std::uint64_t FrameMailbox::dropped() const {
    std::lock_guard lock(mutex_);
    return dropped_;
}

std::size_t FrameMailbox::size() const {
    std::lock_guard lock(mutex_);
    return frames_.size();
}

}  // namespace wall::streams
