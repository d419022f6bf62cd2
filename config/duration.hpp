// Durations as the config and the command line write them: "90s", "5m",
// "1h", "1h30m", "2d". Units d/h/m/s in that order, each at most once.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace gdprd::config {

// The duration, or nullopt for anything else (empty, unknown unit, units out
// of order or repeated, a bare number, overflow beyond 10 years).
std::optional<std::chrono::seconds> parse_duration(std::string_view text);

}  // namespace gdprd::config
