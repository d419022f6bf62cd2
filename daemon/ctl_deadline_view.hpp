// How the CLI states a deadline: its due time in Swedish local time and the
// time left ("in 30 h 5 min") or how late it is ("late by 2 h 0 min"), for
// people; the same facts with seconds for --json.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"

namespace gdprd::daemon {

// "in 1 d 6 h" / "in 3 h 12 min" / "late by 5 h 3 min" (rounded down to the minute).
std::string time_left_text(Duration left);

// "2026-05-21 20:00 (in 30 h 0 min)" while running; "2026-05-21 20:00 (stopped)"
// once met (assessed, decided) or closed.
std::string deadline_text(TimePoint due, bool running, TimePoint now);

// {"due": RFC 3339 local, "running": bool, "seconds_left": int or null when
// not running (negative: late), "late": bool (running and past)}.
nlohmann::ordered_json deadline_json(TimePoint due, bool running, TimePoint now);

}  // namespace gdprd::daemon
