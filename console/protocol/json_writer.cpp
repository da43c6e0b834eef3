#include "json_writer.hpp"

#include <charconv>

namespace wall::protocol {

void JsonWriter::beforeValue() {
    if (need_comma_) out_ += ',';
    need_comma_ = true;
}

void JsonWriter::beginObject() { beforeValue(); out_ += '{'; need_comma_ = false; }
void JsonWriter::endObject() { out_ += '}'; need_comma_ = true; }
void JsonWriter::beginArray() { beforeValue(); out_ += '['; need_comma_ = false; }
void JsonWriter::endArray() { out_ += ']'; need_comma_ = true; }

void JsonWriter::key(std::string_view name) {
    if (need_comma_) out_ += ',';
    appendJsonString(out_, name);
    out_ += ':';
    need_comma_ = false; // the value follows the colon directly
}

void JsonWriter::string(std::string_view value) { beforeValue(); appendJsonString(out_, value); }

void JsonWriter::integer(int64_t value) {
    beforeValue();
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, value);
    out_.append(buf, r.ptr);
}

void JsonWriter::unsignedInteger(uint64_t value) {
    beforeValue();
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, value);
    out_.append(buf, r.ptr);
}

void JsonWriter::boolean(bool value) { beforeValue(); out_ += value ? "true" : "false"; }

void JsonWriter::raw(std::string_view json_text) { beforeValue(); out_ += json_text; }

size_t utf8SequenceLength(const unsigned char* p, size_t n) {
    const unsigned char c = p[0];
    if (c < 0x80) return 1;
    auto cont = [&](size_t i) { return i < n && (p[i] & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (!cont(1) || !cont(2)) return 0;
        if (c == 0xE0 && p[1] < 0xA0) return 0;  // overlong
        if (c == 0xED && p[1] >= 0xA0) return 0; // UTF-16 surrogate
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3)) return 0;
        if (c == 0xF0 && p[1] < 0x90) return 0;  // overlong
        if (c == 0xF4 && p[1] >= 0x90) return 0; // above U+10FFFF
        return 4;
    }
    return 0;
}

bool isValidUtf8(std::string_view s) {
    auto* p = reinterpret_cast<const unsigned char*>(s.data());
    for (size_t i = 0; i < s.size();) {
        const size_t len = utf8SequenceLength(p + i, s.size() - i);
        if (len == 0) return false;
        i += len;
    }
    return true;
}

std::string sanitizeUtf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    auto* p = reinterpret_cast<const unsigned char*>(s.data());
    for (size_t i = 0; i < s.size();) {
        const size_t len = utf8SequenceLength(p + i, s.size() - i);
        if (len == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(s.data() + i, len);
            i += len;
        }
    }
    return out;
}

void appendJsonString(std::string& out, std::string_view value) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    auto* p = reinterpret_cast<const unsigned char*>(value.data());
    const size_t n = value.size();
    size_t run = 0; // start of the pending run of bytes copied verbatim
    for (size_t i = 0; i < n;) {
        const unsigned char c = p[i];
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            ++i;
            continue;
        }
        size_t len = 1;
        if (c >= 0x80) {
            len = utf8SequenceLength(p + i, n - i);
            if (len != 0) {
                i += len;
                continue;
            }
        }
        out.append(value.data() + run, i - run);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (c < 0x20) {
                out += "\\u00";
                out += kHex[c >> 4];
                out += kHex[c & 15];
            } else {
                out += "\xEF\xBF\xBD"; // invalid UTF-8 byte
            }
        }
        ++i;
        run = i;
    }
    out.append(value.data() + run, n - run);
    out += '"';
}

} // namespace wall::protocol
