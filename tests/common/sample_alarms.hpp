// Alarms the tests share: header-only, plain model structs.
#pragma once

#include "model/model.hpp"

#include <string>
#include <vector>

namespace wall::test {

/// @brief A reservoir over its flood limit at 石门水库 (清江县/石门镇/石门村), with linked cameras.
inline Alarm reservoirAlarm(std::string id, WarningLevel level, std::vector<std::string> cameras) {
    Alarm a;
    a.id = std::move(id);
    a.level = level;
    a.category = "reservoir";
    a.title = "石门水库水位超汛限0.4米";
    a.site = {"清江县", "石门镇", "石门村", "石门水库"};
    a.cameras = std::move(cameras);
    return a;
}

} // namespace wall::test
