// Internal entry points of the message parser, for the tests that check both
// parsers give the same verdict. Internal to wall_protocol.
#pragma once

#include "protocol/protocol.hpp"

namespace wall::protocol {

/// Which parser reads the bytes.
enum class ParserChoice : uint8_t {
    Auto,        // simdjson first, nlohmann when simdjson refuses (what parseMessage does)
    NlohmannOnly // the diagnostic path only
};

/// @brief parseMessage (from_feed=false) or parseFeedMessage (true) with a chosen parser.
ParseResult parseMessageWith(std::string_view bytes, size_t max_bytes, bool from_feed, ParserChoice choice);

/// @brief parseBody with a chosen parser.
std::variant<EventBody, Rejection> parseBodyWith(std::string_view type, std::string_view body_json, ParserChoice choice);

} // namespace wall::protocol
