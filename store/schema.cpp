#include "store/schema.hpp"

namespace gdprd::store {

namespace {

// Times are UTC unix seconds. Enumerations are CHECKed so that a bug in a
// caller cannot write a value the CLI and the deadline logic do not know.
constexpr std::string_view kMigration1 = R"SQL(
CREATE TABLE incidents (
  id INTEGER PRIMARY KEY,
  reference TEXT NOT NULL UNIQUE,
  year INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  record_json TEXT NOT NULL,
  needs_human INTEGER NOT NULL DEFAULT 0 CHECK (needs_human IN (0, 1)),
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
  awareness_at INTEGER,
  awareness_source TEXT,
  reporter_address TEXT,
  reporter_language TEXT,
  category INTEGER CHECK (category IS NULL OR category BETWEEN 1 AND 3),
  priority TEXT CHECK (priority IS NULL OR priority IN ('P1', 'P2', 'P3')),
  decision TEXT CHECK (decision IS NULL OR decision IN ('notified', 'not_notified')),
  decision_at INTEGER,
  decision_by TEXT,
  imy_reference TEXT,
  decision_motivation TEXT,
  delay_reason TEXT,
  subjects_must_be_informed INTEGER CHECK (subjects_must_be_informed IS NULL OR subjects_must_be_informed IN (0, 1)),
  subjects_informed_at INTEGER,
  is_processor INTEGER NOT NULL DEFAULT 0 CHECK (is_processor IN (0, 1)),
  controller_informed_at INTEGER,
  decision_token TEXT,
  late_internal_report INTEGER NOT NULL DEFAULT 0 CHECK (late_internal_report IN (0, 1)),
  UNIQUE (year, seq)
);

CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  mailbox TEXT NOT NULL,
  uidvalidity INTEGER NOT NULL,
  uid INTEGER NOT NULL,
  message_id TEXT,
  sha256 TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  size INTEGER NOT NULL,
  raw BLOB NOT NULL,
  message_class TEXT NOT NULL,
  incident_id INTEGER REFERENCES incidents(id),
  role TEXT NOT NULL CHECK (role IN ('report', 'followup', 'auto_reply', 'bounce', 'decision')),
  UNIQUE (mailbox, uidvalidity, uid)
);
CREATE INDEX messages_message_id ON messages(message_id);
CREATE INDEX messages_incident ON messages(incident_id);

CREATE TABLE reference_counters (
  year INTEGER PRIMARY KEY,
  last_seq INTEGER NOT NULL
);

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id),
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  detail_json TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX events_incident ON events(incident_id);
-- The event log is evidence (Art. 33(5) documentation): append-only.
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  incident_id INTEGER REFERENCES incidents(id),
  kind TEXT NOT NULL,
  dedupe_key TEXT NOT NULL UNIQUE,
  sender TEXT NOT NULL,
  recipients TEXT NOT NULL,
  message BLOB NOT NULL,
  message_id TEXT,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  sent_at INTEGER,
  last_error TEXT
);
CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE sent_at IS NULL;
CREATE INDEX outbox_message_id ON outbox(message_id);

CREATE TABLE mailbox_state (
  mailbox TEXT PRIMARY KEY,
  uidvalidity INTEGER NOT NULL,
  last_uid INTEGER NOT NULL DEFAULT 0,
  last_poll_at INTEGER,
  last_poll_ok_at INTEGER,
  last_error TEXT
);

CREATE TABLE reminders (
  incident_id INTEGER NOT NULL REFERENCES incidents(id),
  ladder TEXT NOT NULL,
  step TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  sent_at INTEGER,
  PRIMARY KEY (incident_id, ladder, step)
);
)SQL";

// The stored bytes are the evidence the record was read from, and a
// reference, once given to a reporter, names that incident for good.
constexpr std::string_view kMigration2 = R"SQL(
CREATE TRIGGER messages_raw_immutable BEFORE UPDATE OF raw, sha256, size ON messages
  BEGIN SELECT RAISE(ABORT, 'stored message bytes are immutable'); END;
CREATE TRIGGER incidents_reference_immutable BEFORE UPDATE OF reference, year, seq ON incidents
  BEGIN SELECT RAISE(ABORT, 'incident references are immutable'); END;
)SQL";

// Self-monitoring (daemon/admin_alert_monitor.hpp): an episode is one
// stretch of a failing condition ("poll_failure:<mailbox>", "outbox_stuck");
// at most one open per condition, so a restart finds it instead of opening a
// second one and mailing the admins again. Notices are one-off warnings
// (secret expiry), keyed by what they warn about.
constexpr std::string_view kMigration3 = R"SQL(
CREATE TABLE admin_alert_episodes (
  id INTEGER PRIMARY KEY,
  condition TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  alerted_at INTEGER,
  ended_at INTEGER,
  recovery_sent INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
);
CREATE UNIQUE INDEX admin_alert_episodes_open ON admin_alert_episodes(condition) WHERE ended_at IS NULL;
CREATE TABLE admin_alert_notices (
  key TEXT PRIMARY KEY,
  sent_at INTEGER NOT NULL
);
)SQL";

}  // namespace

const std::vector<std::string_view>& migrations() {
  static const std::vector<std::string_view> list = {kMigration1, kMigration2, kMigration3};
  return list;
}

}  // namespace gdprd::store
