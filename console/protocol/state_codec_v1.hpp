// Reader of checkpoint format 1 (state_codec_v1.cpp). Internal to wall_protocol.
#pragma once

#include "field_reader.hpp"
#include "json_document.hpp"

namespace wall::protocol {

/// @brief The state in a format-1 checkpoint whose root is o ("v" already checked); throws FieldError.
State decodeStateV1(const ObjectReader<NlohmannValue>& o);

} // namespace wall::protocol
