#include "streams/stream_pool.hpp"

#include <spdlog/spdlog.h>

namespace wall::streams {

StreamPool::StreamPool(PoolConfig config) : config_(config) {}

StreamPool::~StreamPool() {
    // Ask all to stop first so their joins overlap instead of adding up.
    for (auto& [id, camera] : cameras_) {
        if (camera.main.decoder) camera.main.decoder->requestStop();
        if (camera.sub.decoder) camera.sub.decoder->requestStop();
    }
    for (auto& [id, camera] : cameras_) {
        close(camera.main);
        close(camera.sub);
    }
    reaper_.drain();
}

void StreamPool::upsertCamera(const CameraSources& sources) {
    auto [it, added] = cameras_.try_emplace(sources.id);
    Camera& camera = it->second;
    if (added) {
        camera.selector = StreamSelector(config_.selection);
    } else {
        // Reopen only what changed: a renamed camera or a new transport touches both streams.
        const bool both = camera.sources.name != sources.name || camera.sources.rtsp_transport != sources.rtsp_transport;
        if (both || camera.sources.main_url != sources.main_url) close(camera.main);
        if (both || camera.sources.sub_url != sources.sub_url) close(camera.sub);
    }
    camera.sources = sources;
}

void StreamPool::removeCamera(const std::string& camera_id) {
    auto it = cameras_.find(camera_id);
    if (it == cameras_.end()) return;
    close(it->second.main);
    close(it->second.sub);
    cameras_.erase(it);
}

void StreamPool::beginFrame(Clock::time_point now) {
    now_ = now;
    for (auto& [id, camera] : cameras_) camera.shown_this_frame = false;
}

TileVideo StreamPool::showTile(const std::string& camera_id, float, float tile_height_px) {
    TileVideo out;
    auto it = cameras_.find(camera_id);
    if (it == cameras_.end()) return out;
    Camera& camera = it->second;
    out.known = true;
    camera.shown_this_frame = true;
    camera.tile_height_px = tile_height_px;
    apply(camera, true);
    if (!camera.displayed) return out;
    Slot& slot = slotOf(camera, *camera.displayed);
    out.kind = camera.displayed;
    out.has_picture = slot.has_frame;
    out.fresh = std::move(slot.pending);
    slot.pending.reset();
    // A live tile needs only its state; the full status (strings and counters) only when the overlay says why not.
    if (slot.decoder) {
        out.status.state = slot.decoder->linkState();
        if (out.status.state != LinkState::Live) out.status = slot.decoder->status();
    }
    slot.shown_state = out.status.state;
    return out;
}

bool StreamPool::hasNews() const {
    for (const auto& [id, camera] : cameras_) {
        if (!camera.shown_this_frame) continue;
        // Either stream may bring news: a switch completes when the other one has its first picture.
        // (A picture already taken into `pending` was seen by the frame that took it.)
        for (const Slot* slot : {&camera.main, &camera.sub})
            if (slot->decoder && slot->decoder->hasNewFrame()) return true;
        if (!camera.displayed) continue;
        const Slot& shown = camera.displayed == StreamKind::Main ? camera.main : camera.sub;
        // Called every loop turn for every shown tile: the state alone, not a full status copy.
        if (shown.decoder && shown.decoder->linkState() != shown.shown_state) return true;
    }
    return false;
}

void StreamPool::endFrame() {
    for (auto& [id, camera] : cameras_)
        if (!camera.shown_this_frame) apply(camera, false);
}

void StreamPool::apply(Camera& camera, bool visible) {
    // Pull the newest frames first: "has a frame" decides when a switch completes.
    for (Slot* slot : {&camera.main, &camera.sub}) {
        if (!slot->decoder) continue;
        if (auto frame = slot->decoder->takeFrame()) {
            slot->pending = std::move(frame);
            slot->has_frame = true;
        }
    }
    SelectionInput input;
    input.visible = visible;
    input.tile_height_px = camera.tile_height_px;
    input.has_sub = !camera.sources.sub_url.empty();
    input.main_has_frame = camera.main.decoder && camera.main.has_frame;
    input.sub_has_frame = camera.sub.decoder && camera.sub.has_frame;
    const SelectionOutput decision = camera.selector.update(input, now_);

    if (decision.open_main) open(camera.main, camera, StreamKind::Main); else close(camera.main);
    if (decision.open_sub) open(camera.sub, camera, StreamKind::Sub); else close(camera.sub);
    const bool small = camera.tile_height_px < config_.small_tile_px;
    if (camera.main.decoder) camera.main.decoder->setSmallTile(small);
    if (camera.sub.decoder) camera.sub.decoder->setSmallTile(small);
    camera.displayed = decision.display;
    // A hidden tile's frames are not wanted: release them now.
    if (!visible) {
        camera.main.pending.reset();
        camera.sub.pending.reset();
    }
}

void StreamPool::open(Slot& slot, const Camera& camera, StreamKind kind) {
    if (slot.decoder) return;
    StreamConfig config;
    config.name = camera.sources.name.empty() ? camera.sources.id : camera.sources.name;
    config.url = kind == StreamKind::Main ? camera.sources.main_url : camera.sources.sub_url;
    config.rtsp_transport = camera.sources.rtsp_transport;
    config.hwdec = config_.hwdec;
    config.timing = config_.timing;
    config.mailbox_depth = config_.mailbox_depth;
    config.nice_increment = config_.nice_increment;
    if (config_.on_link_change)
        config.on_link_change = [report = config_.on_link_change, id = camera.sources.id, kind](LinkState state, FailReason reason) {
            report(id, kind, state, reason);
        };
    spdlog::info("camera {} ({}): opening {} stream {}", camera.sources.id, config.name,
                 kind == StreamKind::Main ? "main" : "sub", config.url);
    slot.pending.reset();
    slot.has_frame = false;
    // Told before the thread starts, so its own first change can never arrive ahead of this.
    if (config_.on_link_change) config_.on_link_change(camera.sources.id, kind, LinkState::Connecting, FailReason::None);
    slot.decoder = std::make_unique<StreamDecoder>(std::move(config));
}

void StreamPool::close(Slot& slot) {
    if (!slot.decoder) return;
    slot.closed_frames += slot.decoder->status().frames_decoded;
    reaper_.bury(std::move(slot.decoder));
    slot.pending.reset();
    slot.has_frame = false;
}

std::vector<PoolStreamRow> StreamPool::rows() const {
    std::vector<PoolStreamRow> rows;
    for (const auto& [id, camera] : cameras_) {
        for (StreamKind kind : {StreamKind::Main, StreamKind::Sub}) {
            if (kind == StreamKind::Sub && camera.sources.sub_url.empty()) continue;
            const Slot& slot = kind == StreamKind::Main ? camera.main : camera.sub;
            PoolStreamRow row;
            row.camera_id = id;
            row.name = camera.sources.name;
            row.kind = kind;
            row.open = slot.decoder != nullptr;
            row.displayed = camera.displayed == kind;
            if (slot.decoder) row.status = slot.decoder->status();
            row.frames_decoded_total = slot.closed_frames + row.status.frames_decoded;
            rows.push_back(std::move(row));
        }
    }
    return rows;
}

int StreamPool::openDecoders() const {
    int n = 0;
    for (const auto& [id, camera] : cameras_) n += (camera.main.decoder ? 1 : 0) + (camera.sub.decoder ? 1 : 0);
    return n;
}

void StreamPool::drainClosed() {
    reaper_.drain();
}

}  // namespace wall::streams
