// Shared helpers for protocol_tests: corpus files and result unpacking.
#pragma once

#include "protocol/protocol.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace wall::protocol::test {

/// @brief Whole file as bytes; fails the test when it cannot be read.
std::string readFile(const std::filesystem::path& path);

/// @brief Files in a corpus sub-folder (e.g. "valid"), sorted by name.
std::vector<std::filesystem::path> corpusFiles(const std::string& folder);

/// @brief Envelope with the given type and body text, source "test-backend", seq 7, ts 1783989000000.
std::string envelopeWith(const std::string& type, const std::string& body_json);

/// One entry of the malformed corpus (malformed_corpus_test.cpp).
struct MalformedCase {
    const char* name;     // what is wrong, for the test output
    std::string bytes;    // the message as sent
    RejectReason reason;  // expected reason
    std::string field;    // path the detail must start with
};

/// @brief The malformed corpus: every entry must be refused with its reason, naming its field.
std::vector<MalformedCase> malformedCorpus();

/// @brief The Accepted of a result; records a failure naming the rejection otherwise.
const Accepted* accepted(const ParseResult& result);

/// @brief The Rejection of a result; records a failure otherwise.
const Rejection* rejected(const ParseResult& result);

/// @brief Field-by-field equality of the alarm fields that travel on the wire.
void expectSameAlarmWireFields(const Alarm& a, const Alarm& b);

} // namespace wall::protocol::test
