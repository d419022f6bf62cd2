#include "store/incident_store.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/stockholm_time.hpp"
#include "store/record_revision.hpp"
#include "store/sha256.hpp"

namespace gdprd::store {

namespace {

int64_t to_unix(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

TimePoint from_unix(int64_t s) { return TimePoint(std::chrono::seconds(s)); }

std::optional<int64_t> to_unix(const std::optional<TimePoint>& t) {
  if (!t) return std::nullopt;
  return to_unix(*t);
}

std::optional<TimePoint> opt_time(const Statement& s, int column) {
  auto v = s.opt_int64(column);
  if (!v) return std::nullopt;
  return from_unix(*v);
}

std::string random_token() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw StoreError("no randomness for decision token", 0);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xf]);
  }
  return out;
}

constexpr std::string_view kIncidentColumns =
    "id, reference, year, seq, created_at, record_json, needs_human, state, awareness_at, awareness_source, "
    "reporter_address, reporter_language, category, priority, decision, decision_at, decision_by, imy_reference, "
    "decision_motivation, delay_reason, subjects_must_be_informed, subjects_informed_at, is_processor, "
    "controller_informed_at, decision_token, late_internal_report";

IncidentRow read_incident(const Statement& s) {
  IncidentRow r;
  r.id = s.int64(0);
  r.reference = s.text(1);
  r.year = static_cast<int>(s.int64(2));
  r.seq = static_cast<int>(s.int64(3));
  r.created_at = from_unix(s.int64(4));
  r.record_json = s.text(5);
  r.needs_human = s.int64(6) != 0;
  r.state = s.text(7);
  r.awareness_at = opt_time(s, 8);
  r.awareness_source = s.text(9);
  r.reporter_address = s.text(10);
  r.reporter_language = s.text(11);
  r.category = s.opt_int64(12);
  r.priority = s.opt_text(13);
  r.decision = s.opt_text(14);
  r.decision_at = opt_time(s, 15);
  r.decision_by = s.opt_text(16);
  r.imy_reference = s.opt_text(17);
  r.decision_motivation = s.opt_text(18);
  r.delay_reason = s.opt_text(19);
  if (auto v = s.opt_int64(20)) r.subjects_must_be_informed = *v != 0;
  r.subjects_informed_at = opt_time(s, 21);
  r.is_processor = s.int64(22) != 0;
  r.controller_informed_at = opt_time(s, 23);
  r.decision_token = s.text(24);
  r.late_internal_report = s.int64(25) != 0;
  return r;
}

constexpr std::string_view kMessageColumns =
    "id, mailbox, uidvalidity, uid, message_id, sha256, received_at, size, raw, message_class, role";

StoredMessage read_message(const Statement& s) {
  StoredMessage m;
  m.id = s.int64(0);
  m.mailbox = s.text(1);
  m.uidvalidity = s.int64(2);
  m.uid = s.int64(3);
  m.message_id = s.text(4);
  m.sha256 = s.text(5);
  m.received_at = from_unix(s.int64(6));
  m.size = s.int64(7);
  m.raw = s.blob(8);
  m.message_class = s.text(9);
  m.role = s.text(10);
  return m;
}

constexpr std::string_view kOutboxColumns =
    "id, incident_id, kind, dedupe_key, sender, recipients, message, message_id, created_at, attempts, "
    "next_attempt_at, sent_at, last_error";

OutboxEntry read_outbox(const Statement& s) {
  OutboxEntry e;
  e.id = s.int64(0);
  e.incident_id = s.opt_int64(1);
  e.kind = s.text(2);
  e.dedupe_key = s.text(3);
  e.sender = s.text(4);
  auto recipients = nlohmann::json::parse(s.text(5), nullptr, false);
  if (recipients.is_array())
    for (const auto& r : recipients)
      if (r.is_string()) e.recipients.push_back(r.get<std::string>());
  e.message = s.blob(6);
  e.message_id = s.text(7);
  e.created_at = from_unix(s.int64(8));
  e.attempts = static_cast<int>(s.int64(9));
  e.next_attempt_at = opt_time(s, 10);
  e.sent_at = opt_time(s, 11);
  e.last_error = s.text(12);
  return e;
}

IncidentRef ref_of(const IncidentRow& row) { return {row.id, row.reference, row.year, row.seq}; }

