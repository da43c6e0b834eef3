// [SECTION] index
//   Places      the invented county (演示数据: every name and number is made up)
//   Cameras     cam-01 .. cam-16
//   Alarms      opening alarms and the ones that arrive later
//   Changes     alarm updates, 叫应 answers and clears
//   Tasks       on-site commander tasks and how they move
//   Roster      the day's shifts
//   Assembly    tables → timed ScenarioSteps; the ongoing generator
#include "demo/flood_scenario.hpp"

#include "model/beijing_time.hpp"

#include <algorithm>
#include <sstream>

namespace wall::demo {
namespace {

constexpr const char* kCounty = "清江县";
constexpr const char* kDemoMark = "（演示数据）";
constexpr TimeMs kMinute = 60'000;

using L = WarningLevel;

// ---------------------------------------------------------------- Cameras
struct CameraRow {
    const char* id;
    const char* name;
    const char* site;
    const char* group;   // camera group shown as a grid ("" = none)
};

constexpr CameraRow kCameras[] = {
    {"cam-01", "青龙水库大坝", "青龙镇 青龙水库", "flood"},
    {"cam-02", "青龙水库溢洪道", "青龙镇 青龙水库", "flood"},
    {"cam-03", "清江大桥水尺", "江口街道 清江大桥", "flood"},
    {"cam-04", "白沙河水文站", "白沙乡 白沙河", "flood"},
    {"cam-05", "石门水库坝顶", "石门镇 石门水库", "flood"},
    {"cam-06", "金坑尾矿库坝体", "金坑乡 金坑尾矿库", "mine"},
    {"cam-07", "尾矿库下游", "金坑乡 坑口村", "mine"},
    {"cam-08", "化工园区储罐区", "江口街道 江口化工园区", "hazchem"},
    {"cam-09", "化工园区南门", "江口街道 江口化工园区", "hazchem"},
    {"cam-10", "省道S223 K45", "石门镇 省道S223 K45+300", "road"},
    {"cam-11", "人民路易涝点", "江口街道 人民路", "flood"},
    {"cam-12", "大岗山瞭望塔", "桃源乡 大岗山林场", "fire"},
    {"cam-13", "双溪滑坡隐患点", "双溪镇 上坪村", "flood"},
    {"cam-14", "杨柳乡安置点", "杨柳乡 中心小学安置点", ""},
    {"cam-15", "县应急物资储备库", "江口街道 县物资储备库", ""},
    {"cam-16", "指挥中心大厅", "县应急指挥中心", ""},
};

// ---------------------------------------------------------------- Alarms
struct AlarmRow {
    int at_ms;             // send time after start
    const char* id;
    WarningLevel level;
    const char* category;  // rain, reservoir, river, tailings, fire, hazchem, road, landslide, waterlogging
    const char* title;
    const char* message;
    const char* township;
    const char* village;
    const char* area;
    const char* device;
    const char* cameras;   // comma-separated camera ids
    int raised_ago_min;    // already open this long when the demo starts (0 = raised now)
};

constexpr AlarmRow kAlarms[] = {
    // Opening picture: what the night shift handed over, sent within 2 s.
    {300, "AL-RAIN-0601", L::Red, "rain", "青龙雨量站 1小时降雨量85mm",
     "1小时降雨量85.0mm，3小时累计142mm，达红色预警标准", "青龙镇", "青龙村", "青龙雨量站", "RG-QL-01",
     "cam-01", 42},
    {380, "AL-RSV-0602", L::Orange, "reservoir", "青龙水库超汛限水位",
     "库水位96.85m，超汛限水位0.85m，溢洪道已过流", "青龙镇", "青龙村", "青龙水库", "WL-QLSK-01",
     "cam-01,cam-02", 35},
    {460, "AL-TLD-0603", L::Yellow, "tailings", "金坑尾矿库坝体渗漏",
     "下游坡脚出现渗水点，渗流量0.8L/s，浸润线上升", "金坑乡", "坑口村", "金坑尾矿库", "SP-JK-03",
     "cam-06,cam-07", 28},
    {540, "AL-FIRE-0604", L::Yellow, "fire", "大岗山卫星林火热点",
     "卫星监测发现热点1处，面积约0.3公顷，待地面核查", "桃源乡", "大岗村", "大岗山林场", "SAT-HOTSPOT",
     "cam-12", 20},
    {620, "AL-CHEM-0605", L::Orange, "hazchem", "化工园区3号储罐压力超限",
     "3号液氯储罐压力1.32MPa，超高限1.25MPa，已启动紧急冷却", "江口街道", "化工园区", "3号储罐", "PT-T03",
     "cam-08,cam-09", 15},
    {700, "AL-ROAD-0606", L::Red, "road", "省道S223 K45+300路基塌陷",
     "塌陷长约30m，双向交通中断，1辆货车受困", "石门镇", "石门村", "省道S223 K45+300", "",
     "cam-10", 12},
    {780, "AL-RIVER-0607", L::Blue, "river", "白沙河水文站水位上涨",
     "水位62.40m，距警戒水位0.60m，仍在上涨", "白沙乡", "白沙村", "白沙河水文站", "HL-BS-01",
     "cam-04", 25},
    {860, "AL-SLIDE-0608", L::Blue, "landslide", "上坪村滑坡隐患点位移",
     "GNSS累计位移12mm，日位移速率2.1mm", "双溪镇", "上坪村", "上坪滑坡隐患点", "GNSS-SP-02",
     "cam-13", 18},
    {940, "AL-WLOG-0609", L::Blue, "waterlogging", "人民路易涝点积水",
     "积水深度25cm，已设置警示", "江口街道", "人民路社区", "人民路与滨江路口", "WD-RM-01",
     "cam-11", 9},
    {1020, "AL-RSV-0610", L::Yellow, "reservoir", "石门水库入库流量增大",
     "入库流量320m³/s，库水位距汛限0.40m", "石门镇", "石门村", "石门水库", "WL-SMSK-01",
     "cam-05", 6},
    // Open for more than a day: the board marks it stale.
    {1100, "AL-SLIDE-0520", L::Blue, "landslide", "坑口村隐患点持续变形监测",
     "GNSS日位移速率0.8mm，已列入重点巡查", "金坑乡", "坑口村", "坑口隐患点", "GNSS-KK-01", "cam-07", 26 * 60},
    // A rain gauge under calibration: the platform marks it out of service right after.
    {1150, "AL-RAIN-0619", L::Blue, "rain", "桃源雨量站数据异常跳变",
     "10分钟雨量由0跳变至48mm，疑似设备故障", "桃源乡", "桃源村", "桃源雨量站", "RG-TY-07", "cam-12", 0},
    // Developments.
    {9000, "AL-RAIN-0611", L::Yellow, "rain", "白沙雨量站 3小时降雨量58mm",
     "3小时累计降雨量58.2mm，达黄色预警标准", "白沙乡", "白沙村", "白沙雨量站", "RG-BS-02", "cam-04", 0},
    {21000, "AL-SLIDE-0612", L::Orange, "landslide", "双溪镇上坪村滑坡险情",
     "后缘出现拉张裂缝，长约15m，威胁下方6户23人", "双溪镇", "上坪村", "上坪滑坡隐患点", "GNSS-SP-02",
     "cam-13", 0},
    {33000, "AL-RIVER-0613", L::Yellow, "river", "清江大桥水位超警戒",
     "水位48.62m，超警戒水位0.12m", "江口街道", "滨江社区", "清江大桥", "HL-QJ-01", "cam-03", 0},
    {47000, "AL-RAIN-0614", L::Blue, "rain", "杨柳雨量站 1小时降雨量32mm",
     "1小时降雨量32.5mm", "杨柳乡", "杨柳村", "杨柳雨量站", "RG-YL-04", "cam-14", 0},
    {46000, "AL-CHEM-0615", L::Blue, "hazchem", "化工园区可燃气体浓度波动",
     "2号罐区可燃气体浓度12%LEL，低于报警值后回升", "江口街道", "化工园区", "2号罐区", "GD-T02",
     "cam-08", 0},
    {82000, "AL-RSV-0616", L::Red, "reservoir", "青龙水库水位逼近设计洪水位",
     "库水位97.60m，距设计洪水位0.40m，建议启动下游转移", "青龙镇", "青龙村", "青龙水库", "WL-QLSK-01",
     "cam-01,cam-02", 0},
    {108000, "AL-ROAD-0617", L::Orange, "road", "县道X402 落石阻断",
     "K12+100处山体落石，单向通行", "桃源乡", "桃源村", "县道X402 K12+100", "", "", 0},
    {133000, "AL-WLOG-0618", L::Yellow, "waterlogging", "城南隧道积水",
     "积水深度45cm，已封闭隧道", "江口街道", "城南社区", "城南隧道", "WD-CN-02", "cam-11", 0},
};

// ---------------------------------------------------------------- Changes
enum class Change { Update, Clear };

struct ChangeRow {
    int at_ms;
    const char* source;     // monitor-platform (readings) or calling-system (叫应 answers)
    const char* id;
    Change change;
    int level;              // new WarningLevel number, 0 = unchanged
    const char* message;    // new message ("" = unchanged)
};
// 叫应 answers are not scripted: the console calls the responsible persons and
// the demo calling system (calling_system.hpp) answers from the outbound feed.

constexpr ChangeRow kChanges[] = {
    {12000, kMonitorSource, "AL-RSV-0602", Change::Update, 0,
     "库水位97.02m，超汛限水位1.02m，溢洪道过流量85m³/s"},
    {16000, kMonitorSource, "AL-WLOG-0609", Change::Clear, 0, ""},
    {25000, kMonitorSource, "AL-RIVER-0607", Change::Update, 3,
     "水位63.05m，超警戒水位0.05m，仍在上涨"},
    {38000, kMonitorSource, "AL-FIRE-0604", Change::Update, 4,
     "地面核查：确认为农户焚烧秸秆，已扑灭，持续观察"},
    {52000, kMonitorSource, "AL-CHEM-0605", Change::Update, 3,
     "冷却喷淋后压力降至1.18MPa，低于高限，持续监测"},
    {58000, kMonitorSource, "AL-FIRE-0604", Change::Clear, 0, ""},
    {90000, kMonitorSource, "AL-RAIN-0611", Change::Update, 2,
     "3小时累计降雨量78.6mm，升级为橙色预警"},
    {100000, kMonitorSource, "AL-CHEM-0605", Change::Clear, 0, ""},
    {52000, kMonitorSource, "AL-CHEM-0615", Change::Clear, 0, ""},
    {64000, kMonitorSource, "AL-CHEM-0615", Change::Clear, 0, ""},
    {118000, kMonitorSource, "AL-RIVER-0613", Change::Update, 2,
     "水位49.10m，超警戒水位0.60m"},
    {145000, kMonitorSource, "AL-ROAD-0617", Change::Clear, 0, ""},
    {160000, kMonitorSource, "AL-RAIN-0614", Change::Clear, 0, ""},
};

// ---------------------------------------------------------------- Lifecycle
// An alarm sent again after its clear: a sensor that keeps crossing its
// threshold. Three activations inside a minute make the board fold it as chattering.
struct ReRaiseRow {
    int at_ms;
    const char* id;
};
constexpr ReRaiseRow kReRaises[] = {{58000, "AL-CHEM-0615"}, {70000, "AL-CHEM-0615"}};

// Out of service: the monitoring platform takes a faulty gauge's alarm off the board (listed as 屏蔽).
struct SuppressRow {
    int at_ms;
    const char* id;
    const char* reason;
};
constexpr SuppressRow kSuppressions[] = {{1600, "AL-RAIN-0619", "设备检修：雨量计标定中"}};

// Responsible persons named in the alarm message itself (the rest come from the rules' grid table).
struct ResponderRow {
    const char* alarm_id;
    Responder person;
};
const ResponderRow kMessageResponders[] = {
    {"AL-CHEM-0605", {"郭振邦", "园区安全总监", "清江县/江口街道/江口化工园区", "139-0000-0605"}},
};

// Incidents (突发事件) the field-task system opens; 较大 and above start the 1-hour reporting countdown.
struct IncidentRow {
    int at_ms;
    const char* id;
    const char* title;
    IncidentGrade grade;
    const char* site;
    const char* alarms;       // comma-separated alarm ids
    int occurred_ago_min;
};
constexpr IncidentRow kIncidents[] = {
    {1500, "INC-0601", "青龙水库超汛限运行", IncidentGrade::Larger, "青龙镇青龙村 青龙水库", "AL-RSV-0602,AL-RAIN-0601", 35},
    {1550, "INC-0602", "省道S223路基塌陷", IncidentGrade::General, "石门镇 省道S223 K45+300", "AL-ROAD-0606", 12},
    {82500, "INC-0601", "青龙水库水位逼近设计洪水位", IncidentGrade::Major, "青龙镇青龙村 青龙水库",
     "AL-RSV-0602,AL-RAIN-0601,AL-RSV-0616", 35},
};

// The rain-gauge network's burst: 24 alarms in six seconds over three townships
// (a flood in the EEMUA 191 sense); a red one arrives in the middle of it.
struct BurstSite {
    const char* township;
    const char* village;
    const char* category;
    const char* what;
    const char* camera;
};
constexpr BurstSite kBurstSites[] = {
    {"杨柳乡", "杨柳村", "rain", "雨量站 1小时降雨量", "cam-14"},
    {"白沙乡", "白沙村", "rain", "雨量站 1小时降雨量", "cam-04"},
    {"江口街道", "滨江社区", "waterlogging", "积水点 积水深度", "cam-11"},
};
constexpr int kBurstAtMs = 40000;
constexpr int kBurstCount = 24;
constexpr int kBurstSpanMs = 6000;

// ---------------------------------------------------------------- Tasks
struct TaskRow {
    const char* id;
    const char* title;
    const char* commander;   // 现场指挥官
    const char* phone;
    const char* site;
    const char* incident;
    int deadline_min;        // relative to start; negative = already overdue
};

constexpr TaskRow kTasks[] = {
    {"TK-0601", "青龙水库下游群众转移", "李建国", "138****2301", "青龙镇青龙村、下湾村", "青龙水库超汛限", 40},
    {"TK-0602", "S223塌方路段交通管制与受困人员救援", "王海峰", "139****4512", "省道S223 K45+300",
     "S223路基塌陷", -10},
    {"TK-0603", "尾矿库渗漏点巡查加固", "陈志强", "137****7789", "金坑尾矿库", "金坑尾矿库渗漏", 90},
    {"TK-0604", "3号液氯储罐冷却泄压处置", "刘振华", "135****0936", "江口化工园区", "化工园区储罐压力超限", 30},
    {"TK-0605", "大岗山林火热点地面核查", "赵明", "136****5820", "桃源乡大岗山林场", "大岗山卫星热点", -5},
    {"TK-0606", "人民路易涝点排水", "周勇", "138****6647", "江口街道人民路", "城区内涝", 60},
    {"TK-0607", "上坪村滑坡点群众转移", "钟国强", "159****3318", "双溪镇上坪村", "上坪村滑坡险情", 25},
};

struct TaskMoveRow {
    int at_ms;               // 0..2 s: the opening status
    const char* id;
    TaskStatus status;
    const char* note;
};

constexpr TaskMoveRow kTaskMoves[] = {
    {1200, "TK-0601", TaskStatus::Assigned, "已下达，待现场指挥官接收"},
    {1250, "TK-0602", TaskStatus::InProgress, "交警、公路部门已到场"},
    {1300, "TK-0603", TaskStatus::Accepted, "已接收，工作组赶赴现场"},
    {1350, "TK-0604", TaskStatus::Assigned, "已通知消防救援大队"},
    {1400, "TK-0605", TaskStatus::Assigned, "待林业站核查"},
    {1450, "TK-0606", TaskStatus::InProgress, "2台移动泵车作业中"},
    {5000, "TK-0601", TaskStatus::Accepted, "李建国已接收，带队前往下湾村"},
    {11000, "TK-0604", TaskStatus::Accepted, "消防救援大队已接收"},
    {18000, "TK-0601", TaskStatus::InProgress, "已转移42人，剩余约60人"},
    {22000, "TK-0607", TaskStatus::Assigned, "新下达：上坪村6户23人立即转移"},
    {27000, "TK-0605", TaskStatus::Accepted, "林业站已接收"},
    {30000, "TK-0606", TaskStatus::Done, "积水已排除，道路恢复通行"},
    {36000, "TK-0605", TaskStatus::InProgress, "核查人员已到达大岗村"},
    {44000, "TK-0603", TaskStatus::InProgress, "已铺设反滤层，渗流量下降"},
    {50000, "TK-0604", TaskStatus::InProgress, "冷却喷淋已启动"},
    {57000, "TK-0605", TaskStatus::Done, "确认为秸秆焚烧，已处置"},
    {68000, "TK-0607", TaskStatus::Done, "6户23人已全部转移至杨柳乡安置点"},
    {75000, "TK-0602", TaskStatus::Done, "受困货车司机已救出，绕行方案已发布"},
    {96000, "TK-0601", TaskStatus::InProgress, "已转移86人，剩余16人正在转移"},
    {104000, "TK-0604", TaskStatus::Done, "储罐压力恢复正常"},
    {140000, "TK-0601", TaskStatus::Done, "下游群众102人全部转移到位"},
    {170000, "TK-0603", TaskStatus::Done, "渗漏点加固完成，转入24小时监测"},
};

// ---------------------------------------------------------------- Roster
struct PersonRow {
    const char* name;
    const char* role;
    const char* phone;
};

constexpr PersonRow kDayLeader = {"黄卫东", "带班领导", "138****1234"};
constexpr PersonRow kDayOfficers[] = {{"刘芳", "值班员", "139****5678"}, {"张伟", "值班员", "137****2468"},
                                      {"邓丽萍", "值班员", "136****1357"}};
constexpr PersonRow kNightLeader = {"彭志远", "带班领导", "138****8899"};
constexpr PersonRow kNightOfficers[] = {{"熊磊", "值班员", "135****4321"}, {"胡静", "值班员", "159****8765"}};
constexpr PersonRow kLiaisons[] = {
    {"曾明", "联络员（水利局）", "139****3101"},
    {"钟雪", "联络员（气象局）", "137****3202"},
    {"谢国平", "联络员（自然资源局）", "136****3303"},
    {"罗军", "联络员（消防救援大队）", "138****3404"},
};

// ---------------------------------------------------------------- Assembly
std::vector<std::string> splitCameras(const char* list) {
    std::vector<std::string> out;
    std::stringstream ss(list);
    std::string id;
    while (std::getline(ss, id, ','))
        if (!id.empty()) out.push_back(id);
    return out;
}

Person person(const PersonRow& r) { return Person{r.name, r.role, r.phone}; }

Alarm alarmFrom(const AlarmRow& r, TimeMs start_ms) {
    Alarm a;
    a.id = r.id;
    a.source = kMonitorSource;
    a.level = r.level;
    a.category = r.category;
    a.title = r.title;
    a.message = std::string(r.message) + kDemoMark;
    a.site = GridSite{kCounty, r.township, r.village, r.area};
    a.device = r.device;
    a.cameras = splitCameras(r.cameras);
    if (r.raised_ago_min > 0) a.raised_ms = start_ms - r.raised_ago_min * kMinute;
    for (const ResponderRow& named : kMessageResponders)
        if (a.id == named.alarm_id) a.responders.push_back(named.person);
    return a;
}

const TaskRow* findTask(const char* id) {
    for (const TaskRow& t : kTasks)
        if (std::string_view(t.id) == id) return &t;
    return nullptr;
}

} // namespace

RosterSet demoRoster(TimeMs now_ms) {
    const TimeMs midnight = beijingMidnight(now_ms);
    constexpr TimeMs kHour = 60 * kMinute;
    RosterSet set;
    set.roster.date = formatDate(now_ms);
    auto shift = [&](const char* label, TimeMs start, TimeMs end, const PersonRow& leader, auto& officers) {
        Shift s;
        s.label = label;
        s.start_ms = start;
        s.end_ms = end;
        s.leader = person(leader);
        for (const PersonRow& p : officers) s.officers.push_back(person(p));
        // Flood season: water, weather, natural resources and fire sit a joint watch.
        for (const PersonRow& p : kLiaisons) s.contacts.push_back(person(p));
        return s;
    };
    // The night shift that started yesterday 20:00 runs until today 08:00.
    set.roster.shifts.push_back(shift("夜班", midnight - 4 * kHour, midnight + 8 * kHour, kNightLeader, kNightOfficers));
    set.roster.shifts.push_back(shift("白班", midnight + 8 * kHour, midnight + 20 * kHour, kDayLeader, kDayOfficers));
    set.roster.shifts.push_back(shift("夜班", midnight + 20 * kHour, midnight + 32 * kHour, kNightLeader, kNightOfficers));
    return set;
}

std::vector<ScenarioStep> floodScenario(TimeMs start_ms) {
    std::vector<ScenarioStep> steps;
    steps.push_back({start_ms + 50, kDutySource, demoRoster(start_ms)});
    int offset = 100;
    for (const CameraRow& c : kCameras) {
        Camera cam;
        cam.id = c.id;
        cam.name = c.name;
        cam.site = std::string(kCounty) + " " + c.site;
        // The generated picture carries the camera's name, as a real camera's OSD would.
        cam.main_url = std::string("test:") + c.name;
        cam.sub_url = std::string("test:") + c.name + "?sub";
        cam.group = c.group;
        steps.push_back({start_ms + offset, kMonitorSource, CameraUpsert{cam}});
        offset += 10;
    }
    for (const AlarmRow& r : kAlarms) steps.push_back({start_ms + r.at_ms, kMonitorSource, AlarmRaise{alarmFrom(r, start_ms)}});
    for (const ReRaiseRow& r : kReRaises)
        for (const AlarmRow& row : kAlarms)
            if (std::string_view(row.id) == r.id) {
                Alarm a = alarmFrom(row, start_ms);
                a.raised_ms = 0; // a new activation: the console stamps it
                steps.push_back({start_ms + r.at_ms, kMonitorSource, AlarmRaise{a}});
            }
    for (const SuppressRow& s : kSuppressions)
        steps.push_back({start_ms + s.at_ms, kMonitorSource, AlarmSuppress{s.id, true, s.reason}});
    for (const IncidentRow& r : kIncidents) {
        Incident inc;
        inc.id = r.id;
        inc.title = std::string(r.title) + kDemoMark;
        inc.grade = r.grade;
        inc.site = std::string(kCounty) + r.site;
        inc.alarms = splitCameras(r.alarms);
        inc.occurred_ms = start_ms - r.occurred_ago_min * kMinute;
        steps.push_back({start_ms + r.at_ms, kFieldTaskSource, IncidentUpsert{inc}});
    }
    for (int i = 0; i < kBurstCount; ++i) {
        const BurstSite& site = kBurstSites[i % std::size(kBurstSites)];
        const bool red = i == kBurstCount / 2;
        Alarm a;
        a.id = "AL-BURST-" + std::to_string(100 + i);
        a.source = kMonitorSource;
        a.level = red ? L::Red : (i % 4 == 0 ? L::Yellow : L::Blue);
        a.category = site.category;
        const int reading = red ? 96 : 22 + (i * 7) % 30;
        a.title = std::string(site.village) + site.what + " " + std::to_string(reading) +
                  (std::string_view(site.category) == "rain" ? "mm" : "cm");
        a.message = std::string(red ? "短时强降雨，达红色预警标准" : "自动站报警") + kDemoMark;
        a.site = GridSite{kCounty, site.township, site.village, std::string(site.village) + "监测点" + std::to_string(1 + i / 3)};
        a.device = "AUTO-" + std::to_string(100 + i);
        a.cameras = {site.camera};
        steps.push_back({start_ms + kBurstAtMs + i * kBurstSpanMs / kBurstCount, kMonitorSource, AlarmRaise{a}});
    }
    for (const ChangeRow& c : kChanges) {
        if (c.change == Change::Clear) {
            steps.push_back({start_ms + c.at_ms, c.source, AlarmClear{c.id}});
            continue;
        }
        AlarmUpdate u;
        u.id = c.id;
        if (c.level != 0) u.level = static_cast<WarningLevel>(c.level);
        if (*c.message) u.message = std::string(c.message) + kDemoMark;
        steps.push_back({start_ms + c.at_ms, c.source, u});
    }
    for (const TaskMoveRow& m : kTaskMoves) {
        const TaskRow* t = findTask(m.id);
        if (t == nullptr) continue;
        Task task;
        task.id = t->id;
        task.title = t->title;
        task.commander = t->commander;
        task.commander_phone = t->phone;
        task.site = std::string(kCounty) + t->site;
        task.incident = t->incident;
        task.deadline_ms = start_ms + t->deadline_min * kMinute;
        task.status = m.status;
        task.note = std::string(m.note) + kDemoMark;
        steps.push_back({start_ms + m.at_ms, kFieldTaskSource, TaskUpsert{task}});
    }
    std::stable_sort(steps.begin(), steps.end(), [](auto& a, auto& b) { return a.at_ms < b.at_ms; });
    return steps;
}

// ---------------------------------------------------------------- Ongoing alarms
namespace {

struct OngoingRow {
    const char* category;
    const char* title_fmt;   // title; "{}" is replaced by the reading
    const char* unit;
    const char* township;
    const char* village;
    const char* area;
    const char* camera;
    int low, high;           // reading range
};

constexpr OngoingRow kOngoing[] = {
    {"rain", "{}雨量站 1小时降雨量", "mm", "杨柳乡", "杨柳村", "杨柳雨量站", "cam-14", 20, 90},
    {"river", "白沙河水位", "m", "白沙乡", "白沙村", "白沙河水文站", "cam-04", 61, 64},
    {"rain", "{}雨量站 3小时降雨量", "mm", "双溪镇", "双溪村", "双溪雨量站", "cam-13", 30, 120},
    {"waterlogging", "城区易涝点积水", "cm", "江口街道", "滨江社区", "滨江路下穿通道", "cam-11", 10, 60},
    {"reservoir", "石门水库库水位", "m", "石门镇", "石门村", "石门水库", "cam-05", 88, 92},
    {"landslide", "地质灾害隐患点位移", "mm", "金坑乡", "坑口村", "坑口隐患点", "cam-07", 5, 40},
    {"rain", "{}雨量站 1小时降雨量", "mm", "桃源乡", "桃源村", "桃源雨量站", "cam-12", 15, 70},
};

WarningLevel levelFor(int reading, int low, int high) {
    const double f = double(reading - low) / std::max(1, high - low);
    return f > 0.85 ? L::Red : f > 0.6 ? L::Orange : f > 0.35 ? L::Yellow : L::Blue;
}

} // namespace

std::vector<ScenarioStep> OngoingAlarms::tick(TimeMs now_ms) {
    std::vector<ScenarioStep> steps;
    const uint64_t n = ticks_++;
    const OngoingRow& row = kOngoing[n % std::size(kOngoing)];
    std::uniform_int_distribution<int> reading_dist(row.low, row.high);
    const int reading = reading_dist(random_);

    Alarm a;
    a.id = "AL-LIVE-" + std::to_string(1000 + n);
    a.source = kMonitorSource;
    a.level = levelFor(reading, row.low, row.high);
    a.category = row.category;
    std::string title = row.title_fmt;
    if (auto pos = title.find("{}"); pos != std::string::npos)
        title.replace(pos, 2, std::string(row.area).substr(0, std::string(row.area).find("雨量站")));
    a.title = title + " " + std::to_string(reading) + row.unit;
    a.message = "监测值" + std::to_string(reading) + row.unit + "，请关注" + kDemoMark;
    a.site = GridSite{kCounty, row.township, row.village, row.area};
    a.cameras = {row.camera};
    a.raised_ms = now_ms;
    steps.push_back({now_ms, kMonitorSource, AlarmRaise{a}});
    open_.push_back(a.id);

    // Keep about eight of these open: the oldest return to normal; every third
    // tick one of the open ones is re-levelled by a new reading.
    if (open_.size() > 8) {
        steps.push_back({now_ms, kMonitorSource, AlarmClear{open_.front()}});
        open_.erase(open_.begin());
    }
    if (n % 3 == 2 && open_.size() > 1) {
        AlarmUpdate u;
        u.id = open_[random_() % (open_.size() - 1)];
        u.level = static_cast<WarningLevel>(1 + random_() % 4);
        u.message = std::string("复测数据更新，预警等级调整") + kDemoMark;
        steps.push_back({now_ms, kMonitorSource, u});
    }
    return steps;
}

// ---------------------------------------------------------------- Ongoing tasks
namespace {

struct OngoingTaskRow {
    const char* title;
    const char* commander;
    const char* phone;
    const char* site;
    const char* incident;
    int deadline_min;        // from when the task is given
};

constexpr OngoingTaskRow kOngoingTasks[] = {
    {"巡查白沙河堤防险工险段", "温建华", "137****6021", "白沙乡白沙河左岸", "白沙河水位上涨", 45},
    {"转移杨柳乡低洼地带群众", "易志刚", "139****7132", "杨柳乡杨柳村", "杨柳乡强降雨", 30},
    {"核查金坑乡地质灾害隐患点", "罗志明", "136****8243", "金坑乡坑口村", "坑口隐患点位移", 60},
    {"城南隧道排涝与交通疏导", "周勇", "138****6647", "江口街道城南隧道", "城区内涝", 40},
    {"石门水库泄洪预警通知下游", "彭国栋", "135****9354", "石门镇石门村", "石门水库入库流量增大", 20},
    {"调运冲锋舟至青龙镇", "黄立新", "159****0465", "县应急物资储备库", "青龙水库超汛限", 50},
};

} // namespace

std::vector<ScenarioStep> OngoingTasks::tick(TimeMs now_ms) {
    std::vector<ScenarioStep> steps;
    const uint64_t n = ticks_++;
    for (Task& t : open_) {
        t.status = t.status == TaskStatus::Assigned   ? TaskStatus::Accepted
                   : t.status == TaskStatus::Accepted ? TaskStatus::InProgress
                                                      : TaskStatus::Done;
        t.note = std::string(t.status == TaskStatus::Accepted     ? "现场指挥官已接收"
                             : t.status == TaskStatus::InProgress ? "正在处置"
                                                                  : "处置完毕") +
                 kDemoMark;
        steps.push_back({now_ms, kFieldTaskSource, TaskUpsert{t}});
    }
    std::erase_if(open_, [](const Task& t) { return t.status == TaskStatus::Done; });

    const OngoingTaskRow& row = kOngoingTasks[n % std::size(kOngoingTasks)];
    Task t;
    t.id = "TK-LIVE-" + std::to_string(100 + n);
    t.title = row.title;
    t.commander = row.commander;
    t.commander_phone = row.phone;
    t.site = std::string(kCounty) + row.site;
    t.incident = row.incident;
    t.deadline_ms = now_ms + row.deadline_min * kMinute;
    t.status = TaskStatus::Assigned;
    t.note = std::string("已下达") + kDemoMark;
    steps.push_back({now_ms, kFieldTaskSource, TaskUpsert{t}});
    open_.push_back(std::move(t));
    return steps;
}

} // namespace wall::demo
