// wallctl: command-line companion of the wallconsole video-wall console.
#include "wallctl/commands.hpp"

#include <atomic>
#include <csignal>
#include <map>

#include <spdlog/spdlog.h>

namespace wall::wallctl {
namespace {
std::atomic<bool> g_interrupted{false};
void onSignal(int) { g_interrupted = true; }
} // namespace

bool interrupted() { return g_interrupted; }

} // namespace wall::wallctl

int main(int argc, char** argv) {
    using namespace wall::wallctl;
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    spdlog::set_default_logger(spdlog::default_logger()->clone("wallctl"));
    spdlog::set_level(spdlog::level::warn);

    CLI::App app{"wallctl: command-line companion of wallconsole, the emergency command centre video-wall console.\n"
                 "Talks to a running console over ZeroMQ (send, tail, demo), reads its journal file (journal), or keeps\n"
                 "reviewers' bookmarks beside it (review)."};
    app.require_subcommand(1);
    bool verbose = false;
    app.add_flag("-v,--verbose", verbose, "Log progress to stderr");

    std::map<CLI::App*, Run> runs;
    auto remember = [&](Run run) { runs[app.get_subcommands({}).back()] = std::move(run); };
    remember(addSendCommand(app));
    remember(addTailCommand(app));
    remember(addJournalCommand(app));
    remember(addReviewCommand(app));
    remember(addDemoCommand(app));
    remember(addPublishCommand(app));
    remember(addKeygenCommand(app));

    CLI11_PARSE(app, argc, argv);
    if (verbose) spdlog::set_level(spdlog::level::info);
    for (auto& [sub, run] : runs)
        if (sub->parsed()) return run();
    return 2;
}
