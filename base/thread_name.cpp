#include "base/thread_name.hpp"

#include <algorithm>
#include <string>

#include <pthread.h>

namespace wall {

void nameThisThread(std::string_view name) {
    constexpr std::size_t kMaxBytes = 15;  // the kernel's limit, without the terminating NUL
    std::size_t cut = std::min(name.size(), kMaxBytes);
    // Back off continuation bytes, so a cut camera name never ends in half a character.
    while (cut > 0 && cut < name.size() && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
    pthread_setname_np(pthread_self(), std::string(name.substr(0, cut)).c_str());
}

}  // namespace wall
