#!/usr/bin/python3
"""CPU per displayed camera stream: windowed wallconsole against `mpv --vo=gpu`.

Both players show the same RTSP stream (tests/streams/rtsp_server.py serving
an ffmpeg-made H.264 clip on 127.0.0.1) in a window of the same size on a
private Xvfb with Mesa llvmpipe. Each measurement gets a fresh Xvfb and a fresh
server; players and rounds alternate so load drift hits both. See README.md.

  bench/players/cpu_vs_mpv.py --build build [--counts 1,4] [--sizes 360,1080]
                              [--warmup 10] [--seconds 20] [--rounds 2] [--json out.json]
"""
import argparse
import json
import socket
import statistics
import subprocess
import time
from pathlib import Path

from players_common import (BENCH_TMP, HERE, REPO, Processes, console_command, console_live_times, cpu_seconds,
                            free_port, load_average, log, make_workdir, player_env, register_cameras,
                            start_rtsp_server, start_xvfb, wait_until)

TILE_W, TILE_H = 640, 360  # every stream is shown in a 640x360 window or tile
CLIPS = {  # name: (size, bitrate): testsrc2, libx264 veryfast, no B-frames, GOP 50 (as bench/streams)
    "360": ("640x360", "512k"),
    "1080": ("1920x1080", "4M"),
}


def make_clip(name: str, seconds: int) -> Path:
    size, bitrate = CLIPS[name]
    out = BENCH_TMP / f"clip-{name}-{seconds}s.mp4"
    BENCH_TMP.mkdir(exist_ok=True)
    if not out.exists():
        log(f"making {out}")
        subprocess.run(["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                        f"testsrc2=size={size}:rate=25", "-t", str(seconds), "-c:v", "libx264", "-preset", "veryfast",
                        "-bf", "0", "-g", "50", "-b:v", bitrate, "-pix_fmt", "yuv420p", str(out) + ".tmp.mp4"],
                       check=True)
        Path(str(out) + ".tmp.mp4").rename(out)
    return out


def mpv_query(sock_path: Path, names: list) -> dict:
    """Reads mpv properties over its JSON IPC socket."""
    with socket.socket(socket.AF_UNIX) as s:
        s.connect(str(sock_path))
        s.settimeout(2.0)
        for i, name in enumerate(names):
            s.sendall((json.dumps({"command": ["get_property", name], "request_id": i}) + "\n").encode())
        replies, buf = {}, b""
        while len(replies) < len(names):
            buf += s.recv(65536)
            *lines, buf = buf.split(b"\n")
            for line in lines:
                msg = json.loads(line)
                if "request_id" in msg:
                    replies[names[msg["request_id"]]] = msg.get("data")
        return replies


MPV_COUNTERS = ["estimated-frame-number", "frame-drop-count", "decoder-frame-drop-count", "time-pos"]


def mpv_command(url: str, x: int, y: int, sock: Path) -> list:
    # --gpu-sw: mpv refuses llvmpipe without it. TCP like the console. No audio in the stream.
    return ["mpv", "--vo=gpu", "--gpu-sw", "--hwdec=no", "--no-audio", "--osc=no", "--no-terminal",
            f"--geometry={TILE_W}x{TILE_H}+{x}+{y}", "--demuxer-lavf-o=rtsp_transport=tcp",
            f"--input-ipc-server={sock}", url]


