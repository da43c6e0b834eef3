#pragma once
// All camera streams of the wall, keyed by (camera id, main|sub). The GL
// thread tells it each frame which tiles are shown and how big; it opens,
// switches and closes decoders accordingly and hands back the frame to draw.
// Every method is for the GL thread only; nothing here blocks on decoding
// (decoders are closed on a reaper thread).

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "render/video_frame.hpp"
#include "streams/decoder_reaper.hpp"
#include "streams/stream_config.hpp"
#include "streams/stream_decoder.hpp"
#include "streams/stream_selection.hpp"
#include "streams/stream_status.hpp"

namespace wall::streams {

/// Where a camera's pictures come from (config or camera.upsert).
struct CameraSources {
    std::string id;        ///< camera id, unique on the wall
    std::string name;      ///< display name (Chinese), names the decoder thread
    std::string main_url;  ///< main stream
    std::string sub_url;   ///< optional sub-stream; empty = main only
    RtspTransport rtsp_transport = RtspTransport::Tcp;  ///< per camera: some sites only work over UDP

    bool operator==(const CameraSources&) const = default;
};

/// Settings shared by all streams of the pool.
struct PoolConfig {
    SelectionTuning selection{};  ///< main/sub choice, hold time, hidden grace
    float small_tile_px = 360.0f;  ///< tiles lower than this may skip the loop filter under load
    HwDecode hwdec = HwDecode::None;
    LinkTiming timing{};           ///< stall and retry timing
    std::size_t mailbox_depth = 2; ///< frames held per stream
    int nice_increment = 5;        ///< decoder threads nicer than the GL thread (see StreamConfig)
    /// Every stream's link-state changes, as its decoder notices them (StreamConfig::on_link_change),
    /// starting with Connecting when a decoder opens. Any thread; must not block.
    std::function<void(const std::string& camera_id, StreamKind kind, LinkState state, FailReason reason)> on_link_change;
};

/// What a tile draws this frame. New pictures are handed out once and then
/// forgotten here, so a stream pins no more decoder buffers than it must:
/// upload `fresh` into the camera's VideoTexture and keep drawing the texture.
struct TileVideo {
    std::optional<VideoFrame> fresh;     ///< a new picture to upload now; nullopt = keep showing the texture
    bool has_picture = false;            ///< the displayed stream has produced a picture (the texture is worth drawing)
    std::optional<StreamKind> kind;      ///< which stream the picture comes from
    StreamStatus status;                 ///< link status of that stream (drives the 信号中断 overlay); while it is
                                         ///< live only `state` is filled (no full copy per tile per frame: rows() has the rest)
    bool known = false;                  ///< the camera id is registered
};

/// One row of --stats.
struct PoolStreamRow {
    std::string camera_id;                ///< camera
    std::string name;                     ///< camera name
    StreamKind kind = StreamKind::Main;   ///< which of its streams
    bool open = false;                    ///< a decoder runs now
    bool displayed = false;               ///< its frames are the ones on screen
    std::uint64_t frames_decoded_total = 0;  ///< over all decoders this stream ever had
    StreamStatus status;                  ///< status of the running decoder (default when closed)
};

class StreamPool {
public:
    explicit StreamPool(PoolConfig config = {});
    /// @brief Stops every decoder (in parallel) and joins them.
    ~StreamPool();
    StreamPool(const StreamPool&) = delete;
    StreamPool& operator=(const StreamPool&) = delete;

    /// @brief Registers or updates a camera; a changed URL reopens that stream.
    void upsertCamera(const CameraSources& camera);
    /// @brief Forgets a camera and closes its decoders.
    void removeCamera(const std::string& camera_id);

    /// @brief Starts a UI frame; call before any showTile.
    void beginFrame(Clock::time_point now);
    /// @brief The camera's tile is shown this frame at this size (framebuffer pixels); returns what to draw.
    TileVideo showTile(const std::string& camera_id, float tile_width_px, float tile_height_px);
    /// @brief Ends the frame: tiles not shown count as hidden and close after the grace period.
    void endFrame();
    /// @brief Between frames: true when a tile shown in the last frame would look different
    /// now (a new picture, or its link changed state), so a wall that redraws only on change must draw.
    bool hasNews() const;

    /// @brief One row per (camera, stream) for --stats and the PUB feed.
    std::vector<PoolStreamRow> rows() const;
    /// @brief Decoders running now.
    int openDecoders() const;
    /// @brief Blocks until closed decoders are fully destroyed (tests, shutdown).
    void drainClosed();

private:
    struct Slot {
        std::unique_ptr<StreamDecoder> decoder;  ///< running decoder, null when closed
        std::optional<VideoFrame> pending;       ///< newest frame taken from it, not yet handed to the tile
        bool has_frame = false;                  ///< the running decoder produced a frame
        LinkState shown_state = LinkState::Connecting;  ///< link state the tile last drew
        std::uint64_t closed_frames = 0;         ///< frames decoded by decoders already closed
    };
    struct Camera {
        CameraSources sources;           ///< URLs and name
        StreamSelector selector;         ///< main/sub choice
        Slot main;                       ///< main stream
        Slot sub;                        ///< sub-stream
        bool shown_this_frame = false;   ///< showTile was called since beginFrame
        float tile_height_px = 0.0f;     ///< last size seen
        std::optional<StreamKind> displayed;  ///< stream whose frame is on screen
    };

    void apply(Camera& camera, bool visible);
    void open(Slot& slot, const Camera& camera, StreamKind kind);
    void close(Slot& slot);
    Slot& slotOf(Camera& camera, StreamKind kind) { return kind == StreamKind::Main ? camera.main : camera.sub; }

    PoolConfig config_;                  ///< settings
    std::map<std::string, Camera> cameras_;  ///< by camera id
    Clock::time_point now_{};            ///< time of the current frame
    DecoderReaper reaper_;               ///< destroys closed decoders off this thread
};

}  // namespace wall::streams
