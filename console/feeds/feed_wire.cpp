#include "feeds/feed_wire.hpp"

#include <nlohmann/json.hpp>

namespace wall::feeds {
namespace {

using nlohmann::json;

protocol::Rejection refuse(protocol::RejectReason reason, std::string detail) {
    return protocol::Rejection{reason, std::move(detail), "", 0, false};
}

/// An unsigned member, or nullopt when absent or not a non-negative integer.
std::optional<uint64_t> uintMember(const json& doc, const char* key) {
    auto it = doc.find(key);
    if (it == doc.end() || !it->is_number_integer()) return std::nullopt;
    if (it->is_number_unsigned()) return it->get<uint64_t>();
    const int64_t v = it->get<int64_t>();
    if (v < 0) return std::nullopt;
    return static_cast<uint64_t>(v);
}

} // namespace

std::variant<LiveMessage, protocol::Rejection> parseLive(std::string_view bytes, size_t max_bytes) {
    if (bytes.size() > max_bytes)
        return refuse(protocol::RejectReason::Oversize, "message: " + std::to_string(bytes.size()) + " bytes");
    json doc = json::parse(bytes, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return refuse(protocol::RejectReason::NotJson, "message: expected a JSON object");
    LiveMessage m;
    const auto epoch = uintMember(doc, "epoch");
    if (!epoch) return refuse(protocol::RejectReason::MissingField, "message.epoch: a feed envelope needs an unsigned epoch");
    m.epoch = *epoch;
    auto type = doc.find("type");
    if (type != doc.end() && type->is_string() && type->get_ref<const std::string&>() == "heartbeat") {
        auto source = doc.find("source");
        const auto seq = uintMember(doc, "seq");
        const auto ts = uintMember(doc, "ts");
        if (source == doc.end() || !source->is_string() || source->get_ref<const std::string&>().empty() ||
            source->get_ref<const std::string&>().size() > protocol::kMaxSourceBytes)
            return refuse(protocol::RejectReason::MissingField, "message.source: required, 1-64 bytes");
        if (!seq) return refuse(protocol::RejectReason::MissingField, "message.seq: a heartbeat carries the last update's seq");
        m.source = source->get<std::string>();
        m.seq = *seq;
        m.ts_ms = ts ? static_cast<TimeMs>(*ts) : 0;
        m.heartbeat = true;
        return m;
    }
    // An update: the ordinary envelope (the parser ignores the extra "epoch" member).
    auto parsed = protocol::parseMessage(bytes, max_bytes);
    if (auto* refused = std::get_if<protocol::Rejection>(&parsed)) return std::move(*refused);
    auto& accepted = std::get<protocol::Accepted>(parsed);
    m.source = accepted.event.source;
    m.seq = accepted.event.seq;
    m.ts_ms = accepted.event.ts_ms;
    m.update = std::move(accepted);
    return m;
}

std::string encodeLive(const Event& event, uint64_t epoch) {
    std::string text = protocol::encodeEnvelope(event);
    text.insert(1, "\"epoch\":" + std::to_string(epoch) + ",");
    return text;
}

std::string encodeLiveHeartbeat(std::string_view source, uint64_t epoch, uint64_t last_seq, TimeMs ts_ms) {
    json j = {{"v", protocol::kVersion}, {"epoch", epoch}, {"source", source}, {"seq", last_seq},
              {"ts", ts_ms},             {"type", "heartbeat"}, {"body", json::object()}};
    return j.dump();
}

std::string encodeSnapshotRequest(std::string_view source, uint64_t request_id) {
    return json{{"v", protocol::kVersion}, {"type", "snapshot.get"}, {"source", source}, {"id", request_id}}.dump();
}

std::optional<uint64_t> parseSnapshotRequest(std::string_view bytes) {
    json doc = json::parse(bytes, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || doc.value("type", "") != "snapshot.get") return std::nullopt;
    return uintMember(doc, "id").value_or(0);
}

std::string encodeSnapshotHeader(std::string_view source, uint64_t epoch, uint64_t seq, uint64_t request_id, size_t count) {
    return json{{"v", protocol::kVersion}, {"type", "snapshot"}, {"source", source}, {"epoch", epoch},
                {"seq", seq},              {"id", request_id},   {"count", count}}
        .dump();
}

std::variant<Snapshot, std::string> parseSnapshot(const std::vector<std::string_view>& frames, size_t max_bytes) {
    if (frames.empty()) return std::string("snapshot: no frames");
    json header = json::parse(frames[0], nullptr, false);
    if (header.is_discarded() || !header.is_object() || header.value("type", "") != "snapshot")
        return std::string("snapshot: the first frame is not a snapshot header");
    Snapshot s;
    s.source = header.value("source", "");
    const auto epoch = uintMember(header, "epoch");
    const auto seq = uintMember(header, "seq");
    const auto count = uintMember(header, "count");
    if (s.source.empty() || !epoch || !seq || !count) return std::string("snapshot header: source, epoch, seq and count are required");
    if (*count != frames.size() - 1)
        return "snapshot: header says " + std::to_string(*count) + " objects, got " + std::to_string(frames.size() - 1);
    s.epoch = *epoch;
    s.seq = *seq;
    s.request_id = uintMember(header, "id").value_or(0);
    s.objects.reserve(frames.size() - 1);
    for (size_t i = 1; i < frames.size(); ++i) {
        auto parsed = protocol::parseMessage(frames[i], max_bytes);
        if (auto* refused = std::get_if<protocol::Rejection>(&parsed))
            return "snapshot object " + std::to_string(i) + ": " + protocol::toWire(refused->reason) + ": " + refused->detail;
        auto& accepted = std::get<protocol::Accepted>(parsed);
        if (accepted.event.source != s.source)
            return "snapshot object " + std::to_string(i) + ": source " + accepted.event.source + " is not " + s.source;
        s.objects.push_back(std::move(accepted));
    }
    return s;
}

} // namespace wall::feeds
