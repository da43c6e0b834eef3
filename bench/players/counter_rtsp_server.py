#!/usr/bin/python3
"""RTSP server whose pictures carry their own frame number, for the latency bench.

Usage: counter_rtsp_server.py PORT SEND_LOG [--width 640] [--height 360] [--fps 25]

Serves rtsp://127.0.0.1:PORT/counter: a live H.264 stream (x264enc
tune=zerolatency speed-preset=ultrafast, no B-frames) made from raw I420
pictures pushed through appsrc in real time. Frame k is pushed at
T0 + k / fps (T0 = server start, CLOCK_REALTIME) and shows k as vertical
bands, readable along any horizontal line of the picture even after scaling:

  | guard | d8 | d7 | ... | d0 | check | guard |     (12 equal bands)

  guard  white (display 255): marks where the picture starts and ends
  d8..d0 base-4 digits of k, most significant first (18 bits)
  check  (d8 + ... + d0) mod 4: a misread digit is caught, never trusted
  digit levels 0/1/2/3 are drawn as display grey 0/85/170/255 (limited-range
  luma 16/89/162/235, so the players' range expansion lands on those greys).

The counter comes from the clock, not from the media: a second client (or a
second media pipeline) sees the same number for the same instant. Every push is
appended to SEND_LOG as "k,push_time_s" (CLOCK_REALTIME seconds), so readers of
the screen can compute each player's absolute latency. Binds 127.0.0.1 only;
prints "ready" once listening.
"""
import argparse
import sys
import threading
import time

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

BANDS = 12             # guard + 9 digits + check + guard
DIGITS = 9
LUMA_OF_DIGIT = (16, 89, 162, 235)  # limited range: display grey 0, 85, 170, 255
GUARD_LUMA = 235


def digits_of(k: int) -> list:
    """Base-4 digits of k, most significant first, then the check digit."""
    d = [(k >> (2 * i)) & 3 for i in reversed(range(DIGITS))]
    return d + [sum(d) % 4]


def picture(k: int, width: int, height: int) -> bytes:
    """One I420 picture showing k as bands; chroma neutral (grey)."""
    levels = [GUARD_LUMA] + [LUMA_OF_DIGIT[d] for d in digits_of(k)] + [GUARD_LUMA]
    row = bytearray()
    for i, level in enumerate(levels):
        # Band edges at round(i * width / BANDS): the bands fill the row exactly.
        start, end = round(i * width / BANDS), round((i + 1) * width / BANDS)
        row += bytes([level]) * (end - start)
    chroma = bytes([128]) * ((width // 2) * (height // 2))
    return bytes(row) * height + chroma + chroma


class CounterSource:
    """Pushes frame k at t0 + k / fps into one media's appsrc until that media goes away."""

    def __init__(self, appsrc, args, t0: float, log):
        self.appsrc, self.args, self.t0, self.log = appsrc, args, t0, log
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, name="counter-push", daemon=True)
        self.thread.start()

    def run(self):
        period = 1.0 / self.args.fps
        k = int((time.time() - self.t0) / period) + 1
        while not self.stop.is_set():
            due = self.t0 + k * period
            delay = due - time.time()
            if delay > 0:
                time.sleep(delay)
            now = time.time()
            if now - due > period:  # fell behind (machine busy): skip to the current frame, as a camera would
                k = int((now - self.t0) / period)
                continue
            buf = Gst.Buffer.new_wrapped(picture(k, self.args.width, self.args.height))
            buf.duration = Gst.SECOND // self.args.fps
            if self.appsrc.emit("push-buffer", buf) != Gst.FlowReturn.OK:
                break
            self.log.write(f"{k},{now:.6f}\n")
            k += 1


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("port")
    parser.add_argument("send_log")
    parser.add_argument("--width", type=int, default=640)
    parser.add_argument("--height", type=int, default=360)
    parser.add_argument("--fps", type=int, default=25)
    parser.add_argument("--bitrate", type=int, default=2000, help="x264enc kbit/s")
    args = parser.parse_args()

    Gst.init(None)
    t0 = time.time()
    log = open(args.send_log, "w", buffering=1)
    log.write(f"# t0={t0:.6f} fps={args.fps} width={args.width} height={args.height}\n")
    sources = []

    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(args.port)
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(
        f"( appsrc name=src is-live=true do-timestamp=true format=time "
        f"caps=video/x-raw,format=I420,width={args.width},height={args.height},framerate={args.fps}/1 "
        f"! x264enc tune=zerolatency speed-preset=ultrafast key-int-max={args.fps} bitrate={args.bitrate} "
        f"! video/x-h264,profile=constrained-baseline ! rtph264pay name=pay0 pt=96 config-interval=1 )")
    # One pipeline for every client: both players get the very same frames.
    factory.set_shared(True)

    def on_configure(_factory, media):
        appsrc = media.get_element().get_child_by_name("src")
        source = CounterSource(appsrc, args, t0, log)
        sources.append(source)
        media.connect("unprepared", lambda _m: source.stop.set())

    factory.connect("media-configure", on_configure)
    server.get_mount_points().add_factory("/counter", factory)
    if server.attach(None) == 0:
        print(f"cannot listen on 127.0.0.1:{args.port}", file=sys.stderr)
        return 1
    print("ready", flush=True)
    try:
        GLib.MainLoop().run()
    except KeyboardInterrupt:
        pass
    for s in sources:
        s.stop.set()
    return 0


if __name__ == "__main__":
    sys.exit(main())
