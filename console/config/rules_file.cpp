// Reading assets/rules.toml into ConsoleRules. The typed field access and the
// "file:line: what" errors are the layout files' (layouts/toml_fields.hpp):
// their LayoutError becomes a RulesError with the same text.
#include "config/rules_file.hpp"

#include "base/xdg_paths.hpp"
#include "layouts/asset_paths.hpp"
#include "layouts/toml_fields.hpp"

#include <cstdlib>
#include <map>
#include <set>

namespace wall::config {

using layouts::LayoutError;
using layouts::FieldReader;
using layouts::lineOf;

std::filesystem::path defaultRulesPath() { return layouts::defaultAssetDir() / "rules.toml"; }

std::filesystem::path demoRulesPath() { return layouts::defaultAssetDir() / "demo" / "rules.toml"; }

std::filesystem::path siteRulesPath() { return configFilePath("rules.toml"); }

RulesChoice chooseRules(const std::string& explicit_path, bool demo) {
    if (!explicit_path.empty()) return {explicit_path, {}};
    if (demo) return {demoRulesPath(), {}};
    const std::filesystem::path site = siteRulesPath();
    std::error_code ec;
    if (std::filesystem::exists(site, ec)) return {site, {}};
    // A real watch must never dial the demo's made-up people: the shipped
    // defaults name nobody, and the wall says so until the centre writes its file.
    return {defaultRulesPath(), "no rules file at " + site.string() + " (nor --rules FILE): nobody from a 叫应 table is called"};
}

std::string callTableFault(const RulesChoice& choice, const ConsoleRules& rules) {
    if (!choice.call_table_fault.empty()) return choice.call_table_fault;
    if (rules.call_response.grid.empty())
        return choice.path.string() + " has no [[call_response.grid]]: nobody from a 叫应 table is called";
    return {};
}

namespace {

constexpr const char* kLevelKeys[kWarningLevelCount] = {"red", "orange", "yellow", "blue"};
constexpr int64_t kMaxMinutes = 7 * 24 * 60; // a week: anything longer is a typo

/// "file:line: key: what" — the key names where in the file the fault is.
[[noreturn]] void fail(const std::string& file, int line, const std::string& key, const std::string& what) {
    throw LayoutError(file, line, "", key + ": " + what);
}

/// The array of tables under `key` ([[key]]), each with its header line; empty when absent.
std::vector<const toml::table*> tablesOf(const FieldReader& parent, std::string_view key, const std::string& name) {
    std::vector<const toml::table*> out;
    const toml::node* node = parent.table.get(key);
    if (!node) return out;
    const auto* array = node->as_array();
    if (!array) fail(parent.file, parent.lineOfKey(key), name, "must be an array of tables ([[" + name + "]])");
    for (const toml::node& item : *array) {
        const auto* t = item.as_table();
        if (!t) fail(parent.file, lineOf(item) ? lineOf(item) : parent.lineOfKey(key), name, "every entry must be a table");
        out.push_back(t);
    }
    return out;
}

FieldReader readerOf(const toml::table& t, const std::string& file) { return FieldReader{t, file, "", lineOf(t)}; }

WarningLevel readLevel(const FieldReader& f, std::string_view key, const std::string& name, WarningLevel fallback) {
    const auto text = f.string(key);
    if (!text) return fallback;
    if (auto level = levelFromWire(*text)) return *level;
    fail(f.file, f.lineOfKey(key), name, "unknown warning level '" + *text + "' (red, orange, yellow or blue)");
}

/// A positive count of minutes/seconds/hours, converted by `scale`.
int positive(const FieldReader& f, std::string_view key, const std::string& name, int64_t max, int fallback_scaled,
             int scale) {
    const auto v = f.integer(key);
    if (!v) return fallback_scaled;
    if (*v <= 0) fail(f.file, f.lineOfKey(key), name, "must be positive, found " + std::to_string(*v));
    if (*v > max) fail(f.file, f.lineOfKey(key), name, "is too large: " + std::to_string(*v) + " (at most " + std::to_string(max) + ")");
    return static_cast<int>(*v) * scale;
}

std::vector<Responder> readPersons(const FieldReader& cell, const std::string& name) {
    std::vector<Responder> out;
    const toml::node* node = cell.table.get("persons");
    if (!node) fail(cell.file, cell.table_line, name, "missing 'persons'");
    const auto* array = node->as_array();
    if (!array || array->empty())
        fail(cell.file, cell.lineOfKey("persons"), name + ".persons", "must be a non-empty list of {name, role, phone}");
    for (const toml::node& item : *array) {
        const auto* t = item.as_table();
        const int line = lineOf(item) ? lineOf(item) : cell.lineOfKey("persons");
        if (!t) fail(cell.file, line, name + ".persons", "every entry must be a table {name, role, phone}");
        FieldReader p{*t, cell.file, "", line};
        p.rejectUnknownKeys({"name", "role", "phone", "grid"}, "in a person of [[" + name + "]]");
        Responder r;
        r.name = p.requireString("name");
        if (r.name.empty()) fail(cell.file, line, name + ".persons.name", "must not be empty");
        r.role = p.string("role").value_or("");
        r.phone = p.string("phone").value_or("");
        r.grid = p.string("grid").value_or("");
        out.push_back(std::move(r));
    }
    return out;
}

void readCallResponse(const FieldReader& root, CallResponseRules& out) {
    const toml::table* t = root.subTable("call_response");
    if (!t) return;
    FieldReader f = readerOf(*t, root.file);
    f.rejectUnknownKeys({"min_level", "deadline_minutes", "grid"}, "in [call_response]");
    out.min_level = readLevel(f, "min_level", "call_response.min_level", out.min_level);
    if (const toml::table* d = f.subTable("deadline_minutes")) {
        FieldReader dl{*d, root.file, "", lineOf(*d) ? lineOf(*d) : f.lineOfKey("deadline_minutes")};
        dl.rejectUnknownKeys({"red", "orange", "yellow", "blue"}, "in call_response.deadline_minutes");
        for (int i = 0; i < kWarningLevelCount; ++i)
            out.deadline_s[i] = positive(dl, kLevelKeys[i], std::string("call_response.deadline_minutes.") + kLevelKeys[i],
                                         kMaxMinutes, out.deadline_s[i], 60);
    }
    std::map<std::pair<std::string, std::string>, int> cells; // (township, village) → line
    for (const toml::table* cell : tablesOf(f, "grid", "call_response.grid")) {
        FieldReader c = readerOf(*cell, root.file);
        c.rejectUnknownKeys({"township", "village", "persons"}, "in [[call_response.grid]]");
        GridResponsibility g;
        g.township = c.string("township").value_or("");
        g.village = c.string("village").value_or("");
        if (g.township.empty() && !g.village.empty())
            fail(root.file, c.lineOfKey("village"), "call_response.grid.village", "a village needs its township");
        auto [it, fresh] = cells.try_emplace({g.township, g.village}, c.table_line);
        if (!fresh) {
            const std::string where = g.township.empty() ? "the county" : g.township + (g.village.empty() ? "" : "/" + g.village);
            fail(root.file, c.table_line, "call_response.grid",
                 "duplicate grid cell " + where + " (first at line " + std::to_string(it->second) + ")");
        }
        g.persons = readPersons(c, "call_response.grid");
        out.grid.push_back(std::move(g));
    }
}

void readFlood(const FieldReader& root, FloodRules& out) {
    const toml::table* t = root.subTable("flood");
    if (!t) return;
    FieldReader f = readerOf(*t, root.file);
    f.rejectUnknownKeys({"flood_count", "flood_window_minutes", "chatter_count", "chatter_window_seconds", "stale_after_hours"},
                        "in [flood]");
    out.flood_count = positive(f, "flood_count", "flood.flood_count", 1'000'000, out.flood_count, 1);
    out.flood_window_s = positive(f, "flood_window_minutes", "flood.flood_window_minutes", kMaxMinutes, out.flood_window_s, 60);
    out.chatter_count = positive(f, "chatter_count", "flood.chatter_count", 1000, out.chatter_count, 1);
    out.chatter_window_s = positive(f, "chatter_window_seconds", "flood.chatter_window_seconds", 24 * 3600, out.chatter_window_s, 1);
    out.stale_after_s = positive(f, "stale_after_hours", "flood.stale_after_hours", 24 * 365, out.stale_after_s, 3600);
}

void readLinkage(const FieldReader& root, ConsoleRules& out) {
    for (const toml::table* t : tablesOf(root, "linkage", "linkage")) {
        FieldReader f = readerOf(*t, root.file);
        f.rejectUnknownKeys({"site", "device", "cameras", "region"}, "in [[linkage]]");
        LinkageRule r;
        r.site = f.string("site").value_or("");
        r.device = f.string("device").value_or("");
        r.cameras = f.stringList("cameras").value_or(std::vector<std::string>{});
        r.region = f.string("region").value_or("");
        if (r.site.empty() && r.device.empty()) fail(root.file, f.table_line, "linkage", "a rule needs a site or a device");
        if (r.cameras.empty())
            fail(root.file, f.lineOfKey("cameras"), "linkage.cameras",
                 "the rule for " + (r.device.empty() ? r.site : r.device) + " has no cameras");
        out.linkage.push_back(std::move(r));
    }
    if (const toml::table* t = root.subTable("linkage_timing")) {
        FieldReader f = readerOf(*t, root.file);
        f.rejectUnknownKeys({"hold_seconds", "revert_after_ack_seconds"}, "in [linkage_timing]");
        out.linkage_timing.hold_s = positive(f, "hold_seconds", "linkage_timing.hold_seconds", 3600, out.linkage_timing.hold_s, 1);
        out.linkage_timing.revert_after_ack_s = positive(f, "revert_after_ack_seconds", "linkage_timing.revert_after_ack_seconds",
                                                         24 * 3600, out.linkage_timing.revert_after_ack_s, 1);
    }
}

void readSop(const FieldReader& root, ConsoleRules& out) {
    std::set<std::string> seen;
    for (const toml::table* t : tablesOf(root, "sop", "sop")) {
        FieldReader f = readerOf(*t, root.file);
        f.rejectUnknownKeys({"category", "title", "steps"}, "in [[sop]]");
        SopChecklist s;
        s.category = f.requireString("category");
        s.title = f.string("title").value_or("");
        s.steps = f.stringList("steps").value_or(std::vector<std::string>{});
        if (s.category.empty()) fail(root.file, f.lineOfKey("category"), "sop.category", "must not be empty");
        if (!seen.insert(s.category).second)
            fail(root.file, f.lineOfKey("category"), "sop.category", "a second checklist for '" + s.category + "'");
        if (s.steps.empty()) fail(root.file, f.lineOfKey("steps"), "sop.steps", "the checklist for '" + s.category + "' has no steps");
        if (s.steps.size() > 256) fail(root.file, f.lineOfKey("steps"), "sop.steps", "more than 256 steps");
        out.sop.push_back(std::move(s));
    }
}

void readOutOfService(const FieldReader& root, ConsoleRules& out) {
    for (const toml::table* t : tablesOf(root, "out_of_service", "out_of_service")) {
        FieldReader f = readerOf(*t, root.file);
        f.rejectUnknownKeys({"device", "category", "reason"}, "in [[out_of_service]]");
        OutOfService o;
        o.device = f.string("device").value_or("");
        o.category = f.string("category").value_or("");
        o.reason = f.string("reason").value_or("");
        if (o.device.empty() && o.category.empty())
            fail(root.file, f.table_line, "out_of_service", "an entry needs a device or a category");
        out.out_of_service.push_back(std::move(o));
    }
}

void readSoundAndShelve(const FieldReader& root, ConsoleRules& out) {
    if (const toml::table* t = root.subTable("sound")) {
        FieldReader f = readerOf(*t, root.file);
        f.rejectUnknownKeys({"red", "orange", "yellow", "blue"}, "in [sound]");
        for (int i = 0; i < kWarningLevelCount; ++i) out.sound.command[i] = f.string(kLevelKeys[i]).value_or("");
    }
    if (const toml::table* t = root.subTable("shelve")) {
        FieldReader f = readerOf(*t, root.file);
        f.rejectUnknownKeys({"max_minutes", "choices_minutes"}, "in [shelve]");
        out.shelve.max_minutes = positive(f, "max_minutes", "shelve.max_minutes", kMaxMinutes, out.shelve.max_minutes, 1);
        if (auto choices = f.integerList("choices_minutes")) {
            out.shelve.choices_minutes.clear();
            for (int64_t m : *choices) {
                if (m <= 0 || m > out.shelve.max_minutes)
                    fail(root.file, f.lineOfKey("choices_minutes"), "shelve.choices_minutes",
                         std::to_string(m) + " is outside 1.." + std::to_string(out.shelve.max_minutes) + " (max_minutes)");
                out.shelve.choices_minutes.push_back(static_cast<int>(m));
            }
        }
    }
}

/// [reporting]: minutes to report an incident upward, per grade (较大/重大/特别重大); 60 where unset.
void readReporting(const FieldReader& root, ReportWindows& out) {
    const toml::table* t = root.subTable("reporting");
    if (!t) return;
    FieldReader f = readerOf(*t, root.file);
    f.rejectUnknownKeys({"larger_minutes", "major_minutes", "especially_major_minutes"}, "in [reporting]");
    out.larger_min = positive(f, "larger_minutes", "reporting.larger_minutes", kMaxMinutes, out.larger_min, 1);
    out.major_min = positive(f, "major_minutes", "reporting.major_minutes", kMaxMinutes, out.major_min, 1);
    out.especially_min = positive(f, "especially_major_minutes", "reporting.especially_major_minutes", kMaxMinutes,
                                  out.especially_min, 1);
}

} // namespace

ConsoleRules loadRules(const std::filesystem::path& path) {
    try {
        const std::string file = path.string();
        const toml::table doc = layouts::parseToml(layouts::readTextFile(path), file);
        FieldReader root{doc, file, "", 1};
        root.rejectUnknownKeys({"call_response", "flood", "linkage", "linkage_timing", "sop", "out_of_service", "sound", "shelve",
                                "reporting"},
                               "at the top level");
        ConsoleRules rules;
        readCallResponse(root, rules.call_response);
        readFlood(root, rules.flood);
        readLinkage(root, rules);
        readSop(root, rules);
        readOutOfService(root, rules);
        readSoundAndShelve(root, rules);
        readReporting(root, rules.reporting);
        return rules;
    } catch (const LayoutError& e) {
        throw RulesError(e.what());
    }
}

} // namespace wall::config
