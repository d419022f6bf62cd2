// The two clocks every incident runs against: the internal 24 h deadline and
// the GDPR Art. 33 72 h deadline for notifying IMY, both counted in real
// elapsed hours from the moment the organisation became aware of the breach.
#pragma once

#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/record.hpp"

namespace gdprd::deadlines {

inline constexpr Duration kInternalDeadline = std::chrono::hours(24);
inline constexpr Duration kImyDeadline = std::chrono::hours(72);

struct DeadlineTimes {
  TimePoint received_at;
  TimePoint awareness;               // the instant both clocks start
  bool awareness_from_discovery = false;  // false: discovered_at absent, malformed or after receipt
  bool discovery_date_only = false;  // discovered_at had no clock time (read as 00:00 local)
  TimePoint internal_deadline;       // awareness + 24 h
  TimePoint imy_deadline;            // awareness + 72 h (elapsed, not wall-clock reading)
  bool received_after_internal_deadline = false;
  bool received_after_imy_deadline = false;
};

// Deadlines for a report received at received_at whose discovered_at field
// (spec form: RFC 3339 or bare date) is given. A discovery time later than the
// receipt cannot be right (nobody reports before discovering), so receipt is
// used instead; so is a missing or malformed value. Never throws.
DeadlineTimes compute_deadlines(const std::optional<std::string>& discovered_at, TimePoint received_at);

// The same for a parsed record (uses record.discovered_at only).
DeadlineTimes compute_deadlines(const IncidentRecord& record, TimePoint received_at);

// Art. 33(1): a notification (or decision) after 72 h must state the reasons
// for the delay. True when decided_at is after the IMY deadline.
bool decision_requires_delay_reason(const DeadlineTimes& times, TimePoint decided_at);

// Time left until a deadline as seen by clock; negative when overdue.
Duration time_left(TimePoint deadline, const Clock& clock);

}  // namespace gdprd::deadlines
