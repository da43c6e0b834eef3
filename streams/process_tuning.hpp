// Process-wide allocator settings for a program that opens and closes camera
// streams all day. Call once at the start of main(), before any thread starts.
#pragma once

namespace wall::streams {

/// @brief Caps glibc malloc arenas and fixes the mmap threshold, so memory of
/// closed streams goes back to the system instead of creeping up for months.
void tuneAllocatorForStreams();

}  // namespace wall::streams