void insert_event(Database& db, int64_t incident_id, TimePoint at, std::string_view actor, std::string_view kind,
                  std::string_view detail_json) {
  db.prepare("INSERT INTO events(incident_id, at, actor, kind, detail_json) VALUES (?, ?, ?, ?, ?)")
      .bind(1, incident_id)
      .bind(2, to_unix(at))
      .bind(3, actor)
      .bind(4, kind)
      .bind(5, detail_json)
      .run();
}

// Inserts unless the dedupe key exists; true when inserted.
bool insert_outbox(Database& db, std::optional<int64_t> incident_id, const OutboxMail& mail, TimePoint now) {
  nlohmann::json recipients = mail.recipients;
  auto stmt = db.prepare(
      "INSERT INTO outbox(incident_id, kind, dedupe_key, sender, recipients, message, message_id, created_at, "
      "attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?) ON CONFLICT(dedupe_key) DO NOTHING");
  stmt.bind(1, incident_id)
      .bind(2, mail.kind)
      .bind(3, mail.dedupe_key)
      .bind(4, mail.sender)
      .bind(5, recipients.dump())
      .bind_blob(6, mail.message)
      .bind(7, normalize_message_id(mail.message_id))
      .bind(8, to_unix(now))
      .bind(9, to_unix(now));
  stmt.run();
  return db.changes() > 0;
}

void require_incident(Database& db, int64_t incident_id) {
  auto stmt = db.prepare("SELECT 1 FROM incidents WHERE id = ?");
  stmt.bind(1, incident_id);
  if (!stmt.step()) throw StoreError("no incident with id " + std::to_string(incident_id), 0);
}

}  // namespace

TimePoint next_attempt_after(int attempts, TimePoint now) {
  int exponent = std::clamp(attempts - 1, 0, 6);  // 1, 2, 4, ... 64 minutes
  auto delay = std::min<std::chrono::minutes>(std::chrono::minutes(1LL << exponent), std::chrono::hours(1));
  return now + delay;
}

std::string format_reference(int year, int seq) {
  std::string digits = std::to_string(seq);
  if (digits.size() < 4) digits.insert(0, 4 - digits.size(), '0');
  return "PUI-" + std::to_string(year) + "-" + digits;
}

std::string normalize_message_id(std::string_view id) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!id.empty() && is_space(id.front())) id.remove_prefix(1);
  while (!id.empty() && is_space(id.back())) id.remove_suffix(1);
  if (id.size() >= 2 && id.front() == '<' && id.back() == '>') id = id.substr(1, id.size() - 2);
  return std::string(id);
}

// ---------------------------------------------------------------- mailbox

// One write of the store: its own transaction, or a savepoint inside an open
// Batch / atomically() (so a failed write undoes only itself there).
class WriteScope {
 public:
  explicit WriteScope(IncidentStore& store) : store_(store), nested_(store.write_depth_ > 0) {
    store_.db_.exec(nested_ ? "SAVEPOINT gdprd_write" : "BEGIN IMMEDIATE");
    ++store_.write_depth_;
  }
  ~WriteScope() {
    if (done_) return;
    --store_.write_depth_;
    try {
      if (nested_) {
        store_.db_.exec("ROLLBACK TO gdprd_write");
        store_.db_.exec("RELEASE gdprd_write");
      } else {
        store_.db_.exec("ROLLBACK");
      }
    } catch (...) {
      // SQLite already rolled back (e.g. after SQLITE_FULL); the outer COMMIT will say so.
    }
  }
  WriteScope(const WriteScope&) = delete;
  WriteScope& operator=(const WriteScope&) = delete;
  void commit() {
    store_.db_.exec(nested_ ? "RELEASE gdprd_write" : "COMMIT");
    done_ = true;
    --store_.write_depth_;
  }

 private:
  IncidentStore& store_;
  bool nested_;
  bool done_ = false;
};

IncidentStore::Batch::Batch(IncidentStore& store) : store_(store) {
  if (store_.write_depth_ > 0) throw StoreError("a batch inside another write", 0);
  store_.db_.exec("BEGIN IMMEDIATE");
  ++store_.write_depth_;
}

IncidentStore::Batch::~Batch() {
  if (done_) return;
  --store_.write_depth_;
  try {
    store_.db_.exec("ROLLBACK");
  } catch (...) {
    // Already rolled back by SQLite.
  }
}

