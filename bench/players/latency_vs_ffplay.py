#!/usr/bin/python3
"""Latency the console adds over ffplay on the same live RTSP stream, read from the screen.

counter_rtsp_server.py sends frame k at T0 + k*40 ms with k drawn into the
picture as grey bands. The windowed wallconsole (one camera tile, 640x360) and
ffplay windows of the same size run side by side on one private Xvfb;
frame_counter_probe grabs the middle rows of all windows with one XGetImage at a
time and decodes every window's k. Added latency = (k_ffplay - k_console) x 40 ms
from the same grab; absolute latency = grab time - send time of k. See README.md.

  bench/players/latency_vs_ffplay.py --build build [--warmup 10] [--seconds 60] [--json out.json]
"""
import argparse
import json
import statistics
import time
from pathlib import Path

from players_common import (HERE, Processes, console_command, free_port, load_average, make_workdir,
                            player_env, register_cameras, start_rtsp_server, start_xvfb, wait_until)

W, H, GAP = 640, 360, 20
FPS = 25
FRAME_MS = 1000.0 / FPS

# Reference players: (label, window title, extra ffplay options). The first is the command.
REFERENCES = {
    "ffplay": ("ref-ffplay-nobuffer", ["-fflags", "nobuffer", "-flags", "low_delay"]),
    # Without audio ffplay's default master clock is an external clock that it slows down to keep
    # 2-10 packets queued; -sync video shows each frame when its timestamp is due: ffplay at its lowest.
    "ffplay_sync_video": ("ref-ffplay-sync-video", ["-fflags", "nobuffer", "-flags", "low_delay", "-sync", "video"]),
}


def ffplay_command(title: str, options: list, url: str, x: int, y: int) -> list:
    return ["ffplay", "-hide_banner", "-loglevel", "warning", *options, "-rtsp_transport", "tcp", "-an",
            "-x", str(W), "-y", str(H), "-left", str(x), "-top", str(y), "-window_title", title, url]


def percentile(values: list, q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, int(round(q * (len(s) - 1)))))]


def summary(values: list) -> dict:
    if not values:
        return {"count": 0}
    return {"count": len(values), "mean": statistics.mean(values), "p50": percentile(values, 0.5),
            "p95": percentile(values, 0.95), "min": min(values), "max": max(values)}


