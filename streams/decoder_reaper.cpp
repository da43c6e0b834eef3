#include "streams/decoder_reaper.hpp"

#include "base/thread_name.hpp"

#include <spdlog/spdlog.h>

namespace wall::streams {

DecoderReaper::DecoderReaper() : thread_([this](std::stop_token stop) { run(stop); }) {}

// std::jthread requests the stop (which wakes wake_) and joins; the queue is emptied first.
DecoderReaper::~DecoderReaper() = default;

void DecoderReaper::bury(std::unique_ptr<StreamDecoder> decoder) {
    if (!decoder) return;
    decoder->requestStop();
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(std::move(decoder));
    }
    wake_.notify_all();
}

void DecoderReaper::drain() {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [this] { return queue_.empty() && !busy_; });
}

void DecoderReaper::run(std::stop_token stop) {
    nameThisThread("stream-reaper");
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, stop, [this] { return !queue_.empty(); });
        if (queue_.empty() && stop.stop_requested()) break;
        std::vector<std::unique_ptr<StreamDecoder>> batch;
        batch.swap(queue_);
        busy_ = true;
        lock.unlock();
        try {
            batch.clear();  // joins each decoder thread (already told to stop)
        } catch (...) {
            spdlog::error("stream reaper: a decoder threw while closing");
        }
        lock.lock();
        busy_ = false;
        idle_.notify_all();
    }
    idle_.notify_all();
}

}  // namespace wall::streams
