// The console's rules for alarms, as plain data: 叫应 (who must answer, by when,
// who supervises whom), floods and noise, camera linkage, SOP checklists,
// sound, shelving and out-of-service lists. Loaded from a TOML file by
// console/config (rules_file.hpp); the defaults here are the ones the issue
// and EEMUA 191 / ISA-18.2 name. No I/O here.
#pragma once

#include "model.hpp"

#include <array>
#include <string>
#include <vector>

namespace wall {

/// The responsible persons of one grid cell. An empty village means the
/// township's own persons; an empty township means the county's. A cell's
/// supervisor (谁主管谁叫应) is the cell one level up.
struct GridResponsibility {
    std::string township;
    std::string village;
    std::vector<Responder> persons;
};

struct CallResponseRules {
    WarningLevel min_level = WarningLevel::Yellow;  // warnings at or above this level need 叫应
    std::array<int, kWarningLevelCount> deadline_s{300, 600, 1800, 3600}; // red, orange, yellow, blue
    std::vector<GridResponsibility> grid;
};

struct FloodRules {
    int flood_count = 10;          // more than this many alarms ...
    int flood_window_s = 600;      // ... within this window is a flood (EEMUA 191 / ISA-18.2)
    int chatter_count = 3;         // this many activations ...
    int chatter_window_s = 60;     // ... within this window is chattering
    int stale_after_s = 24 * 3600; // active this long: stale
};

/// site/device → cameras, with a preferred layout region.
struct LinkageRule {
    std::string site;              // matches the alarm's area, village or township (most specific wins)
    std::string device;            // matches the alarm's device (wins over site)
    std::vector<std::string> cameras;
    std::string region;            // preferred linkage region name; empty = the layout's first linkage region
};

struct LinkageTiming {
    int hold_s = 10;               // a region keeps an alarm's cameras at least this long (a higher level may take over)
    int revert_after_ack_s = 30;   // after the alarm is acknowledged, revert after this delay
};

struct SopChecklist {
    std::string category;          // alarm category, e.g. "reservoir"
    std::string title;             // e.g. 水库险情处置流程
    std::vector<std::string> steps;
};

struct OutOfService {
    std::string device;            // an alarm from this device is suppressed ...
    std::string category;          // ... or of this category (empty = any)
    std::string reason;            // e.g. 设备检修
};

struct SoundRules {
    std::array<std::string, kWarningLevelCount> command{}; // per level, e.g. "aplay /usr/share/sounds/alarm.wav"; empty = silent
};

struct ShelveRules {
    int max_minutes = 8 * 60;                 // longest shelve an operator may choose
    std::vector<int> choices_minutes{15, 60, 240};
};

struct ConsoleRules {
    CallResponseRules call_response;
    ReportWindows reporting;       // upward-reporting deadlines per incident grade ([reporting], minutes)
    FloodRules flood;
    std::vector<LinkageRule> linkage;
    LinkageTiming linkage_timing;
    std::vector<SopChecklist> sop;
    std::vector<OutOfService> out_of_service;
    SoundRules sound;
    ShelveRules shelve;
};

} // namespace wall
