// Decode + display throughput of N camera streams against N parallel
// `ffmpeg -threads 1 -i X -f null -` (the decode-only ceiling), and the
// real-time capacity of 640x360 25 fps tiles. Run by hand under Xvfb:
//   xvfb-run -a -s "-screen 0 1920x1080x24" build/bin/streams_bench [options]
// Not part of CI: it takes minutes and needs both cores to itself.

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <spdlog/spdlog.h>

#include "render/gl.hpp"
#include "render/gl_window.hpp"
#include "render/video/video_program.hpp"
#include "render/video/video_texture.hpp"
#include "streams/stream_decoder.hpp"
#include "common/proc_status.hpp"

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

struct Options {
    double seconds = 8.0;              ///< how long our decoders run per measurement
    double clip_seconds = 4.0;         ///< clip length (what ffmpeg decodes once per process)
    std::vector<int> counts{4, 9, 16}; ///< N
    bool capacity = false;             ///< also search the real-time capacity of 640x360 tiles
    double capacity_hz = 25.0;         ///< capacity rows: the wall's refresh rate (tiles are 25 fps)
    double display_hz = 0.0;           ///< throughput rows: GL loop refresh rate; 0 = as fast as it can (like the decoders)
    int memory = 0;                    ///< > 0: only measure the RSS slope, adding this many paced 1080p streams one by one
    fs::path dir = fs::temp_directory_path() / "wall-streams-bench";
};

long residentKb() { return wall::testing::procStatusKb("VmRSS"); }

