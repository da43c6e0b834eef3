"""Shared parts of the player benchmarks (cpu_vs_mpv.py, latency_vs_ffplay.py).

Starts and stops what a run needs - a private Xvfb, an RTSP server, a windowed
wallconsole showing given cameras - and reads CPU time from /proc. Every
process started here is stopped by its own pid when the run ends.
"""
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SYSTEM_PYTHON = "/usr/bin/python3"  # python3-gi is Debian's: the pyenv python on PATH may lack it
CLK_TCK = os.sysconf("SC_CLK_TCK")


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process (all its threads), in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # fields 14 and 15 of proc(5)


def load_average() -> str:
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


class Processes:
    """Processes of one run; stop() ends them newest first (SIGTERM, then SIGKILL)."""

    def __init__(self):
        self.started = []

    def start(self, args, log_path=None, env=None, **kwargs) -> subprocess.Popen:
        out = open(log_path, "w") if log_path else subprocess.DEVNULL
        p = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env=env, **kwargs)
        self.started.append(p)
        return p

    def stop(self, p: subprocess.Popen, timeout=10.0):
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
            try:
                p.wait(timeout)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()

    def stop_all(self):
        for p in reversed(self.started):
            self.stop(p)
        self.started.clear()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop_all()


def start_xvfb(procs: Processes, width: int, height: int, workdir: Path) -> tuple:
    """A private Xvfb (Mesa llvmpipe for GL clients); returns (process, DISPLAY)."""
    read_fd, write_fd = os.pipe()
    p = procs.start(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
                    log_path=workdir / "xvfb.log", pass_fds=(write_fd,))
    os.close(write_fd)
    with os.fdopen(read_fd) as r:
        number = r.readline().strip()
    if not number:
        raise RuntimeError("Xvfb did not start (see xvfb.log)")
    return p, f":{number}"


def start_rtsp_server(procs: Processes, args: list, workdir: Path, name: str) -> subprocess.Popen:
    """Starts a python RTSP server script that prints "ready" once listening."""
    p = subprocess.Popen([SYSTEM_PYTHON] + args, stdout=subprocess.PIPE, stderr=open(workdir / f"{name}.log", "w"),
                         text=True)
    procs.started.append(p)
    if p.stdout.readline().strip() != "ready":
        raise RuntimeError(f"{name} did not start (see {workdir / (name + '.log')})")
    return p


def player_env(display: str, workdir: Path) -> dict:
    env = dict(os.environ, DISPLAY=display)
    runtime = workdir / "xdg-runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env["XDG_RUNTIME_DIR"] = str(runtime)  # mpv and SDL complain without one
    env["TZ"] = "UTC"  # console log stamps in UTC, comparable with time.time()
    return env


def console_command(build: Path, wall: Path, layout: Path, width: int, height: int, workdir: Path, router_port: int,
                    stats: Path, headless=False) -> list:
    cmd = [str(build / "bin" / "wallconsole"), "--wall", str(wall), "--layout", str(layout),
           "--window-width", str(width), "--window-height", str(height),
           "--journal", str(workdir / "journal.db"), "--router", f"tcp://127.0.0.1:{router_port}", "--pub", "",
           "--stats", str(stats)]
    return cmd + (["--headless"] if headless else [])


def register_cameras(build: Path, router_port: int, cameras: list, workdir: Path):
    """camera.upsert for each (id, url), as a video platform would send it (wallctl send retries until acked)."""
    lines = workdir / "cameras.jsonl"
    with open(lines, "w") as f:
        for cam_id, url in cameras:
            f.write(json.dumps({"type": "camera.upsert",
                                "body": {"id": cam_id, "name": cam_id, "main_url": url}}) + "\n")
    subprocess.run([str(build / "bin" / "wallctl"), "send", "-e", f"tcp://127.0.0.1:{router_port}", "-t", "20",
                    str(lines)], check=True, stdout=subprocess.DEVNULL)


_LOG_STAMP = re.compile(r"^\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3})\]")


def console_live_times(log_path: Path) -> dict:
    """Camera name -> time.time() of its first 'connecting -> live' line (the console logs in TZ=UTC here)."""
    times = {}
    for line in open(log_path, errors="replace"):
        m = _LOG_STAMP.match(line)
        if not m or "-> live" not in line:
            continue
        name = line.split("] camera ", 1)[1].split(":", 1)[0] if "] camera " in line else "?"
        stamp = datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=timezone.utc).timestamp()
        times.setdefault(name, stamp)
    return times


BENCH_TMP = Path(os.environ.get("TMPDIR", tempfile.gettempdir())) / "wall-players-bench"  # clips and run dirs


def make_workdir(prefix: str) -> Path:
    BENCH_TMP.mkdir(exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=prefix, dir=BENCH_TMP))


def wait_until(deadline: float):
    delay = deadline - time.time()
    if delay > 0:
        time.sleep(delay)
