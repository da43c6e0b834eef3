#!/usr/bin/env bash
# GL-thread CPU per frame with 16 live camera tiles (640x360 test pictures, 25 fps),
# two wallconsole binaries alternating in one run, so the ratio is what counts.
#   bench/app/tiles16.sh BEFORE_BIN AFTER_BIN [ROUNDS] [SECONDS]
# Prints each round's frame_cpu_ms p50/p99 (the GL thread's own CPU per drawn frame) and frame_ms p50.
set -euo pipefail
before=$1 after=$2 rounds=${3:-3} seconds=${4:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
{
  echo 'name = "tiles16"'
  echo 'title = "16路监控"'
  echo '[[region]]'
  echo 'name = "cameras"'
  echo 'view = "camera_grid"'
  printf 'cameras = ['
  for i in $(seq -w 1 16); do printf '"cam-%s",' "$i"; done
  echo ']'
  echo 'columns = 4'
  echo 'x = 0.0'
  echo 'y = 0.0'
  echo 'w = 1.0'
  echo 'h = 1.0'
} > "$work/tiles16.toml"
{
  printf '['
  for i in $(seq -w 1 16); do
    [ "$i" = "01" ] || printf ','
    printf '{"id": "cam-%s", "name": "测试画面%s", "main_url": "test:cam-%s?sub"}' "$i" "$i" "$i"
  done
  echo ']'
} > "$work/cameras.json"
run() { # BIN LABEL ROUND
  local dir="$work/$2-$3"
  mkdir -p "$dir"
  XDG_CONFIG_HOME="$dir" xvfb-run -a -s "-screen 0 1920x1080x24" "$1" --headless --wall 1x1 \
    --layout "$work/tiles16.toml" --cameras "$work/cameras.json" --journal "$dir/journal.db" \
    --router "tcp://127.0.0.1:*" --pub "" --seconds "$seconds" --stats "$dir/stats.json" > "$dir/log" 2>&1 || {
      cat "$dir/log"; exit 1; }
  python3 - "$dir/stats.json" "$2" "$3" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
c, f = s["frame_cpu_ms"], s["frame_ms"]
live = sum(1 for r in s["streams"] if r["displayed"] and r["state"] == "live")
print(f"{sys.argv[2]:6} round {sys.argv[3]}: frames {s['frames']}, live tiles {live}, "
      f"GL-thread CPU/frame p50 {c['p50']:.2f} ms p99 {c['p99']:.2f} ms, frame p50 {f['p50']:.2f} ms")
PY
}
for r in $(seq 1 "$rounds"); do
  run "$before" before "$r"
  run "$after" after "$r"
done