double cpuSeconds(int who) {
    rusage usage{};
    getrusage(who, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6;
}

fs::path makeClip(const Options& o, const std::string& name, const std::string& size) {
    const fs::path out = o.dir / name;
    if (fs::exists(out) && fs::file_size(out) > 0) return out;
    // Camera-like encoding: no B-frames, GOP of 2 s, a realistic bit rate.
    const std::string bitrate = size == "1920x1080" ? "4M" : "512k";
    // Small pictures decode fast: make their clip longer so ffmpeg's start-up does not dominate.
    const double seconds = size == "1920x1080" ? o.clip_seconds : o.clip_seconds * 5;
    const std::string command = "ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=size=" + size +
                                ":rate=25 -t " + std::to_string(seconds) +
                                " -c:v libx264 -preset veryfast -bf 0 -g 50 -b:v " + bitrate + " -pix_fmt yuv420p '" +
                                out.string() + "'";
    if (std::system(command.c_str()) != 0) {
        std::fprintf(stderr, "cannot make %s\n", out.c_str());
        std::exit(1);
    }
    return out;
}

int frameCount(const fs::path& clip) {
    const std::string command = "ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames "
                                "-of csv=p=0 '" + clip.string() + "'";
    FILE* pipe = popen(command.c_str(), "r");
    int frames = 0;
    if (pipe) {
        if (std::fscanf(pipe, "%d", &frames) != 1) frames = 0;
        pclose(pipe);
    }
    return frames;
}

struct FfmpegResult {
    double fps = 0;       ///< frames decoded per second, all processes together
    double cpu_s = 0;     ///< CPU seconds of the children
    long max_rss_kb = 0;  ///< largest child RSS
};

/// N parallel `ffmpeg -threads 1 -i clip -f null -`.
FfmpegResult runFfmpeg(const fs::path& clip, int n, int frames) {
    const double cpu_before = cpuSeconds(RUSAGE_CHILDREN);
    const auto start = Clock::now();
    std::vector<pid_t> children;
    for (int i = 0; i < n; ++i) {
        const pid_t pid = fork();
        if (pid == 0) {
            execlp("ffmpeg", "ffmpeg", "-nostdin", "-v", "error", "-threads", "1", "-i", clip.c_str(), "-f", "null",
                   "-", static_cast<char*>(nullptr));
            _exit(127);
        }
        children.push_back(pid);
    }
    FfmpegResult result;
    // Peak RSS from /proc while they run: ru_maxrss would count our own pages
    // the child had between fork and exec.
    std::vector<bool> done(children.size(), false);
    std::size_t left = children.size();
    while (left > 0) {
        for (std::size_t i = 0; i < children.size(); ++i) {
            if (done[i]) continue;
            std::ifstream comm("/proc/" + std::to_string(children[i]) + "/comm");
            std::string name;
            std::getline(comm, name);
            if (name == "ffmpeg")  // after exec only
                result.max_rss_kb =
                    std::max(result.max_rss_kb, wall::testing::procStatusKb("VmHWM", std::to_string(children[i])));
            int wstatus = 0;
            if (waitpid(children[i], &wstatus, WNOHANG) == children[i]) {
                done[i] = true;
                --left;
            }
        }
        std::this_thread::sleep_for(20ms);
    }
    const double wall = std::chrono::duration<double>(Clock::now() - start).count();
    result.fps = static_cast<double>(n) * frames / wall;
    result.cpu_s = cpuSeconds(RUSAGE_CHILDREN) - cpu_before;
    return result;
}

struct OurResult {
    double decoded_fps = 0;    ///< frames decoded per second, all streams
    double displayed_fps = 0;  ///< frames uploaded and drawn per second
    double cpu_ms_per_frame = 0;  ///< CPU of this process per displayed frame, measured window only
    double rss_slope_kb = 0;   ///< RSS per stream
    double dropped_pct = 0;    ///< paced runs: frames never shown / frames due
    double refresh_hz = 0;     ///< wall refreshes per second actually reached
    // Where the CPU went (per-thread accounting), so llvmpipe's share, which a GPU
    // would take over, is not mistaken for the console's own display cost.
    double decode_ms_per_decoded = 0;  ///< decoder threads, per decoded frame
    double gl_ms_per_shown = 0;        ///< the GL thread (upload, draw calls), per shown frame
    double raster_ms_per_shown = 0;    ///< llvmpipe's rasteriser threads (the software GPU), per shown frame
};

/// CPU seconds by role between two threadCpu() snapshots.
struct CpuSplit { double decode = 0, gl = 0, raster = 0, other = 0; };
CpuSplit cpuSplit(const std::map<long, wall::testing::ThreadCpu>& before,
                  const std::map<long, wall::testing::ThreadCpu>& after, const std::string& decoder_prefix) {
    CpuSplit split;
    const long gl_tid = static_cast<long>(getpid());  // the GL loop runs on the main thread
    for (const auto& [tid, now] : after) {
        auto was = before.find(tid);
        const double used = now.seconds - (was != before.end() ? was->second.seconds : 0.0);
        if (tid == gl_tid) split.gl += used;
        else if (now.name.rfind("llvmpipe", 0) == 0) split.raster += used;
        else if (now.name.rfind(decoder_prefix, 0) == 0) split.decode += used;
        else split.other += used;
    }
    return split;
}

/// N decoders + one GL loop that uploads every new frame and draws all tiles into an FBO.
OurResult runOurs(const std::string& url, int n, double seconds, bool pace, double display_hz,
                  wall::video::VideoProgram& program) {
    const int fb_w = 1920, fb_h = 1080;
    wall::render::GlTexture color = wall::render::GlTexture::generate();
    glBindTexture(GL_TEXTURE_2D, color.get());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, fb_w, fb_h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    wall::render::GlFramebuffer fbo = wall::render::GlFramebuffer::generate();
    glBindFramebuffer(GL_FRAMEBUFFER, fbo.get());
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, color.get(), 0);
    glViewport(0, 0, fb_w, fb_h);

    const long rss_before = residentKb();
    double cpu_at_start = 0;
    std::vector<std::unique_ptr<wall::streams::StreamDecoder>> decoders;
    std::vector<wall::video::VideoTexture> textures(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        wall::streams::StreamConfig config;
        config.name = "bench" + std::to_string(i);
        config.url = url;
        config.pace = pace;
        decoders.push_back(std::make_unique<wall::streams::StreamDecoder>(config));
    }
    const int columns = static_cast<int>(std::ceil(std::sqrt(n)));
    const int rows = (n + columns - 1) / columns;
    const float tile_w = static_cast<float>(fb_w) / static_cast<float>(columns);
    const float tile_h = static_cast<float>(fb_h) / static_cast<float>(rows);

    std::uint64_t displayed = 0;
    std::uint64_t refreshes = 0;
    // display_hz 0: unpaced, like the decoders and the ffmpeg reference; a refresh
    // happens as soon as any stream has a new picture.
    const auto tick = display_hz > 0
                          ? std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / display_hz))
                          : Clock::duration::zero();
    Clock::time_point next_tick = Clock::now();
    std::uint64_t decoded_at_start = 0;
    long rss_running = 0;
    const auto start = Clock::now();
    const auto warm = start + 1s;  // skip opening and probing
    bool measuring = false;
    Clock::time_point measure_start{};
    std::map<long, wall::testing::ThreadCpu> threads_at_start;
    while (Clock::now() - start < std::chrono::duration<double>(seconds + 1.0)) {
        if (!measuring && Clock::now() >= warm) {
            measuring = true;
            measure_start = Clock::now();
            displayed = 0;
            refreshes = 0;
            for (auto& d : decoders) decoded_at_start += d->status().frames_decoded;
            rss_running = residentKb();
            cpu_at_start = cpuSeconds(RUSAGE_SELF);
            threads_at_start = wall::testing::threadCpu();
        }
        // One wall refresh: newest picture of each stream up, all tiles drawn.
        next_tick += tick;
        int fresh = 0;
        for (int i = 0; i < n; ++i) {
            if (auto frame = decoders[static_cast<std::size_t>(i)]->takeFrame()) {
                textures[static_cast<std::size_t>(i)].upload(*frame);
                ++fresh;
            }
        }
        if (fresh == 0 && tick == Clock::duration::zero()) {
            std::this_thread::sleep_for(1ms);  // nothing new: do not spin the GL thread against the decoders
            continue;
        }
        displayed += static_cast<std::uint64_t>(fresh);
        for (int i = 0; i < n; ++i) {
            const float x = static_cast<float>(i % columns) * tile_w;
            const float y = static_cast<float>(i / columns) * tile_h;
            program.draw(textures[static_cast<std::size_t>(i)], wall::video::Rect{x, y, x + tile_w, y + tile_h}, fb_w,
                         fb_h, wall::FitMode::Letterbox, 0.0f);
        }
        glFinish();
        ++refreshes;
        if (next_tick > Clock::now()) std::this_thread::sleep_until(next_tick);
        else next_tick = Clock::now();  // the refresh itself is slower than the tick
    }
    const double wall_s = std::chrono::duration<double>(Clock::now() - measure_start).count();
    const double cpu_used = cpuSeconds(RUSAGE_SELF) - cpu_at_start;
    const CpuSplit split = cpuSplit(threads_at_start, wall::testing::threadCpu(), "bench");
    std::uint64_t decoded = 0;
    for (auto& d : decoders) decoded += d->status().frames_decoded;
    OurResult r;
    r.decoded_fps = static_cast<double>(decoded - decoded_at_start) / wall_s;
    r.displayed_fps = static_cast<double>(displayed) / wall_s;
    r.refresh_hz = static_cast<double>(refreshes) / wall_s;
    r.rss_slope_kb = static_cast<double>(rss_running - rss_before) / n;
    r.cpu_ms_per_frame = displayed ? 1000.0 * cpu_used / static_cast<double>(displayed) : 0.0;
    const double decoded_n = static_cast<double>(decoded - decoded_at_start);
    r.decode_ms_per_decoded = decoded_n > 0 ? 1000.0 * split.decode / decoded_n : 0.0;
    r.gl_ms_per_shown = displayed ? 1000.0 * split.gl / static_cast<double>(displayed) : 0.0;
    r.raster_ms_per_shown = displayed ? 1000.0 * split.raster / static_cast<double>(displayed) : 0.0;
    decoders.clear();
    if (pace) {
        const double due = 25.0 * n * wall_s;
        r.dropped_pct = std::max(0.0, 100.0 * (1.0 - static_cast<double>(displayed) / due));
    }
    return r;
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
        if (a == "--seconds") o.seconds = std::atof(next().c_str());
        else if (a == "--clip-seconds") o.clip_seconds = std::atof(next().c_str());
        else if (a == "--capacity") o.capacity = true;
        else if (a == "--display-hz") o.display_hz = std::atof(next().c_str());
        else if (a == "--capacity-hz") o.capacity_hz = std::atof(next().c_str());
        else if (a == "--memory") o.memory = std::atoi(next().c_str());
        else if (a == "--counts") {
            o.counts.clear();
            std::stringstream list(next());
            for (std::string item; std::getline(list, item, ',');) o.counts.push_back(std::atoi(item.c_str()));
        } else {
            std::printf("usage: streams_bench [--seconds S] [--clip-seconds S] [--counts 4,9,16] [--display-hz 0] [--capacity] [--capacity-hz 25] [--memory N]\n");
            std::exit(a == "--help" ? 0 : 2);
        }
    }
    return o;
}

}  // namespace

