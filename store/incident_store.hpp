// The daemon's and the CLI's view of the database: messages, incidents,
// events, outbox, mailbox state and reminders. Every write is one short
// transaction; reads need none. Times are TimePoints in and out (stored as
// UTC unix seconds); the store never reads the system clock — "now" comes
// from the injected Clock.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace gdprd::store {

// A created or found incident, as handed to the outbox callback.
struct IncidentRef {
  int64_t id = 0;
  std::string reference;  // "PUI-2026-0042"
  int year = 0;
  int seq = 0;
};

// One mail to send, composed by the caller (notify/). The store keeps the
// bytes verbatim and never looks inside them.
struct OutboxMail {
  std::string kind;        // ack | reminder | completion_request | decision_reply | alert | ...
  std::string dedupe_key;  // unique over the outbox, e.g. "ack:PUI-2026-0001"
  std::string sender;      // SMTP envelope sender (MAIL FROM)
  std::vector<std::string> recipients;  // envelope recipients (RCPT TO)
  std::string message;     // complete RFC 5322 bytes, CRLF line ends
  std::string message_id;  // its Message-ID without <>, to match replies
};

struct IngestRequest {
  std::string mailbox;
  int64_t uidvalidity = 0;
  int64_t uid = 0;
  std::string raw;              // exact bytes as fetched
  std::string message_id;       // Message-ID header, with or without <>; may be empty
  TimePoint received_at;        // when fetched (or the INTERNALDATE)
  std::string message_class = "report";  // report | auto_reply | bounce (from the record)
  // Set when the caller matched this mail to an existing incident (a reply
  // carrying the reference): the message is attached with this role
  // ("followup" or "decision") and no incident is created.
  std::optional<int64_t> attach_to_incident;
  std::string attach_role = "followup";
  // Incident fields (ignored when no incident is created).
  std::string record_json;      // to_json(record).dump()
  bool needs_human = false;
  std::optional<TimePoint> awareness_at;
  std::string awareness_source;  // e.g. "discovered_at" | "received_at"
  std::string reporter_address;
  std::string reporter_language = "sv";
  bool is_processor = false;
  bool late_internal_report = false;
  std::string actor = "daemon";
  // Called inside the transaction with the new (or attached-to) incident; the
  // mails it returns are inserted into the outbox in the same transaction.
  // Must not throw and must not touch the store. May be empty.
  std::function<std::vector<OutboxMail>(const IncidentRef&)> compose_outbox;
};

struct IngestResult {
  enum class Outcome {
    created,     // new message row and new incident
    attached,    // new message row linked to attach_to_incident
    stored_only, // auto_reply / bounce: message row, no incident
    duplicate,   // already ingested (same mailbox/uidvalidity/uid, or same
                 // Message-ID and SHA-256): nothing written but last_uid
  };
  Outcome outcome = Outcome::created;
  int64_t message_row = 0;               // the (possibly pre-existing) messages.id
  std::optional<IncidentRef> incident;   // created, attached-to or previously linked
};

struct MailboxState {
  std::string mailbox;
  int64_t uidvalidity = 0;
  int64_t last_uid = 0;  // highest UID committed under uidvalidity
  std::optional<TimePoint> last_poll_at;
  std::optional<TimePoint> last_poll_ok_at;
  std::string last_error;
};

struct StoredMessageRef {
  int64_t id = 0;
  std::optional<int64_t> incident_id;
};

struct StoredMessage {
  int64_t id = 0;
  std::string mailbox;
  int64_t uidvalidity = 0;
  int64_t uid = 0;
  std::string message_id;
  std::string sha256;
  TimePoint received_at;
  int64_t size = 0;
  std::string raw;
  std::string message_class;
  std::string role;
};

