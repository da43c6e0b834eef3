// wallctl's subcommands. Each registers its options on the CLI11 app and
// returns the exit code when run: 0 on success, 1 when anything was refused
// or timed out, 2 on bad usage or an unreadable input.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace wall::wallctl {

using Run = std::function<int()>;

/// @brief `wallctl send`: events from a file or stdin, one JSON per line; reports every ack and error.
Run addSendCommand(CLI::App& app);
/// @brief `wallctl tail`: prints the console's outbound action feed (PUB).
Run addTailCommand(CLI::App& app);
/// @brief `wallctl journal dump|stats|verify|state`: reads a journal file.
Run addJournalCommand(CLI::App& app);
/// @brief `wallctl review bookmarks|add|remove`: the reviewers' bookmarks in the review file beside a journal.
Run addReviewCommand(CLI::App& app);
/// @brief `wallctl demo`: runs the embedded demo backend against a console.
Run addDemoCommand(CLI::App& app);

/// @brief `wallctl publish`: the reference SUB-ingest publisher (PUB + snapshot ROUTER + heartbeats + epoch).
Run addPublishCommand(CLI::App& app);

/// @brief `wallctl keygen`: writes a CURVE key pair (NAME.key secret, NAME.pub public).
Run addKeygenCommand(CLI::App& app);

/// @brief True once SIGINT or SIGTERM arrived (installed by main).
bool interrupted();

} // namespace wall::wallctl
