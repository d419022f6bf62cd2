#include "core/deadlines/deadline_clock.hpp"

#include "core/stockholm_time.hpp"

namespace gdprd::deadlines {

DeadlineTimes compute_deadlines(const std::optional<std::string>& discovered_at, TimePoint received_at) {
  DeadlineTimes t;
  t.received_at = received_at;
  t.awareness = received_at;
  if (discovered_at) {
    // parse_record_time reads a bare date as 00:00 Stockholm time: the
    // earliest reading, so the deadline is never later than the law's.
    if (auto parsed = stockholm::parse_record_time(*discovered_at); parsed && *parsed <= received_at) {
      t.awareness = *parsed;
      t.awareness_from_discovery = true;
      t.discovery_date_only = discovered_at->size() == 10;  // "YYYY-MM-DD"
    }
  }
  t.internal_deadline = t.awareness + kInternalDeadline;
  t.imy_deadline = t.awareness + kImyDeadline;
  t.received_after_internal_deadline = received_at > t.internal_deadline;
  t.received_after_imy_deadline = received_at > t.imy_deadline;
  return t;
}

DeadlineTimes compute_deadlines(const IncidentRecord& record, TimePoint received_at) {
  return compute_deadlines(record.discovered_at, received_at);
}

bool decision_requires_delay_reason(const DeadlineTimes& times, TimePoint decided_at) {
  return decided_at > times.imy_deadline;
}

Duration time_left(TimePoint deadline, const Clock& clock) { return deadline - clock.now(); }

}  // namespace gdprd::deadlines
