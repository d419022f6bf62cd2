// One mailbox, polled incrementally by UID, in batches of up to kBatchMails
// mails / kBatchBytes: one FETCH for the batch -> read_report per mail (each
// in the parse sandbox) -> one store transaction for the batch (per mail:
// message, incident, acknowledgment in the outbox, a follow-up's merge, each
// mail's writes atomic on their own) -> only then \Seen or move on the
// server, one command for the batch. A crash anywhere before the commit
// leaves the batch to the next poll; after it, the store recognises the
// mails (same UID, or same Message-ID + SHA-256 after a UIDVALIDITY change)
// and no second incident is ever created; mails committed but not yet
// flagged (a crash between the two) are flagged by the next poll.
// The next batch's FETCH runs in a second thread while a batch is parsed:
// the source's fetch_many must be callable concurrently with its other calls
// (ImapClient: a separate connection).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "core/clock.hpp"
#include "core/limits.hpp"
#include "daemon/decision_mail.hpp"
#include "daemon/mailbox_source.hpp"
#include "daemon/parse_sandbox.hpp"
#include "notify/ack_composer.hpp"
#include "store/incident_store.hpp"

namespace gdprd::daemon {

struct PollerSettings {
  std::string mailbox_key;  // the store's name for the mailbox (its URL)
  config::ProcessedAction processed;
  Limits limits;
  std::vector<std::string> reporter_domains;
  std::string language = "sv";  // of the acknowledgment
  std::string from;             // the incident mailbox address (ack sender)
  std::vector<std::string> ciso;  // told when a follow-up changes an incident
};

struct PollStats {
  bool ok = true;           // false: the pass stopped on a server/mailbox error
  std::string error;        // why, when !ok
  size_t fetched = 0;
  size_t incidents = 0;     // created
  size_t stored_only = 0;   // auto-replies, bounces
  size_t attached = 0;      // follow-ups to a known incident
  size_t duplicates = 0;
  size_t acks_queued = 0;
  size_t failed = 0;        // mails left for the next poll
  size_t reflagged = 0;     // stored earlier, flagged/moved on the server only now
  // Where the pass spent its time (seconds, steady clock), for --once's log
  // and the benchmark: waiting for a batch download that had not finished,
  // parsing (the sandboxed reader), the store's durable commits, and the
  // \Seen/MOVE on the server. The rest of a pass is the store's writes.
  double fetch_wait_s = 0, parse_s = 0, commit_s = 0, flag_s = 0;
};

class ImapPoller {
 public:
  // Borrows everything; all must outlive the poller.
  ImapPoller(MailboxSource& client, store::IncidentStore& store, const notify::AckComposer& composer,
             const Clock& clock, PollerSettings settings);

  // One pass over the new mail. Never throws; errors are logged (one line)
  // and end up in the returned stats and in the store's mailbox state.
  PollStats poll_once();

  // Decision mails (a known reference + decision keywords) go to HANDLER
  // before follow-up matching and incident creation. nullptr: none. Borrowed.
  void set_decision_handler(DecisionMailHandler* handler) { decisions_ = handler; }

 private:
  static constexpr size_t kBatchMails = 50;
  static constexpr int64_t kBatchBytes = 20 * 1024 * 1024;
  // A batch is committed early after this long (parsing is the slow part),
  // so that acknowledgments of the first mails do not wait for the last.
  static constexpr std::chrono::milliseconds kBatchTime{1000};

  void reflag_committed(int64_t uidvalidity, int64_t last_uid, PollStats& stats);
  // FETCHED: the answer of client.fetch_many(uids) (made ahead, in a thread).
  void process_batch(int64_t uidvalidity, const std::vector<int64_t>& uids,
                     ImapResult<std::vector<FetchedMail>> fetched, PollStats& stats);
  // Parses and ingests one mail (consuming BYTES) into the open batch. True
  // when it is in the store (to be flagged after the commit).
  bool process(int64_t uidvalidity, int64_t uid, std::string& bytes, PollStats& stats);
  bool mark_processed(const std::vector<int64_t>& uids);

  MailboxSource& client_;
  store::IncidentStore& store_;
  const notify::AckComposer& composer_;
  const Clock& clock_;
  PollerSettings settings_;
  // Every mail is parsed by this sandbox's worker (daemon/parse_sandbox.hpp),
  // started on the first mail and kept for the poller's life.
  ParseSandbox sandbox_;
  DecisionMailHandler* decisions_ = nullptr;
};

}  // namespace gdprd::daemon
