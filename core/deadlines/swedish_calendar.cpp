#include "core/deadlines/swedish_calendar.hpp"

#include <algorithm>
#include <chrono>

#include "core/stockholm_time.hpp"

namespace gdprd::deadlines {
namespace {

CivilDate add_days(const CivilDate& d, int n) {
  using namespace std::chrono;
  sys_days days = year{d.year} / month{static_cast<unsigned>(d.month)} / day{static_cast<unsigned>(d.day)};
  year_month_day ymd{days + std::chrono::days{n}};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

// The first day in [from, from+6] (all in one month) with the given weekday.
CivilDate first_weekday_from(int year, int month, int from_day, int wanted_weekday) {
  CivilDate d{year, month, from_day};
  for (int i = 0; i < 7; ++i) {
    CivilDate c = add_days(d, i);
    if (stockholm::weekday(c.year, c.month, c.day) == wanted_weekday) return c;
  }
  return d;  // unreachable: seven consecutive days contain every weekday
}

constexpr int kFriday = 4;
constexpr int kSaturday = 5;
constexpr int kSunday = 6;

}  // namespace

CivilDate easter_sunday(int y) {
  const int a = y % 19;
  const int b = y / 100;
  const int c = y % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = ((h + l - 7 * m + 114) % 31) + 1;
  return {y, month, day};
}

std::vector<Holiday> swedish_holidays(int y, const CalendarConfig& config) {
  std::vector<Holiday> out;
  if (y < 1583 || y > 9999) return out;
  const CivilDate easter = easter_sunday(y);
  out.push_back({{y, 1, 1}, "nyårsdagen", true});
  out.push_back({{y, 1, 6}, "trettondedag jul", true});
  out.push_back({add_days(easter, -2), "långfredagen", true});
  out.push_back({easter, "påskdagen", true});
  out.push_back({add_days(easter, 1), "annandag påsk", true});
  out.push_back({{y, 5, 1}, "första maj", true});
  out.push_back({add_days(easter, 39), "Kristi himmelsfärdsdag", true});
  out.push_back({add_days(easter, 49), "pingstdagen", true});
  out.push_back({{y, 6, 6}, "Sveriges nationaldag", true});
  if (config.midsommarafton_closed)
    out.push_back({first_weekday_from(y, 6, 19, kFriday), "midsommarafton", false});
  out.push_back({first_weekday_from(y, 6, 20, kSaturday), "midsommardagen", true});
  // Alla helgons dag is the Saturday in 31 October - 6 November.
  out.push_back({first_weekday_from(y, 10, 31, kSaturday), "alla helgons dag", true});
  if (config.julafton_closed) out.push_back({{y, 12, 24}, "julafton", false});
  out.push_back({{y, 12, 25}, "juldagen", true});
  out.push_back({{y, 12, 26}, "annandag jul", true});
  if (config.nyarsafton_closed) out.push_back({{y, 12, 31}, "nyårsafton", false});
  for (const CivilDate& extra : config.extra_closed_days)
    if (extra.year == y) out.push_back({extra, "extra closed day", false});
  // No annandag pingst: nationaldagen replaced it as a holiday from 2005.
  std::stable_sort(out.begin(), out.end(),
                   [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
  return out;
}

SwedishCalendar::SwedishCalendar(CalendarConfig config) : config_(std::move(config)) {}

std::optional<Holiday> SwedishCalendar::holiday_on(const CivilDate& date) const {
  for (Holiday& h : swedish_holidays(date.year, config_))
    if (h.date == date) return std::move(h);
  return std::nullopt;
}

bool SwedishCalendar::is_closed_day(const CivilDate& date) const {
  const int wd = stockholm::weekday(date.year, date.month, date.day);
  if (wd == kSaturday || wd == kSunday) return true;
  return holiday_on(date).has_value();
}

}  // namespace gdprd::deadlines
