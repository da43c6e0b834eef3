// Every UI string of the console, in one table, in three languages:
// Simplified Chinese (default), Traditional Chinese (for the provinces whose
// plans are written in it) and English (--lang en).
#pragma once

#include "model/model.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace wall::panels {

enum class Language : uint8_t { ZhHans, ZhHant, En };
std::optional<Language> languageFromName(std::string_view name); // "zh", "zh-Hans", "zh-Hant", "en"
std::string_view languageName(Language language);                 // "zh", "zh-Hant", "en"

enum class Text : uint16_t {
    AppTitle, AlarmBoard, DutyRoster, TaskBoard, StatusBar, IncidentSummary, Cameras, Linkage,
    LevelRed, LevelOrange, LevelYellow, LevelBlue,
    LevelRedShort, LevelOrangeShort, LevelYellowShort, LevelBlueShort,
    Unacked, Acked, Cleared, Ack, AckAll, AckedBy, NoAlarms, Total, Active,
    CurrentShift, NextShift, Leader, Officer, Contact, Handover, NoRoster, Phone,
    Task, Commander, Site, Status, Deadline, Overdue, Remaining, NoTasks, OpenTasks,
    TaskAssigned, TaskAccepted, TaskInProgress, TaskDone, TaskCancelled,
    BeijingTime, Links, LinkLive, LinkSilent, NoLinks, Layout, Layouts, Alarms,
    CameraConnecting, CameraLive, CameraNoSignal, CameraPlaceholder, CameraUnknown,
    IncidentNone, IncidentSince, IncidentLevel, IncidentTasks, IncidentCameras,
    Weekday0, Weekday1, Weekday2, Weekday3, Weekday4, Weekday5, Weekday6,
    SecondsAgo, DemoData, JournalFault, IngestFault, SiteSeparator, CaptionSeparator, LinksUp,
    CameraReconnecting, FailAuth, FailUnreachable, FailRefused, FailNotFound, FailCodec, FailTimeout, FailEnded,
    FailOther, CameraNoUrl,
    // -- alarm board, lifecycle, floods, sound
    StateReturnedUnacked, StateShelved, StateSuppressed, ChatterBadge, StaleBadge, FloodBanner, FloodShort,
    GroupCount, GroupNeedsAck, ShelvedTab, SuppressedTab, Back, Close, ShelvedBy, SuppressedBy, Reason, Until,
    Shelve, Unshelve, ShelveMinutes, ReasonMaintenance, ReasonVerifying, ReasonKnown, AlarmDetail, History,
    SitePath, SopChecklist, NoSop, LinkedCameras, NoCameras, CallResponse, NoCalls, BoardCallAnswered, BoardCallWaiting,
    BoardCallOverdue, BoardCallEscalated, Sound, SoundMuted, AlarmRate, StaleCount, MutedLevels, NewAlarm, ActorConsole,
    CategoryRain, CategoryReservoir, CategoryRiver, CategoryTailings, CategoryFire, CategoryHazchem, CategoryRoad,
    CategoryLandslide, CategoryWaterlogging,
    // -- 叫应 matrix, reporting countdown, linkage
    CallMatrix, CallNone, CallRate, CallMedian, CallCalled, MatrixAnswered, MatrixEscalated, MatrixOverdue,
    MatrixWaiting, CallElapsed, CallSupervisor, CallConfirm, CallNote, CallRecord, CallCancel, CallNobodyAbove,
    ChannelVoice, ChannelSms, ChannelApp, ChannelManual, ReportCountdown, ReportOverdue, MarkReported, Reported,
    ReportOnTime, ReportLate, OnTimeRate, GradeGeneral, GradeLarger, GradeMajor, GradeEspecially, LinkageRevert,
    // -- camera tiles
    CameraRetryIn, CameraRetrying, FailNotPublished,
    // -- standing configuration faults
    CallTableMissing,
    // -- replay (复盘)
    ReplayBanner, ReplayTime, ReplayPaused, ReplayPlaying, ReplaySeeking, ReplayNoRecording, ReplayLinkThen,
    ReplayNoLinkReport, ReplayLoop, ReplayEnd, ReplayLinkUp,
    // -- drills (演练)
    Drill, DrillFullScale, DrillTabletop, DrillStartMenu, DrillName, DrillStart, DrillEnd, DrillEndConfirm,
    DrillDefaultName, DrillAlarm,
    Count
};

/// @brief A layout's or region's caption in `language`: `title_hant` / `title_en` when given, else `title`.
template <class Titled> const std::string& localTitle(Language language, const Titled& titled) {
    if (language == Language::En && !titled.title_en.empty()) return titled.title_en;
    if (language == Language::ZhHant && !titled.title_hant.empty()) return titled.title_hant;
    return titled.title;
}

/// @brief The string for `text` in `language` (UTF-8, never null).
const char* tr(Language language, Text text);

/// @brief The level's full name ("红色预警") and short name ("红").
Text levelName(WarningLevel level);
Text levelShortName(WarningLevel level);
Text taskStatusName(TaskStatus status);

/// @brief Calls visit(s) for every string of every language (seeds the glyph atlas).
template <class Visit> void forEachUiString(Visit&& visit) {
    for (int l = 0; l < 3; ++l)
        for (int t = 0; t < static_cast<int>(Text::Count); ++t)
            visit(std::string_view(tr(static_cast<Language>(l), static_cast<Text>(t))));
}

} // namespace wall::panels