/// RSS slope per stream in a fresh process: paced 1080p decoders added one by
/// one, frames taken as the GL thread would (and dropped: no GL here).
int measureMemory(const Options& o) {
    const fs::path clip = makeClip(o, "bench_1920x1080.mp4", "1920x1080");
    std::vector<std::unique_ptr<wall::streams::StreamDecoder>> decoders;
    std::vector<std::pair<int, long>> samples;
    const auto settle = [&](double seconds) {
        const auto until = Clock::now() + std::chrono::duration<double>(seconds);
        while (Clock::now() < until) {
            for (auto& d : decoders) d->takeFrame();
            std::this_thread::sleep_for(10ms);
        }
    };
    samples.emplace_back(0, residentKb());
    for (int n = 1; n <= o.memory; ++n) {
        wall::streams::StreamConfig config;
        config.name = "mem" + std::to_string(n);
        config.url = clip.string();
        decoders.push_back(std::make_unique<wall::streams::StreamDecoder>(config));
        settle(2.0);
        samples.emplace_back(n, residentKb());
    }
    // Least-squares slope of RSS over stream count.
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (auto [n, kb] : samples) {
        sx += n;
        sy += static_cast<double>(kb);
        sxx += static_cast<double>(n) * n;
        sxy += static_cast<double>(n) * static_cast<double>(kb);
        std::printf("%3d streams: RSS %7.1f MB\n", n, static_cast<double>(kb) / 1024.0);
    }
    const double count = static_cast<double>(samples.size());
    const double slope = (count * sxy - sx * sy) / (count * sxx - sx * sx);
    std::printf("RSS slope: %.1f MB per paced 1080p stream (issue: ffmpeg ~12 MB per 1080p decoder)\n", slope / 1024.0);
    return 0;
}

