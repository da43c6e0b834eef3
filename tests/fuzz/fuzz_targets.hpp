// The fuzz targets' entry functions: the same code runs under libFuzzer
// (libfuzzer_main.cpp, clang with -fsanitize=fuzzer,address,undefined; see
// scripts/fuzz) and in the normal build's corpus replay test
// (corpus_replay_test.cpp), so every seed and every regression case is
// checked on every CI run, with or without clang.
//
// A target fails by throwing FuzzFailure (an invariant broke) or by letting
// any other exception escape (the parsers promise verdicts, not exceptions);
// under libFuzzer either one aborts and becomes a crash artifact. Memory
// errors and undefined behaviour are the sanitizers' job.
#pragma once

#include <array>
#include <stdexcept>
#include <string_view>

namespace wall::fuzz {

/// An invariant of the wire codec that an input broke.
struct FuzzFailure : std::logic_error {
    using std::logic_error::logic_error;
};

/// @brief One envelope through parseMessage and parseFeedMessage: both parsers agree, accepted messages round-trip, replies encode.
void checkMessage(std::string_view bytes);

/// @brief First byte picks the type (every body type plus an unknown one), the rest is parseBody's body text.
void checkBody(std::string_view bytes);

/// @brief A checkpoint blob through decodeState: refused with std::runtime_error, or decoded and re-encoded stably.
void checkState(std::string_view bytes);

/// One fuzz target: its name (the corpus folder tests/fuzz/corpus/<name>) and entry.
struct FuzzTarget {
    const char* name;
    void (*check)(std::string_view);
};
inline constexpr std::array<FuzzTarget, 3> kFuzzTargets{{
    {"message", checkMessage},
    {"body", checkBody},
    {"state", checkState},
}};

} // namespace wall::fuzz
