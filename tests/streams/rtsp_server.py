#!/usr/bin/python3
"""Minimal RTSP server for the streams tests (GStreamer's RTSP server).

Usage: rtsp_server.py PORT [CLIP]
Serves rtsp://127.0.0.1:PORT/cam: the H.264 CLIP (an .mp4, looped by the
client reconnecting) or, without CLIP, a live videotestsrc encoded with
x264enc in zero-latency mode. Prints "ready" on stdout once listening.
Binds 127.0.0.1 only.
"""
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402


def main() -> int:
    if len(sys.argv) < 2:
        print("usage: rtsp_server.py PORT [CLIP]", file=sys.stderr)
        return 2
    port = sys.argv[1]
    clip = sys.argv[2] if len(sys.argv) > 2 else None
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(port)
    factory = GstRtspServer.RTSPMediaFactory()
    if clip:
        launch = (f'( filesrc location="{clip}" ! qtdemux ! h264parse config-interval=-1 '
                  '! rtph264pay name=pay0 pt=96 config-interval=1 )')
    else:
        launch = ('( videotestsrc is-live=true pattern=ball ! video/x-raw,width=320,height=240,framerate=25/1 '
                  '! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=25 bitrate=500 '
                  '! rtph264pay name=pay0 pt=96 config-interval=1 )')
    factory.set_launch(launch)
    factory.set_shared(True)
    server.get_mount_points().add_factory("/cam", factory)
    if server.attach(None) == 0:
        print(f"cannot listen on 127.0.0.1:{port}", file=sys.stderr)
        return 1
    print("ready", flush=True)
    GLib.MainLoop().run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
