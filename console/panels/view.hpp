// The base of every wall panel (ImHex's pattern): draw() is final and owns the
// region's window, frame and caption; drawContent() is the panel's own part.
// Panels only read the UI's State replica and post operator intents: no
// locks, no I/O, no JSON and no decisions inside a widget.
#pragma once

#include "layouts/layout.hpp"
#include "model/alarm_load.hpp"
#include "model/alarm_order.hpp"
#include "model/model.hpp"
#include "model/rules.hpp"
#include "panels/ui_text.hpp"
#include "source/replay_control.hpp"
#include "render/fitted_text.hpp"

#include <imgui.h>

#include <memory>
#include <set>
#include <unordered_map>
#include <tuple>
#include <string>
#include <vector>

namespace wall::panels {

/// The UI thread's replica of the state, plus what the panels need to draw fast.
struct UiModel {
    State state;              // applied from committed events, on the UI thread only
    AlarmOrder alarm_order;   // board order, kept incrementally
    AlarmLoad alarm_load;     // flood rate, stale count, flood groups, new activations (kept incrementally)
    std::string focus_id;     // the alarm a consultation revolves around: the most severe active one, the
                              // oldest first, so the focus stays put while newer ones of its level arrive
    std::set<std::string> called_alarms; // alarms with 叫应 calls (the matrix lists only these)
    uint64_t alarms_generation = 1;      // moves whenever an alarm changes: lets per-frame consumers skip rescans
    std::vector<std::string> touched_alarms; // alarms the last applyCommitted changed (with alarms_generation)

    /// @brief Applies committed events; calls note_text for every new string (glyph coverage).
    template <class NoteText> void applyCommitted(const std::vector<Event>& events, NoteText&& note_text);
    /// @brief Replaces the whole state (after recovery) and rebuilds the derived parts.
    void reset(State recovered);
    const Alarm* focus() const;

private:
    // Focus order: active alarms by level, oldest first, then id; kept incrementally.
    using FocusKey = std::tuple<int, TimeMs, std::string>;
    std::set<FocusKey> focus_order_;
    std::unordered_map<std::string, FocusKey> focus_key_of_;
    void refreshFocus(const std::string& alarm_id);
    void rebuildFocus();
    void refreshCalled(const std::string& alarm_id);
};


struct PanelFonts {
    ImFont* body = nullptr;   // table rows, names
    ImFont* large = nullptr;  // captions, headline numbers
    ImFont* huge = nullptr;   // clock, incident title
};

/// Operator intents leave the UI through here; the authority fills in who acted and journals them
/// before they take effect.
class OperatorActions {
public:
    virtual ~OperatorActions() = default;
    /// @brief Returns false when the action could not be queued (the caller may retry).
    virtual bool acknowledgeAlarm(const std::string& alarm_id) = 0;
    virtual bool setTaskStatus(const std::string& task_id, TaskStatus status) = 0;
    virtual bool switchLayout(const std::string& layout_name) = 0;
    // Alarm lifecycle, 叫应, reporting and attention.
    virtual bool shelveAlarm(const std::string& alarm_id, int minutes, const std::string& reason) = 0;
    virtual bool unshelveAlarm(const std::string& alarm_id) = 0;
    virtual bool setSopStep(const std::string& alarm_id, int step, bool done) = 0;
    virtual bool recordCallAnswer(const std::string& alarm_id, const std::string& call_id, const std::string& note) = 0;
    virtual bool markIncidentReported(const std::string& incident_id, const std::string& note) = 0;
    virtual bool muteSound(WarningLevel level, bool muted) = 0;
    /// @brief The operator's 恢复: the linkage region goes back to its own cameras.
    virtual bool revertLinkage(const std::string& region) = 0;
    /// @brief Starts a drill (演练) on the live wall; the authority gives it its id.
    virtual bool startDrill(const std::string& name, DrillKind kind) = 0;
    /// @brief Ends drill `drill_id` (empty: the one running).
    virtual bool endDrill(const std::string& drill_id) = 0;
};

/// Per-frame camera tile drawing, supplied by the app (placeholder or live video).
class CameraTileDrawer {
public:
    virtual ~CameraTileDrawer() = default;
    /// @brief Draws camera `id` filling [min, max) of the current window's draw list.
    virtual void drawTile(const std::string& camera_id, ImVec2 min, ImVec2 max, FitMode fit,
                          const std::string& caption_override) = 0;
};

/// Layout entry for menus: name, title, hotkey.
struct LayoutChoice {
    std::string name;
    std::string title;
    std::string hotkey;
};

struct ViewContext {
    const UiModel& model;
    TimeMs now_ms = 0;
    Language language = Language::ZhHans;
    PanelFonts fonts;
    bool blink_on = true;           // off phase of the unacked blink (always true when blink is disabled)
    bool demo = false;              // the data is the embedded demo's: say so on the wall
    OperatorActions& actions;
    CameraTileDrawer& cameras;
    const layouts::Layout& layout;  // the active layout
    const layouts::WallSpec& wall;  // for bezel-aware placement of text
    std::vector<LayoutChoice> layouts;
    std::string fault;              // ingest/journal fault to show on the status bar, empty when none
    const ConsoleRules* rules = nullptr; // never null while drawing (the source's rules)
    source::ReplayControl* replay = nullptr; // a replay's timeline and controls; nullptr on the live wall

