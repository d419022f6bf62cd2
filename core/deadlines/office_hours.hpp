// When the people on the reminder ladder are at work: by default 08:00-17:00
// Stockholm time, Monday-Friday, except Swedish holidays and closed eves
// (the blankett's "CISO på plats 08.00-17.00 vardagar").
#pragma once

#include <array>
#include <optional>

#include "core/clock.hpp"
#include "core/deadlines/swedish_calendar.hpp"

namespace gdprd::deadlines {

struct OfficeHoursConfig {
  int open_minute = 8 * 60;    // minutes after local midnight, inclusive
  int close_minute = 17 * 60;  // exclusive; must be > open_minute
  std::array<bool, 7> workdays = {true, true, true, true, true, false, false};  // Mon..Sun
  CalendarConfig calendar;
};

class OfficeHours {
 public:
  // An invalid window (close <= open, or outside 0..1440) is never open.
  explicit OfficeHours(OfficeHoursConfig config = {});

  // True when t falls inside the window on a workday that is not a closed day.
  bool is_open(TimePoint t) const;
  // t itself when open, else the next instant the office opens. nullopt when
  // it does not open within 400 days (e.g. no workdays configured).
  std::optional<TimePoint> next_opening(TimePoint t) const;

  const SwedishCalendar& calendar() const { return calendar_; }

 private:
  bool is_workday(const CivilDate& date) const;

  OfficeHoursConfig config_;
  SwedishCalendar calendar_;
  bool valid_;
};

}  // namespace gdprd::deadlines
