#include "core/stockholm_time.hpp"

#include <cstdio>

namespace gdprd::stockholm {
namespace {

using namespace std::chrono;

sys_seconds utc(int y, int m, int d, int hh, int mm, int ss) {
  return sys_days{year{y} / month{static_cast<unsigned>(m)} / day{static_cast<unsigned>(d)}} + hours{hh} +
         minutes{mm} + seconds{ss};
}

int last_sunday(int y, int m) {
  int d = days_in_month(y, m);
  while (weekday(y, m, d) != 6) --d;
  return d;
}

}  // namespace

int weekday(int y, int m, int d) {
  std::chrono::weekday wd{sys_days{year{y} / month{static_cast<unsigned>(m)} / day{static_cast<unsigned>(d)}}};
  return static_cast<int>(wd.iso_encoding()) - 1;
}

int days_in_month(int y, int m) {
  return static_cast<int>(unsigned((year{y} / month{static_cast<unsigned>(m)} / last).day()));
}

int offset_minutes_at(TimePoint t) {
  auto s = floor<seconds>(t);
  int y = static_cast<int>(year_month_day{floor<days>(s)}.year());
  auto start = utc(y, 3, last_sunday(y, 3), 1, 0, 0);
  auto end = utc(y, 10, last_sunday(y, 10), 1, 0, 0);
  return (s >= start && s < end) ? 120 : 60;
}

TimePoint to_instant(const LocalDateTime& l) {
  auto as_utc = utc(l.year, l.month, l.day, l.hour, l.minute, l.second);
  // Try the summer offset first: in the repeated autumn hour it gives the
  // earlier instant. Accept it only if summer time is in force then.
  auto summer = as_utc - minutes{120};
  if (offset_minutes_at(summer) == 120) return summer;
  return as_utc - minutes{60};
}

LocalDateTime to_local(TimePoint t) {
  auto s = floor<seconds>(t) + minutes{offset_minutes_at(t)};
  auto dp = floor<days>(s);
  year_month_day ymd{dp};
  hh_mm_ss hms{s - dp};
  return LocalDateTime{static_cast<int>(ymd.year()), static_cast<int>(unsigned(ymd.month())),
                       static_cast<int>(unsigned(ymd.day())), static_cast<int>(hms.hours().count()),
                       static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count())};
}

std::string format_rfc3339(TimePoint t) {
  auto l = to_local(t);
  int off = offset_minutes_at(t);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d+%02d:%02d", l.year, l.month, l.day, l.hour,
                l.minute, l.second, off / 60, off % 60);
  return buf;
}

std::string format_rfc3339(const LocalDateTime& l) { return format_rfc3339(to_instant(l)); }

std::string format_date(const LocalDateTime& l) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", l.year, l.month, l.day);
  return buf;
}

std::string format_human(TimePoint t) {
  auto l = to_local(t);
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", l.year, l.month, l.day, l.hour, l.minute);
  return buf;
}

std::optional<TimePoint> parse_record_time(const std::string& s) {
  int y, mo, d, h = 0, mi = 0, se = 0;
  if (s.size() == 10) {
    if (std::sscanf(s.c_str(), "%4d-%2d-%2d", &y, &mo, &d) != 3) return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > 31) return std::nullopt;
    return to_instant(LocalDateTime{y, mo, d, 0, 0, 0});
  }
  if (s.size() < 19) return std::nullopt;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &se) != 6) return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return std::nullopt;
  auto base = utc(y, mo, d, h, mi, se);
  std::string_view rest(s.c_str() + 19);
  if (!rest.empty() && rest[0] == '.') {  // fractional seconds are dropped
    size_t i = 1;
    while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') ++i;
    rest.remove_prefix(i);
  }
  if (rest == "Z" || rest == "z") return base;
  int oh, om;
  if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') &&
      std::sscanf(std::string(rest.substr(1)).c_str(), "%2d:%2d", &oh, &om) == 2) {
    auto off = minutes{oh * 60 + om};
    return rest[0] == '+' ? base - off : base + off;
  }
  return std::nullopt;
}

}  // namespace gdprd::stockholm
