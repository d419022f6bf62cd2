// Swedish public holidays and the de facto closed days of a municipal office,
// computed for any Gregorian year (no table to go stale), so that office hours
// and reminder routing know when nobody is at work.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <vector>

namespace gdprd::deadlines {

struct CivilDate {
  int year = 1970, month = 1, day = 1;
  auto operator<=>(const CivilDate&) const = default;
};

// Which days beyond the statutory holidays the office treats as closed.
// The three eves are not public holidays by law but municipal offices are
// closed on them in practice, so they are closed by default.
struct CalendarConfig {
  bool midsommarafton_closed = true;
  bool julafton_closed = true;
  bool nyarsafton_closed = true;
  std::vector<CivilDate> extra_closed_days;  // e.g. a local "klämdag"
};

struct Holiday {
  CivilDate date;
  std::string name;         // Swedish name, e.g. "långfredagen"
  bool statutory = true;    // false for the de facto closed eves and extra days
};

// Easter Sunday of a Gregorian year (anonymous Gregorian computus).
// Meaningful for 1583..9999; other years give the formula's result unchecked.
CivilDate easter_sunday(int year);

// The holidays and (per config) closed eves and extra days of one year, sorted
// by date. Empty for years outside 1583..9999.
std::vector<Holiday> swedish_holidays(int year, const CalendarConfig& config = {});

// Answers "is this civil date a working day" for one calendar configuration.
class SwedishCalendar {
 public:
  explicit SwedishCalendar(CalendarConfig config = {});

  // The holiday or closed day falling on date, if any (weekends are not named).
  std::optional<Holiday> holiday_on(const CivilDate& date) const;
  // True on Saturdays, Sundays, holidays and configured closed days.
  bool is_closed_day(const CivilDate& date) const;

  const CalendarConfig& config() const { return config_; }

 private:
  CalendarConfig config_;
};

}  // namespace gdprd::deadlines
