#include "daemon/imap_poller.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <exception>
#include <future>
#include <optional>

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
parsers::ReadResult read_safely(ParseSandbox& sandbox, const std::string& raw, const Limits& limits) {
  try {
    // In a confined child process: a parser crash or hang costs this mail a
    // human review, never the daemon (daemon/parse_sandbox.hpp).
    SandboxedRead boxed = sandbox.read(raw, limits);
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

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
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
    reflag_committed(*validity.value, last_uid, stats);
    auto listing = client_.list_from(last_uid + 1);
    if (!listing.ok()) return fail(listing.error.message);
    const auto& entries = *listing.value;
    std::vector<std::vector<int64_t>> batches;
    for (size_t i = 0; i < entries.size();) {
      // A batch: consecutive mails up to kBatchMails and kBatchBytes; a mail
      // larger than that alone.
      std::vector<int64_t> uids{entries[i].uid};
      int64_t bytes = entries[i].size;
      for (++i; i < entries.size() && uids.size() < kBatchMails && bytes + entries[i].size <= kBatchBytes; ++i) {
        uids.push_back(entries[i].uid);
        bytes += entries[i].size;
      }
      batches.push_back(std::move(uids));
    }
    // The next batch downloads (on the source's bulk connection, in a
    // thread) while this one is parsed and committed: at most two batches
    // are in memory. Flags and per-UID fallbacks stay on this thread.
    auto fetch_async = [this](const std::vector<int64_t>& uids) {
      return std::async(std::launch::async, [this, uids] { return client_.fetch_many(uids); });
    };
    std::future<ImapResult<std::vector<FetchedMail>>> next;
    if (!batches.empty()) next = fetch_async(batches[0]);
    for (size_t k = 0; k < batches.size(); ++k) {
      const auto waiting = std::chrono::steady_clock::now();
      auto fetched = next.get();
      stats.fetch_wait_s += seconds_since(waiting);
      if (k + 1 < batches.size()) next = fetch_async(batches[k + 1]);
      process_batch(*validity.value, batches[k], std::move(fetched), stats);
      if (!stats.ok) return fail(stats.error);  // (a pending fetch is waited for, then dropped)
    }
    store_.record_poll(settings_.mailbox_key, true);
  } catch (const store::StoreError& e) {
    return fail(std::string("store: ") + e.what());
  } catch (const std::exception& e) {
    return fail(e.what());
  }
  return stats;
}

void ImapPoller::reflag_committed(int64_t uidvalidity, int64_t last_uid, PollStats& stats) {
  // A crash (or a failed STORE) between a commit and its \Seen/MOVE leaves a
  // stored mail untouched on the server, below last_uid where the listing no
  // longer looks: finish it here.
  if (last_uid < 1) return;
  bool moving = settings_.processed.kind == config::ProcessedAction::Kind::move;
  auto pending = client_.uids_upto(last_uid, !moving);
  if (!pending.ok()) {
    spdlog::warn("mailbox={} cannot list mails left unflagged: {}", client_.mailbox(), pending.error.message);
    return;
  }
  if (pending.value->empty()) return;
  auto stored = store_.stored_uids(settings_.mailbox_key, uidvalidity, *pending.value);
  if (stored.empty()) return;
  spdlog::info("mailbox={} {} stored mail(s) not yet {} on the server: {} now", client_.mailbox(), stored.size(),
               moving ? "moved" : "\\Seen", moving ? "moving" : "flagging");
  if (mark_processed(stored)) stats.reflagged += stored.size();
}

