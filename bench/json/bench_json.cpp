// How fast can one core turn a typical alarm.raise envelope (the realistic
// one in tests/protocol/corpus/valid/alarm.raise.json, 569 bytes, much of it
// Chinese text) into an Alarm? Compared side by side in one run:
//   NlohmannDom       nlohmann::json::parse only (no field access)
//   NlohmannFields    nlohmann DOM + copying every field into an Alarm (no validation)
//   SimdjsonOndemand  simdjson on-demand + copying every field into an Alarm (no validation)
//   ParseMessage      protocol::parseMessage: simdjson DOM parse, full validation,
//                     canonical body re-encode (what the ingest thread runs)
//   ParseMessageNlohmannPath  the same through the nlohmann-json path only (the
//                     path refused messages take; also what parseMessage cost
//                     before simdjson was added)
//   ParseBodyReplay   protocol::parseBody of the canonical body (journal replay at start-up)
//   EncodeEnvelope / EncodeAck: the outbound side.
// Items/s is messages per second on one core.
#include "protocol/message_parser.hpp"
#include "protocol/protocol.hpp"

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>
#ifdef WALL_BENCH_SIMDJSON
#include <simdjson.h>
#endif

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace {

using namespace wall;

const std::string& alarmRaiseEnvelope() {
    static const std::string text = [] {
        std::ifstream in(std::string(WALL_PROTOCOL_CORPUS_DIR) + "/valid/alarm.raise.json", std::ios::binary);
        if (!in) throw std::runtime_error("cannot read the alarm.raise corpus file");
        std::ostringstream ss;
        ss << in.rdbuf();
        std::string s = ss.str();
        while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
        return s;
    }();
    return text;
}

void count(benchmark::State& state) {
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * alarmRaiseEnvelope().size()));
}

void NlohmannDom(benchmark::State& state) {
    const std::string& msg = alarmRaiseEnvelope();
    for (auto _ : state) {
        auto doc = nlohmann::json::parse(msg);
        benchmark::DoNotOptimize(doc);
    }
    count(state);
}

void NlohmannFields(benchmark::State& state) {
    const std::string& msg = alarmRaiseEnvelope();
    for (auto _ : state) {
        auto doc = nlohmann::json::parse(msg);
        Event e;
        e.source = doc["source"].get<std::string>();
        e.seq = doc["seq"].get<uint64_t>();
        e.ts_ms = doc["ts"].get<int64_t>();
        const auto& b = doc["body"];
        Alarm a;
        a.id = b["id"].get<std::string>();
        a.level = levelFromWire(b["level"].get_ref<const std::string&>()).value_or(WarningLevel::Blue);
        a.category = b["category"].get<std::string>();
        a.title = b["title"].get<std::string>();
        a.message = b.value("message", "");
        const auto& site = b["site"];
        a.site = {site.value("county", ""), site.value("township", ""), site.value("village", ""), site.value("area", "")};
        a.device = b.value("device", "");
        for (const auto& c : b["cameras"]) a.cameras.push_back(c.get<std::string>());
        a.raised_ms = b.value("raised_at", int64_t{0});
        e.body = AlarmRaise{std::move(a)};
        benchmark::DoNotOptimize(e);
    }
    count(state);
}

