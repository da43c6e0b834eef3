#include "render/gl_delete_queue.hpp"

namespace wall::render {

void postGlDelete(GlDeleteQueue& queue, GlObjectKind kind, GLuint name) { queue.post(kind, name); }

GlDeleteQueue::~GlDeleteQueue() { drain(); }

void GlDeleteQueue::post(GlObjectKind kind, GLuint name) {
    if (name == 0) return;
    std::lock_guard lock(mutex_);
    entries_.push_back({kind, name});
}

std::size_t GlDeleteQueue::drain() {
    std::vector<Entry> taken;
    {
        std::lock_guard lock(mutex_);
        taken.swap(entries_);
    }
    for (const Entry& entry : taken) deleteGlObject(entry.kind, entry.name);
    return taken.size();
}

std::size_t GlDeleteQueue::pending() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
}

}  // namespace wall::render