int main(int argc, char** argv) {
    const Options o = parse(argc, argv);
    spdlog::set_level(spdlog::level::warn);
    fs::create_directories(o.dir);
    if (o.memory > 0) return measureMemory(o);
    wall::render::WindowOptions window_options;
    window_options.mode = wall::render::WindowMode::Headless;
    window_options.vsync = false;
    wall::render::GlWindow window(window_options);
    wall::video::VideoProgram program;
    std::printf("renderer: %s, cores: %ld\n", window.rendererName().c_str(), sysconf(_SC_NPROCESSORS_ONLN));

    struct Clip { std::string label, size; };
    for (const Clip& c : {Clip{"1080p H.264", "1920x1080"}, Clip{"640x360 H.264", "640x360"}}) {
        const fs::path clip = makeClip(o, "bench_" + c.size + ".mp4", c.size);
        const int frames = frameCount(clip);
        std::printf("\n%s (%s, %d frames, GOP 50, no B-frames)\n", c.label.c_str(), clip.c_str(), frames);
        std::printf("%4s | %10s %10s %10s | %7s %7s | %9s %9s | %8s %8s %8s | %9s %9s | %7s\n", "N", "decoded/s",
                    "shown/s", "ffmpeg/s", "dec.rat", "shown.r", "cpu/frame", "ff cpu/f", "dec/f", "GL/shown",
                    "rast/sh", "RSS/strm", "ff RSS", "wall Hz");
        for (int n : o.counts) {
            const FfmpegResult ff = runFfmpeg(clip, n, frames);
            const OurResult ours = runOurs(clip.string(), n, o.seconds, false, o.display_hz, program);
            std::printf("%4d | %10.1f %10.1f %10.1f | %7.3f %7.3f | %7.2fms %7.2fms | %6.2fms %6.2fms %6.2fms | "
                        "%7.1fMB %7.1fMB | %7.1f\n",
                        n, ours.decoded_fps, ours.displayed_fps, ff.fps, ours.decoded_fps / ff.fps,
                        ours.displayed_fps / ff.fps, ours.cpu_ms_per_frame, 1000.0 * ff.cpu_s / (n * frames),
                        ours.decode_ms_per_decoded, ours.gl_ms_per_shown, ours.raster_ms_per_shown,
                        ours.rss_slope_kb / 1024.0, ff.max_rss_kb / 1024.0, ours.refresh_hz);
            std::fflush(stdout);
        }
    }

    if (o.capacity) {
        const fs::path clip = makeClip(o, "bench_640x360.mp4", "640x360");
        std::printf("\nreal-time capacity, 640x360 25 fps tiles (paced):\n%4s | %10s | %8s | %7s\n", "N", "shown/s", "dropped", "wall Hz");
        for (int n = 8; n <= 64; n += 8) {
            const OurResult ours = runOurs(clip.string(), n, o.seconds, true, o.capacity_hz, program);
            std::printf("%4d | %10.1f | %7.2f%% | %7.1f\n", n, ours.displayed_fps, ours.dropped_pct, ours.refresh_hz);
            std::fflush(stdout);
            if (ours.dropped_pct > 5.0) break;
        }
    }
    return 0;
}