#ifdef WALL_BENCH_SIMDJSON
void SimdjsonOndemand(benchmark::State& state) {
    const std::string& msg = alarmRaiseEnvelope();
    simdjson::ondemand::parser parser;
    for (auto _ : state) {
        // ZeroMQ frames carry no padding, so every message pays this copy.
        simdjson::padded_string padded(msg);
        simdjson::ondemand::document doc;
        if (parser.iterate(padded).get(doc)) state.SkipWithError("iterate");
        Event e;
        Alarm a;
        simdjson::ondemand::object root;
        if (doc.get_object().get(root)) state.SkipWithError("root");
        for (auto field : root) {
            std::string_view key;
            if (field.unescaped_key().get(key)) break;
            std::string_view s;
            if (key == "source") { if (!field.value().get_string().get(s)) e.source = s; }
            else if (key == "seq") { uint64_t u = 0; if (!field.value().get_uint64().get(u)) e.seq = u; }
            else if (key == "ts") { int64_t i = 0; if (!field.value().get_int64().get(i)) e.ts_ms = i; }
            else if (key == "body") {
                simdjson::ondemand::object body;
                if (field.value().get_object().get(body)) break;
                for (auto member : body) {
                    std::string_view k;
                    if (member.unescaped_key().get(k)) break;
                    auto value = member.value();
                    auto str = [&](std::string& out) { std::string_view v; if (!value.get_string().get(v)) out = v; };
                    if (k == "id") str(a.id);
                    else if (k == "level") { std::string l; str(l); a.level = levelFromWire(l).value_or(WarningLevel::Blue); }
                    else if (k == "category") str(a.category);
                    else if (k == "title") str(a.title);
                    else if (k == "message") str(a.message);
                    else if (k == "device") str(a.device);
                    else if (k == "raised_at") { int64_t i = 0; if (!value.get_int64().get(i)) a.raised_ms = i; }
                    else if (k == "site") {
                        simdjson::ondemand::object site;
                        if (value.get_object().get(site)) break;
                        for (auto sf : site) {
                            std::string_view sk, sv;
                            if (sf.unescaped_key().get(sk) || sf.value().get_string().get(sv)) break;
                            if (sk == "county") a.site.county = sv;
                            else if (sk == "township") a.site.township = sv;
                            else if (sk == "village") a.site.village = sv;
                            else if (sk == "area") a.site.area = sv;
                        }
                    } else if (k == "cameras") {
                        simdjson::ondemand::array cams;
                        if (value.get_array().get(cams)) break;
                        for (auto c : cams) { std::string_view cv; if (!c.get_string().get(cv)) a.cameras.emplace_back(cv); }
                    }
                }
            }
        }
        e.body = AlarmRaise{std::move(a)};
        benchmark::DoNotOptimize(e);
    }
    count(state);
}
BENCHMARK(SimdjsonOndemand);
#endif

void ParseMessage(benchmark::State& state) {
    const std::string& msg = alarmRaiseEnvelope();
    for (auto _ : state) {
        auto result = protocol::parseMessage(msg);
        if (!std::holds_alternative<protocol::Accepted>(result)) state.SkipWithError("rejected");
        benchmark::DoNotOptimize(result);
    }
    count(state);
}

void ParseMessageNlohmannPath(benchmark::State& state) {
    const std::string& msg = alarmRaiseEnvelope();
    for (auto _ : state) {
        auto result = protocol::parseMessageWith(msg, protocol::kDefaultMaxMessageBytes, false,
                                                 protocol::ParserChoice::NlohmannOnly);
        if (!std::holds_alternative<protocol::Accepted>(result)) state.SkipWithError("rejected");
        benchmark::DoNotOptimize(result);
    }
    count(state);
}

void ParseBodyReplay(benchmark::State& state) {
    const auto parsed = protocol::parseMessage(alarmRaiseEnvelope());
    const std::string body = std::get<protocol::Accepted>(parsed).body_json;
    for (auto _ : state) {
        auto result = protocol::parseBody("alarm.raise", body);
        benchmark::DoNotOptimize(result);
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

void EncodeEnvelope(benchmark::State& state) {
    const auto parsed = protocol::parseMessage(alarmRaiseEnvelope());
    const Event event = std::get<protocol::Accepted>(parsed).event;
    for (auto _ : state) {
        std::string text = protocol::encodeEnvelope(event);
        benchmark::DoNotOptimize(text);
    }
    count(state);
}

void EncodeAck(benchmark::State& state) {
    for (auto _ : state) {
        std::string text = protocol::encodeAck("yuanzhou-monitor", 1041, false);
        benchmark::DoNotOptimize(text);
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

BENCHMARK(NlohmannDom);
BENCHMARK(NlohmannFields);
BENCHMARK(ParseMessage);
BENCHMARK(ParseMessageNlohmannPath);
BENCHMARK(ParseBodyReplay);
BENCHMARK(EncodeEnvelope);
BENCHMARK(EncodeAck);

} // namespace

BENCHMARK_MAIN();
