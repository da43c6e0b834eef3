// Checkpoint blobs: the whole State in the entities' canonical form
// (entity_json.hpp: the wire's member names, plus the console's own members),
// so decodeState(encodeState(s)) is equal to s in every described member.
// Collections are arrays sorted by key, so equal states give equal blobs.
// Decoding trusts nothing: a damaged blob throws, naming the field.
#include "entity_json.hpp"
#include "json_document.hpp"
#include "protocol/protocol.hpp"
#include "state_codec_v1.hpp"

#include <limits>
#include <stdexcept>

namespace wall::protocol {
namespace {
// 1: each struct written by hand with its own key names (state_codec_v1.cpp, read only).
// 2: the canonical entity form.
// 3: adds drills, alarms' drill_id, links' lost_since_ms and the reporting windows (a format-2 blob reads with their defaults).
constexpr int64_t kCheckpointVersion = 3;
} // namespace

std::string encodeState(const State& state) {
    JsonWriter w;
    w.beginObject();
    w.memberInt("v", kCheckpointVersion);
    writeMembers(w, state, JsonForm::Checkpoint);
    w.endObject();
    return w.take();
}

State decodeState(std::string_view blob) {
    nlohmann::json doc;
    DocumentError error;
    if (!parseDocument(blob, doc, error, DocumentNaming{"state", false}))
        throw std::runtime_error("checkpoint: " + error.detail);
    try {
        const JsonPath root = JsonPath::root("state", false);
        ObjectReader<NlohmannValue> o(NlohmannValue(doc), root);
        const int64_t v = o.requiredInt("v", std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max());
        if (v == 1) return decodeStateV1(o);
        State state;
        if (v == 2) {
            readMembers<JsonForm::CheckpointV2>(o, state);
            return state;
        }
        if (v != kCheckpointVersion)
            failAt(RejectReason::BadVersion, root.member("v"), "unsupported checkpoint version " + std::to_string(v));
        readMembers<JsonForm::Checkpoint>(o, state);
        return state;
    } catch (const FieldError& e) {
        throw std::runtime_error("checkpoint: " + e.detail);
    }
}

} // namespace wall::protocol
