#include "json_document.hpp"

#include "json_writer.hpp"

#include <vector>

namespace wall::protocol {
namespace {

using nlohmann::json;

// Builds the DOM from SAX events. Every container being filled has a Frame,
// so at any moment the builder can say which path it is reading.
class BoundedDomBuilder {
public:
    BoundedDomBuilder(json& root, DocumentError& error, DocumentNaming naming, size_t max_depth)
        : root_(root), error_(error), naming_(naming), max_depth_(max_depth) {}

    bool null() { return place(json(nullptr)); }
    bool boolean(bool v) { return place(json(v)); }
    bool number_integer(json::number_integer_t v) { return place(json(v)); }
    bool number_unsigned(json::number_unsigned_t v) { return place(json(v)); }
    bool number_float(json::number_float_t v, const json::string_t&) { return place(json(v)); }
    bool string(json::string_t& v) { return place(json(std::move(v))); }
    bool binary(json::binary_t&) { return fail(RejectReason::NotJson, positionPath() + ": binary values are not JSON"); }

    bool start_object(std::size_t) { return open(json::object(), true); }
    bool start_array(std::size_t) { return open(json::array(), false); }
    bool end_object() { frames_.pop_back(); return true; }
    bool end_array() { frames_.pop_back(); return true; }

    bool key(json::string_t& k) {
        Frame& f = frames_.back();
        auto& members = f.container->get_ref<json::object_t&>();
        auto [it, inserted] = members.emplace(std::move(k), nullptr);
        f.key = &it->first;
        f.slot = &it->second;
        f.expecting_value = true;
        if (!inserted)
            return fail(RejectReason::BadValue, positionPath() + ": duplicate member name");
        return true;
    }

    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) {
        const std::string where = positionPath();
        const std::string what = ex.what();
        if (ex.id == 406) // number overflow, e.g. 1e400
            return fail(RejectReason::BadValue, where + ": number out of range at byte " + std::to_string(position));
        if (what.find("UTF-8") != std::string::npos || what.find("surrogate") != std::string::npos)
            return fail(RejectReason::NotJson, where + ": invalid UTF-8 in string at byte " + std::to_string(position) +
                                                   " (strings must be valid UTF-8)");
        // nlohmann: "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error while
        // parsing value - invalid literal; last read: 'tru,'". Keep the middle part; the snippet may hold
        // raw bytes that are not UTF-8.
        std::string reason = what;
        if (auto col = reason.find("column "); col != std::string::npos)
            if (auto colon = reason.find(": ", col); colon != std::string::npos) reason = reason.substr(colon + 2);
        if (auto last = reason.find("; last read"); last != std::string::npos) reason.resize(last);
        return fail(RejectReason::NotJson, where + ": invalid JSON at byte " + std::to_string(position) + ": " +
                                               sanitizeUtf8(reason));
    }

private:
    struct Frame {
        json* container = nullptr;          // the object or array being filled
        bool is_object = false;
        size_t count = 0;                   // values placed so far
        const std::string* key = nullptr;   // current member name (objects)
        json* slot = nullptr;               // where the current member's value goes (objects)
        bool expecting_value = false;       // a key was read and its value not yet
    };

    json* placeRaw(json&& v) {
        if (frames_.empty()) {
            root_ = std::move(v);
            return &root_;
        }
        Frame& f = frames_.back();
        ++f.count;
        if (f.is_object) {
            *f.slot = std::move(v);
            f.expecting_value = false;
            return f.slot;
        }
        auto& arr = f.container->get_ref<json::array_t&>();
        arr.push_back(std::move(v));
        return &arr.back();
    }
    bool place(json&& v) {
        placeRaw(std::move(v));
        return true;
    }
    bool open(json&& empty, bool is_object) {
        if (frames_.size() + 1 > max_depth_)
            return fail(RejectReason::BadValue,
                        positionPath() + ": nested deeper than " + std::to_string(max_depth_) + " levels");
        json* p = placeRaw(std::move(empty));
        frames_.push_back(Frame{p, is_object});
        return true;
    }
    bool fail(RejectReason reason, std::string detail) {
        error_.reason = reason;
        error_.detail = std::move(detail);
        return false;
    }

    // Path of the value being read right now (the innermost container's next value).
    std::string positionPath() const {
        std::string path;
        bool in_member_name = false;
        for (size_t i = 0; i < frames_.size(); ++i) {
            const Frame& f = frames_[i];
            const bool innermost = i + 1 == frames_.size();
            if (f.is_object) {
                if (innermost && !f.expecting_value) {
                    in_member_name = true;
                    break;
                }
                if (!path.empty() || !naming_.hide_root_in_paths) path += '.';
                path += f.key ? *f.key : std::string();
            } else {
                const size_t index = innermost ? f.count : f.count - 1;
                path += '[' + std::to_string(index) + ']';
            }
        }
        if (!naming_.hide_root_in_paths || path.empty() || path[0] == '[')
            path = std::string(naming_.root_name) + path;
        if (in_member_name) {
            const Frame& f = frames_.back();
            path += f.key ? " (member name after \"" + sanitizeUtf8(*f.key) + "\")" : " (first member name)";
        }
        return path;
    }

    json& root_;
    DocumentError& error_;
    DocumentNaming naming_;
    size_t max_depth_;
    std::vector<Frame> frames_;
};

} // namespace

bool parseDocument(std::string_view bytes, json& out, DocumentError& error, DocumentNaming naming, size_t max_depth) {
    BoundedDomBuilder builder(out, error, naming, max_depth);
    error.detail.clear();
    bool ok = false;
    try {
        ok = json::sax_parse(bytes.begin(), bytes.end(), &builder);
    } catch (const std::exception& ex) { // allocation failure and the like: never let it escape
        error.reason = RejectReason::NotJson;
        error.detail = std::string(naming.root_name) + ": " + sanitizeUtf8(ex.what());
        return false;
    }
    if (!ok && error.detail.empty()) {
        error.reason = RejectReason::NotJson;
        error.detail = std::string(naming.root_name) + ": invalid JSON";
    }
    return ok;
}

} // namespace wall::protocol
