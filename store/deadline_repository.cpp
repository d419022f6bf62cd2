#include "store/deadline_repository.hpp"

#include <nlohmann/json.hpp>

#include "core/stockholm_time.hpp"

namespace gdprd::store {
namespace {

int64_t to_unix(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

TimePoint from_unix(int64_t s) { return TimePoint(std::chrono::seconds(s)); }

void insert_event(Database& db, int64_t incident_id, TimePoint at, std::string_view actor,
                  std::string_view kind, std::string_view detail_json) {
  db.prepare("INSERT INTO events(incident_id, at, actor, kind, detail_json) VALUES (?, ?, ?, ?, ?)")
      .bind(1, incident_id)
      .bind(2, to_unix(at))
      .bind(3, actor)
      .bind(4, kind)
      .bind(5, detail_json)
      .run();
}

bool insert_outbox(Database& db, int64_t incident_id, const OutboxMail& mail, TimePoint now) {
  nlohmann::json recipients = mail.recipients;
  db.prepare(
        "INSERT INTO outbox(incident_id, kind, dedupe_key, sender, recipients, message, message_id, created_at, "
        "attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?) ON CONFLICT(dedupe_key) DO NOTHING")
      .bind(1, incident_id)
      .bind(2, mail.kind)
      .bind(3, mail.dedupe_key)
      .bind(4, mail.sender)
      .bind(5, recipients.dump())
      .bind_blob(6, mail.message)
      .bind(7, normalize_message_id(mail.message_id))
      .bind(8, to_unix(now))
      .bind(9, to_unix(now))
      .run();
  return db.changes() > 0;
}

void require_incident(Database& db, int64_t incident_id) {
  auto stmt = db.prepare("SELECT 1 FROM incidents WHERE id = ?");
  stmt.bind(1, incident_id);
  if (!stmt.step()) throw StoreError("no incident with id " + std::to_string(incident_id), 0);
}

bool insert_reminder(Database& db, int64_t incident_id, std::string_view ladder, std::string_view step,
                     TimePoint due_at, std::optional<int64_t> sent_at) {
  db.prepare(
        "INSERT INTO reminders(incident_id, ladder, step, due_at, sent_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT DO NOTHING")
      .bind(1, incident_id)
      .bind(2, ladder)
      .bind(3, step)
      .bind(4, to_unix(due_at))
      .bind(5, sent_at)
      .run();
  return db.changes() > 0;
}

}  // namespace

std::vector<ReminderRow> DeadlineRepository::reminders(int64_t incident_id) {
  auto s = db_.prepare(
      "SELECT ladder, step, due_at, sent_at FROM reminders WHERE incident_id = ? ORDER BY due_at, ladder, step");
  s.bind(1, incident_id);
  std::vector<ReminderRow> out;
  while (s.step()) {
    ReminderRow r{s.text(0), s.text(1), from_unix(s.int64(2)), std::nullopt};
    if (auto sent = s.opt_int64(3)) r.sent_at = from_unix(*sent);
    out.push_back(std::move(r));
  }
  return out;
}

bool DeadlineRepository::record_reminder_sent(int64_t incident_id, std::string_view ladder, std::string_view step,
                                              TimePoint due_at, const OutboxMail& mail) {
  const TimePoint now = clock_.now();
  Transaction tx(db_);
  require_incident(db_, incident_id);
  if (!insert_reminder(db_, incident_id, ladder, step, due_at, to_unix(now))) return false;
  insert_outbox(db_, incident_id, mail, now);
  nlohmann::json detail = {{"ladder", std::string(ladder)}, {"step", std::string(step)},
                           {"due_at", stockholm::format_rfc3339(due_at)}, {"to", mail.recipients}};
  insert_event(db_, incident_id, now, "daemon", "reminder_sent", detail.dump());
  tx.commit();
  return true;
}

bool DeadlineRepository::record_reminder_skipped(int64_t incident_id, std::string_view ladder,
                                                 std::string_view step, TimePoint due_at) {
  const TimePoint now = clock_.now();
  Transaction tx(db_);
  require_incident(db_, incident_id);
  if (!insert_reminder(db_, incident_id, ladder, step, due_at, std::nullopt)) return false;
  nlohmann::json detail = {{"ladder", std::string(ladder)}, {"step", std::string(step)},
                           {"due_at", stockholm::format_rfc3339(due_at)}};
  insert_event(db_, incident_id, now, "daemon", "reminder_skipped", detail.dump());
  tx.commit();
  return true;
}

bool DeadlineRepository::flag_late_internal_report(int64_t incident_id, std::string_view actor,
                                                   std::string_view detail_json) {
  Transaction tx(db_);
  require_incident(db_, incident_id);
  db_.prepare("UPDATE incidents SET late_internal_report = 1 WHERE id = ? AND late_internal_report = 0")
      .bind(1, incident_id)
      .run();
  if (db_.changes() == 0) return false;
  insert_event(db_, incident_id, clock_.now(), actor, "late_internal_report", detail_json);
  tx.commit();
  return true;
}

bool DeadlineRepository::enqueue_once(int64_t incident_id, const OutboxMail& mail, std::string_view event_kind,
                                      std::string_view actor) {
  const TimePoint now = clock_.now();
  Transaction tx(db_);
  require_incident(db_, incident_id);
  if (!insert_outbox(db_, incident_id, mail, now)) return false;
  nlohmann::json detail = {{"dedupe_key", mail.dedupe_key}, {"to", mail.recipients}};
  insert_event(db_, incident_id, now, actor, event_kind, detail.dump());
  tx.commit();
  return true;
}

void DeadlineRepository::correct_awareness(int64_t incident_id, TimePoint awareness, std::string_view source,
                                           std::string_view actor, std::string_view reason) {
  Transaction tx(db_);
  auto old = db_.prepare("SELECT awareness_at, awareness_source FROM incidents WHERE id = ?");
  old.bind(1, incident_id);
  if (!old.step()) throw StoreError("no incident with id " + std::to_string(incident_id), 0);
  nlohmann::json detail = {{"new_awareness_at", stockholm::format_rfc3339(awareness)},
                           {"new_source", std::string(source)}};
  if (auto at = old.opt_int64(0)) detail["old_awareness_at"] = stockholm::format_rfc3339(from_unix(*at));
  detail["old_source"] = old.opt_text(1).value_or("");
  if (!reason.empty()) detail["reason"] = std::string(reason);
  old.reset();
  db_.prepare("UPDATE incidents SET awareness_at = ?, awareness_source = ? WHERE id = ?")
      .bind(1, to_unix(awareness))
      .bind(2, source)
      .bind(3, incident_id)
      .run();
  insert_event(db_, incident_id, clock_.now(), actor, "awareness_corrected", detail.dump());
  tx.commit();
}

void DeadlineRepository::withdraw_decision(int64_t incident_id, std::string_view actor, std::string_view reason) {
  Transaction tx(db_);
  auto old = db_.prepare("SELECT decision, imy_reference FROM incidents WHERE id = ?");
  old.bind(1, incident_id);
  if (!old.step()) throw StoreError("no incident with id " + std::to_string(incident_id), 0);
  nlohmann::json detail = {{"old_decision", old.opt_text(0).value_or("")},
                           {"old_imy_reference", old.opt_text(1).value_or("")},
                           {"reason", std::string(reason)}};
  old.reset();
  db_.prepare(
        "UPDATE incidents SET decision = NULL, decision_at = NULL, decision_by = NULL, imy_reference = NULL, "
        "decision_motivation = NULL, delay_reason = NULL WHERE id = ?")
      .bind(1, incident_id)
      .run();
  insert_event(db_, incident_id, clock_.now(), actor, "decision_withdrawn", detail.dump());
  tx.commit();
}

void DeadlineRepository::set_subjects_must_be_informed(int64_t incident_id, bool must, std::string_view actor) {
  Transaction tx(db_);
  require_incident(db_, incident_id);
  db_.prepare("UPDATE incidents SET subjects_must_be_informed = ? WHERE id = ?")
      .bind(1, int64_t{must ? 1 : 0})
      .bind(2, incident_id)
      .run();
  insert_event(db_, incident_id, clock_.now(), actor, "subjects_must_be_informed",
               nlohmann::json{{"must", must}}.dump());
  tx.commit();
}

std::optional<TimePoint> DeadlineRepository::assessment_at(int64_t incident_id) {
  auto s = db_.prepare(
      "SELECT max(at) FROM events WHERE incident_id = ? AND kind = 'assessment_recorded'");
  s.bind(1, incident_id);
  if (!s.step()) return std::nullopt;
  auto at = s.opt_int64(0);
  if (!at) return std::nullopt;
  return from_unix(*at);
}

}  // namespace gdprd::store
