// Swedish local time (Europe/Stockholm) by the EU summer-time rule, computed
// rather than read from the tz database so that parsers stay pure and results
// do not depend on the host: +02:00 from the last Sunday of March 01:00 UTC to
// the last Sunday of October 01:00 UTC, +01:00 otherwise.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "core/clock.hpp"

namespace gdprd::stockholm {

struct LocalDateTime {
  int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  auto operator<=>(const LocalDateTime&) const = default;
};

// UTC offset in minutes (60 or 120) in force at the instant t.
int offset_minutes_at(TimePoint t);

// The instant of a Stockholm wall-clock time. In the autumn hour that occurs
// twice the earlier instant is taken; a time in the skipped spring hour is
// read with the winter offset (as a person who forgot to change clocks would).
TimePoint to_instant(const LocalDateTime& local);

// Stockholm wall-clock time of an instant.
LocalDateTime to_local(TimePoint t);

// "2026-05-20T16:39:00+02:00" for an instant.
std::string format_rfc3339(TimePoint t);
// "2026-05-20T16:39:00+02:00" for a local time (offset of that local time).
std::string format_rfc3339(const LocalDateTime& local);
// "2026-05-20"
std::string format_date(const LocalDateTime& local);
// "2026-05-20 16:39" (local, for mails and CLI output)
std::string format_human(TimePoint t);

// Parses a record time: RFC 3339 with offset (or Z), or a bare date, which is
// read as 00:00 Stockholm time (the earliest reading). nullopt when malformed.
std::optional<TimePoint> parse_record_time(const std::string& text);

// Day of week of a civil date, 0 = Monday ... 6 = Sunday.
int weekday(int year, int month, int day);
// Days in a month of a year.
int days_in_month(int year, int month);

}  // namespace gdprd::stockholm
