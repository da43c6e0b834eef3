// Writes a journal whose checkpoint holds every entity kind, for the test that
// old checkpoints still load (journal_checkpoint_compat_test.cpp). The file in
// fixtures/ was written by this program at the last commit with checkpoint
// format 1; run today it writes the current format. The state is built only by
// replaying journaled records, so a full replay reproduces the checkpoint.
//
// Usage: journal_fixture_writer <out.db>
#include "journal/journal.hpp"
#include "journal/replay.hpp"
#include "protocol/protocol.hpp"

#include <filesystem>
#include <iostream>

using namespace wall;

namespace {

struct FixtureBuilder {
    journal::Journal& journal;
    State state;
    std::map<std::string, uint64_t> seqs;
    TimeMs now = 1784073600000; // 2026-07-15 08:00 Beijing time

    void add(const std::string& source, TimeMs step_ms, const EventBody& body) {
        now += step_ms;
        journal::Record r;
        r.recv_ms = now;
        r.source = source;
        r.seq = ++seqs[source];
        r.ts_ms = now - 40;
        r.type = eventTypeName(body);
        r.body = protocol::encodeBody(body);
        std::vector<journal::Record> batch{r};
        if (journal.appendBatch(batch).at(0) != journal::AppendOutcome::Inserted) throw std::runtime_error("not inserted");
        std::string why;
        if (!journal::replayRecord(state, batch[0], why)) throw std::runtime_error(r.type + ": " + why);
    }
};

Alarm alarm(const std::string& id, WarningLevel level, const std::string& category, const std::string& title) {
    Alarm a;
    a.id = id;
    a.level = level;
    a.category = category;
    a.title = title;
    a.message = "累计 86.5 毫米\n请叫应";
    a.site = {"袁州区", "洪塘镇", "塘下村", "山洪危险区"};
    a.device = "YZ-HT-07";
    a.cameras = {"cam-ht-bridge", "cam-ht-school"};
    a.raised_ms = 1784073500000;
    return a;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: journal_fixture_writer <out.db>\n";
        return 2;
    }
    std::filesystem::remove(argv[1]);
    journal::Journal journal(argv[1]);
    FixtureBuilder b{journal};

    // Alarms: acked, cleared-unacked then suppressed, shelved with 叫应 calls and SOP, one back to normal.
    b.add("yuanzhou-monitor", 1000, AlarmRaise{alarm("RAIN-YZ-0715-003", WarningLevel::Red, "rain", "洪塘镇雨量站1小时降雨量超红色阈值")});
    b.add("yuanzhou-monitor", 1000, AlarmUpdate{"RAIN-YZ-0715-003", std::nullopt, "洪塘镇雨量站降雨持续", std::nullopt, std::nullopt});
    b.add("operator", 1000, AlarmAck{"RAIN-YZ-0715-003", "王晓燕"});
    b.add("jingxian-tailings", 1000, AlarmRaise{alarm("TL-JX-2207", WarningLevel::Orange, "tailings", "泾县尾矿库浸润线超限")});
    b.add("jingxian-tailings", 1000, AlarmClear{"TL-JX-2207"});
    b.add("jingxian-tailings", 1000, AlarmSuppress{"TL-JX-2207", true, "传感器停用"});
    Alarm res = alarm("RES-YZ-011", WarningLevel::Orange, "reservoir", "龙潭水库水位超汛限");
    res.responders = {Responder{"黄志明", "洪塘镇镇长", "袁州区/洪塘镇", "135-7950-8866"},
                      Responder{"刘村支书", "村支书", "袁州区/洪塘镇/龙潭村", "139"}};
    b.add("yuanzhou-monitor", 1000, AlarmRaise{res});
    Call call;
    call.id = "RES-YZ-011#1";
    call.person = res.responders[0];
    call.deadline_ms = b.now + 600000;
    b.add("operator", 1000, CallPlace{"RES-YZ-011", call, "raise"});
    call.id = "RES-YZ-011#2";
    call.person = res.responders[1];
    b.add("operator", 1000, CallPlace{"RES-YZ-011", call, "raise"});
    b.add("callcenter", 60000, CallAnswer{"RES-YZ-011", "RES-YZ-011#1", b.now + 55000, "voice", "已组织转移"});
    call.id = "RES-YZ-011#3";
    call.person = Responder{"袁州区应急局局长", "局长", "袁州区", "0795-1"};
    call.tier = 1;
    b.add("operator", 540000, CallPlace{"RES-YZ-011", call, "escalation of RES-YZ-011#2"});
    b.add("operator", 1, CallEscalate{"RES-YZ-011", "RES-YZ-011#2", "RES-YZ-011#3"});
    b.add("operator", 10000, CallAnswerRecord{CallAnswer{"RES-YZ-011", "RES-YZ-011#3", 0, "manual", "已电话确认"}, "王晓燕"});
    b.add("operator", 10000, SopStepSet{"RES-YZ-011", 2, true, "王晓燕"});
    b.add("operator", 10000, AlarmShelve{"RES-YZ-011", b.now + 3600000, "库区检修", "王晓燕"});
    b.add("jingxian-tailings", 1000, AlarmRaise{alarm("FLAP-1", WarningLevel::Yellow, "tailings", "抖动测点")});
    b.add("operator", 1000, AlarmAck{"FLAP-1", "王晓燕"});
    b.add("jingxian-tailings", 1000, AlarmClear{"FLAP-1"});

