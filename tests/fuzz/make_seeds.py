#!/usr/bin/env python3
"""Writes the fuzz seed corpus (tests/fuzz/corpus/{message,body}/seed-*) from
the protocol's own examples: docs/protocol.md (every JSON envelope, pretty or
compact, backend and feed), tests/protocol/corpus/valid, plus hand-written
malformed envelopes. Checkpoint seeds (corpus/state) are written by
`fuzz_tests --gtest_also_run_disabled_tests --gtest_filter=*WriteStateSeeds*`.
Crash regressions (corpus/<target>/crash-*) are never touched. Re-run after
changing the examples: tests/fuzz/make_seeds.py"""
import hashlib, json, pathlib, re

root = pathlib.Path(__file__).resolve().parents[2]
corpus = root / "tests/fuzz/corpus"

# The EventBody alternatives in variant order (console/model/model.hpp); the
# body target picks type = names[first byte % (len + 1)], the last being unknown.
BODY_TYPES = ["alarm.raise", "alarm.update", "alarm.clear", "roster.set", "task.upsert", "camera.upsert",
              "layout.switch", "heartbeat", "action.alarm.ack", "action.task.status", "camera.state",
              "alarm.suppress", "incident.upsert", "callresponse.answer", "action.alarm.shelve",
              "action.alarm.unshelve", "action.alarm.sop", "action.callresponse.answer",
              "action.incident.reported", "action.sound.mute", "callresponse.call", "callresponse.escalate",
              "linkage.show"]

def envelopes_in_docs():
    text = (root / "docs/protocol.md").read_text()
    found = []
    for block in re.findall(r"```\w*\n(.*?)```", text, re.S):
        candidates = [block] + [l[l.find("{"):] for l in block.splitlines() if "{" in l]
        for c in candidates:
            try:
                doc = json.loads(c)
            except ValueError:
                continue
            if isinstance(doc, dict) and "body" in doc and "type" in doc:
                found.append(c.strip().encode())
    return found

def malformed():
    ok = '{"v":1,"source":"s","seq":1,"ts":1,"type":"alarm.clear","body":{"id":"A1"}}'
    return [s.encode() if isinstance(s, str) else s for s in [
        ok, ok[:-1], ok.replace('"v":1', '"v":2'), ok.replace('"seq":1', '"seq":1e400'),
        ok.replace('"seq":1', '"seq":18446744073709551616'), ok.replace('"ts":1', '"ts":-1'),
        ok.replace('"A1"', '"\\ud83d"'), ok.replace('alarm.clear', 'alarm.explode'),
        ok.replace('alarm.clear', 'action.alarm.ack'), ok.replace('"source":"s"', '"source":"operator"'),
        ok.replace('{"id":"A1"}', '{"id":"A1","x":' + "[" * 40 + "]" * 40 + "}"),
        ok.replace('{"id":"A1"}', '{"id":"A1","id":"A2"}'),
        ok.replace('"A1"', '"' + "长" * 50 + '"'),
        ok.encode().replace(b'"A1"', b'"\xc3\x28\xed\xa0\x80"'),
        "[1,2,3]", "", "null", '"just a string"', "{}", '{"v":1}',
    ]]

def write(folder, items):
    out = corpus / folder
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("seed-*"):
        old.unlink()
    for data in items:
        (out / ("seed-" + hashlib.sha1(data).hexdigest()[:16])).write_bytes(data)

messages = envelopes_in_docs()
messages += [p.read_bytes().strip() for p in sorted((root / "tests/protocol/corpus/valid").glob("*.json"))]
messages += malformed()
write("message", messages)

bodies = []
for m in messages:
    try:
        doc = json.loads(m)
        type_index = BODY_TYPES.index(doc["type"])
    except (ValueError, KeyError, TypeError):
        continue
    bodies.append(bytes([type_index]) + json.dumps(doc["body"], separators=(",", ":")).encode())
bodies.append(bytes([len(BODY_TYPES)]) + b'{"id":"A1"}')  # the unknown type
write("body", bodies)
print(f"{len(set(messages))} message seeds, {len(set(bodies))} body seeds")
