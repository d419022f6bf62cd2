#include "daemon/imap_poller.hpp"

#include <spdlog/spdlog.h>

#include <exception>

#include "core/record_json.hpp"
#include "daemon/ack_facts.hpp"
#include "daemon/fault_injection.hpp"
#include "daemon/followup_merge.hpp"
#include "daemon/parse_sandbox.hpp"
#include "daemon/thread_match.hpp"
#include "notify/recipient_policy.hpp"
#include "parsers/report_reader.hpp"
#include "store/store_error.hpp"

namespace gdprd::daemon {
namespace {

// read_report promises not to throw; a mail must still never be lost if it does.
parsers::ReadResult read_safely(const std::string& raw, const Limits& limits) {
  try {
    // In a confined child process: a parser crash or hang costs this mail a
    // human review, never the daemon (daemon/parse_sandbox.hpp).
    SandboxedRead boxed = read_report_sandboxed(raw, limits);
    if (boxed.outcome != SandboxOutcome::ok)
      spdlog::warn("parser process {}: {}", sandbox_outcome_name(boxed.outcome), boxed.detail);
    return std::move(boxed.result);
  } catch (const std::exception& e) {
    spdlog::error("parser failed: {}", e.what());
  } catch (...) {
    spdlog::error("parser failed with an unknown exception");
  }
  parsers::ReadResult fallback;
  fallback.record = empty_record("report");
  fallback.record.warn("parse_error", "the parser failed; the raw mail is stored for a human");
  fallback.needs_human = true;
  return fallback;
}

const char* outcome_name(store::IngestResult::Outcome o) {
  switch (o) {
    case store::IngestResult::Outcome::created: return "created";
    case store::IngestResult::Outcome::attached: return "attached";
    case store::IngestResult::Outcome::stored_only: return "stored_only";
    case store::IngestResult::Outcome::duplicate: return "duplicate";
  }
  return "?";
}

}  // namespace

ImapPoller::ImapPoller(MailboxSource& client, store::IncidentStore& store,
                       const notify::AckComposer& composer, const Clock& clock, PollerSettings settings)
    : client_(client), store_(store), composer_(composer), clock_(clock), settings_(std::move(settings)) {}

PollStats ImapPoller::poll_once() {
  PollStats stats;
  auto fail = [&](const std::string& what) {
    stats.ok = false;
    stats.error = what;
    spdlog::warn("mailbox={} poll failed: {}", client_.mailbox(), what);
    try {
      store_.record_poll(settings_.mailbox_key, false, what);
    } catch (const std::exception& e) {
      spdlog::error("mailbox={} cannot record the poll: {}", client_.mailbox(), e.what());
    }
    return stats;
  };
  try {
    auto validity = client_.open_mailbox();
    if (!validity.ok()) return fail(validity.error.message);
    if (store_.set_uidvalidity(settings_.mailbox_key, *validity.value)) {
      spdlog::info("mailbox={} uidvalidity={} (new or changed: known mails are matched by "
                   "Message-ID and SHA-256)", client_.mailbox(), *validity.value);
    }
    auto state = store_.mailbox_state(settings_.mailbox_key);
    int64_t last_uid = state ? state->last_uid : 0;
    auto uids = client_.uids_from(last_uid + 1);
    if (!uids.ok()) return fail(uids.error.message);
    for (int64_t uid : *uids.value) {
      process(*validity.value, uid, stats);
      if (!stats.ok) return fail(stats.error);
    }
    store_.record_poll(settings_.mailbox_key, true);
  } catch (const store::StoreError& e) {
    return fail(std::string("store: ") + e.what());
  } catch (const std::exception& e) {
    return fail(e.what());
  }
  return stats;
}

void ImapPoller::process(int64_t uidvalidity, int64_t uid, PollStats& stats) {
  auto fetched = client_.fetch(uid);
  if (!fetched.ok()) {
    if (fetched.error.scope == ImapError::Scope::message) {
      // One bad mail must not stop the mailbox: it stays unseen on the server.
      spdlog::warn("uid={} fetch failed, mail skipped: {}", uid, fetched.error.message);
      ++stats.failed;
      return;
    }
    stats.ok = false;
    stats.error = fetched.error.message;
    return;
  }
  const std::string& raw = *fetched.value;
  ++stats.fetched;
  fault_point("fetched");
  parsers::ReadResult read = read_safely(raw, settings_.limits);
  TimePoint received_at = clock_.now();
  Awareness awareness = awareness_of(read.record, received_at);

  store::IngestRequest request;
  request.mailbox = settings_.mailbox_key;
  request.uidvalidity = uidvalidity;
  request.uid = uid;
  request.raw = raw;
  request.message_id = read.facts.message_id;
  request.received_at = received_at;
  request.message_class = read.record.message_class;
  request.record_json = to_json(read.record).dump();
  request.needs_human = read.needs_human;
  request.awareness_at = awareness.at;
  request.awareness_source = awareness.source;
  request.reporter_address = read.facts.from_address;
  request.reporter_language = settings_.language;

  if (decisions_ && read.record.message_class == "report") {
    std::optional<DecisionMailOutcome> decided;
    try {
      decided = decisions_->handle(request, read, raw);
    } catch (const std::exception& e) {  // nothing committed; the mail stays for the next poll
      stats.ok = false;
      stats.error = std::string("store (decision mail): ") + e.what();
      return;
    }
    if (decided) {
      ++stats.attached;
      if (!mark_processed(uid)) ++stats.failed;
      return;
    }
  }

  // A reply in a known thread (e.g. to our acknowledgment) belongs to that incident.
  if (read.record.message_class == "report") {
    std::vector<std::string> thread = read.facts.references;
    if (!read.facts.in_reply_to.empty()) thread.push_back(read.facts.in_reply_to);
    for (const auto& id : thread) {
      if (auto incident = store_.incident_by_message_id(id)) {
        request.attach_to_incident = incident->id;
        break;
      }
    }
    // Or a reference kept in the subject, as the acknowledgment asks.
    if (!request.attach_to_incident) {
      if (auto ref = find_reference(read.facts.subject)) {
        if (auto incident = store_.incident_by_reference(*ref)) request.attach_to_incident = incident->id;
      }
    }
    request.attach_role = "followup";
  }

  auto recipient = notify::ack_recipient(read.record.message_class, read.facts.from_address,
                                         read.facts.reply_to_address, settings_.reporter_domains);
  bool queued = false;
  if (recipient.address && !request.attach_to_incident) {
    request.compose_outbox = [&](const store::IncidentRef& ref) -> std::vector<store::OutboxMail> {
      fault_point("in_transaction");
      auto facts = ack_facts(read, ref.reference, *recipient.address, awareness);
      auto composed = composer_.compose(facts, notify::parse_language(settings_.language), clock_.now());
      if (!composed.mail) {
        spdlog::warn("uid={} ref={} no acknowledgment: {}", uid, ref.reference, composed.error);
        return {};
      }
      queued = true;
      return {store::OutboxMail{"ack", "ack:" + ref.reference, settings_.from, {*recipient.address},
                                composed.mail->bytes, composed.mail->message_id}};
    };
  }

  store::IngestResult result;
  try {
    result = store_.ingest(request);
  } catch (const store::StoreError& e) {
    // Nothing was written; the mail stays for the next poll.
    stats.ok = false;
    stats.error = std::string("store: ") + e.what();
    return;
  }
  std::string ref = result.incident ? result.incident->reference : "-";
  switch (result.outcome) {
    case store::IngestResult::Outcome::created: ++stats.incidents; break;
    case store::IngestResult::Outcome::attached:
      ++stats.attached;
      // A supplement: merge what it states into the incident's record (each
      // change logged) and tell the CISO. Never throws.
      if (result.incident && request.attach_role == "followup")
        apply_followup(store_, *result.incident, result.message_row, read.record,
                       FollowupSettings{settings_.from, settings_.ciso, "daemon"}, clock_.now());
      break;
    case store::IngestResult::Outcome::stored_only: ++stats.stored_only; break;
    case store::IngestResult::Outcome::duplicate: ++stats.duplicates; break;
  }
  if (queued) ++stats.acks_queued;
  spdlog::info("uid={} ref={} class={} bytes={} outcome={} needs_human={} ack={}", uid, ref,
               read.record.message_class, raw.size(), outcome_name(result.outcome), read.needs_human,
               queued                  ? *recipient.address
               : recipient.address ? std::string("none (no new incident)")
                                   : "none (" + recipient.reason + ")");
  fault_point("committed");
  if (!mark_processed(uid)) ++stats.failed;
}

bool ImapPoller::mark_processed(int64_t uid) {
  auto r = settings_.processed.kind == config::ProcessedAction::Kind::move
               ? client_.move(uid, settings_.processed.folder)
               : client_.mark_seen(uid);
  if (!r.ok()) {
    // The mail is committed; only its flag on the server is missing.
    spdlog::warn("uid={} stored, but flagging it on the server failed: {}", uid, r.error.message);
  }
  return r.ok();
}

}  // namespace gdprd::daemon