    // Roster with leader, officers and liaisons.
    Roster r;
    r.date = "2026-07-15";
    Shift day;
    day.label = "白班";
    day.start_ms = 1784073600000;
    day.end_ms = 1784116800000;
    day.leader = {"李建国", "带班领导", "0795-3561001"};
    day.officers = {{"王晓燕", "值班员", "138"}, {"陈志强", "值班员", "139"}};
    day.contacts = {{"刘洋", "水利局联络员", "0795"}};
    Shift night = day;
    night.label = "夜班";
    night.start_ms = day.end_ms;
    night.end_ms = day.end_ms + 43200000;
    r.shifts = {day, night};
    b.add("duty-system", 1000, RosterSet{r});

    // Tasks, cameras, layout.
    Task t;
    t.id = "T-1";
    t.title = "转移塘下村低洼地带群众";
    t.commander = "黄志明";
    t.commander_phone = "13507950001";
    t.site = "塘下村";
    t.incident = "INC-0715-01";
    t.deadline_ms = 1784080800000;
    t.status = TaskStatus::Accepted;
    t.note = "冲锋舟2艘";
    b.add("field-tasks", 1000, TaskUpsert{t});
    b.add("operator", 1000, TaskStatusSet{"T-1", TaskStatus::InProgress, "王晓燕"});
    b.add("field-tasks", 1000, CameraUpsert{Camera{"cam-ht-bridge", "塘下桥", "塘下村", "rtsp://10.0.0.5/main", "rtsp://10.0.0.5/sub", "洪塘镇", "udp"}});
    b.add("field-tasks", 1000, CameraUpsert{Camera{"cam-ht-school", "塘下小学", "塘下村", "rtsp://10.0.0.6/main", "", "洪塘镇", ""}});
    b.add("operator", 1000, LayoutSwitch{"consultation"});

    // Incidents (one reported, one general), linkage, mute.
    Incident inc;
    inc.id = "INC-0715-01";
    inc.title = "袁州区7·15强降雨";
    inc.grade = IncidentGrade::Larger;
    inc.site = "洪塘镇";
    inc.alarms = {"RAIN-YZ-0715-003", "RES-YZ-011"};
    b.add("incident-system", 1000, IncidentUpsert{inc});
    b.add("operator", 1000, IncidentReported{"INC-0715-01", "李建国", "已报市应急局"});
    inc.id = "INC-0715-02";
    inc.grade = IncidentGrade::General;
    inc.occurred_ms = 1784073000000;
    b.add("incident-system", 1000, IncidentUpsert{inc});
    b.add("operator", 1000, LinkageShow{"linkage", "RES-YZ-011", {"cam-ht-bridge", "cam-ht-school"}, "alarm"});
    b.add("operator", 1000, SoundMute{WarningLevel::Yellow, true, "王晓燕"});
    b.add("yuanzhou-monitor", 1000, Heartbeat{});
    b.add("operator", 1000, CameraStreamState{"cam-ht-bridge", "main", "stalled", "no frames for 5 s"});

    journal.writeCheckpoint({journal.lastId(), b.now, protocol::encodeState(b.state)});

    // Records after the checkpoint, replayed on top of it.
    b.add("jingxian-tailings", 1000, AlarmRaise{alarm("FLAP-1", WarningLevel::Yellow, "tailings", "抖动测点")});
    b.add("operator", 1000, AlarmUnshelve{"RES-YZ-011", "王晓燕", "operator"});
    b.add("field-tasks", 1000, TaskUpsert{t});
    b.add("operator", 1000, LinkageShow{"linkage", "", {}, "operator"});
    std::cout << "wrote " << argv[1] << ": " << journal.lastId() << " records, state hash " << stateHash(b.state) << "\n";
    return 0;
}
