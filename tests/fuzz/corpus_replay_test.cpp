// Replays the fuzz corpus (seeds and every crash libFuzzer ever found, kept as
// regression cases) through the same entry functions as the fuzzer, in the
// normal build: no clang or libFuzzer needed, so every CI run checks them.
#include "fuzz_targets.hpp"

#include "protocol/protocol.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace wall::fuzz {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> corpusFiles(const char* target) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(fs::path(WALL_FUZZ_CORPUS_DIR) / target))
        if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

std::string readBytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

class CorpusReplay : public ::testing::TestWithParam<FuzzTarget> {};

TEST_P(CorpusReplay, EveryCaseHoldsTheInvariants) {
    const auto files = corpusFiles(GetParam().name);
    // A target without seeds would make this test pass vacuously.
    ASSERT_GE(files.size(), 3u) << "corpus folder " << GetParam().name << " is (nearly) empty";
    for (const fs::path& file : files) {
        SCOPED_TRACE(file.filename().string());
        try {
            GetParam().check(readBytes(file));
        } catch (const std::exception& e) {
            ADD_FAILURE() << e.what();
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Fuzz, CorpusReplay, ::testing::ValuesIn(kFuzzTargets),
                         [](const auto& info) { return std::string(info.param.name); });

// The invariants must be able to fail: a checkpoint that is not even JSON is
// refused (no throw escapes), but a FuzzFailure is what a broken invariant looks like.
TEST(CorpusReplay, TargetsRefuseGarbageWithoutThrowing) {
    for (const FuzzTarget& t : kFuzzTargets)
        for (const char* garbage : {"", "\xff\xfe", "{", "[[[[[[[[", "{\"v\":1}"})
            EXPECT_NO_THROW(t.check(garbage)) << t.name;
}

// Not a test: writes corpus/state/seed-* (checkpoints of the states the message
// seeds build, applied one by one), so the state target starts from real blobs.
// Run: fuzz_tests --gtest_also_run_disabled_tests --gtest_filter=*WriteStateSeeds*
TEST(CorpusReplay, DISABLED_WriteStateSeeds) {
    State state;
    std::vector<std::string> blobs{protocol::encodeState(state)};
    TimeMs recv_ms = 1783989000000;
    for (const fs::path& file : corpusFiles("message")) {
        auto parsed = protocol::parseFeedMessage(readBytes(file));
        if (auto* accepted = std::get_if<protocol::Accepted>(&parsed)) {
            accepted->event.recv_ms = recv_ms += 1000;
            apply(state, accepted->event);
            blobs.push_back(protocol::encodeState(state));
        }
    }
    const fs::path out = fs::path(WALL_FUZZ_CORPUS_DIR) / "state";
    fs::create_directories(out);
    for (const fs::path& old : corpusFiles("state"))
        if (old.filename().string().rfind("seed-", 0) == 0) fs::remove(old);
    // Every fourth state, and the last (the richest): enough variety, small corpus.
    for (size_t i = 0; i < blobs.size(); ++i)
        if (i % 4 == 0 || i + 1 == blobs.size())
            std::ofstream(out / ("seed-" + std::to_string(i)), std::ios::binary) << blobs[i];
}

} // namespace
} // namespace wall::fuzz
