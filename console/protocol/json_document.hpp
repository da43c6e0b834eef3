// Bounded JSON parsing for untrusted bytes: nlohmann's SAX parser feeding a
// DOM builder that refuses nesting deeper than a limit and duplicate member
// names, and that knows the path of the value it was reading when the bytes
// went wrong (so "invalid UTF-8" can name body.title). The diagnostic path of
// message_parser.cpp (messages simdjson refused), checkpoints and replies use
// it. Internal to wall_protocol.
#pragma once

#include "protocol/protocol.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace wall::protocol {

/// Why a document could not be parsed; detail starts with the path.
struct DocumentError {
    RejectReason reason = RejectReason::NotJson;
    std::string detail;
};

/// How a document's root is named in error details.
struct DocumentNaming {
    std::string_view root_name = "message"; // shown when the error is about the root itself
    bool hide_root_in_paths = true;         // "body.level" rather than "message.body.level"
};

/// @brief Parses bytes into out; on failure returns false and fills error (out is then unspecified).
bool parseDocument(std::string_view bytes, nlohmann::json& out, DocumentError& error,
                   DocumentNaming naming = {}, size_t max_depth = kMaxNestingDepth);

} // namespace wall::protocol
