// The 叫应 rules the ingest tests run with: short deadlines (red 1 s, orange
// 2 s) over a small piece of 清江县's grid, and one device out of service.
// Shared by call_response_test.cpp and ingest_test_server --call-rules.
#pragma once

#include "model/rules.hpp"

namespace wall::test {

inline ConsoleRules shortDeadlineRules() {
    auto person = [](const char* name, const char* role, const char* phone) { return Responder{name, role, "", phone}; };
    ConsoleRules r;
    r.call_response.min_level = WarningLevel::Orange;
    r.call_response.deadline_s = {1, 2, 30, 60};
    r.call_response.grid = {
        {"青龙镇", "青龙村", {person("王建军", "村支书", "138-0000-0101"), person("李秀英", "网格员", "138-0000-0102")}},
        {"青龙镇", "", {person("吴德华", "镇长", "138-0000-0011")}},
        {"", "", {person("陈国华", "县防指常务副指挥长", "138-0000-0001")}},
    };
    r.out_of_service = {{"RG-OFF-01", "", "设备检修"}};
    return r;
}

} // namespace wall::test
