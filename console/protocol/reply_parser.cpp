// parseReply: what a backend (the demo, wallctl, tests) makes of the console's answer.
#include "json_document.hpp"
#include "protocol/protocol.hpp"

namespace wall::protocol {

std::optional<Reply> parseReply(std::string_view bytes) {
    nlohmann::json doc;
    DocumentError error;
    if (bytes.size() > kDefaultMaxMessageBytes || !parseDocument(bytes, doc, error) || !doc.is_object()) return std::nullopt;
    auto str = [&](const char* key) -> std::string {
        auto it = doc.find(key);
        return it != doc.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    Reply reply;
    const std::string type = str("type");
    if (type == "ack") reply.is_ack = true;
    else if (type != "error") return std::nullopt;
    reply.source = str("source");
    if (auto it = doc.find("seq"); it != doc.end() && it->is_number_unsigned()) {
        reply.seq = it->get<uint64_t>();
        reply.has_seq = true;
    }
    if (reply.is_ack) {
        auto it = doc.find("duplicate");
        reply.duplicate = it != doc.end() && it->is_boolean() && it->get<bool>();
        if (!reply.has_seq) return std::nullopt; // an ack always names its message
    } else {
        reply.reason = str("reason");
        reply.detail = str("detail");
        if (reply.reason.empty()) return std::nullopt;
    }
    return reply;
}

} // namespace wall::protocol
