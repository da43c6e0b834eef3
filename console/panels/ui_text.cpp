#include "ui_text.hpp"

#include <array>

namespace wall::panels {
namespace {

struct Row { const char* hans; const char* hant; const char* en; };

// One row per Text, in enum order. static_assert below keeps them in step.
constexpr Row kTable[] = {
    {"应急指挥中心", "應急指揮中心", "Emergency Command Centre"},
    {"预警信息", "預警資訊", "Alarms and warnings"},
    {"值班表", "值班表", "Duty roster"},
    {"现场指挥任务", "現場指揮任務", "On-site commander tasks"},
    {"状态栏", "狀態欄", "Status"},
    {"事件概要", "事件概要", "Incident summary"},
    {"视频监控", "視頻監控", "Cameras"},
    {"联动视频", "聯動視頻", "Linked cameras"},
    {"红色预警", "紅色預警", "Red warning"},
    {"橙色预警", "橙色預警", "Orange warning"},
    {"黄色预警", "黃色預警", "Yellow warning"},
    {"蓝色预警", "藍色預警", "Blue warning"},
    {"红", "紅", "Red"},
    {"橙", "橙", "Orange"},
    {"黄", "黃", "Yellow"},
    {"蓝", "藍", "Blue"},
    {"未确认", "未確認", "Unacknowledged"},
    {"已确认", "已確認", "Acknowledged"},
    {"已解除", "已解除", "Cleared"},
    {"确认", "確認", "Ack"},
    {"全部确认", "全部確認", "Ack all"},
    {"确认人", "確認人", "Acked by"},
    {"当前无预警", "當前無預警", "No active alarms"},
    {"合计", "合計", "Total"},
    {"生效", "生效", "Active"},
    {"当前班次", "當前班次", "Current shift"},
    {"下一班次", "下一班次", "Next shift"},
    {"带班领导", "帶班領導", "Leader on duty"},
    {"值班员", "值班員", "Duty officer"},
    {"联络员", "聯絡員", "Liaison"},
    {"距交接班", "距交接班", "Handover in"},
    {"尚未收到值班表", "尚未收到值班表", "No roster received"},
    {"电话", "電話", "Phone"},
    {"任务", "任務", "Task"},
    {"现场指挥官", "現場指揮官", "Commander"},
    {"地点", "地點", "Site"},
    {"状态", "狀態", "Status"},
    {"时限", "時限", "Deadline"},
    {"已超时", "已超時", "Overdue"},
    {"剩余", "剩餘", "Left"},
    {"暂无任务", "暫無任務", "No tasks"},
    {"进行中任务", "進行中任務", "Open tasks"},
    {"已下达", "已下達", "Assigned"},
    {"已接收", "已接收", "Accepted"},
    {"处置中", "處置中", "In progress"},
    {"已完成", "已完成", "Done"},
    {"已撤销", "已撤銷", "Cancelled"},
    {"北京时间", "北京時間", "Beijing time"},
    {"链路", "鏈路", "Links"},
    {"正常", "正常", "live"},
    {"通信中断", "通信中斷", "silent"},
    {"无后端连接", "無後端連接", "no backends"},
    {"布局", "佈局", "Layout"},
    {"切换布局", "切換佈局", "Layouts"},
    {"预警", "預警", "Alarms"},
    {"连接中", "連接中", "Connecting"},
    {"实时", "實時", "LIVE"},
    {"信号中断", "信號中斷", "NO SIGNAL"},
    {"视频接入中", "視頻接入中", "Video pending"},
    {"未登记摄像机", "未登記攝像機", "Unregistered camera"},
    {"暂无重大事件", "暫無重大事件", "No major incident"},
    {"已持续", "已持續", "Ongoing for"},
    {"级别", "級別", "Level"},
    {"相关任务", "相關任務", "Related tasks"},
    {"现场视频", "現場視頻", "Site cameras"},
    {"星期日", "星期日", "Sunday"},
    {"星期一", "星期一", "Monday"},
    {"星期二", "星期二", "Tuesday"},
    {"星期三", "星期三", "Wednesday"},
    {"星期四", "星期四", "Thursday"},
    {"星期五", "星期五", "Friday"},
    {"星期六", "星期六", "Saturday"},
    {"秒前", "秒前", "s ago"},
    {"演示数据", "演示數據", "DEMO DATA"},
    {"日志故障", "日誌故障", "Journal fault"},
    {"接入故障", "接入故障", "Ingest fault"},
    {" › ", " › ", " › "},
    {" · ", " · ", " · "},
    {"链路正常", "鏈路正常", "links up"},
    {"重连中", "重連中", "Reconnecting"},
    {"认证被拒绝", "認證被拒絕", "Authentication refused"},
    {"主机不可达", "主機不可達", "Host unreachable"},
    {"连接被拒绝", "連接被拒絕", "Connection refused"},
    {"码流不存在", "碼流不存在", "Stream not found"},
    {"编码不支持", "編碼不支持", "Unsupported codec"},
    {"连接超时", "連接超時", "Timed out"},
    {"码流已结束", "碼流已結束", "Stream ended"},
    {"视频故障", "視頻故障", "Video fault"},
    {"未配置视频地址", "未配置視頻地址", "No stream URL"},
    // -- alarm board, lifecycle, floods, sound
    {"已恢复未确认", "已恢復未確認", "Cleared, unacked"},
    {"已搁置", "已擱置", "Shelved"},
    {"已屏蔽", "已屏蔽", "Suppressed"},
    {"×%d 频繁", "×%d 頻繁", "×%d chattering"},
    {"超%d小时", "超%d小時", "over %dh"},
    {"报警泛滥 · %d条/%d分钟 · 已分组", "報警氾濫 · %d條/%d分鐘 · 已分組", "Alarm flood · %d / %d min · grouped"},
    {"报警泛滥", "報警氾濫", "Alarm flood"},
    {"%d条", "%d條", "%d alarms"},
    {"%d条未确认", "%d條未確認", "%d unacked"},
    {"搁置 %d", "擱置 %d", "Shelved %d"},
    {"屏蔽 %d", "屏蔽 %d", "Suppressed %d"},
    {"返回", "返回", "Back"},
    {"关闭", "關閉", "Close"},
    {"搁置人", "擱置人", "Shelved by"},
    {"屏蔽来源", "屏蔽來源", "Suppressed by"},
    {"原因", "原因", "Reason"},
    {"至", "至", "until"},
    {"搁置", "擱置", "Shelve"},
    {"取消搁置", "取消擱置", "Unshelve"},
    {"%d分钟", "%d分鐘", "%d min"},
    {"设备检修", "設備檢修", "Maintenance"},
    {"误报核实中", "誤報核實中", "Checking for false alarm"},
    {"已知情况·处置中", "已知情況·處置中", "Known, being handled"},
    {"报警详情", "報警詳情", "Alarm detail"},
    {"状态变更", "狀態變更", "History"},
    {"所在网格", "所在網格", "Grid site"},
    {"处置流程", "處置流程", "Procedure"},
    {"未配置处置流程", "未配置處置流程", "No procedure configured"},
    {"联动视频", "聯動視頻", "Linked cameras"},
    {"无联动视频", "無聯動視頻", "No linked cameras"},
    {"叫应", "叫應", "Call and response"},
    {"无叫应", "無叫應", "No calls"},
    {"已应答", "已應答", "answered"},
    {"待应答", "待應答", "waiting"},
    {"超时未应答", "超時未應答", "overdue"},
    {"已升级", "已升級", "escalated"},
    {"提示音", "提示音", "Sound"},
    {"静音", "靜音", "muted"},
    {"报警 %d条/%d分钟", "報警 %d條/%d分鐘", "%d alarms / %d min"},
    {"超%d小时 %d条", "超%d小時 %d條", "over %dh: %d"},
    {"静音", "靜音", "Muted"},
    {"新预警", "新預警", "New warning"},
    {"系统", "系統", "console"},
    {"降雨", "降雨", "Rain"},
    {"水库", "水庫", "Reservoir"},
    {"河道", "河道", "River"},
    {"尾矿库", "尾礦庫", "Tailings dam"},
    {"火情", "火情", "Fire"},
    {"危化品", "危化品", "Hazardous chemicals"},
    {"道路", "道路", "Road"},
    {"地质灾害", "地質災害", "Landslide"},
    {"内涝", "內澇", "Waterlogging"},
    // -- 叫应 matrix, reporting countdown, linkage
    {"预警叫应", "預警叫應", "Call and response"},
    {"当前无叫应", "當前無叫應", "No calls in progress"},
    {"叫应率", "叫應率", "Answered"},
    {"中位", "中位", "median"},
    {"已呼叫", "已呼叫", "Called"},
    {"已应答", "已應答", "Answered"},
    {"已升级", "已升級", "Escalated"},
    {"超时", "超時", "Overdue"},
    {"待应答", "待應答", "Waiting"},
    {"用时", "用時", "Elapsed"},
    {"↑上级", "↑上級", "↑ Supervisor"},
    {"已电话确认", "已電話確認", "Confirmed by phone"},
    {"备注", "備註", "Note"},
    {"记录", "記錄", "Record"},
    {"取消", "取消", "Cancel"},
    {"无上级可叫", "無上級可叫", "nobody above"},
    {"语音", "語音", "voice"},
    {"短信", "簡訊", "SMS"},
    {"应用", "應用", "app"},
    {"人工", "人工", "manual"},
    {"上报倒计时", "上報倒計時", "Report due in"},
    {"已超时 %d 分钟", "已超時 %d 分鐘", "Overdue by %d min"},
    {"标记已上报", "標記已上報", "Mark reported"},
    {"已上报", "已上報", "Reported"},
    {"按时", "按時", "on time"},
    {"超时", "超時", "late"},
    {"按时上报率", "按時上報率", "Reported on time"},
    {"一般", "一般", "General"},
    {"较大", "較大", "Larger"},
    {"重大", "重大", "Major"},
    {"特别重大", "特別重大", "Especially major"},
    {"恢复", "恢復", "Restore"},
    // -- camera tiles
    {"第%d次失败 · %d秒后重试", "第%d次失敗 · %d秒後重試", "failed %d× · retry in %d s"},
    {"正在重试", "正在重試", "retrying now"},
    {"摄像机未推流", "攝像機未推流", "Camera not publishing"},
    // -- standing configuration faults
    {"叫应名单未配置", "叫應名單未配置", "No 叫应 call table configured"},
    // -- replay (复盘)
    {"复盘", "復盤", "REPLAY"},
    {"复盘时间", "復盤時間", "Replay time"},
    {"暂停", "暫停", "paused"},
    {"播放 %s×", "播放 %s×", "playing %s×"},
    {"定位中…", "定位中…", "seeking…"},
    {"无录像", "無錄像", "No recording"},
    {"当时链路：%s", "當時鏈路：%s", "link then: %s"},
    {"当时无链路记录", "當時無鏈路記錄", "no link report then"},
    {"循环", "循環", "loop"},
    {"已到末尾", "已到末尾", "at the end"},
    {"正常", "正常", "up"},
    // -- drills (演练)
    {"演练", "演練", "DRILL"},
    {"实战演练", "實戰演練", "full-scale drill"},
    {"桌面推演", "桌面推演", "tabletop exercise"},
    {"开始演练…", "開始演練…", "Start a drill…"},
    {"演练名称", "演練名稱", "Drill name"},
    {"开始演练", "開始演練", "Start drill"},
    {"结束演练", "結束演練", "End drill"},
    {"结束演练「%s」？演练期间的预警已标记为演练。", "結束演練「%s」？演練期間的預警已標記為演練。",
     "End the drill \"%s\"? Alarms raised during it stay marked as drill alarms."},
    {"应急演练", "應急演練", "Emergency drill"},
    {"演练", "演練", "DRILL"},
};
static_assert(std::size(kTable) == static_cast<size_t>(Text::Count), "one row per Text, in enum order");

} // namespace

std::string_view languageName(Language language) {
    switch (language) {
    case Language::ZhHant: return "zh-Hant";
    case Language::En: return "en";
    case Language::ZhHans: break;
    }
    return "zh";
}

std::optional<Language> languageFromName(std::string_view name) {
    if (name == "zh" || name == "zh-Hans" || name == "zh-CN" || name == "zh_CN") return Language::ZhHans;
    if (name == "zh-Hant" || name == "zh-TW" || name == "zh-HK" || name == "zh_TW") return Language::ZhHant;
    if (name == "en") return Language::En;
    return std::nullopt;
}

const char* tr(Language language, Text text) {
    const Row& row = kTable[static_cast<size_t>(text)];
    switch (language) {
    case Language::ZhHant: return row.hant;
    case Language::En: return row.en;
    default: return row.hans;
    }
}

Text levelName(WarningLevel level) {
    return static_cast<Text>(static_cast<int>(Text::LevelRed) + levelIndex(level));
}
Text levelShortName(WarningLevel level) {
    return static_cast<Text>(static_cast<int>(Text::LevelRedShort) + levelIndex(level));
}
Text taskStatusName(TaskStatus status) {
    return static_cast<Text>(static_cast<int>(Text::TaskAssigned) + static_cast<int>(status));
}

} // namespace wall::panels
