// One mailbox, polled incrementally by UID. Per mail: fetch -> read_report ->
// one store transaction (message, incident, acknowledgment in the outbox) ->
// only then \Seen or move on the server. A crash anywhere before the commit
// leaves the mail to the next poll; after it, the store recognises the mail
// (same UID, or same Message-ID + SHA-256 after a UIDVALIDITY change) and no
// second incident is ever created.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "core/clock.hpp"
#include "core/limits.hpp"
#include "daemon/mailbox_source.hpp"
#include "daemon/decision_mail.hpp"
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
  void process(int64_t uidvalidity, int64_t uid, PollStats& stats);
  bool mark_processed(int64_t uid);

  MailboxSource& client_;
  store::IncidentStore& store_;
  const notify::AckComposer& composer_;
  const Clock& clock_;
  PollerSettings settings_;
  DecisionMailHandler* decisions_ = nullptr;
};

}  // namespace gdprd::daemon
