// All systemd interaction: READY/RELOADING/STOPPING/STATUS and the watchdog.
// Each call is a no-op when the process does not run under systemd
// ($NOTIFY_SOCKET unset).
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace gdprd::daemon::systemd {

void ready();
void reloading();
void stopping();
void status(std::string_view text);
void watchdog_ping();
// The interval at which watchdog_ping() must be called (half of WatchdogSec=),
// or nullopt when no watchdog is configured.
std::optional<std::chrono::microseconds> watchdog_interval();

}  // namespace gdprd::daemon::systemd
