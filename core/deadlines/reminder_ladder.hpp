// Which reminders are due for one incident now: a pure function of the ladder
// config, the incident's deadline state, the steps already sent and `now`.
// The scheduler (daemon) persists sent/skipped step ids keyed on
// (incident, ladder, step id) and calls this on every tick.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/deadlines/deadline_clock.hpp"
#include "core/deadlines/ladder_config.hpp"
#include "core/deadlines/office_hours.hpp"

namespace gdprd::deadlines {

enum class ImyDecisionKind { notified, not_notified };

struct InitialAssessment {
  int category = 0;  // 1 låg, 2 medel, 3 hög (policy §2.2); others = not recorded
  int priority = 0;  // 1 = P1 ... 3 = P3 (policy §4.3); others = not recorded
  TimePoint at;
};

struct ImyDecision {
  ImyDecisionKind kind = ImyDecisionKind::not_notified;
  TimePoint decided_at;
  bool inform_subjects = false;  // Art. 34: the decision says the subjects must be told
};

// What the store knows about one incident's progress. A withdrawn decision or
// assessment is simply absent again: the ladder resumes where time puts it.
struct IncidentDeadlineState {
  DeadlineTimes times;
  std::optional<InitialAssessment> initial_assessment;
  std::optional<ImyDecision> imy_decision;
  std::optional<TimePoint> subjects_informed_at;
  bool organisation_is_processor = false;
  std::optional<TimePoint> controller_informed_at;
};

// True when category and priority are both in 1..3.
bool is_recorded(const InitialAssessment& assessment);

struct DueReminder {
  LadderKind ladder = LadderKind::internal;
  std::string step_id;
  TimePoint scheduled_at;          // when the step fell due by the ladder
  TimePoint deliver_at;            // now, or the next office opening when deferred
  std::vector<Role> recipients;    // after routing
  bool via_oncall = false;         // office closed and the IMY deadline comes first
};

struct SkippedStep {
  LadderKind ladder = LadderKind::internal;
  std::string step_id;
  TimePoint scheduled_at;
};

struct ReminderPlan {
  std::vector<DueReminder> send_now;   // send, then record step_id as sent
  std::vector<DueReminder> deferred;   // waiting for office hours (deliver_at > now)
  std::vector<SkippedStep> skipped;    // missed older steps: record as sent, never send
  std::optional<TimePoint> next_wakeup;  // earliest instant this plan can change
};

// At most this many skipped steps are listed per ladder (a long outage with a
// short repeat must not produce an unbounded list); the most recent are kept.
inline constexpr size_t kMaxSkippedPerLadder = 64;

// For each active ladder, the latest step due at or before `now` that is not
// in sent_step_ids goes out (or is deferred); older unsent due steps are
// reported as skipped. If the latest due step was already sent, nothing of
// that ladder goes out. Step ids are unique per ladder and prefixed by kind
// ("internal-4h", "imy-24h", "overdue-3"), so one set may hold all ladders.
// Routing: a step naming an office-hours role while the office is closed waits
// for next_opening, unless the IMY deadline (while no IMY decision is
// recorded) falls before that opening: then it goes now to the on-call
// recipients (plus any always-reachable roles the step names).
ReminderPlan plan_reminders(const IncidentDeadlineState& state, const LadderConfig& config,
                            const std::set<std::string>& sent_step_ids, TimePoint now,
                            const OfficeHours& office_hours);

// plan_reminders(...).send_now: the reminders to send at `now`.
std::vector<DueReminder> due_reminders(const IncidentDeadlineState& state, const LadderConfig& config,
                                       const std::set<std::string>& sent_step_ids, TimePoint now,
                                       const OfficeHours& office_hours);

}  // namespace gdprd::deadlines
