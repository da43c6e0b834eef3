#include "json_path.hpp"

namespace wall::protocol {

std::string JsonPath::str() const {
    if (!parent) return std::string(key);
    std::string prefix = (!parent->parent && parent->hidden_root) ? std::string() : parent->str();
    if (index >= 0) {
        if (prefix.empty()) prefix = std::string(parent->key);
        return prefix + "[" + std::to_string(index) + "]";
    }
    if (prefix.empty()) return std::string(key);
    return prefix + "." + std::string(key);
}

} // namespace wall::protocol
