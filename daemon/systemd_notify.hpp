// All systemd interaction: READY/RELOADING/STOPPING/STATUS and the watchdog.
// Each call is a no-op when the process does not run under systemd
// ($NOTIFY_SOCKET unset).
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace gdprd::daemon::systemd {

void ready();
void reloading();
void stopping();
// STATUS=text. Control characters (a newline would start another assignment,
// e.g. a forged READY=1 from a server's error text) become spaces, and the
// text is cut at kMaxStatusBytes.
void status(std::string_view text);
void watchdog_ping();
// The interval at which watchdog_ping() must be called (half of WatchdogSec=),
// or nullopt when no watchdog is configured.
std::optional<std::chrono::microseconds> watchdog_interval();

inline constexpr std::size_t kMaxStatusBytes = 400;

// The STATUS= text after a poll pass, for `systemctl status`:
// "last poll 2026-05-20 16:39 ok; 3 open incidents" or
// "last poll 2026-05-20 16:39 FAILED (why); 3 open incidents"; nullopt
// open_incidents (the store could not be read) says so. Pure.
std::string poll_status_text(std::string_view last_poll, bool ok, std::string_view error,
                             std::optional<std::size_t> open_incidents);

}  // namespace gdprd::daemon::systemd
