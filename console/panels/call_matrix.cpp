// The 叫应 matrix: for each open warning with calls, who was called, who
// answered, whose deadline passed and whom it escalated to.
#include "panels/panel_list.hpp"
#include "panels/wall_style.hpp"

namespace wall::panels {
namespace {

class CallMatrix final : public View {
public:
    using View::View;

protected:
    const char* defaultCaption(const ViewContext& ctx) const override { return ctx.t(Text::Linkage); }
    void drawContent(ViewContext&) override {}
};

} // namespace

std::unique_ptr<View> makeCallMatrix(const layouts::Region& region) { return std::make_unique<CallMatrix>(region); }

} // namespace wall::panels
