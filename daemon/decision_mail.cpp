#include "daemon/decision_mail.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/deadlines/deadline_clock.hpp"
#include "daemon/thread_match.hpp"

namespace gdprd::daemon {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string priority_name(int p) { return "P" + std::to_string(p); }

}  // namespace

DecisionCheck check_decision_mail(const parsers::ParsedDecisionMail& parsed, const store::IncidentRow& row,
                                  const std::string& sender, const std::vector<std::string>& deciders,
                                  TimePoint received_at) {
  DecisionCheck c;
  const std::string from = lower(sender);
  const bool decider = !from.empty() && std::find(deciders.begin(), deciders.end(), from) != deciders.end();
  const bool token_ok = parsed.token && !row.decision_token.empty() && *parsed.token == lower(row.decision_token);
  if (!decider)
    c.reasons.push_back("avsändaren " + (from.empty() ? std::string("(okänd)") : from) +
                        " är inte behörig att fatta beslut / the sender is not an authorised decision maker");
  if (!token_ok)
    c.reasons.push_back("ärendets beslutskod (#...) saknas eller stämmer inte; svara på påminnelsen utan att ändra "
                        "ämnesraden / the incident's decision token is missing or wrong");
  for (const auto& e : parsed.errors) c.reasons.push_back(e);
  c.authorised = decider && token_ok;
  if (!c.authorised) return c;
  if (parsed.imy) {
    const TimePoint awareness = row.awareness_at.value_or(row.created_at);
    const bool late = received_at > awareness + deadlines::kImyDeadline;
    if (parsed.imy->notified && late && !parsed.delay_reason)
      c.reasons.push_back("anmälan efter 72 timmar ska ange skälen för dröjsmålet: lägg till en rad "
                          "\"FÖRSENING: skäl\" (art. 33.1) / a notification after 72 h needs \"DELAY: reasons\"");
    else
      c.apply_imy = true;
  }
  c.apply_assessment = parsed.assessment.has_value();
  return c;
}

DecisionMailHandler::DecisionMailHandler(store::IncidentStore& store, store::DeadlineRepository& repo,
                                         const notify::DecisionReplyComposer& replies, const Clock& clock,
                                         DecisionMailSettings settings)
    : store_(store), repo_(repo), replies_(replies), clock_(clock), settings_(std::move(settings)) {}

std::optional<DecisionMailOutcome> DecisionMailHandler::handle(const store::IngestRequest& base,
                                                               const parsers::ReadResult& read,
                                                               const std::string& raw) {
  auto ref = find_reference(read.facts.subject);
  if (!ref) return std::nullopt;
  std::string body = parsers::decision_mail_body(raw, settings_.limits);
  parsers::ParsedDecisionMail parsed = parsers::parse_decision_mail(read.facts.subject, body, settings_.limits);
  if (!parsed.has_keywords()) return std::nullopt;
  auto row = store_.incident_by_reference(*ref);
  if (!row) return std::nullopt;

  DecisionMailOutcome out;
  out.reference = row->reference;
  const TimePoint now = clock_.now();
  const std::string sender = lower(read.facts.from_address);
  DecisionCheck check = check_decision_mail(parsed, *row, sender, settings_.deciders, now);
  out.reasons = check.reasons;

  // Already stored (a re-fetch after a crash): nothing to apply again.
  const bool seen_before = [&] {
    for (const auto& m : store_.messages(row->id))
      if (m.raw == raw) return true;
    return false;
  }();

  if (check.apply_assessment && !seen_before) {
    const auto& a = *parsed.assessment;
    if (row->category != a.category || row->priority != priority_name(a.priority))
      store_.record_assessment(row->id, a.category, priority_name(a.priority), sender);
    out.applied_lines.push_back("kategori " + std::to_string(a.category) + ", " + priority_name(a.priority));
  }
  if (check.apply_imy && !seen_before) {
    const auto& d = *parsed.imy;
    store::Decision decision;
    decision.decision = d.notified ? "notified" : "not_notified";
    decision.at = now;
    decision.by = sender;
    decision.imy_reference = d.imy_reference;
    decision.motivation = d.motivation;
    decision.delay_reason = parsed.delay_reason;
    decision.subjects_must_be_informed = row->subjects_must_be_informed;
    const bool same = row->decision == decision.decision && row->imy_reference == decision.imy_reference &&
                      row->decision_motivation == decision.motivation && row->decision_by == decision.by;
    if (!same) store_.record_decision(row->id, decision);
    out.applied_lines.push_back(d.notified ? "anmäld till IMY, " + d.imy_reference.value_or("")
                                           : "ej anmälan till IMY: " + d.motivation.value_or(""));
  }
  out.applied = !out.applied_lines.empty();

  if (!seen_before && (!out.reasons.empty() || !out.applied)) {
    nlohmann::json detail = {{"from", sender}, {"reasons", out.reasons}, {"applied", out.applied_lines},
                             {"message_id", read.facts.message_id}};
    store_.append_event(row->id, sender.empty() ? "unknown" : sender,
                        out.applied ? "decision_mail_partly_refused" : "decision_mail_refused", detail.dump());
  }

  store::IngestRequest request = base;
  request.attach_to_incident = row->id;
  request.attach_role = "decision";
  request.actor = sender.empty() ? "unknown" : sender;
  const std::string reply_to = read.facts.reply_to_address.empty() ? read.facts.from_address
                                                                   : read.facts.reply_to_address;
  request.compose_outbox = [&, reference = row->reference](const store::IncidentRef&) -> std::vector<store::OutboxMail> {
    if (reply_to.empty()) return {};
    notify::DecisionReplyFacts f;
    f.reference = reference;
    f.to = reply_to;
    f.original_subject = read.facts.subject;
    f.original_message_id = read.facts.message_id;
    f.original_references = read.facts.references;
    f.applied = out.applied;
    f.applied_lines = out.applied_lines;
    f.reasons = out.reasons;
    auto composed = replies_.compose_reply(f, settings_.language, now);
    if (!composed.mail) {
      spdlog::warn("ref={} no reply to the decision mail: {}", reference, composed.error);
      return {};
    }
    std::string key = "decision_reply:" + reference + ":" + std::to_string(base.uidvalidity) + ":" +
                      std::to_string(base.uid);
    return {store::OutboxMail{"decision_reply", key, settings_.from, {reply_to}, composed.mail->bytes,
                              composed.mail->message_id}};
  };
  out.ingest = store_.ingest(request);
  spdlog::info("ref={} decision mail from {}: {} ({} refused part(s))", row->reference, sender,
               out.applied ? "applied" : "refused", out.reasons.size());
  return out;
}

}  // namespace gdprd::daemon
