// SQL for the deadline side of an incident: which reminder steps are done
// (sent or skipped), the late-report flag, awareness corrections, withdrawn
// decisions and one-off mails such as the completion request. Each write is
// one transaction that also appends its event, so the event log always
// explains the current state. Uses the tables of store/schema.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "store/database.hpp"
#include "store/incident_store.hpp"

namespace gdprd::store {

struct ReminderRow {
  std::string ladder;   // "internal" | "imy" | "data_subjects" | "processor"
  std::string step;     // the ladder's stable step id ("imy-24h", "overdue-3")
  TimePoint due_at;     // when the step fell due by the ladder
  std::optional<TimePoint> sent_at;  // nullopt: skipped (missed, never sent)
};

class DeadlineRepository {
 public:
  // Borrows both; they must outlive the repository.
  DeadlineRepository(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Every reminder step done for the incident, oldest due first.
  std::vector<ReminderRow> reminders(int64_t incident_id);

  // In one transaction: the step row (sent at clock.now()), its outbox mail
  // and a "reminder_sent" event. False when the step was already done: then
  // nothing is written (this is what makes a step go out exactly once).
  bool record_reminder_sent(int64_t incident_id, std::string_view ladder, std::string_view step,
                            TimePoint due_at, const OutboxMail& mail);
  // The step row with no sent_at and a "reminder_skipped" event; false (and
  // nothing written) when the step was already done.
  bool record_reminder_skipped(int64_t incident_id, std::string_view ladder, std::string_view step,
                               TimePoint due_at);

  // Sets late_internal_report and logs it, once; true when it changed now.
  bool flag_late_internal_report(int64_t incident_id, std::string_view actor, std::string_view detail_json);

  // Inserts MAIL unless its dedupe_key exists and, only if inserted, logs
  // EVENT_KIND in the same transaction. True when inserted.
  bool enqueue_once(int64_t incident_id, const OutboxMail& mail, std::string_view event_kind,
                    std::string_view actor);

  // Replaces awareness_at (the instant both clocks count from) and its
  // source; logs old and new values and REASON. Throws StoreError when the
  // incident does not exist.
  void correct_awareness(int64_t incident_id, TimePoint awareness, std::string_view source,
                         std::string_view actor, std::string_view reason);

  // Clears the IMY decision (the ladder resumes where time puts it) and logs
  // who withdrew it and why. Throws StoreError when the incident does not exist.
  void withdraw_decision(int64_t incident_id, std::string_view actor, std::string_view reason);

  // Records whether the data subjects must be told (Art. 34) apart from the
  // IMY decision, with an event.
  void set_subjects_must_be_informed(int64_t incident_id, bool must, std::string_view actor);

  // When the latest assessment_recorded event was written, if any.
  std::optional<TimePoint> assessment_at(int64_t incident_id);

 private:
  Database& db_;
  const Clock& clock_;
};

}  // namespace gdprd::store
