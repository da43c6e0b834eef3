// Camera names are Chinese and often longer than the kernel's 15 bytes: the
// name a thread gets must be a clean prefix, never half a character.
#include "base/thread_name.hpp"
#include "base/utf8.hpp"

#include <gtest/gtest.h>

#include <pthread.h>

#include <string>
#include <thread>

namespace wall {
namespace {

// The name the calling thread ends up with after nameThisThread(name).
std::string nameGiven(std::string_view name) {
    std::string got;
    std::jthread([&] {
        nameThisThread(name);
        char buf[16] = {};
        pthread_getname_np(pthread_self(), buf, sizeof buf);
        got = buf;
    }).join();
    return got;
}

TEST(ThreadName, ShortNamesAreKept) {
    EXPECT_EQ(nameGiven("journal-wal"), "journal-wal");
    EXPECT_EQ(nameGiven("stream-reaper"), "stream-reaper");
}

TEST(ThreadName, LongNamesAreCutOnACharacterBoundary) {
    // 5 ideographs of 3 bytes = 15 bytes fit; the 6th is dropped whole.
    EXPECT_EQ(nameGiven("洪塘镇大桥东侧摄像头"), "洪塘镇大桥");
    // 14 bytes of ASCII and a 3-byte character: the character goes, not a part of it.
    const std::string cut = nameGiven("cam-0795-12345告警");
    EXPECT_EQ(cut, "cam-0795-12345");
    EXPECT_TRUE(isValidUtf8(cut));
}

}  // namespace
}  // namespace wall
