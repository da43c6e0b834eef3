// A compact, deterministic JSON text writer: the canonical form of bodies,
// envelopes, replies and checkpoints. Members come out in the order written,
// with no spaces. Strings that are not valid UTF-8 (which can only come from
// inside the console, never from a parsed message) get U+FFFD for each bad
// byte, so writing never fails. Internal to wall_protocol.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace wall::protocol {

class JsonWriter {
public:
    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    /// @brief Member name; the next value written is its value.
    void key(std::string_view name);
    void string(std::string_view value);
    void integer(int64_t value);
    void unsignedInteger(uint64_t value);
    void boolean(bool value);
    /// @brief Appends already-encoded JSON text as one value.
    void raw(std::string_view json_text);

    // Shorthands for members.
    void member(std::string_view name, std::string_view value) { key(name); string(value); }
    void memberInt(std::string_view name, int64_t value) { key(name); integer(value); }
    void memberUint(std::string_view name, uint64_t value) { key(name); unsignedInteger(value); }
    void memberBool(std::string_view name, bool value) { key(name); boolean(value); }
    /// @brief Writes the member only when value is not empty (canonical form omits empty optionals).
    void memberIfSet(std::string_view name, std::string_view value) { if (!value.empty()) member(name, value); }

    const std::string& text() const { return out_; }
    std::string take() { return std::move(out_); }

private:
    void beforeValue();
    std::string out_;         // the text so far
    bool need_comma_ = false; // a value was written in the current container
};

/// @brief Appends value as a JSON string literal (with quotes) to out.
void appendJsonString(std::string& out, std::string_view value);

/// @brief Length of the valid UTF-8 sequence at p (1..4), or 0 when it is not valid.
size_t utf8SequenceLength(const unsigned char* p, size_t available);

/// @brief True when s is entirely valid UTF-8.
bool isValidUtf8(std::string_view s);

/// @brief s with each invalid UTF-8 byte replaced by U+FFFD (for error details quoting raw input).
std::string sanitizeUtf8(std::string_view s);

} // namespace wall::protocol