    const char* t(Text text) const { return tr(language, text); }
    /// @brief A layout's or region's caption in the UI language (missing translations fall back to `title`).
    template <class Titled> const std::string& title(const Titled& titled) const { return localTitle(language, titled); }
};

class View {
public:
    explicit View(layouts::Region region) : region_(std::move(region)) {}
    virtual ~View() = default;
    View(const View&) = delete;
    View& operator=(const View&) = delete;

    /// @brief Draws the region's window at its canvas rect, then the panel's content.
    void draw(ViewContext& ctx);
    const layouts::Region& region() const { return region_; }

protected:
    virtual void drawContent(ViewContext& ctx) = 0;
    /// Default caption when the layout gives none; nullptr draws no caption strip.
    virtual const char* defaultCaption(const ViewContext& ctx) const = 0;
    /// True when the content paints every pixel of the region: the window then draws no background under it.
    virtual bool paintsWholeRegion() const { return false; }

    layouts::Region region_;
};

/// @brief Creates the panel for a region's view kind. Every panel is registered here.
std::unique_ptr<View> makeView(const layouts::Region& region);

template <class NoteText> void UiModel::applyCommitted(const std::vector<Event>& events, NoteText&& note_text) {
    bool alarms_changed = false;
    touched_alarms.clear();
    for (const Event& e : events) {
        apply(state, e);
        forEachText(e.body, note_text);
        note_text(e.source);
        if (const std::string* id = touchedAlarmId(e.body)) {
            alarm_order.refresh(state, *id);
            alarm_load.refresh(state, *id);
            refreshCalled(*id);
            refreshFocus(*id);
            touched_alarms.push_back(*id);
            alarms_changed = true;
        }
    }
    if (alarms_changed) ++alarms_generation;
}

// ---- small drawing helpers shared by the panels

/// @brief Draws text centred in [min,max) with the given font, shrunk or ending in "…" when it is too wide.
void drawCentredText(ImDrawList* dl, ImFont* font, ImVec2 min, ImVec2 max, ImU32 color, const char* text);
/// @brief True when a line `height` tall at the cursor lies wholly inside the window's visible rect. Lists draw
/// only whole lines (half a row of digits is misread) and keep the space of the others.
bool wholeLineVisible(float height);
/// @brief In a replay: the "复盘 14:05:09" chip that ends at top_right, centred in a strip that tall; returns its width.
float drawReplayChip(const ViewContext& ctx, ImDrawList* dl, ImVec2 top_right, float strip_height);
/// @brief A filled rounded chip with text; returns its width.
float drawChip(ImDrawList* dl, ImFont* font, ImVec2 pos, float height, ImU32 bg, ImU32 fg, const char* text);

} // namespace wall::panels
