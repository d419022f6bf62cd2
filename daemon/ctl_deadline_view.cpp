#include "daemon/ctl_deadline_view.hpp"

#include "core/stockholm_time.hpp"

namespace gdprd::daemon {

std::string time_left_text(Duration left) {
  auto minutes = std::chrono::duration_cast<std::chrono::minutes>(left).count();
  bool late = minutes < 0;
  if (late) minutes = -minutes;
  long long days = minutes / (24 * 60), hours = (minutes / 60) % 24, mins = minutes % 60;
  std::string amount = days > 0 ? std::to_string(days) + " d " + std::to_string(hours) + " h"
                                 : std::to_string(hours) + " h " + std::to_string(mins) + " min";
  return (late ? "late by " : "in ") + amount;
}

std::string deadline_text(TimePoint due, bool running, TimePoint now) {
  return stockholm::format_human(due) + " (" + (running ? time_left_text(due - now) : std::string("stopped")) + ")";
}

nlohmann::ordered_json deadline_json(TimePoint due, bool running, TimePoint now) {
  nlohmann::ordered_json j;
  j["due"] = stockholm::format_rfc3339(due);
  j["running"] = running;
  j["seconds_left"] = running ? nlohmann::ordered_json(std::chrono::duration_cast<std::chrono::seconds>(due - now).count())
                              : nlohmann::ordered_json(nullptr);
  j["late"] = running && due < now;
  return j;
}

}  // namespace gdprd::daemon
