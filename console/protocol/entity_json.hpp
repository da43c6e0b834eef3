// JSON for any described struct (model/describe.hpp), in one canonical form:
// members in description order, optional members left out when empty or zero.
// A wire body is that form without the console's own members; a checkpoint
// is that form with them. Reading checks types always and, for the wire, the
// limits each member's spec names. Internal to wall_protocol.
#pragma once

#include "field_reader.hpp"
#include "json_writer.hpp"
#include "model/describe.hpp"

#include <limits>

namespace wall::protocol {

/// Which members a walk covers and how strictly it reads them.
enum class JsonForm : uint8_t {
    Wire,       // members the wire has; limits checked
    Checkpoint, // every member; types checked only (the console wrote them)
    CheckpointV2, // reading a format-2 checkpoint: like Checkpoint, members added in format 3 may be absent
};

// [SECTION] writing

/// @brief True when an optional member holding x is left out.
template <class T> bool isEmptyMember(const T& x);

struct EmptyCheck {
    bool empty = true;
    template <class M> void operator()(const desc::FieldSpec&, const M& m) { empty = empty && isEmptyMember(m); }
};

template <class T> bool isEmptyMember(const T& x) {
    if constexpr (std::same_as<T, std::string> || desc::Sequence<T> || desc::KeyedMap<T>) return x.empty();
    else if constexpr (desc::Optional<T>) return !x.has_value();
    else if constexpr (desc::Scalar<T>) return x == T{};
    else {
        EmptyCheck check;
        desc::describe(x, check);
        return check.empty;
    }
}

struct EntityWriter {
    JsonWriter& w;
    JsonForm form;

    template <class M> void operator()(const desc::FieldSpec& f, const M& m) {
        if (f.presence == desc::Presence::Console && form == JsonForm::Wire) return;
        if (f.presence == desc::Presence::Optional && isEmptyMember(m)) return;
        if constexpr (desc::Nested<M>) {
            if (f.flatten) {
                desc::describe(m, *this);
                return;
            }
        }
        w.key(f.key);
        value(m);
    }

