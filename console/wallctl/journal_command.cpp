// `wallctl journal dump|stats|verify|state|drills`: reads a journal file. Never writes a record.
#include "wallctl/commands.hpp"

#include "base/xdg_paths.hpp"
#include "journal/audit.hpp"
#include "journal/journal.hpp"
#include "model/beijing_time.hpp"
#include "model/time_text.hpp"
#include "wallctl/journal_state.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <tuple>

#include <nlohmann/json.hpp>

namespace wall::wallctl {
namespace {

struct JournalOptions {
    std::string path;
    std::string since;     // dump: first receive time (inclusive)
    std::string until;     // dump: last receive time (inclusive)
    uint64_t limit = 0;    // dump: at most this many records (0 = all)
    bool json = false;     // drills: one JSON object per drill instead of the table
    std::string at;        // state: the time asked for
    bool pretty = false;   // state: indented JSON
};

/// Opens an existing journal; a missing file is an error, never silently created.
std::unique_ptr<journal::Journal> openExisting(const std::string& path) {
    if (!std::filesystem::exists(path)) {
        std::cerr << "wallctl journal: no journal at " << path << "\n";
        return nullptr;
    }
    try {
        return std::make_unique<journal::Journal>(path, journal::OpenMode::ExistingReadOnly);
    } catch (const std::exception& e) {
        std::cerr << "wallctl journal: " << e.what() << "\n";
        return nullptr;
    }
}

int runDump(const JournalOptions& o) {
    std::optional<TimeMs> since, until;
    for (auto [option, text, time] : {std::tuple{"--since", &o.since, &since}, std::tuple{"--until", &o.until, &until}}) {
        if (text->empty()) continue;
        const TimeArg t = readTimeArg(*text);
        if (!t.ms) {
            std::cerr << "wallctl journal dump: " << option << " " << t.error << "\n";
            return 2;
        }
        *time = t.ms;
    }
    auto j = openExisting(o.path);
    if (!j) return 2;
    // The time index is monotonic, so a checkpoint taken at or before --since
    // is a safe place to start scanning from.
    int64_t after_id = 0;
    if (since)
        if (auto cp = j->latestCheckpoint(*since)) after_id = cp->upto_id;
    uint64_t printed = 0;
    try {
        j->forEachSince(after_id, until, [&](const journal::Record& r) {
            if ((since && r.recv_ms < *since) || (o.limit && printed >= o.limit)) return;
            nlohmann::ordered_json line;
            line["id"] = r.id;
            line["recv"] = isoBeijing(r.recv_ms);
            line["recv_ms"] = r.recv_ms;
            line["source"] = r.source;
            line["seq"] = r.seq;
            line["ts_ms"] = r.ts_ms;
            line["type"] = r.type;
            nlohmann::json body = nlohmann::json::parse(r.body, nullptr, false);
            line["body"] = body.is_discarded() ? nlohmann::json(r.body) : body;
            if (!r.user_id.empty()) line["user_id"] = r.user_id;
            std::cout << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
            ++printed;
        });
    } catch (const std::exception& e) {
        std::cerr << "wallctl journal dump: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

int runStats(const JournalOptions& o) {
    auto j = openExisting(o.path);
    if (!j) return 2;
    try {
        const journal::Stats s = j->stats();
        std::cout << "journal     " << o.path << "\n";
        std::cout << "events      " << s.events << "\n";
        std::cout << "checkpoints " << s.checkpoints << "\n";
        if (s.events > 0) {
            std::cout << "first       " << isoBeijing(s.first_ms) << "\n";
            std::cout << "last        " << isoBeijing(s.last_ms) << "\n";
        }
        std::cout << "bytes       " << s.file_bytes << "\n";
        std::cout << "by type:\n";
        for (auto& [type, n] : s.by_type) std::cout << "  " << type << " " << n << "\n";
        std::cout << "by source:\n";
        for (auto& [source, n] : s.by_source) std::cout << "  " << source << " " << n << "\n";
    } catch (const std::exception& e) {
        std::cerr << "wallctl journal stats: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

const char* drillKindName(DrillKind kind) { return kind == DrillKind::Tabletop ? "桌面推演" : "实战演练"; }

/// The drills of the journal's last state (running and ended: the state keeps them), oldest first.
int runDrills(const JournalOptions& o) {
    auto j = openExisting(o.path);
    if (!j) return 2;
    try {
        const State state = journal::recoverState(*j).state;
        std::vector<const Drill*> drills;
        for (const auto& [id, d] : state.drills) drills.push_back(&d);
        std::sort(drills.begin(), drills.end(), [](const Drill* a, const Drill* b) {
            return a->started_ms != b->started_ms ? a->started_ms < b->started_ms : a->id < b->id;
        });
        if (o.json) {
            for (const Drill* d : drills) {
                nlohmann::ordered_json line;
                line["id"] = d->id;
                line["name"] = d->name;
                line["kind"] = toWire(d->kind);
                line["start"] = isoBeijing(d->started_ms);
                line["start_ms"] = d->started_ms;
                line["end"] = d->ended_ms ? nlohmann::ordered_json(isoBeijing(d->ended_ms)) : nlohmann::ordered_json(nullptr);
                line["end_ms"] = d->ended_ms ? nlohmann::ordered_json(d->ended_ms) : nlohmann::ordered_json(nullptr);
                line["alarms"] = d->alarms;
                line["source"] = d->source;
                line["started_by"] = d->started_by;
                line["ended_by"] = d->ended_by;
                std::cout << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
            }
            return 0;
        }
        if (drills.empty()) {
            std::cout << "no drills in " << o.path << "\n";
            return 0;
        }
        // Beijing time, as the wall shows it; a running drill has no end yet.
        auto when = [](TimeMs ms) { return formatDate(ms) + " " + formatClock(ms); };
        std::cout << "start (Beijing)      end (Beijing)        kind      alarms  name  [id]\n";
        for (const Drill* d : drills) {
            const std::string end = d->ended_ms ? when(d->ended_ms) : std::string("(running)          ");
            std::cout << when(d->started_ms) << "  " << end << "  " << drillKindName(d->kind) << "  " << std::setw(6)
                      << d->alarms << "  " << d->name << "  [" << d->id << "]\n";
        }
    } catch (const std::exception& e) {
        std::cerr << "wallctl journal drills: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

/// Exit codes: 0 chain intact, 1 chain broken, 2 the file could not be read.
int runVerify(const JournalOptions& o) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(o.path, ec)) {
        std::cerr << "wallctl journal verify: no journal at " << o.path << "\n";
        return 2;
    }
    try {
        const journal::ChainReport r = journal::verifyChain(o.path);
        if (r.broken) {
            const journal::ChainBreak& b = *r.broken;
            std::cout << "BROKEN  " << o.path << "\n"
                      << "first bad row: id " << b.id << " type " << b.type << " operator seq " << b.seq << "\n"
                      << b.kind << ": " << b.detail << "\n"
                      << "rows before it verify (" << r.chained_rows << " chained rows)\n";
            return 1;
        }
        std::cout << "OK      " << o.path << "\n"
                  << "chained rows " << r.chained_rows << " (" << r.unchained_rows
                  << " older operator rows before the chain)\n";
        if (!r.head_hex.empty())
            std::cout << "head         " << r.head_hex << "\n"
                      << "(compare with a head recorded elsewhere: deleting the newest rows, or rewriting the\n"
                      << " whole file and recomputing the chain, only shows against an anchored head)\n";
    } catch (const std::exception& e) {
        std::cerr << "wallctl journal verify: " << e.what() << "\n";
        return 2;
    }
    return 0;
}

/// Exit codes: 0 printed, 1 the journal failed while reading, 2 bad usage or an unreadable journal.
int runState(const JournalOptions& o) {
    constexpr const char* kCommand = "wallctl journal state";
    // A malformed time is named before the journal is even opened.
    if (const TimeArg t = readTimeArg(o.at); !t.ms) {
        std::cerr << kCommand << ": --at " << t.error << "\n";
        return 2;
    }
    std::string error;
    auto j = openJournalReadOnly(o.path, error);
    if (!j) {
        std::cerr << kCommand << ": " << error << "\n";
        return 2;
    }
    try {
        const TimeArg at = timeInJournal("--at", o.at, journalSpan(*j), o.path);
        if (!at.ms) {
            std::cerr << kCommand << ": " << at.error << "\n";
            return 2;
        }
        const journal::Recovered recovered = journal::recoverState(*j, *at.ms);
        if (recovered.skipped > 0)
            std::cerr << kCommand << ": " << recovered.skipped << " records no longer parse and were skipped\n";
        std::cout << stateJson(recovered, *at.ms, o.path, o.pretty) << "\n";
    } catch (const std::exception& e) {
        std::cerr << kCommand << ": " << e.what() << "\n";
        return 1;
    }
    return 0;
}

} // namespace

Run addJournalCommand(CLI::App& app) {
    auto o = std::make_shared<JournalOptions>();
    o->path = defaultJournalPath();  // the one wallconsole writes by default
    CLI::App* journal = app.add_subcommand("journal", "Read a console journal (SQLite file); never writes records.");
    journal->require_subcommand(1);

    CLI::App* dump = journal->add_subcommand(
        "dump",
        "Print records, one JSON per line: id, recv (Beijing ISO time with ms), recv_ms, source, seq,\n"
        "ts_ms, type, body. Times for --since/--until: epoch ms or Beijing YYYY-MM-DD[THH:MM[:SS]].");
    dump->add_option("journal", o->path, "Journal file")->capture_default_str();
    dump->add_option("--since", o->since, "Only records received at or after this time");
    dump->add_option("--until", o->until, "Only records received at or before this time");
    dump->add_option("-n,--limit", o->limit, "Print at most this many records");

    CLI::App* stats = journal->add_subcommand("stats", "Print record counts by type and source, time span and size.");
    stats->add_option("journal", o->path, "Journal file")->capture_default_str();

    CLI::App* verify = journal->add_subcommand(
        "verify",
        "Check the audit hash chain of operator actions and console decisions. Names the first bad\n"
        "row (id, type, and whether it was edited, deleted or reordered). Exit 0 intact, 1 broken, 2 unreadable.");
    verify->add_option("journal", o->path, "Journal file")->capture_default_str();

    CLI::App* drills = journal->add_subcommand(
        "drills", "List the drills (演练): start and end in Beijing time, kind, name, the alarms raised during each.");
    drills->add_option("journal", o->path, "Journal file")->capture_default_str();
    drills->add_option("--journal", o->path, "Journal file (the same as the positional argument)");
    drills->add_flag("--json", o->json, "One JSON object per drill: id, name, kind, start, start_ms, end, end_ms, alarms, ...");

    CLI::App* state = journal->add_subcommand(
        "state",
        std::string("Print the state at a time as JSON, for reviewers' scripts: every alarm with its lifecycle state\n"
                    "(and its 叫应 calls), tasks, incidents, roster, cameras, links, linkage, plus at_ms, journal_id\n"
                    "(the last record folded in) and state_hash. --at: ") + kTimeArgForms +
            ",\nbetween the journal's first and last event.");
    state->add_option("journal,-j,--journal", o->path, "Journal file")->capture_default_str();
    state->add_option("--at", o->at, "The time (received at or before it counts)")->required();
    state->add_flag("--pretty", o->pretty, "Indent the JSON");

    return [o, dump, stats, verify, drills, state] {
        if (drills->parsed()) return runDrills(*o);
        if (dump->parsed()) return runDump(*o);
        if (stats->parsed()) return runStats(*o);
        if (verify->parsed()) return runVerify(*o);
        if (state->parsed()) return runState(*o);
        return 2;
    };
}

} // namespace wall::wallctl
