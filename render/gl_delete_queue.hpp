#pragma once
// Deletes GL names on the GL thread on behalf of owners that died elsewhere
// (Tracy style run queue: any thread posts, the GL thread swaps the list out
// under the lock and deletes with the lock released).

#include "render/gl_handles.hpp"

#include <cstddef>
#include <mutex>
#include <vector>

namespace wall::render {

/// Pending GL deletes posted from any thread, drained by the GL thread.
/// Unbounded on purpose: dropping a delete would leak GPU memory, and posts
/// are rare (one per destroyed owner), so the list stays short.
class GlDeleteQueue {
public:
    GlDeleteQueue() = default;
    GlDeleteQueue(const GlDeleteQueue&) = delete;
    GlDeleteQueue& operator=(const GlDeleteQueue&) = delete;
    /// Deletes whatever is still queued: the queue must die on the GL thread, with the context current.
    ~GlDeleteQueue();

    /// @brief Any thread: queue `name` for deletion on the GL thread.
    void post(GlObjectKind kind, GLuint name);

    /// @brief GL thread, once per frame: deletes everything posted so far; returns how many.
    std::size_t drain();

    /// @brief Any thread: names waiting to be deleted.
    std::size_t pending() const;

private:
    struct Entry {
        GlObjectKind kind;  ///< which glDelete* to call
        GLuint name;        ///< the name to delete
    };
    mutable std::mutex mutex_;  ///< guards entries_
    std::vector<Entry> entries_;  ///< posted, not yet deleted
};

}  // namespace wall::render