void IncidentStore::Batch::commit() {
  store_.db_.exec("COMMIT");
  done_ = true;
  --store_.write_depth_;
}

void IncidentStore::atomically(const std::function<void()>& work) {
  WriteScope tx(*this);
  work();
  tx.commit();
}

std::optional<MailboxState> IncidentStore::mailbox_state(const std::string& mailbox) {
  auto s = db_.prepare(
      "SELECT mailbox, uidvalidity, last_uid, last_poll_at, last_poll_ok_at, last_error FROM mailbox_state "
      "WHERE mailbox = ?");
  s.bind(1, mailbox);
  if (!s.step()) return std::nullopt;
  MailboxState m;
  m.mailbox = s.text(0);
  m.uidvalidity = s.int64(1);
  m.last_uid = s.int64(2);
  m.last_poll_at = opt_time(s, 3);
  m.last_poll_ok_at = opt_time(s, 4);
  m.last_error = s.text(5);
  return m;
}

bool IncidentStore::set_uidvalidity(const std::string& mailbox, int64_t uidvalidity) {
  WriteScope tx(*this);
  auto current = mailbox_state(mailbox);
  if (current && current->uidvalidity == uidvalidity) return false;
  db_.prepare(
         "INSERT INTO mailbox_state(mailbox, uidvalidity, last_uid) VALUES (?, ?, 0) "
         "ON CONFLICT(mailbox) DO UPDATE SET uidvalidity = excluded.uidvalidity, last_uid = 0")
      .bind(1, mailbox)
      .bind(2, uidvalidity)
      .run();
  tx.commit();
  return true;
}

void IncidentStore::record_poll(const std::string& mailbox, bool ok, std::string_view error) {
  int64_t now = to_unix(clock_.now());
  WriteScope tx(*this);
  auto s = db_.prepare(
      "INSERT INTO mailbox_state(mailbox, uidvalidity, last_uid, last_poll_at, last_poll_ok_at, last_error) "
      "VALUES (?1, 0, 0, ?2, CASE WHEN ?3 THEN ?2 END, ?4) "
      "ON CONFLICT(mailbox) DO UPDATE SET last_poll_at = ?2, "
      "last_poll_ok_at = CASE WHEN ?3 THEN ?2 ELSE last_poll_ok_at END, last_error = ?4");
  s.bind(1, mailbox).bind(2, now).bind(3, int64_t{ok ? 1 : 0});
  if (ok)
    s.bind_null(4);
  else
    s.bind(4, error);
  s.run();
  tx.commit();
}

// ---------------------------------------------------------------- ingest

std::optional<StoredMessageRef> IncidentStore::find_message(std::string_view message_id, std::string_view sha256) {
  std::string id = normalize_message_id(message_id);
  if (id.empty()) return std::nullopt;
  auto s = db_.prepare("SELECT id, incident_id FROM messages WHERE message_id = ? AND sha256 = ? ORDER BY id LIMIT 1");
  s.bind(1, id).bind(2, sha256);
  if (!s.step()) return std::nullopt;
  return StoredMessageRef{s.int64(0), s.opt_int64(1)};
}