struct IncidentRow {
  int64_t id = 0;
  std::string reference;
  int year = 0;
  int seq = 0;
  TimePoint created_at;
  std::string record_json;
  bool needs_human = false;
  std::string state;  // open | closed
  std::optional<TimePoint> awareness_at;
  std::string awareness_source;
  std::string reporter_address;
  std::string reporter_language;
  std::optional<int64_t> category;        // 1-3 (CISO's initial assessment)
  std::optional<std::string> priority;    // P1-P3
  std::optional<std::string> decision;    // notified | not_notified
  std::optional<TimePoint> decision_at;
  std::optional<std::string> decision_by;
  std::optional<std::string> imy_reference;
  std::optional<std::string> decision_motivation;
  std::optional<std::string> delay_reason;
  std::optional<bool> subjects_must_be_informed;
  std::optional<TimePoint> subjects_informed_at;
  bool is_processor = false;
  std::optional<TimePoint> controller_informed_at;
  std::string decision_token;  // random hex, for decision links/replies
  bool late_internal_report = false;
};

struct Event {
  int64_t id = 0;
  int64_t incident_id = 0;
  TimePoint at;
  std::string actor;
  std::string kind;
  std::string detail_json;
};

struct OutboxEntry {
  int64_t id = 0;
  std::optional<int64_t> incident_id;
  std::string kind;
  std::string dedupe_key;
  std::string sender;
  std::vector<std::string> recipients;
  std::string message;
  std::string message_id;
  TimePoint created_at;
  int attempts = 0;
  std::optional<TimePoint> next_attempt_at;  // nullopt: given up (permanent failure) or sent
  std::optional<TimePoint> sent_at;
  std::string last_error;
};

struct OutboxStats {
  int64_t unsent = 0;                       // neither sent nor given up
  int64_t given_up = 0;                     // permanent failures
  std::optional<TimePoint> oldest_unsent;   // created_at of the oldest unsent
};

// The CISO's decision on notifying IMY (Art. 33).
struct Decision {
  std::string decision;  // notified | not_notified
  TimePoint at;
  std::string by;
  std::optional<std::string> imy_reference;
  std::optional<std::string> motivation;
  std::optional<std::string> delay_reason;   // required by the caller when late
  std::optional<bool> subjects_must_be_informed;
};

// Exponential backoff for outbox retries: 1 min after the first failure,
// doubling, capped at 1 h. attempts counts failures so far (>= 1).
TimePoint next_attempt_after(int attempts, TimePoint now);

// "PUI-2026-0042": four digits minimum, more when seq > 9999.
std::string format_reference(int year, int seq);
// Strips surrounding whitespace and one pair of <>; empty stays empty.
std::string normalize_message_id(std::string_view message_id);