    template <class M> void value(const M& m) {
        if constexpr (std::same_as<M, std::string>) w.string(m);
        else if constexpr (std::same_as<M, bool>) w.boolean(m);
        else if constexpr (std::is_enum_v<M>) w.string(toWire(m));
        else if constexpr (std::is_signed_v<M>) w.integer(m);
        else if constexpr (std::is_unsigned_v<M>) w.unsignedInteger(m);
        else if constexpr (desc::Optional<M>) value(*m);
        else if constexpr (desc::Sequence<M>) {
            w.beginArray();
            for (const auto& e : m) value(e);
            w.endArray();
        } else if constexpr (desc::KeyedMap<M>) {
            // Sorted by key, so equal states give equal bytes.
            w.beginArray();
            for (const auto* entry : desc::sortedEntries(m)) {
                if constexpr (desc::SelfKeyed<typename M::mapped_type>) {
                    value(entry->second);
                } else {
                    w.beginObject();
                    w.member("id", entry->first);
                    desc::describe(entry->second, *this);
                    w.endObject();
                }
            }
            w.endArray();
        } else {
            w.beginObject();
            desc::describe(m, *this);
            w.endObject();
        }
    }
};

/// @brief Writes x's members into the object being written.
template <class T> void writeMembers(JsonWriter& w, const T& x, JsonForm form) {
    EntityWriter writer{w, form};
    desc::describe(x, writer);
}

// [SECTION] reading

// Call ids are "<alarm id>#<n>": an alarm id of the full 128 bytes plus the call number.
constexpr StringRule kCallIdRule{kMaxIdBytes + 32, false, false};

/// @brief The wire's rule for a string member.
constexpr StringRule wireRule(desc::WireText text) {
    switch (text) {
    case desc::WireText::Id: return kIdRule;
    case desc::WireText::IdOrEmpty: return StringRule{kMaxIdBytes, true, false};
    case desc::WireText::Source: return kSourceRule;
    case desc::WireText::CallId: return kCallIdRule;
    case desc::WireText::CallIdOrEmpty: return StringRule{kCallIdRule.max_bytes, true, false};
    case desc::WireText::Short: return kShortTextRule;
    case desc::WireText::Free: return kTextRule;
    case desc::WireText::RequiredFree: return kRequiredTextRule;
    case desc::WireText::Any: break;
    }
    return kUncheckedRule;
}

template <JsonForm Form, class V, class M> void readMember(const V& v, const JsonPath& path, const desc::FieldSpec& f, M& m);

// Wire rules a field table cannot state, checked right after the member they
// concern (so the first fault is reported, as the members are read in order).
template <class V, class T> void checkWireMember(const ObjectReader<V>&, T&, std::string_view) {}
template <class V> void checkWireMember(const ObjectReader<V>& o, Roster& r, std::string_view key) {
    if (key == "date" && !isCalendarDate(r.date))
        failAt(RejectReason::BadValue, o.path().member("date"), "expected a calendar date YYYY-MM-DD, got " + quoteForDetail(r.date));
}
template <class V> void checkWireMember(const ObjectReader<V>& o, Shift& s, std::string_view key) {
    if (key == "end" && s.end_ms <= s.start_ms)
        failAt(RejectReason::BadValue, o.path().member("end"),
               "must be after start (" + std::to_string(s.end_ms) + " <= " + std::to_string(s.start_ms) + ")");
}
template <class V> void checkWireMember(const ObjectReader<V>&, Camera& c, std::string_view key) {
    if (key == "rtsp_transport" && c.rtsp_transport == "tcp") c.rtsp_transport.clear(); // one spelling of the default
}
template <class V> void checkWireMember(const ObjectReader<V>& o, FeedResync& r, std::string_view key) {
    if (key == "phase" && r.phase != "started" && r.phase != "done")
        failAt(RejectReason::BadValue, o.path().member("phase"), "expected started|done");
}

// Form is a template argument so that skipping the console's members on the
// wire costs nothing at run time (the ingest hot path).
template <JsonForm Form, class V, class Owner> struct EntityReader {
    const ObjectReader<V>& o;
    Owner& owner;

    template <class M> void operator()(const desc::FieldSpec& f, M& m) {
        if (f.presence == desc::Presence::Console && Form == JsonForm::Wire) return;
        if constexpr (desc::Nested<M>) {
            if (f.flatten) {
                EntityReader<Form, V, M> nested{o, m};
                desc::describe(m, nested);
                return;
            }
        }
        const bool older = Form == JsonForm::CheckpointV2 && f.since > 2;
        const bool needed = f.presence == desc::Presence::Required ||
                            (f.presence == desc::Presence::Console && Form != JsonForm::Wire && !older);
        const std::optional<V> member = needed ? std::optional<V>(o.require(f.key)) : o.find(f.key);
        if (!member) return;
        readMember<Form>(*member, o.path().member(f.key), f, m);
        if constexpr (Form == JsonForm::Wire) checkWireMember(o, owner, f.key);
    }
};

/// @brief Reads x's members from object o.
template <JsonForm Form, class V, class T> void readMembers(const ObjectReader<V>& o, T& x) {
    EntityReader<Form, V, T> reader{o, x};
    desc::describe(x, reader);
}

/// @brief Throws unless v is an array of at most max entries; calls visit(element, path) for each.
template <class V, class Visit> void readArray(const V& v, const JsonPath& path, size_t max, Visit&& visit) {
    if (v.kind() != JsonKind::Array) failAt(RejectReason::WrongFieldType, path, "expected array, got " + describe(v));
    const size_t n = v.size();
    if (n > max) failAt(RejectReason::BadValue, path, std::to_string(n) + " entries exceed the limit of " + std::to_string(max));
    size_t i = 0;
    v.forEachElement([&](const V& element) {
        const JsonPath element_path = path.element(i++);
        visit(element, element_path);
    });
}

template <class E, class V> E readEnum(const V& v, const JsonPath& path) {
    if (v.kind() != JsonKind::String) failAt(RejectReason::WrongFieldType, path, "expected string, got " + describe(v));
    if (auto e = desc::enumFromWire<E>(v.asString())) return *e;
    failAt(RejectReason::BadValue, path,
           std::string("expected one of ") + desc::EnumInfo<E>::expected + ", got " + quoteForDetail(v.asString()));
}


template <JsonForm Form, class V, class M> void readMember(const V& v, const JsonPath& path, const desc::FieldSpec& f, M& m) {
    constexpr bool wire = Form == JsonForm::Wire;
    if constexpr (std::same_as<M, std::string>) {
        m = readString(v, path, wire ? wireRule(f.text) : kUncheckedRule);
        if (wire && f.choices) checkChoice(m, path, f.choices);
    } else if constexpr (std::same_as<M, bool>) {
        m = readBool(v, path);
    } else if constexpr (std::is_enum_v<M>) {
        m = readEnum<M>(v, path);
    } else if constexpr (std::is_signed_v<M>) {
        constexpr int64_t lo = std::numeric_limits<M>::min(), hi = std::numeric_limits<M>::max();
        m = static_cast<M>(wire ? readInt(v, path, f.min, std::min<int64_t>(f.max, hi)) : readInt(v, path, lo, hi));
    } else if constexpr (std::is_unsigned_v<M>) {
        constexpr uint64_t hi = std::numeric_limits<M>::max();
        const uint64_t max = f.max == desc::kNoLimit ? hi : std::min<uint64_t>(static_cast<uint64_t>(f.max), hi);
        m = static_cast<M>(wire ? readUint(v, path, static_cast<uint64_t>(f.min), max) : readUint(v, path, 0, hi));
    } else if constexpr (desc::Optional<M>) {
        m.emplace();
        readMember<Form>(v, path, f, *m);
    } else if constexpr (desc::IsVectorT<M>::value) {
        m.clear();
        readArray(v, path, wire ? kMaxArrayEntries : std::numeric_limits<size_t>::max(), [&](const V& e, const JsonPath& p) {
            readMember<Form>(e, p, f, m.emplace_back());
        });
    } else if constexpr (desc::IsArrayT<M>::value) {
        size_t i = 0;
        readArray(v, path, m.size(), [&](const V& e, const JsonPath& p) { readMember<Form>(e, p, f, m[i++]); });
    } else if constexpr (desc::KeyedMap<M>) {
        using Value = typename M::mapped_type;
        m.clear();
        readArray(v, path, std::numeric_limits<size_t>::max(), [&](const V& e, const JsonPath& p) {
            ObjectReader<V> entry(e, p);
            Value value{};
            std::string key;
            if constexpr (desc::SelfKeyed<Value>) {
                readMembers<Form>(entry, value);
                key = desc::keyOf(value);
            } else {
                key = entry.requiredString("id", kUncheckedRule);
                readMembers<Form>(entry, value);
            }
            if (!m.emplace(key, std::move(value)).second) failAt(RejectReason::BadValue, p, "duplicate key " + quoteForDetail(key));
        });
    } else {
        ObjectReader<V> object(v, path);
        readMembers<Form>(object, m);
    }
}

} // namespace wall::protocol
