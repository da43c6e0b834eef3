#include "demo/calling_system.hpp"

#include "protocol/protocol.hpp"

#include <algorithm>
#include <functional>
#include <string_view>

#include <spdlog/spdlog.h>
#include <zmq.hpp>

namespace wall::demo {
namespace {

// First-tier calls on these warnings ring out unanswered (the village cadre
// is out of signal), so the demo shows the escalation to the township.
constexpr std::string_view kUnansweredAtFirstTier[] = {"AL-ROAD-0606", "AL-RSV-0616"};

constexpr const char* kNotes[] = {
    "已收到预警，正在组织人员转移",
    "已通知村组干部，网格员已到岗",
    "已安排人员现场巡查，暂无险情扩大",
    "已启动村级应急预案",
};

struct PendingAnswer {
    TimeMs due_ms;
    CallAnswer answer;
};

} // namespace

struct DemoCallingSystem::Impl {
    zmq::context_t context{1};
    zmq::socket_t sub{context, zmq::socket_type::sub};
    std::vector<PendingAnswer> pending;

    void schedule(const CallPlace& placed, TimeMs now_ms) {
        const bool ignored =
            placed.call.tier == 0 &&
            std::find(std::begin(kUnansweredAtFirstTier), std::end(kUnansweredAtFirstTier), placed.alarm_id) !=
                std::end(kUnansweredAtFirstTier);
        if (ignored) {
            spdlog::info("demo calling system: {} ({}) does not answer call {}", placed.call.person.name,
                         placed.call.person.role, placed.call.id);
            return;
        }
        // Answers come 8–26 s after the call: inside the demo's shortened deadlines.
        const size_t h = std::hash<std::string>{}(placed.call.id);
        CallAnswer a;
        a.alarm_id = placed.alarm_id;
        a.call_id = placed.call.id;
        a.channel = h % 3 == 0 ? "sms" : "voice";
        a.note = std::string(kNotes[h % std::size(kNotes)]) + "（演示数据）";
        pending.push_back({now_ms + 8000 + static_cast<TimeMs>(h % 18) * 1000, std::move(a)});
    }
};

DemoCallingSystem::DemoCallingSystem(const std::string& feed_endpoint) : impl_(std::make_unique<Impl>()) {
    impl_->sub.set(zmq::sockopt::linger, 0);
    impl_->sub.set(zmq::sockopt::subscribe, "callresponse.call");
    impl_->sub.connect(feed_endpoint);
}

DemoCallingSystem::~DemoCallingSystem() = default;

std::vector<CallAnswer> DemoCallingSystem::poll(TimeMs now_ms) {
    zmq::message_t topic, payload;
    while (impl_->sub.recv(topic, zmq::recv_flags::dontwait)) {
        if (!topic.more() || !impl_->sub.recv(payload, zmq::recv_flags::dontwait)) continue;
        auto parsed = protocol::parseFeedMessage(payload.to_string_view());
        if (auto* accepted = std::get_if<protocol::Accepted>(&parsed)) {
            if (auto* placed = std::get_if<CallPlace>(&accepted->event.body)) impl_->schedule(*placed, now_ms);
        } else {
            spdlog::warn("demo calling system: unreadable feed message: {}",
                         std::get<protocol::Rejection>(parsed).detail);
        }
    }
    std::vector<CallAnswer> due;
    auto& pending = impl_->pending;
    for (auto it = pending.begin(); it != pending.end();) {
        if (it->due_ms <= now_ms) {
            due.push_back(std::move(it->answer));
            it = pending.erase(it);
        } else {
            ++it;
        }
    }
    return due;
}

} // namespace wall::demo