def analyse(samples_csv: Path, send_log: Path, labels: list) -> dict:
    sent = {}
    for line in open(send_log):
        if not line.startswith("#"):
            k, t = line.split(",")
            sent[int(k)] = float(t)
    rows = [list(map(int, line.split(","))) for line in list(open(samples_csv))[1:]]
    out = {"grabs": len(rows), "players": {}, "added_ms": {}}
    for i, label in enumerate(labels):
        counters = [(r[1] + r[2]) / 2e9 for r in rows], [r[3 + i] for r in rows]
        readable = [(t, k) for t, k in zip(*counters) if k >= 0]
        backwards = sum(1 for (_, a), (_, b) in zip(readable, readable[1:]) if b < a)
        seen = {k for _, k in readable}
        span = (max(seen) - min(seen) + 1) if seen else 0
        absolute = [1000 * (t - sent[k]) for t, k in readable if k in sent]
        out["players"][label] = {
            "readable": len(readable) / max(1, len(rows)),
            "backwards": backwards,  # a counter lower than the one before it: a misread or a player going back
            "unknown": sum(1 for _, k in readable if k not in sent),  # read a number the server never sent
            "frames_seen": len(seen), "frames_span": span,  # seen/span: share of sent frames that reached the screen
            "absolute_ms": summary(absolute),
        }
    console = labels.index("console")
    for i, label in enumerate(labels):
        if i == console:
            continue
        both = [r for r in rows if r[3 + i] >= 0 and r[3 + console] >= 0]
        out["added_ms"][label] = summary([(r[3 + i] - r[3 + console]) * FRAME_MS for r in both])
        out["added_ms"][label]["both_readable"] = len(both) / max(1, len(rows))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", type=Path, default=HERE.parent.parent / "build")
    parser.add_argument("--warmup", type=float, default=10.0)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--references", default=",".join(REFERENCES), help="which ffplay variants run beside the console")
    parser.add_argument("--interval-ms", type=float, default=9.0, help="mean pause between grabs")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    args.build = args.build.resolve()
    refs = args.references.split(",")
    workdir = make_workdir("latency-")
    # Console top left, references to its right and below it: every window fully visible.
    places = [(0, 0), (W + GAP, 0), (0, H + GAP), (W + GAP, H + GAP)]
    with Processes() as procs:
        xvfb, display = start_xvfb(procs, 2 * W + GAP, 2 * H + GAP, workdir)
        port = free_port()
        send_log = workdir / "send.csv"
        start_rtsp_server(procs, [str(HERE / "counter_rtsp_server.py"), str(port), str(send_log),
                                  "--width", str(W), "--height", str(H), "--fps", str(FPS)], workdir, "counter_server")
        url = f"rtsp://127.0.0.1:{port}/counter"
        env = player_env(display, workdir)
        router = free_port()
        stats_path = workdir / "stats.json"
        console = procs.start(console_command(args.build, HERE / "wall_640x360.toml", HERE / "one_camera.toml", W, H,
                                              workdir, router, stats_path), log_path=workdir / "console.log", env=env)
        register_cameras(args.build, router, [("bench-1", url)], workdir)
        for name, (x, y) in zip(refs, places[1:]):
            title, options = REFERENCES[name]
            procs.start(ffplay_command(title, options, url, x, y), log_path=workdir / f"{name}.log", env=env)
        wait_until(time.time() + args.warmup)
        load_before = load_average()
        samples = workdir / "samples.csv"
        windows = ["--window", "console=wallconsole"]
        for name in refs:
            windows += ["--window", f"{name}={REFERENCES[name][0]}"]
        probe = procs.start([str(args.build / "bin" / "frame_counter_probe"), *windows, "--seconds", str(args.seconds),
                             "--interval-ms", str(args.interval_ms), "--out", str(samples),
                             "--snapshot", str(workdir / "first-grab.ppm")],
                            log_path=workdir / "probe.log", env=env)
        if probe.wait(args.seconds + 60) != 0:
            raise RuntimeError(f"frame_counter_probe failed: {(workdir / 'probe.log').read_text()}")
        load_after = load_average()
        procs.stop(console)
        stats = json.loads(stats_path.read_text())
    result = analyse(samples, send_log, ["console"] + refs)
    result.update({"workdir": str(workdir), "load_before": load_before, "load_after": load_after,
                   "console_wall_hz": stats["frames"] / (args.warmup + args.seconds),
                   "console_streams": stats["streams"]})

    print(f"\nLatency over {result['grabs']} grabs ({args.seconds:.0f} s, 640x360 {FPS} fps H.264, x264 zerolatency), "
          f"load {load_before} -> {load_after}, workdir {workdir}")
    print(f"{'window':18s} | {'readable':>8s} {'backwards':>9s} {'unknown':>7s} {'seen/sent':>9s} | absolute ms: "
          f"{'mean':>6s} {'p50':>6s} {'p95':>6s}")
    for label, p in result["players"].items():
        a = p["absolute_ms"]
        print(f"{label:18s} | {100 * p['readable']:7.1f}% {p['backwards']:9d} {p['unknown']:7d} "
              f"{p['frames_seen'] / max(1, p['frames_span']):9.3f} | {'':13s}{a.get('mean', float('nan')):6.1f} "
              f"{a.get('p50', float('nan')):6.1f} {a.get('p95', float('nan')):6.1f}")
    for label, a in result["added_ms"].items():
        print(f"console added over {label}: mean {a['mean']:.1f} ms, p50 {a['p50']:.1f}, p95 {a['p95']:.1f} "
              f"(both readable in {100 * a['both_readable']:.1f} % of grabs; target <= {FRAME_MS:.0f} ms)")
    print(f"console wall refresh: {result['console_wall_hz']:.0f} Hz")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
