// Reads Swedish and English date/time expressions to a record time: RFC 3339
// with the Stockholm offset of that local time ("2026-05-20T16:39:00+02:00"),
// or a bare date "2026-05-20" when no clock time is stated. Relative forms
// ("igår", "i onsdags", "yesterday", "on Tuesday", a clock time alone) are
// resolved against the reference instant (the mail's Date header) taken in
// Stockholm local time; without a reference they give nullopt. Pure, never
// throws.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"

namespace gdprd::parsers {

// One time expression found in text.
struct TimeMatch {
  size_t begin = 0;  // byte offsets into the original text
  size_t end = 0;
  std::optional<std::string> value;  // record time, nullopt when not resolvable
  bool has_date = false;      // a calendar day was determined
  bool has_clock = false;     // a clock time was stated
  bool is_bound = false;      // "efter", "innan", "före", "before", "after", "senast": not a point
  bool is_relative = false;   // resolved against the reference
};

// The first time expression in text, as a record time. Bounds ("efter fredag
// kl. 16", "innan 8", "före", "before") and vague periods ("förra veckan")
// give nullopt. Spans ("mellan 14 och 15", "14.00–15.30") give the start.
// "(klockslag okänt)" → date only. A clock time alone takes the reference day.
std::optional<std::string> read_time(std::string_view text, std::optional<TimePoint> reference);

// Every time expression in text in order of position, each resolved as
// read_time would resolve it (including bounds and unresolvable ones, with
// value nullopt), for prose where the sentence decides what a time means.
std::vector<TimeMatch> find_times(std::string_view text, std::optional<TimePoint> reference);

// Reads a date in an e-mail header style ("Mon, 20 May 2026 16:39:00 +0200",
// "den 20 maj 2026 08:12", "20 maj 2026 kl. 08:12", "2026-05-20 08:12") to an
// instant, used for the dates of quoted parts. nullopt when unreadable.
std::optional<TimePoint> read_instant(std::string_view text, std::optional<TimePoint> reference);

}  // namespace gdprd::parsers
