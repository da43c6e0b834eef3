// The SUB-ingest wire (docs/protocol.md section 11): live frames on the
// publisher's PUB socket, and the snapshot exchange on its ROUTER. Live
// updates are the ordinary envelopes of section 4 plus an "epoch" member;
// heartbeats carry the seq of the last update published (0 before the first).
#pragma once

#include "model/model.hpp"
#include "protocol/protocol.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace wall::feeds {

/// One live frame, parsed. For an update, `update` holds the validated event.
struct LiveMessage {
    std::string source;
    uint64_t epoch = 0;
    uint64_t seq = 0;            // update: its seq; heartbeat: the last update's seq
    TimeMs ts_ms = 0;
    bool heartbeat = false;
    std::optional<protocol::Accepted> update;
};

/// A snapshot reply: the publisher's objects at seq (everything up to seq is in them).
struct Snapshot {
    std::string source;
    uint64_t epoch = 0;
    uint64_t seq = 0;
    uint64_t request_id = 0;     // echoes the request's id
    std::vector<protocol::Accepted> objects;
};

/// @brief Parses a live frame (the envelope, not the topic frame). Refusals name the field.
std::variant<LiveMessage, protocol::Rejection> parseLive(std::string_view bytes,
                                                         size_t max_bytes = protocol::kDefaultMaxMessageBytes);
/// @brief The live envelope of an update: encodeEnvelope plus "epoch".
std::string encodeLive(const Event& event, uint64_t epoch);
/// @brief A live heartbeat: seq = the last update's seq (0 before the first).
std::string encodeLiveHeartbeat(std::string_view source, uint64_t epoch, uint64_t last_seq, TimeMs ts_ms);

/// @brief The console's snapshot request (one frame on a DEALER).
std::string encodeSnapshotRequest(std::string_view source, uint64_t request_id);
/// @brief Parses a request on the publisher's ROUTER; nullopt when it is not one. Gives the request id.
std::optional<uint64_t> parseSnapshotRequest(std::string_view bytes);
/// @brief The reply's first frame; object envelopes follow, one per frame.
std::string encodeSnapshotHeader(std::string_view source, uint64_t epoch, uint64_t seq, uint64_t request_id, size_t count);
/// @brief Parses a whole reply (header + object frames); an error text when anything is wrong.
std::variant<Snapshot, std::string> parseSnapshot(const std::vector<std::string_view>& frames,
                                                  size_t max_bytes = protocol::kDefaultMaxMessageBytes);

} // namespace wall::feeds
