#pragma once
// Destroys StreamDecoders on its own thread, so closing a stream (a join that
// may take a few milliseconds) never blocks the GL thread.

#include <condition_variable>
#include <memory>
#include <mutex>
#include <stop_token>
#include <thread>
#include <vector>

#include "streams/stream_decoder.hpp"

namespace wall::streams {

class DecoderReaper {
public:
    DecoderReaper();
    /// @brief Destroys whatever is still queued, then joins.
    ~DecoderReaper();
    DecoderReaper(const DecoderReaper&) = delete;
    DecoderReaper& operator=(const DecoderReaper&) = delete;

    /// @brief Asks `decoder` to stop now and destroys it later on the reaper thread.
    void bury(std::unique_ptr<StreamDecoder> decoder);
    /// @brief Blocks until everything handed over so far is destroyed (tests, shutdown).
    void drain();

private:
    void run(std::stop_token stop);

    std::mutex mutex_;                                    ///< guards the fields below
    std::condition_variable_any wake_;                    ///< new work (a stop request wakes it too)
    std::condition_variable idle_;                        ///< queue empty and nothing in hand
    std::vector<std::unique_ptr<StreamDecoder>> queue_;   ///< decoders waiting to be destroyed
    bool busy_ = false;                                   ///< the thread is destroying a batch
    std::jthread thread_;                                 ///< last: starts after the rest exists, stops and joins first
};

}  // namespace wall::streams
