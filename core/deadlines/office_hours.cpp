#include "core/deadlines/office_hours.hpp"

#include <chrono>

#include "core/stockholm_time.hpp"

namespace gdprd::deadlines {
namespace {

constexpr int kMaxDaysAhead = 400;

CivilDate next_day(const CivilDate& d) {
  using namespace std::chrono;
  sys_days days = year{d.year} / month{static_cast<unsigned>(d.month)} / day{static_cast<unsigned>(d.day)};
  year_month_day ymd{days + std::chrono::days{1}};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

}  // namespace

OfficeHours::OfficeHours(OfficeHoursConfig config)
    : config_(config),
      calendar_(config.calendar),
      valid_(config.open_minute >= 0 && config.close_minute <= 24 * 60 &&
             config.open_minute < config.close_minute) {}

bool OfficeHours::is_workday(const CivilDate& date) const {
  const int wd = stockholm::weekday(date.year, date.month, date.day);
  if (!config_.workdays[static_cast<size_t>(wd)]) return false;
  // Weekend days configured as workdays are still checked against holidays
  // only, not against the calendar's built-in weekend rule.
  return !calendar_.holiday_on(date).has_value();
}

bool OfficeHours::is_open(TimePoint t) const {
  if (!valid_) return false;
  const stockholm::LocalDateTime l = stockholm::to_local(t);
  if (!is_workday({l.year, l.month, l.day})) return false;
  const int minute = l.hour * 60 + l.minute;
  return minute >= config_.open_minute && minute < config_.close_minute;
}

std::optional<TimePoint> OfficeHours::next_opening(TimePoint t) const {
  if (!valid_) return std::nullopt;
  if (is_open(t)) return t;
  const stockholm::LocalDateTime l = stockholm::to_local(t);
  CivilDate date{l.year, l.month, l.day};
  for (int i = 0; i <= kMaxDaysAhead; ++i, date = next_day(date)) {
    if (!is_workday(date)) continue;
    const TimePoint opening = stockholm::to_instant(
        {date.year, date.month, date.day, config_.open_minute / 60, config_.open_minute % 60, 0});
    if (opening > t) return opening;
  }
  return std::nullopt;
}

}  // namespace gdprd::deadlines