def measure(player: str, clip: Path, count: int, args) -> dict:
    """One measurement: `count` streams of `clip` shown by `player` for args.seconds after args.warmup."""
    workdir = make_workdir(f"cpu-{player}-{clip.stem}-n{count}-")
    cols = 1 if count == 1 else 2
    rows = (count + cols - 1) // cols
    screen_w, screen_h = TILE_W * cols, TILE_H * rows
    with Processes() as procs:
        xvfb, display = start_xvfb(procs, screen_w, screen_h, workdir)
        port = free_port()
        start_rtsp_server(procs, [str(REPO / "tests/streams/rtsp_server.py"), str(port), str(clip)], workdir, "rtsp")
        url = f"rtsp://127.0.0.1:{port}/cam"
        env = player_env(display, workdir)
        players, socks = [], []
        stats_path = workdir / "stats.json"
        if player.startswith("console"):
            router = free_port()
            wall = args.console_wall or HERE / ("wall_640x360.toml" if count == 1 else "wall_1280x720.toml")
            layout = HERE / ("one_camera.toml" if count == 1 else "four_cameras.toml")
            cmd = console_command(args.build, wall, layout, screen_w, screen_h, workdir, router, stats_path,
                                  headless=player == "console-headless")
            players.append(procs.start(cmd, log_path=workdir / "console.log", env=env))
            register_cameras(args.build, router, [(f"bench-{i + 1}", url) for i in range(count)], workdir)
        else:
            for i in range(count):
                sock = workdir / f"mpv-{i}.sock"
                socks.append(sock)
                players.append(procs.start(mpv_command(url, (i % cols) * TILE_W, (i // cols) * TILE_H, sock),
                                           log_path=workdir / f"mpv-{i}.log", env=env))
        started = time.time()
        wait_until(started + args.warmup)
        load_before = load_average()
        t0 = time.time()
        cpu0 = sum(cpu_seconds(p.pid) for p in players)
        x0 = cpu_seconds(xvfb.pid)
        mpv0 = [mpv_query(s, MPV_COUNTERS) for s in socks]
        wait_until(t0 + args.seconds)
        t1 = time.time()
        cpu1 = sum(cpu_seconds(p.pid) for p in players)
        x1 = cpu_seconds(xvfb.pid)
        mpv1 = [mpv_query(s, MPV_COUNTERS) for s in socks]
        load_after = load_average()
        for p in players:
            procs.stop(p)
        window = t1 - t0
        result = {"player": player, "clip": clip.stem, "streams": count, "seconds": window,
                  "load_before": load_before, "load_after": load_after, "workdir": str(workdir),
                  "cpu_s": cpu1 - cpu0, "xvfb_cpu_s": x1 - x0}
        if socks:
            shown = 0.0
            for a, b in zip(mpv0, mpv1):
                played = b["estimated-frame-number"] - a["estimated-frame-number"]
                dropped = (b["frame-drop-count"] - a["frame-drop-count"]) + \
                          (b["decoder-frame-drop-count"] - a["decoder-frame-drop-count"])
                shown += played - dropped
            result["shown_per_s"] = shown / window
            if shown < 0.5 * 25 * count * window:
                result["failed"] = f"mpv showed only {shown:.0f} frames"
            result["mpv_counters"] = [mpv0, mpv1]
        else:
            # --stats is written at exit: totals since each stream went live (log stamp) up to the stop.
            stats = json.loads(stats_path.read_text())
            live = console_live_times(workdir / "console.log")
            shown_rate = 0.0
            for row in stats["streams"]:
                since = live.get(row["camera"])
                if since is None or since > t0:
                    result["failed"] = f"{row['camera']} not live before the window ({row['state']}, {row['reason']})"
                    continue
                shown_rate += (row["frames_decoded"] - row["frames_dropped"]) / (t1 - since)
            result["shown_per_s"] = shown_rate
            result["console_frames_per_s"] = stats["frames"] / (t1 - started)
            result["console_streams"] = stats["streams"]
        result["cpu_per_stream_s"] = result["cpu_s"] / window / count
        result["xvfb_per_stream_s"] = result["xvfb_cpu_s"] / window / count
        result["cpu_ms_per_shown_frame"] = 1000 * result["cpu_s"] / max(1e-9, result["shown_per_s"] * window)
        hz = f", wall {result['console_frames_per_s']:.0f} Hz" if "console_frames_per_s" in result else ""
        log(f"{player:16s} {clip.stem:18s} N={count}: cpu {result['cpu_per_stream_s']:.3f} s/s per stream, "
            f"xvfb {result['xvfb_per_stream_s']:.3f}, shown {result['shown_per_s']:.1f}/s, "
            f"{result['cpu_ms_per_shown_frame']:.1f} ms/frame{hz}, load {load_before} -> {load_after}"
            + (f"  FAILED: {result['failed']} (left out of the table; see {workdir})" if "failed" in result else ""))
        return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", type=Path, default=REPO / "build")
    parser.add_argument("--counts", default="1,4")
    parser.add_argument("--sizes", default="360,1080")
    parser.add_argument("--warmup", type=float, default=10.0)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--with-headless", action="store_true",
                        help="also run the console --headless, paced at the bench wall's refresh_hz (no X presentation)")
    parser.add_argument("--console-wall", help="wall for the console instead of the bench wall as large as the window "
                                               "(e.g. 1x1: a 1920x1080 canvas scaled down into the window)")
    parser.add_argument("--players", default="console,mpv", help="which players to run (console, mpv)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    args.build = args.build.resolve()
    clip_seconds = int(args.warmup + args.seconds + 20)  # connect + warm-up + window, and slack before the clip ends
    clips = {name: make_clip(name, clip_seconds) for name in args.sizes.split(",")}
    results = []
    for r in range(args.rounds):
        for name in args.sizes.split(","):
            for count in map(int, args.counts.split(",")):
                order = [p for p in ["console", "mpv"] if p in args.players.split(",")]
                order = order if r % 2 == 0 else order[::-1]
                if args.with_headless:
                    order.append("console-headless")
                for player in order:
                    results.append(measure(player, clips[name], count, args))

    print(f"\nCPU per displayed stream, {TILE_W}x{TILE_H} per stream, warm-up {args.warmup:.0f} s, "
          f"window {args.seconds:.0f} s, mean of {args.rounds} rounds (failed runs left out: "
          f"{sum('failed' in x for x in results)})")
    print(f"{'clip':18s} {'N':>2s} {'player':16s} | {'cpu s/s/strm':>12s} {'+Xvfb':>7s} | {'shown/s':>8s} "
          f"{'ms/frame':>9s} {'+Xvfb':>7s} | {'wall Hz':>7s}")
    summary = []
    for name in args.sizes.split(","):
        for count in map(int, args.counts.split(",")):
            per_player = {}
            for player in args.players.split(",") + (["console-headless"] if args.with_headless else []):
                rs = [x for x in results if x["player"] == player and x["clip"] == clips[name].stem and
                      x["streams"] == count and "failed" not in x]
                if not rs:
                    print(f"{clips[name].stem:18s} {count:2d} {player:16s} | every run failed")
                    continue
                mean = lambda k: statistics.mean(x[k] for x in rs)  # noqa: E731
                row = {"player": player, "clip": clips[name].stem, "streams": count,
                       "cpu_per_stream_s": mean("cpu_per_stream_s"), "xvfb_per_stream_s": mean("xvfb_per_stream_s"),
                       "shown_per_s": mean("shown_per_s"), "cpu_ms_per_shown_frame": mean("cpu_ms_per_shown_frame")}
                row["total_ms_per_shown_frame"] = 1000 * (row["cpu_per_stream_s"] + row["xvfb_per_stream_s"]) * \
                    count / max(1e-9, row["shown_per_s"])
                hz = [x["console_frames_per_s"] for x in rs if "console_frames_per_s" in x]
                row["wall_hz"] = statistics.mean(hz) if hz else None
                per_player[player] = row
                summary.append(row)
                print(f"{row['clip']:18s} {count:2d} {player:16s} | {row['cpu_per_stream_s']:12.3f} "
                      f"{row['xvfb_per_stream_s']:7.3f} | {row['shown_per_s']:8.1f} "
                      f"{row['cpu_ms_per_shown_frame']:9.1f} {row['total_ms_per_shown_frame']:7.1f} | "
                      f"{row['wall_hz'] if row['wall_hz'] is not None else float('nan'):7.1f}")
            if "console" not in per_player or "mpv" not in per_player:
                continue
            c, m = per_player["console"], per_player["mpv"]
            print(f"{'':18s} {'':2s} {'console/mpv':16s} | {c['cpu_per_stream_s'] / m['cpu_per_stream_s']:12.2f} "
                  f"{'':7s} | {'':8s} {c['cpu_ms_per_shown_frame'] / m['cpu_ms_per_shown_frame']:9.2f} "
                  f"{c['total_ms_per_shown_frame'] / m['total_ms_per_shown_frame']:7.2f} |")
    if args.json:
        args.json.write_text(json.dumps({"runs": results, "summary": summary}, indent=2))


if __name__ == "__main__":
    main()
