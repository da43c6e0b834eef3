#!/usr/bin/env bash
# Whole-console benchmarks, each reported as a ratio against a reference
# measured in the same run (absolute times on shared machines are noisy).
#   bench/app/run_app_bench.sh [BUILD_DIR]        (default: build)
# Needs a display: run under xvfb-run when there is none. Prints a Markdown table.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
console=$build/bin/wallconsole
tool=$build/bin/wall_bench_tool
work=$(mktemp -d /tmp/wall-app-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
jq_get() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval('d'+sys.argv[2]))" "$1" "$2"; }

# --- 1. Frame time with 100,000 alarms on the board vs the same scene with the board hidden.
"$tool" journal "$work/alarms.db" --events 100000 --alarms 100000 >/dev/null
sed -e 's/^name = "duty"/name = "duty-no-board"/' -e '/^hotkey/d' -e '/^default/d' \
    -e 's/view = "alarm_board"/view = "camera"\ncamera = "hidden-board"/' \
    "$root/assets/layouts/duty.toml" > "$work/duty-no-board.toml"
frames=600
run_frames() { # layout stats
  "$console" --headless --unpaced --wall 1x1 --layout "$1" --journal "$work/alarms.db" --frames $frames \
    --router "tcp://127.0.0.1:*" --pub "" --stats "$2" >/dev/null 2>&1
}
run_frames "$work/duty-no-board.toml" "$work/hidden.json"
run_frames duty "$work/board.json"
board_p99=$(jq_get "$work/board.json" "['frame_ms']['p99']"); hidden_p99=$(jq_get "$work/hidden.json" "['frame_ms']['p99']")
board_p50=$(jq_get "$work/board.json" "['frame_ms']['p50']"); hidden_p50=$(jq_get "$work/hidden.json" "['frame_ms']['p50']")

# --- 2. Event-to-frame latency at 1,000 and 10,000 events/s (paced 60 Hz, one frame = 16.7 ms).
latency() { # rate
  local port; port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "$console" --headless --wall 1x1 --layout duty --journal "$work/lat-$1.db" --seconds 14 \
    --router "tcp://127.0.0.1:$port" --pub "" --stats "$work/lat-$1.json" >/dev/null 2>&1 &
  local pid=$!
  sleep 2
  # A console that cannot keep up leaves some unacked when it stops: still a latency figure.
  "$tool" load "tcp://127.0.0.1:$port" --rate "$1" --seconds 10 >/dev/null || echo "load at $1/s: not all acked" >&2
  wait $pid
}
latency 1000
latency 10000

# --- 3. Start-up: time to the first frame with 1,000,000 journaled events vs an empty journal.
"$tool" journal "$work/million.db" --events 1000000 --alarms 10000 >/dev/null
startup() { # journal stats
  "$console" --headless --wall 1x1 --layout duty --journal "$1" --frames 1 \
    --router "tcp://127.0.0.1:*" --pub "" --stats "$2" >/dev/null 2>&1
}
startup "$work/empty.db" "$work/start-empty.json"
startup "$work/million.db" "$work/start-million.json"

# --- 4. Alarm flood: frame time while 5,000 alarms/s arrive (and are grouped) vs the same wall before it.
flood_run() { # name load?
  local port; port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "$console" --headless --wall 1x1 --layout duty --journal "$work/flood-$1.db" --seconds 12 --no-blink \
    --router "tcp://127.0.0.1:$port" --pub "" --stats "$work/flood-$1.json" >/dev/null 2>&1 &
  local pid=$!
  sleep 1.5
  if [ "$2" = yes ]; then
    "$tool" load "tcp://127.0.0.1:$port" --rate 5000 --seconds 10 --flood --red-at 5 >/dev/null || echo "flood: not all acked" >&2
  fi
  wait $pid
}
flood_run before no
flood_run during yes

python3 - "$work" "$board_p50" "$board_p99" "$hidden_p50" "$hidden_p99" <<'PY'
import json, sys
w, bp50, bp99, hp50, hp99 = sys.argv[1], *map(float, sys.argv[2:])
interval = 1000 / 60
print("| benchmark | measured | reference (same run) | ratio | target |")
print("|---|---|---|---|---|")
print(f"| frame time, 100,000 alarms on the board (1x1, p50 / p99) | {bp50:.2f} / {bp99:.2f} ms | board hidden: {hp50:.2f} / {hp99:.2f} ms | {bp50/hp50:.2f} / {bp99/hp99:.2f} | <= 1.2 |")
for rate in (1000, 10000):
    d = json.load(open(f"{w}/lat-{rate}.json"))
    l = d["event_to_frame_ms"]
    f = d["frame_ms"]["p50"]
    # llvmpipe frames take longer than the 60 Hz interval, so also count in frames actually rendered.
    print(f"| event-to-frame latency at {rate:,} events/s (p50 / p99, {l['count']:,} events) | {l['p50']:.1f} / {l['p99']:.1f} ms | frame interval {interval:.1f} ms; measured frame time p50 {f:.1f} ms | {l['p50']/interval:.2f} / {l['p99']/interval:.2f} intervals; {l['p50']/f:.2f} / {l['p99']/f:.2f} rendered frames | p99 <= 2 frames |")
b = json.load(open(f"{w}/flood-before.json")); d = json.load(open(f"{w}/flood-during.json"))
bf, df, red = b["frame_ms"], d["frame_ms"], d["red_alarm_to_frame_ms"]
print(f"| frame time during a 5,000 alarms/s flood (1x1, p50 / p99; {d['alarm_load']['flood_groups']} groups) | {df['p50']:.2f} / {df['p99']:.2f} ms | before the flood: {bf['p50']:.2f} / {bf['p99']:.2f} ms | {df['p50']/bf['p50']:.2f} / {df['p99']/bf['p99']:.2f} | p99 <= 1.5 |")
bc, dc = b["frame_cpu_ms"], d["frame_cpu_ms"]
print(f"| GL thread's own CPU per frame during the flood (p50 / p99; without llvmpipe and the other threads) | {dc['p50']:.2f} / {dc['p99']:.2f} ms | before the flood: {bc['p50']:.2f} / {bc['p99']:.2f} ms | {dc['p50']/bc['p50']:.2f} / {dc['p99']/bc['p99']:.2f} | — (explains the row above) |")
print(f"| red warning raised mid-flood: send to presented frame | {red['max']:.0f} ms | 1 s | {red['max']/1000:.2f} | <= 1 |")
e = json.load(open(f"{w}/start-empty.json")); m = json.load(open(f"{w}/start-million.json"))
print(f"| start-up to first frame, 1,000,000-event journal | {m['first_frame_ms']:.0f} ms | empty journal: {e['first_frame_ms']:.0f} ms | {m['first_frame_ms']/e['first_frame_ms']:.2f} | fast (checkpoint + tail replay) |")
PY
