// libFuzzer entry for one target, chosen at compile time (WALL_FUZZ_TARGET is
// the target's index in kFuzzTargets). Built only with WALL_FUZZ=ON under clang.
#include "fuzz_targets.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    wall::fuzz::kFuzzTargets[WALL_FUZZ_TARGET].check(
        std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
