// The long-running daemon: an Asio io_context with a steady_timer for the
// poll interval (exponential backoff after a failed poll), a signal_set for
// SIGTERM/SIGINT (graceful stop after the current pass) and SIGHUP (reload
// the config; a broken config keeps the running one), and the systemd
// watchdog. All work runs on the one io_context thread; no exception leaves
// a handler.
#pragma once

#include <string>

#include "core/clock.hpp"

namespace gdprd::daemon {

// Runs until SIGTERM/SIGINT. Returns the process exit code.
int run_daemon(const std::string& config_path, const Clock& clock);

// --once: one poll of the mailbox and one pass over the due outbox. Returns
// 0, or kExitUnavailable when the mailbox could not be polled.
int run_once(const std::string& config_path, const Clock& clock);

// --check-config: prints every error ("FILE:LINE: message") to stderr;
// returns 0 when valid, kExitConfig otherwise, kExitOsFile when the config is
// valid but the parse worker is missing or does not work.
int check_config(const std::string& config_path);

}  // namespace gdprd::daemon
