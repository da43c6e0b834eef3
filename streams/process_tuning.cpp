#include "streams/process_tuning.hpp"

#include <malloc.h>

namespace wall::streams {

void tuneAllocatorForStreams() {
    // glibc keeps one arena per thread that ever allocated; a decoder thread per
    // camera, cameras coming and going, leaves fragments in many of them.
    mallopt(M_ARENA_MAX, 2);
    // glibc raises its mmap threshold each time a large mmapped block is freed
    // (up to 32 MB), after which decoder buffers come from the heap and their
    // holes are never returned. A fixed threshold keeps every big buffer (a
    // 1080p frame pool, codec tables) in its own mapping, unmapped on free.
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
}

}  // namespace wall::streams
