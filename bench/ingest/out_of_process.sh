#!/usr/bin/env bash
# Durable ingest from another process (docs/benchmarks.md, "Ingest from another
# process"): the real console runs headless, and in separate processes
#   1. wallctl send of 100,000 realistic alarm lines,
#   2. the Python example client of docs/protocol.md section 10, 100,000 alarms,
#   3. a paced client at 10,000 events/s for 10 s (ack latency p50/p99),
# against the reference: a raw ZeroMQ DEALER -> ROUTER echo between two
# processes, the same 100,000 lines, the same window. Needs an X display
# (xvfb-run -a bench/ingest/out_of_process.sh) and build/bin from scripts/build.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin="$root/build/bin"
work=$(mktemp -d /tmp/wall-ooproc-XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
n=${ALARMS:-100000}

# Realistic alarm.raise lines (yellow/blue rain, river, reservoir, landslide warnings of 袁州区).
/usr/bin/python3 - "$work/alarms.jsonl" "$n" <<'PY'
import json, sys
towns = ["洪塘镇", "水江镇", "新田镇", "寨下镇", "天台镇", "三阳镇", "彬江镇", "金瑞镇"]
kinds = [("rain", "雨量站1小时降雨量超{}阈值"), ("river", "水文站水位超警戒{}"),
         ("reservoir", "水库水位超汛限{}"), ("landslide", "地质灾害隐患点位移监测超{}阈值")]
levels = [("yellow", "黄色"), ("blue", "蓝色")]
with open(sys.argv[1], "w") as f:
    for i in range(int(sys.argv[2])):
        town, (cat, title), (level, name) = towns[i % 8], kinds[i % 4], levels[i % 2]
        body = {"id": f"YZ-{cat.upper()}-{i:06d}", "level": level, "category": cat, "title": town + title.format(name),
                "message": f"监测值 {i % 97 + 3}.{i % 10} mm，已持续 {i % 50 + 1} 分钟，请相关乡镇核实并做好防范。",
                "site": {"county": "袁州区", "township": town, "village": "塘下村", "area": "塘下村3组"},
                "device": f"RG-YZ-{i % 400:04d}"}
        f.write(json.dumps({"type": "alarm.raise", "body": body}, ensure_ascii=False) + "\n")
PY
# The example client, exactly as the protocol page writes it.
awk '/^## 10\./{s=1} s&&/^```python$/{p=1;next} p&&/^```$/{exit} p' "$root/docs/protocol.md" > "$work/example_client.py"

port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
console() {  # start a fresh headless console; sets ep
  ep="tcp://127.0.0.1:$(port)"
  rm -f "$work/journal.db"*
  XDG_CONFIG_HOME="$work/config" "$bin/wallconsole" --headless --wall 1x1 --router "$ep" --pub "tcp://127.0.0.1:$(port)" \
      --journal "$work/journal.db" --stats "$work/stats.json" ${CONSOLE_ARGS:-} > "$work/console.log" 2>&1 &
  cpid=$!
  # Returns once the console answers (its own source, so no seq is shared with the runs).
  echo '{"type":"heartbeat","body":{}}' | "$bin/wallctl" send -q -e "$ep" -s bench-probe -t 60 > /dev/null
}
stop_console() { kill -TERM "$cpid"; wait "$cpid" || true; /usr/bin/python3 -c '
import json,sys; e=json.load(open(sys.argv[1]))["events"]
print("  console counters: received %d = accepted %d + duplicates %d + rejected %d + unanswered %d" % (
      e["received"], e["accepted"], e["duplicates"], e["rejected_total"], e["unanswered"]))' "$work/stats.json"; }
rate() { /usr/bin/python3 -c "import sys; print('%.0f' % ($n / float(sys.argv[1])))" "$1"; }

echo "== reference: raw DEALER -> ROUTER echo, two processes, window 1000"
ep="tcp://127.0.0.1:$(port)"
"$bin/ingest_load" echo-server "$ep" > /dev/null & epid=$!
sleep 0.3
"$bin/ingest_load" echo "$ep" "$work/alarms.jsonl"
kill "$epid"; wait "$epid" 2>/dev/null || true

echo "== wallctl send, $n lines"
console
t0=$(date +%s.%N)
"$bin/wallctl" send -q -e "$ep" -t 300 "$work/alarms.jsonl" | tail -1
t1=$(date +%s.%N)
s=$(/usr/bin/python3 -c "print(round($t1 - $t0, 3))"); echo "  $s s end to end = $(rate "$s") durable events/s"
stop_console

echo "== docs/protocol.md section 10 Python client, $n alarms"
console
t0=$(date +%s.%N)
ALARMS=$n WALLCONSOLE_ROUTER="$ep" /usr/bin/python3 "$work/example_client.py" | tail -1
t1=$(date +%s.%N)
s=$(/usr/bin/python3 -c "print(round($t1 - $t0, 3))"); echo "  $s s end to end = $(rate "$s") durable events/s"
stop_console

echo "== paced 10,000 events/s for 10 s"
console
"$bin/ingest_load" paced "$ep" 10000 10
stop_console
