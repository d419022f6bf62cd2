#include "store/admin_alert_state.hpp"

#include <nlohmann/json.hpp>

namespace gdprd::store {
namespace {

int64_t to_unix(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

TimePoint from_unix(int64_t s) { return TimePoint(std::chrono::seconds(s)); }

std::optional<TimePoint> opt_time(const Statement& s, int column) {
  auto v = s.opt_int64(column);
  if (!v) return std::nullopt;
  return from_unix(*v);
}

constexpr std::string_view kColumns =
    "id, condition, started_at, alerted_at, ended_at, recovery_sent, coalesce(last_error, '')";

AlertEpisode read_episode(const Statement& s) {
  AlertEpisode e;
  e.id = s.int64(0);
  e.condition = s.text(1);
  e.started_at = from_unix(s.int64(2));
  e.alerted_at = opt_time(s, 3);
  e.ended_at = opt_time(s, 4);
  e.recovery_sent = s.int64(5) != 0;
  e.last_error = s.text(6);
  return e;
}

// The outbox row of an alert: no incident (outbox.incident_id is nullable),
// due at once. Same shape as IncidentStore's insert; a dedupe_key already
// present is skipped.
void insert_outbox(Database& db, const OutboxMail& mail, TimePoint now) {
  nlohmann::json recipients = mail.recipients;
  db.prepare(
        "INSERT INTO outbox(incident_id, kind, dedupe_key, sender, recipients, message, message_id, created_at, "
        "attempts, next_attempt_at) VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, 0, ?) ON CONFLICT(dedupe_key) DO NOTHING")
      .bind(1, mail.kind)
      .bind(2, mail.dedupe_key)
      .bind(3, mail.sender)
      .bind(4, recipients.dump())
      .bind_blob(5, mail.message)
      .bind(6, normalize_message_id(mail.message_id))
      .bind(7, to_unix(now))
      .bind(8, to_unix(now))
      .run();
}

std::optional<AlertEpisode> open_episode_of(Database& db, std::string_view condition) {
  auto s = db.prepare("SELECT " + std::string(kColumns) +
                      " FROM admin_alert_episodes WHERE condition = ? AND ended_at IS NULL");
  s.bind(1, condition);
  if (!s.step()) return std::nullopt;
  return read_episode(s);
}

}  // namespace

std::vector<AlertEpisode> AdminAlertState::open_episodes() {
  auto s = db_.prepare("SELECT " + std::string(kColumns) +
                       " FROM admin_alert_episodes WHERE ended_at IS NULL ORDER BY started_at, id");
  std::vector<AlertEpisode> out;
  while (s.step()) out.push_back(read_episode(s));
  return out;
}

std::vector<AlertEpisode> AdminAlertState::recent_episodes(int64_t limit) {
  auto s = db_.prepare("SELECT " + std::string(kColumns) + " FROM admin_alert_episodes ORDER BY id DESC LIMIT ?");
  s.bind(1, limit);
  std::vector<AlertEpisode> out;
  while (s.step()) out.push_back(read_episode(s));
  return out;
}

AlertEpisode AdminAlertState::open_episode(std::string_view condition, TimePoint started_at, std::string_view error) {
  Transaction tx(db_);
  if (auto existing = open_episode_of(db_, condition)) return *existing;
  db_.prepare("INSERT INTO admin_alert_episodes(condition, started_at, last_error) VALUES (?, ?, ?)")
      .bind(1, condition)
      .bind(2, to_unix(started_at))
      .bind(3, error)
      .run();
  AlertEpisode e;
  e.id = db_.last_insert_id();
  e.condition = std::string(condition);
  e.started_at = from_unix(to_unix(started_at));  // as stored: whole seconds
  e.last_error = std::string(error);
  tx.commit();
  return e;
}

bool AdminAlertState::mark_alerted(int64_t episode_id, TimePoint at, std::string_view error, const OutboxMail& mail) {
  Transaction tx(db_);
  db_.prepare(
        "UPDATE admin_alert_episodes SET alerted_at = ?, last_error = ? "
        "WHERE id = ? AND ended_at IS NULL AND alerted_at IS NULL")
      .bind(1, to_unix(at))
      .bind(2, error)
      .bind(3, episode_id)
      .run();
  if (db_.changes() == 0) return false;
  insert_outbox(db_, mail, at);
  tx.commit();
  return true;
}

bool AdminAlertState::end_episode(int64_t episode_id, TimePoint at, const std::optional<OutboxMail>& recovery) {
  Transaction tx(db_);
  db_.prepare("UPDATE admin_alert_episodes SET ended_at = ?, recovery_sent = ? WHERE id = ? AND ended_at IS NULL")
      .bind(1, to_unix(at))
      .bind(2, int64_t{recovery ? 1 : 0})
      .bind(3, episode_id)
      .run();
  if (db_.changes() == 0) return false;
  if (recovery) insert_outbox(db_, *recovery, at);
  tx.commit();
  return true;
}

bool AdminAlertState::notice_sent(std::string_view key) {
  auto s = db_.prepare("SELECT 1 FROM admin_alert_notices WHERE key = ?");
  s.bind(1, key);
  return s.step();
}

bool AdminAlertState::record_notice(std::string_view key, TimePoint at, const OutboxMail& mail) {
  Transaction tx(db_);
  db_.prepare("INSERT INTO admin_alert_notices(key, sent_at) VALUES (?, ?) ON CONFLICT(key) DO NOTHING")
      .bind(1, key)
      .bind(2, to_unix(at))
      .run();
  if (db_.changes() == 0) return false;
  insert_outbox(db_, mail, at);
  tx.commit();
  return true;
}

}  // namespace gdprd::store
