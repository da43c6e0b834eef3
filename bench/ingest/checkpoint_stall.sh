#!/usr/bin/env bash
# Ack latency around checkpoints: ingest_test_server (the ingest worker with a
# checkpoint every 3,000 events) under a paced alarm.raise load, for two builds
# alternating in one run, so the state to checkpoint grows to RATE*SECONDS alarms.
#   bench/ingest/checkpoint_stall.sh BEFORE_BUILD_DIR AFTER_BUILD_DIR [ROUNDS] [RATE] [SECONDS]
# Prints ingest_load's ack latency p50/p99/max per round.
set -euo pipefail
before=$1 after=$2 rounds=${3:-2} rate=${4:-2000} seconds=${5:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"; kill $(jobs -p) 2>/dev/null || true' EXIT
run() { # BUILD_DIR LABEL ROUND
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  rm -f "$work"/j.db*
  "$1/bin/ingest_test_server" "$work/j.db" "tcp://127.0.0.1:$port" > "$work/server.log" 2>&1 &
  local server=$!
  for _ in $(seq 100); do grep -q READY "$work/server.log" && break; sleep 0.05; done
  printf '%-6s round %s: ' "$2" "$3"
  "$after/bin/ingest_load" paced "tcp://127.0.0.1:$port" "$rate" "$seconds"
  kill -TERM "$server"; wait "$server" || true
}
for r in $(seq 1 "$rounds"); do
  run "$before" before "$r"
  run "$after" after "$r"
done