void ImapPoller::process_batch(int64_t uidvalidity, const std::vector<int64_t>& uids,
                               ImapResult<std::vector<FetchedMail>> fetched, PollStats& stats) {
  std::vector<FetchedMail> mails;
  if (fetched.ok()) {
    mails = std::move(*fetched.value);
  } else if (fetched.error.scope != ImapError::Scope::message) {
    stats.ok = false;
    stats.error = fetched.error.message;
    return;
  } else {
    spdlog::warn("batched fetch of {} mail(s) failed, fetching one by one: {}", uids.size(),
                 fetched.error.message);
  }
  // What the batch did not bring (gone, over a limit, a malformed answer)
  // is fetched alone, with the per-UID error handling.
  if (mails.size() < uids.size()) {
    std::vector<FetchedMail> all;
    size_t next = 0;
    for (int64_t uid : uids) {
      if (next < mails.size() && mails[next].uid == uid) {
        all.push_back(std::move(mails[next++]));
        continue;
      }
      auto one = client_.fetch(uid);
      if (one.ok()) {
        all.push_back({uid, std::move(*one.value)});
      } else if (one.error.scope == ImapError::Scope::message) {
        // One bad mail must not stop the mailbox: it stays unseen on the server.
        spdlog::warn("uid={} fetch failed, mail skipped: {}", uid, one.error.message);
        ++stats.failed;
      } else {
        stats.ok = false;
        stats.error = one.error.message;
        return;
      }
    }
    mails = std::move(all);
  }

  // One transaction for the batch (one durable commit instead of one per
  // mail); each mail's writes stay atomic on their own. \Seen/MOVE only
  // after the commit that holds the mail.
  std::vector<int64_t> committed;
  const auto started = std::chrono::steady_clock::now();
  std::optional<store::IncidentStore::Batch> batch;
  auto commit = [&]() -> bool {
    if (!batch) return true;
    try {
      const auto committing = std::chrono::steady_clock::now();
      batch->commit();
      stats.commit_s += seconds_since(committing);
    } catch (const store::StoreError& e) {
      batch.reset();
      stats.ok = false;
      stats.error = std::string("store: ") + e.what();
      return false;
    }
    batch.reset();
    for (size_t k = 0; k < committed.size(); ++k) fault_point("committed");
    const auto flagging = std::chrono::steady_clock::now();
    if (!committed.empty() && !mark_processed(committed)) stats.failed += committed.size();
    stats.flag_s += seconds_since(flagging);
    committed.clear();
    return true;
  };
  for (auto& mail : mails) {
    if (!batch) batch.emplace(store_);
    bool stored = process(uidvalidity, mail.uid, mail.raw, stats);
    std::string().swap(mail.raw);  // the bytes are in the store (or not needed): free them now
    if (stored) committed.push_back(mail.uid);
    if (!stats.ok) break;  // this mail's writes are undone; the ones before it are kept
    if (std::chrono::steady_clock::now() - started > kBatchTime && !commit()) return;
  }
  commit();  // also after a failed mail: the ones before it are good (a failed commit says so in stats)
}

bool ImapPoller::process(int64_t uidvalidity, int64_t uid, std::string& bytes, PollStats& stats) {
  ++stats.fetched;
  fault_point("fetched");
  const auto parsing = std::chrono::steady_clock::now();
  parsers::ReadResult read = read_safely(sandbox_, bytes, settings_.limits);
  stats.parse_s += seconds_since(parsing);
  TimePoint received_at = clock_.now();
  Awareness awareness = awareness_of(read.record, received_at);

  store::IngestRequest request;
  request.mailbox = settings_.mailbox_key;
  request.uidvalidity = uidvalidity;
  request.uid = uid;
  request.raw = std::move(bytes);  // the one copy of the mail from here on
  const std::string& raw = request.raw;
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
      // All its writes or none: a throw undoes them, even inside the batch.
      store_.atomically([&] { decided = decisions_->handle(request, read, raw); });
    } catch (const std::exception& e) {  // nothing kept; the mail stays for the next poll
      stats.ok = false;
      stats.error = std::string("store (decision mail): ") + e.what();
      return false;
    }
    if (decided) {
      ++stats.attached;
      return true;
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
    // The follow-up's merge (record, events, the CISO's notice) is in the
    // same write as its ingest: a crash cannot keep one without the other.
    store_.atomically([&] {
      result = store_.ingest(request);
      fault_point("ingested");
      // A supplement: merge what it states into the incident's record (each
      // change logged) and tell the CISO. Never throws.
      if (result.outcome == store::IngestResult::Outcome::attached && result.incident &&
          request.attach_role == "followup")
        apply_followup(store_, *result.incident, result.message_row, read.record,
                       FollowupSettings{settings_.from, settings_.ciso, "daemon"}, clock_.now());
    });
  } catch (const store::StoreError& e) {
    // Nothing of this mail was kept; it stays for the next poll.
    stats.ok = false;
    stats.error = std::string("store: ") + e.what();
    return false;
  }
  std::string ref = result.incident ? result.incident->reference : "-";
  switch (result.outcome) {
    case store::IngestResult::Outcome::created: ++stats.incidents; break;
    case store::IngestResult::Outcome::attached: ++stats.attached; break;
    case store::IngestResult::Outcome::stored_only: ++stats.stored_only; break;
    case store::IngestResult::Outcome::duplicate: ++stats.duplicates; break;
  }
  if (queued) ++stats.acks_queued;
  spdlog::info("uid={} ref={} class={} bytes={} outcome={} needs_human={} ack={}", uid, ref,
               read.record.message_class, raw.size(), outcome_name(result.outcome), read.needs_human,
               queued                  ? *recipient.address
               : recipient.address ? std::string("none (no new incident)")
                                   : "none (" + recipient.reason + ")");
  return true;
}

bool ImapPoller::mark_processed(const std::vector<int64_t>& uids) {
  auto r = settings_.processed.kind == config::ProcessedAction::Kind::move
               ? client_.move_many(uids, settings_.processed.folder)
               : client_.mark_seen_many(uids);
  if (!r.ok()) {
    // The mails are committed; only their flag on the server is missing (the
    // next poll retries: reflag_committed).
    spdlog::warn("uids={}..{} ({}) stored, but flagging them on the server failed: {}", uids.front(),
                 uids.back(), uids.size(), r.error.message);
  }
  return r.ok();
}

}  // namespace gdprd::daemon
