#include "layouts/toml_fields.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace wall::layouts {

namespace {

std::string typeName(const toml::node& node) {
    switch (node.type()) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    default: return "nothing";
    }
}

// Edit distance small enough to suggest "did you mean"; keys are short.
size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

}  // namespace

int lineOf(const toml::node& node) {
    const auto& src = node.source();
    return src.begin ? static_cast<int>(src.begin.line) : 0;
}

toml::table parseToml(std::string_view text, const std::string& file) {
    try {
        return toml::parse(text, file);
    } catch (const toml::parse_error& e) {
        const auto& begin = e.source().begin;
        throw LayoutError(file, static_cast<int>(begin.line), "",
                          "TOML syntax error: " + std::string(e.description()), static_cast<int>(begin.column));
    }
}

std::string readTextFile(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw LayoutError(path.string(), 0, "", "no such file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw LayoutError(path.string(), 0, "", "cannot open the file for reading");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

int FieldReader::lineOfKey(std::string_view key) const {
    if (const toml::node* node = table.get(key)) {
        if (const int line = lineOf(*node)) return line;
    }
    return table_line;
}

void FieldReader::fail(int line, const std::string& message) const {
    throw LayoutError(file, line, region, message);
}

void FieldReader::failKey(std::string_view key, const std::string& message) const {
    fail(lineOfKey(key), message);
}

std::optional<std::string> FieldReader::string(std::string_view key) const {
    const toml::node* node = table.get(key);
    if (!node) return std::nullopt;
    if (const auto* s = node->as_string()) return s->get();
    failKey(key, "'" + std::string(key) + "' must be a string, found " + typeName(*node));
}

std::string FieldReader::requireString(std::string_view key) const {
    auto value = string(key);
    if (!value) fail(table_line, "missing '" + std::string(key) + "'");
    return *value;
}

std::optional<int64_t> FieldReader::integer(std::string_view key) const {
    const toml::node* node = table.get(key);
    if (!node) return std::nullopt;
    if (const auto* i = node->as_integer()) return i->get();
    failKey(key, "'" + std::string(key) + "' must be an integer, found " + typeName(*node));
}

int64_t FieldReader::requireInteger(std::string_view key) const {
    auto value = integer(key);
    if (!value) fail(table_line, "missing '" + std::string(key) + "'");
    return *value;
}

std::optional<double> FieldReader::number(std::string_view key) const {
    const toml::node* node = table.get(key);
    if (!node) return std::nullopt;
    if (const auto* i = node->as_integer()) return static_cast<double>(i->get());
    if (const auto* f = node->as_floating_point()) {
        const double v = f->get();
        if (v != v || v - v != 0) failKey(key, "'" + std::string(key) + "' must be a finite number");
        return v;
    }
    failKey(key, "'" + std::string(key) + "' must be a number, found " + typeName(*node));
}

double FieldReader::requireNumber(std::string_view key) const {
    auto value = number(key);
    if (!value) fail(table_line, "missing '" + std::string(key) + "'");
    return *value;
}

std::optional<bool> FieldReader::boolean(std::string_view key) const {
    const toml::node* node = table.get(key);
    if (!node) return std::nullopt;
    if (const auto* b = node->as_boolean()) return b->get();
    failKey(key, "'" + std::string(key) + "' must be true or false, found " + typeName(*node));
}

std::optional<std::vector<std::string>> FieldReader::stringList(std::string_view key) const {
    const toml::node* node = table.get(key);
    if (!node) return std::nullopt;
    const auto* array = node->as_array();
    if (!array) failKey(key, "'" + std::string(key) + "' must be a list of strings, found " + typeName(*node));
    std::vector<std::string> out;
    for (const toml::node& item : *array) {
        const auto* s = item.as_string();
        if (!s) {
            fail(lineOf(item) ? lineOf(item) : lineOfKey(key),
                 "'" + std::string(key) + "' must be a list of strings, found " + typeName(item) + " in it");
        }
        out.push_back(s->get());
    }
    return out;
}

std::optional<std::vector<int64_t>> FieldReader::integerList(std::string_view key) const {
    const toml::node* node = table.get(key);
    if (!node) return std::nullopt;
    const auto* array = node->as_array();
    if (!array) failKey(key, "'" + std::string(key) + "' must be a list of integers, found " + typeName(*node));
    std::vector<int64_t> out;
    for (const toml::node& item : *array) {
        const auto* i = item.as_integer();
        if (!i) {
            fail(lineOf(item) ? lineOf(item) : lineOfKey(key),
                 "'" + std::string(key) + "' must be a list of integers, found " + typeName(item) + " in it");
        }
        out.push_back(i->get());
    }
    return out;
}

const toml::table* FieldReader::subTable(std::string_view key) const {
    const toml::node* node = table.get(key);
    if (!node) return nullptr;
    if (const auto* t = node->as_table()) return t;
    failKey(key, "'" + std::string(key) + "' must be a table, found " + typeName(*node));
}

void FieldReader::rejectUnknownKeys(std::initializer_list<std::string_view> allowed, std::string_view where) const {
    for (auto&& [key, node] : table) {
        const std::string_view name = key.str();
        bool known = false;
        std::string_view closest;
        size_t best = 3;  // suggest only near misses (typos)
        for (std::string_view a : allowed) {
            if (a == name) { known = true; break; }
            const size_t d = editDistance(a, name);
            if (d < best) { best = d; closest = a; }
        }
        if (known) continue;
        std::string message = "unknown key '" + std::string(name) + "' " + std::string(where);
        if (!closest.empty()) message += " (did you mean '" + std::string(closest) + "'?)";
        const int line = key.source().begin ? static_cast<int>(key.source().begin.line) : lineOf(node);
        fail(line ? line : table_line, message);
    }
}

int64_t FieldReader::integerInRange(std::string_view key, int64_t lo, int64_t hi, int64_t fallback) const {
    const auto value = integer(key);
    if (!value) return fallback;
    if (*value < lo || *value > hi) {
        failKey(key, "'" + std::string(key) + "' = " + std::to_string(*value) + " is out of range; it must be " +
                         std::to_string(lo) + ".." + std::to_string(hi));
    }
    return *value;
}

}  // namespace wall::layouts
