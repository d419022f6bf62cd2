// The deadline ladders wired to the store and the outbox. On every tick (the
// daemon loop's timer; --once after the ingest) it walks the open incidents,
// rebuilds each one's deadline state from the store, asks plan_reminders what
// is due at clock.now(), and for each step writes, in ONE transaction, the
// reminder row and its outbox mail (dedupe_key "reminder:REF:LADDER:STEP").
// What is due is always recomputed from the store and the clock, never kept
// in memory, so a crash or restart between two steps neither repeats nor
// loses one; missed older steps are recorded as skipped (only the latest goes
// out). It also flags reports received after the internal 24 h and asks a
// reporter once for missing mandatory answers ("completion:REF").
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/deadlines/ladder_config.hpp"
#include "core/deadlines/office_hours.hpp"
#include "core/deadlines/reminder_ladder.hpp"
#include "notify/ack_composer.hpp"
#include "notify/decision_reply_composer.hpp"
#include "notify/reminder_composer.hpp"
#include "store/deadline_repository.hpp"
#include "store/incident_store.hpp"

namespace gdprd::daemon {

struct SchedulerSettings {
  deadlines::LadderConfig ladders = deadlines::default_ladder_config();
  deadlines::OfficeHoursConfig office_hours;
  std::map<std::string, std::vector<std::string>> recipients;  // role name -> addresses
  std::string from;                        // the incident mailbox (sender)
  notify::Language language = notify::Language::sv;  // of reminders
  bool completion_requests = true;
  std::vector<std::string> reporter_domains;  // completion requests only to these (lower-case)
  std::string ctl_config_path;                // shown in the reminders' CLI lines
};

struct TickStats {
  size_t incidents = 0;         // open incidents looked at
  size_t reminders_sent = 0;    // queued in the outbox this tick
  size_t steps_skipped = 0;
  size_t deferred = 0;          // waiting for office hours
  size_t completion_requests = 0;
  size_t late_flagged = 0;
  size_t errors = 0;            // incidents whose pass failed (retried next tick)
  std::optional<TimePoint> next_wakeup;  // earliest instant a plan can change
};

// The incident's deadline state as the store knows it. assessment_at: when
// the assessment was recorded (the row has no column for it).
deadlines::IncidentDeadlineState deadline_state(const store::IncidentRow& row,
                                                std::optional<TimePoint> assessment_at = std::nullopt);

class DeadlineScheduler {
 public:
  // Borrows everything; all must outlive the scheduler.
  DeadlineScheduler(store::IncidentStore& store, store::DeadlineRepository& repo,
                    const notify::ReminderComposer& reminders, const notify::DecisionReplyComposer& replies,
                    const Clock& clock, SchedulerSettings settings);

  // One pass over the open incidents. Never throws: a failing incident is
  // logged, counted in errors, and tried again on the next tick.
  TickStats tick();

 private:
  void tick_incident(const store::IncidentRow& row, TimePoint now, TickStats& stats);
  std::vector<std::string> addresses(const std::vector<deadlines::Role>& roles) const;

  store::IncidentStore& store_;
  store::DeadlineRepository& repo_;
  const notify::ReminderComposer& reminders_;
  const notify::DecisionReplyComposer& replies_;
  const Clock& clock_;
  SchedulerSettings settings_;
  deadlines::OfficeHours office_hours_;
};

}  // namespace gdprd::daemon