std::vector<int64_t> IncidentStore::stored_uids(const std::string& mailbox, int64_t uidvalidity,
                                               const std::vector<int64_t>& uids) {
  auto s = db_.prepare("SELECT 1 FROM messages WHERE mailbox = ? AND uidvalidity = ? AND uid = ?");
  std::vector<int64_t> out;
  for (int64_t uid : uids) {
    s.reset();
    s.bind(1, mailbox).bind(2, uidvalidity).bind(3, uid);
    if (s.step()) out.push_back(uid);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

IngestResult IncidentStore::ingest(const IngestRequest& req) {
  const TimePoint now = clock_.now();
  const std::string message_id = normalize_message_id(req.message_id);
  const std::string sha = sha256_hex(req.raw);

  WriteScope tx(*this);
  auto advance_last_uid = [&] {
    db_.prepare(
           "INSERT INTO mailbox_state(mailbox, uidvalidity, last_uid) VALUES (?1, ?2, ?3) "
           "ON CONFLICT(mailbox) DO UPDATE SET last_uid = max(last_uid, ?3) WHERE uidvalidity = ?2")
        .bind(1, req.mailbox)
        .bind(2, req.uidvalidity)
        .bind(3, req.uid)
        .run();
  };
  auto duplicate = [&](int64_t row, std::optional<int64_t> incident_id) {
    IngestResult result;
    result.outcome = IngestResult::Outcome::duplicate;
    result.message_row = row;
    if (incident_id)
      if (auto incident = incident_by_id(*incident_id)) result.incident = ref_of(*incident);
    advance_last_uid();
    tx.commit();
    return result;
  };

  {
    auto s = db_.prepare("SELECT id, incident_id FROM messages WHERE mailbox = ? AND uidvalidity = ? AND uid = ?");
    s.bind(1, req.mailbox).bind(2, req.uidvalidity).bind(3, req.uid);
    if (s.step()) return duplicate(s.int64(0), s.opt_int64(1));
  }
  if (auto existing = find_message(message_id, sha)) return duplicate(existing->id, existing->incident_id);

  IngestResult result;
  std::string role;
  std::optional<IncidentRef> incident;
  if (req.attach_to_incident) {
    if (req.attach_role != "followup" && req.attach_role != "decision")
      throw StoreError("invalid attach role: " + req.attach_role, 0);
    auto row = incident_by_id(*req.attach_to_incident);
    if (!row) throw StoreError("no incident with id " + std::to_string(*req.attach_to_incident), 0);
    incident = ref_of(*row);
    role = req.attach_role;
    result.outcome = IngestResult::Outcome::attached;
  } else if (req.message_class == "auto_reply" || req.message_class == "bounce") {
    role = req.message_class;
    result.outcome = IngestResult::Outcome::stored_only;
  } else {
    role = "report";
    result.outcome = IngestResult::Outcome::created;
    int year = stockholm::to_local(now).year;
    auto counter = db_.prepare(
        "INSERT INTO reference_counters(year, last_seq) VALUES (?, 1) "
        "ON CONFLICT(year) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq");
    counter.bind(1, int64_t{year});
    counter.step();
    int seq = static_cast<int>(counter.int64(0));
    counter.run();
    std::string reference = format_reference(year, seq);
    db_.prepare(
           "INSERT INTO incidents(reference, year, seq, created_at, record_json, needs_human, state, awareness_at, "
           "awareness_source, reporter_address, reporter_language, is_processor, decision_token, "
           "late_internal_report) VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, reference)
        .bind(2, int64_t{year})
        .bind(3, int64_t{seq})
        .bind(4, to_unix(now))
        .bind(5, req.record_json.empty() ? std::string_view("{}") : std::string_view(req.record_json))
        .bind(6, int64_t{req.needs_human ? 1 : 0})
        .bind(7, to_unix(req.awareness_at))
        .bind(8, req.awareness_source)
        .bind(9, req.reporter_address)
        .bind(10, req.reporter_language)
        .bind(11, int64_t{req.is_processor ? 1 : 0})
        .bind(12, random_token())
        .bind(13, int64_t{req.late_internal_report ? 1 : 0})
        .run();
    incident = IncidentRef{db_.last_insert_id(), reference, year, seq};
  }

  auto insert = db_.prepare(
      "INSERT INTO messages(mailbox, uidvalidity, uid, message_id, sha256, received_at, size, raw, message_class, "
      "incident_id, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, req.mailbox)
      .bind(2, req.uidvalidity)
      .bind(3, req.uid)
      .bind(4, message_id)
      .bind(5, sha)
      .bind(6, to_unix(req.received_at))
      .bind(7, static_cast<int64_t>(req.raw.size()))
      .bind_blob(8, req.raw)
      .bind(9, req.message_class)
      .bind(10, incident ? std::optional<int64_t>(incident->id) : std::nullopt)
      .bind(11, role);
  insert.run();
  result.message_row = db_.last_insert_id();

  if (incident) {
    nlohmann::json detail = {{"message_row", result.message_row},
                             {"mailbox", req.mailbox},
                             {"uidvalidity", req.uidvalidity},
                             {"uid", req.uid},
                             {"message_class", req.message_class},
                             {"role", role}};
    insert_event(db_, incident->id, now, req.actor,
                 result.outcome == IngestResult::Outcome::created ? "incident_created" : "message_attached",
                 detail.dump());
    if (req.compose_outbox)
      for (const auto& mail : req.compose_outbox(*incident)) insert_outbox(db_, incident->id, mail, now);
  }
  advance_last_uid();
  tx.commit();
  result.incident = incident;
  return result;
}

// ---------------------------------------------------------------- reads

std::vector<IncidentRow> IncidentStore::list_incidents(int64_t limit, int64_t offset) {
  auto s = db_.prepare("SELECT " + std::string(kIncidentColumns) +
                       " FROM incidents ORDER BY year DESC, seq DESC LIMIT ? OFFSET ?");
  s.bind(1, limit).bind(2, offset);
  std::vector<IncidentRow> out;
  while (s.step()) out.push_back(read_incident(s));
  return out;
}

std::vector<IncidentRow> IncidentStore::open_incidents() {
  auto s = db_.prepare("SELECT " + std::string(kIncidentColumns) + " FROM incidents WHERE state = 'open' ORDER BY id");
  std::vector<IncidentRow> out;
  while (s.step()) out.push_back(read_incident(s));
  return out;
}

std::optional<IncidentRow> IncidentStore::incident_by_reference(std::string_view reference) {
  auto s = db_.prepare("SELECT " + std::string(kIncidentColumns) + " FROM incidents WHERE reference = ?");
  s.bind(1, reference);
  if (!s.step()) return std::nullopt;
  return read_incident(s);
}

std::optional<IncidentRow> IncidentStore::incident_by_id(int64_t id) {
  auto s = db_.prepare("SELECT " + std::string(kIncidentColumns) + " FROM incidents WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return read_incident(s);
}

std::optional<IncidentRow> IncidentStore::incident_by_message_id(std::string_view message_id) {
  std::string id = normalize_message_id(message_id);
  if (id.empty()) return std::nullopt;
  auto s = db_.prepare(
      "SELECT incident_id FROM messages WHERE message_id = ?1 AND incident_id IS NOT NULL "
      "UNION ALL SELECT incident_id FROM outbox WHERE message_id = ?1 AND incident_id IS NOT NULL LIMIT 1");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return incident_by_id(s.int64(0));
}

std::vector<Event> IncidentStore::events(int64_t incident_id) {
  auto s = db_.prepare("SELECT id, incident_id, at, actor, kind, detail_json FROM events WHERE incident_id = ? ORDER BY id");
  s.bind(1, incident_id);
  std::vector<Event> out;
  while (s.step()) out.push_back({s.int64(0), s.int64(1), from_unix(s.int64(2)), s.text(3), s.text(4), s.text(5)});
  return out;
}

std::vector<StoredMessage> IncidentStore::messages(int64_t incident_id) {
  auto s = db_.prepare("SELECT " + std::string(kMessageColumns) + " FROM messages WHERE incident_id = ? ORDER BY id");
  s.bind(1, incident_id);
  std::vector<StoredMessage> out;
  while (s.step()) out.push_back(read_message(s));
  return out;
}

std::optional<StoredMessage> IncidentStore::message(int64_t message_row) {
  auto s = db_.prepare("SELECT " + std::string(kMessageColumns) + " FROM messages WHERE id = ?");
  s.bind(1, message_row);
  if (!s.step()) return std::nullopt;
  return read_message(s);
}

// ---------------------------------------------------------------- updates

void IncidentStore::append_event(int64_t incident_id, std::string_view actor, std::string_view kind,
                                 std::string_view detail_json) {
  WriteScope tx(*this);
  insert_event(db_, incident_id, clock_.now(), actor, kind, detail_json);
  tx.commit();
}

void IncidentStore::update_record(int64_t incident_id, std::string_view record_json, bool needs_human,
                                  std::string_view actor) {
  WriteScope tx(*this);
  require_incident(db_, incident_id);
  db_.prepare("UPDATE incidents SET record_json = ?, needs_human = ? WHERE id = ?")
      .bind(1, record_json)
      .bind(2, int64_t{needs_human ? 1 : 0})
      .bind(3, incident_id)
      .run();
  insert_event(db_, incident_id, clock_.now(), actor, "record_updated",
               nlohmann::json{{"needs_human", needs_human}}.dump());
  tx.commit();
}

void IncidentStore::revise_record(int64_t incident_id, std::string_view record_json, bool needs_human,
                                  std::string_view actor, std::string_view kind, std::string_view detail_json) {
  // store::revise_record (record_revision.hpp) opens its own Transaction,
  // which cannot run inside a Batch; this is the same write as a WriteScope.
  nlohmann::ordered_json detail = nlohmann::ordered_json::parse(detail_json, nullptr, false);
  if (detail.is_discarded() || !detail.is_object()) throw StoreError("event detail must be a JSON object", 0);
  WriteScope tx(*this);
  std::string old_json;
  {
    auto current = db_.prepare("SELECT record_json FROM incidents WHERE id = ?");
    current.bind(1, incident_id);
    if (!current.step()) throw StoreError("no incident with id " + std::to_string(incident_id), 0);
    old_json = current.text(0);
  }
  // Kept parsed when it parses, so the event reads as JSON; verbatim otherwise.
  auto old_record = nlohmann::ordered_json::parse(old_json, nullptr, false);
  detail["old_record"] = old_record.is_discarded() ? nlohmann::ordered_json(old_json) : old_record;
  db_.prepare("UPDATE incidents SET record_json = ?, needs_human = ? WHERE id = ?")
      .bind(1, record_json)
      .bind(2, int64_t{needs_human ? 1 : 0})
      .bind(3, incident_id)
      .run();
  insert_event(db_, incident_id, clock_.now(), actor, kind,
               detail.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
  tx.commit();
}

void IncidentStore::record_assessment(int64_t incident_id, int category, std::string_view priority,
                                      std::string_view actor) {
  WriteScope tx(*this);
  require_incident(db_, incident_id);
  db_.prepare("UPDATE incidents SET category = ?, priority = ? WHERE id = ?")
      .bind(1, int64_t{category})
      .bind(2, priority)
      .bind(3, incident_id)
      .run();
  nlohmann::json detail = {{"category", category}, {"priority", std::string(priority)}};
  insert_event(db_, incident_id, clock_.now(), actor, "assessment_recorded", detail.dump());
  tx.commit();
}

void IncidentStore::record_decision(int64_t incident_id, const Decision& d) {
  WriteScope tx(*this);
  require_incident(db_, incident_id);
  std::optional<int64_t> must_inform;
  if (d.subjects_must_be_informed) must_inform = *d.subjects_must_be_informed ? 1 : 0;
  db_.prepare(
         "UPDATE incidents SET decision = ?, decision_at = ?, decision_by = ?, imy_reference = ?, "
         "decision_motivation = ?, delay_reason = ?, subjects_must_be_informed = ? WHERE id = ?")
      .bind(1, d.decision)
      .bind(2, to_unix(d.at))
      .bind(3, d.by)
      .bind(4, d.imy_reference)
      .bind(5, d.motivation)
      .bind(6, d.delay_reason)
      .bind(7, must_inform)
      .bind(8, incident_id)
      .run();
  nlohmann::json detail = {{"decision", d.decision}, {"at", to_unix(d.at)}};
  if (d.imy_reference) detail["imy_reference"] = *d.imy_reference;
  if (d.delay_reason) detail["delay_reason"] = *d.delay_reason;
  if (d.subjects_must_be_informed) detail["subjects_must_be_informed"] = *d.subjects_must_be_informed;
  insert_event(db_, incident_id, clock_.now(), d.by, "decision_recorded", detail.dump());
  tx.commit();
}

void IncidentStore::record_subjects_informed(int64_t incident_id, TimePoint at, std::string_view actor) {
  WriteScope tx(*this);
  require_incident(db_, incident_id);
  db_.prepare("UPDATE incidents SET subjects_informed_at = ? WHERE id = ?").bind(1, to_unix(at)).bind(2, incident_id).run();
  insert_event(db_, incident_id, clock_.now(), actor, "subjects_informed",
               nlohmann::json{{"at", to_unix(at)}}.dump());
  tx.commit();
}

void IncidentStore::record_controller_informed(int64_t incident_id, TimePoint at, std::string_view actor) {
  WriteScope tx(*this);
  require_incident(db_, incident_id);
  db_.prepare("UPDATE incidents SET controller_informed_at = ? WHERE id = ?")
      .bind(1, to_unix(at))
      .bind(2, incident_id)
      .run();
  insert_event(db_, incident_id, clock_.now(), actor, "controller_informed",
               nlohmann::json{{"at", to_unix(at)}}.dump());
  tx.commit();
}

void IncidentStore::set_state(int64_t incident_id, std::string_view state, std::string_view actor) {
  WriteScope tx(*this);
  require_incident(db_, incident_id);
  db_.prepare("UPDATE incidents SET state = ? WHERE id = ?").bind(1, state).bind(2, incident_id).run();
  insert_event(db_, incident_id, clock_.now(), actor, "state_changed",
               nlohmann::json{{"state", std::string(state)}}.dump());
  tx.commit();
}

// ---------------------------------------------------------------- outbox

bool IncidentStore::enqueue(std::optional<int64_t> incident_id, const OutboxMail& mail) {
  WriteScope tx(*this);
  bool inserted = insert_outbox(db_, incident_id, mail, clock_.now());
  tx.commit();
  return inserted;
}

std::vector<OutboxEntry> IncidentStore::due_outbox(TimePoint now, int64_t limit) {
  auto s = db_.prepare("SELECT " + std::string(kOutboxColumns) +
                       " FROM outbox WHERE sent_at IS NULL AND next_attempt_at IS NOT NULL AND next_attempt_at <= ? "
                       "ORDER BY next_attempt_at, id LIMIT ?");
  s.bind(1, to_unix(now)).bind(2, limit);
  std::vector<OutboxEntry> out;
  while (s.step()) out.push_back(read_outbox(s));
  return out;
}

void IncidentStore::mark_sent(int64_t outbox_id, TimePoint now) {
  WriteScope tx(*this);
  db_.prepare("UPDATE outbox SET sent_at = ?, next_attempt_at = NULL, last_error = NULL WHERE id = ?")
      .bind(1, to_unix(now))
      .bind(2, outbox_id)
      .run();
  tx.commit();
}

void IncidentStore::mark_failed(int64_t outbox_id, std::string_view error, std::optional<TimePoint> next_attempt_at) {
  WriteScope tx(*this);
  db_.prepare("UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ? AND sent_at IS NULL")
      .bind(1, error)
      .bind(2, to_unix(next_attempt_at))
      .bind(3, outbox_id)
      .run();
  tx.commit();
}

OutboxStats IncidentStore::outbox_stats() {
  auto s = db_.prepare(
      "SELECT count(*) FILTER (WHERE next_attempt_at IS NOT NULL), count(*) FILTER (WHERE next_attempt_at IS NULL), "
      "min(created_at) FILTER (WHERE next_attempt_at IS NOT NULL) FROM outbox WHERE sent_at IS NULL");
  s.step();
  OutboxStats stats;
  stats.unsent = s.int64(0);
  stats.given_up = s.int64(1);
  stats.oldest_unsent = opt_time(s, 2);
  return stats;
}

std::optional<OutboxEntry> IncidentStore::outbox_entry(int64_t outbox_id) {
  auto s = db_.prepare("SELECT " + std::string(kOutboxColumns) + " FROM outbox WHERE id = ?");
  s.bind(1, outbox_id);
  if (!s.step()) return std::nullopt;
  return read_outbox(s);
}

// ---------------------------------------------------------------- reminders

std::vector<std::string> IncidentStore::reminder_steps_done(int64_t incident_id, std::string_view ladder) {
  auto s = db_.prepare("SELECT step FROM reminders WHERE incident_id = ? AND ladder = ? ORDER BY due_at, step");
  s.bind(1, incident_id).bind(2, ladder);
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.text(0));
  return out;
}

bool IncidentStore::mark_reminder(int64_t incident_id, std::string_view ladder, std::string_view step,
                                  TimePoint due_at, TimePoint sent_at, const std::optional<OutboxMail>& mail) {
  WriteScope tx(*this);
  db_.prepare(
         "INSERT INTO reminders(incident_id, ladder, step, due_at, sent_at) VALUES (?, ?, ?, ?, ?) "
         "ON CONFLICT DO NOTHING")
      .bind(1, incident_id)
      .bind(2, ladder)
      .bind(3, step)
      .bind(4, to_unix(due_at))
      .bind(5, to_unix(sent_at))
      .run();
  if (db_.changes() == 0) return false;
  if (mail) insert_outbox(db_, incident_id, *mail, clock_.now());
  tx.commit();
  return true;
}

}  // namespace gdprd::store