class IncidentStore {
 public:
  // Borrows both; they must outlive the store.
  IncidentStore(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // ---- batches and compound writes
  // One transaction that every write of this store joins until commit():
  // many mails, one durable commit. Each write inside stays atomic on its
  // own (a savepoint: a write that throws undoes only itself). Nothing in the
  // batch is durable, nor may be acted on (\Seen on the server, sending),
  // before commit() returns. Destruction without commit() rolls all back.
  // One at a time per store; while it is open, other code must not open
  // Transactions on the same Database.
  class Batch {
   public:
    explicit Batch(IncidentStore& store);
    ~Batch();
    Batch(const Batch&) = delete;
    Batch& operator=(const Batch&) = delete;
    void commit();  // throws StoreError; the batch is then rolled back

   private:
    IncidentStore& store_;
    bool done_ = false;
  };
  // Runs WORK (which calls this store) as one write: all of its writes are
  // kept or, when it throws, none (the exception is passed on). Inside a
  // Batch it joins the batch's transaction.
  void atomically(const std::function<void()>& work);

  // ---- mailbox state
  std::optional<MailboxState> mailbox_state(const std::string& mailbox);
  // Records the UIDVALIDITY seen at SELECT. When it differs from the stored
  // one, last_uid restarts at 0 (old message rows are kept; ingest then
  // recognises already-stored mails by Message-ID + SHA-256). Returns true
  // when the UIDVALIDITY changed (or the mailbox was unknown).
  bool set_uidvalidity(const std::string& mailbox, int64_t uidvalidity);
  // Records a poll attempt at clock.now(); ok=false keeps last_poll_ok_at.
  void record_poll(const std::string& mailbox, bool ok, std::string_view error = {});

  // ---- ingest
  // Those of UIDS (in a mailbox under uidvalidity) that are stored, ascending:
  // committed, so they may be flagged or moved on the server.
  std::vector<int64_t> stored_uids(const std::string& mailbox, int64_t uidvalidity,
                                   const std::vector<int64_t>& uids);
  // A stored message with this Message-ID (normalized) and SHA-256, if any.
  std::optional<StoredMessageRef> find_message(std::string_view message_id, std::string_view sha256);
  // In one transaction: stores the raw message; creates the incident with
  // the next reference of the current Stockholm year (unless auto_reply/
  // bounce, or attach_to_incident is set); appends an event; inserts the
  // callback's outbox mails (a dedupe_key already present is skipped);
  // advances mailbox_state.last_uid. Idempotent (see Outcome::duplicate).
  // Throws StoreError; nothing is written then.
  IngestResult ingest(const IngestRequest& request);

  // ---- reads (CLI, follow-up matching)
  // Newest first.
  std::vector<IncidentRow> list_incidents(int64_t limit = 1000, int64_t offset = 0);
  // Open incidents, oldest first: what the deadline scheduler walks.
  std::vector<IncidentRow> open_incidents();
  std::optional<IncidentRow> incident_by_reference(std::string_view reference);
  std::optional<IncidentRow> incident_by_id(int64_t id);
  // The incident one of whose messages, or one of whose outbox mails, has
  // this Message-ID (normalized before matching).
  std::optional<IncidentRow> incident_by_message_id(std::string_view message_id);
  std::vector<Event> events(int64_t incident_id);
  // Oldest first, with raw bytes.
  std::vector<StoredMessage> messages(int64_t incident_id);
  std::optional<StoredMessage> message(int64_t message_row);

  // ---- incident updates (each appends an event in the same transaction)
  void append_event(int64_t incident_id, std::string_view actor, std::string_view kind,
                    std::string_view detail_json = "{}");
  // Replaces the stored record (e.g. after a follow-up completed it).
  void update_record(int64_t incident_id, std::string_view record_json, bool needs_human, std::string_view actor);
  // Replaces the record keeping the old one: an event of kind whose detail is
  // detail_json plus "old_record" (store/record_revision.hpp), at clock.now().
  void revise_record(int64_t incident_id, std::string_view record_json, bool needs_human, std::string_view actor,
                     std::string_view kind, std::string_view detail_json = "{}");
  void record_assessment(int64_t incident_id, int category, std::string_view priority,
                         std::string_view actor);
  void record_decision(int64_t incident_id, const Decision& decision);
  void record_subjects_informed(int64_t incident_id, TimePoint at, std::string_view actor);
  void record_controller_informed(int64_t incident_id, TimePoint at, std::string_view actor);
  void set_state(int64_t incident_id, std::string_view state, std::string_view actor);

  // ---- outbox
  // Inserts one mail; false when its dedupe_key already exists (nothing written).
  bool enqueue(std::optional<int64_t> incident_id, const OutboxMail& mail);
  // Unsent, not given up, next_attempt_at <= now; oldest first.
  std::vector<OutboxEntry> due_outbox(TimePoint now, int64_t limit);
  void mark_sent(int64_t outbox_id, TimePoint now);
  // attempts += 1, last_error = error; next_attempt_at nullopt means a
  // permanent failure: the mail is never retried (it stays for a human).
  void mark_failed(int64_t outbox_id, std::string_view error, std::optional<TimePoint> next_attempt_at);
  OutboxStats outbox_stats();
  std::optional<OutboxEntry> outbox_entry(int64_t outbox_id);

  // ---- reminders (exactly-once per (incident, ladder, step))
  // Step ids the ladder has already sent (or skipped) for this incident.
  std::vector<std::string> reminder_steps_done(int64_t incident_id, std::string_view ladder);
  // Marks a step done at sent_at and, in the same transaction, enqueues its
  // mail (if given; a skipped step has none). False when the step was
  // already done (nothing written).
  bool mark_reminder(int64_t incident_id, std::string_view ladder, std::string_view step, TimePoint due_at,
                     TimePoint sent_at, const std::optional<OutboxMail>& mail = std::nullopt);

 private:
  friend class WriteScope;
  Database& db_;
  const Clock& clock_;
  int write_depth_ = 0;  // open Batch / writes: > 0 means nested writes are savepoints
};

}  // namespace gdprd::store
