#include "daemon/deadline_scheduler.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <map>
#include <set>

#include "core/stockholm_time.hpp"
#include "core/vocabulary.hpp"
#include "parsers/mime/encoded_words.hpp"

namespace gdprd::daemon {
namespace {

struct ReportThread {
  std::string message_id;
  std::string subject;
};

// The decoded Subject of a stored mail's header (unfolded); "" when absent.
std::string header_subject(const std::string& raw) {
  size_t end = raw.find("\r\n\r\n");
  if (end == std::string::npos) end = raw.find("\n\n");
  std::string_view head = std::string_view(raw).substr(0, std::min(end, raw.size()));
  size_t pos = 0;
  while (pos < head.size()) {
    size_t eol = head.find('\n', pos);
    if (eol == std::string_view::npos) eol = head.size();
    std::string_view line = head.substr(pos, eol - pos);
    if (line.size() >= 8 && (line[0] == 'S' || line[0] == 's') && line.substr(1, 7) == "ubject:") {
      std::string value(line.substr(8));
      // Folded continuation lines.
      size_t next = eol + 1;
      while (next < head.size() && (head[next] == ' ' || head[next] == '\t')) {
        size_t e = head.find('\n', next);
        if (e == std::string_view::npos) e = head.size();
        value += head.substr(next, e - next);
        next = e + 1;
      }
      value.erase(std::remove(value.begin(), value.end(), '\r'), value.end());
      return parsers::decode_header_text(value.substr(0, 2000));
    }
    pos = eol + 1;
  }
  return {};
}

ReportThread report_thread(store::IncidentStore& store, int64_t incident_id) {
  for (const auto& m : store.messages(incident_id)) {
    if (m.role != "report") continue;
    return {m.message_id, header_subject(m.raw)};
  }
  return {};
}

// "Fråga 7 (E-post) är inte ifylld. Fråga 9 (...) är inte ifylld." -> one item per sentence.
std::vector<std::string> missing_items(const std::string& record_json) {
  std::vector<std::string> out;
  auto json = nlohmann::json::parse(record_json, nullptr, false);
  if (!json.is_object() || !json.contains("warnings") || !json["warnings"].is_array()) return out;
  for (const auto& w : json["warnings"]) {
    if (!w.is_object() || w.value("code", "") != vocab::kMissingMandatoryField) continue;
    std::string msg = w.value("message", "");
    size_t start = 0;
    while (start < msg.size() && out.size() < 40) {
      size_t cut = msg.find(". ", start);
      std::string item = msg.substr(start, cut == std::string::npos ? std::string::npos : cut + 1 - start);
      if (!item.empty()) out.push_back(item.substr(0, 300));
      if (cut == std::string::npos) break;
      start = cut + 2;
    }
    if (out.empty()) out.push_back("obligatoriska frågor saknar svar");
  }
  return out;
}

bool domain_allowed(const std::string& address, const std::vector<std::string>& domains) {
  auto at = address.rfind('@');
  if (at == std::string::npos) return false;
  std::string domain = address.substr(at + 1);
  std::transform(domain.begin(), domain.end(), domain.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const auto& d : domains) {
    if (domain == d) return true;
    if (domain.size() > d.size() && domain.ends_with(d) && domain[domain.size() - d.size() - 1] == '.') return true;
  }
  return false;
}

}  // namespace

deadlines::IncidentDeadlineState deadline_state(const store::IncidentRow& row, std::optional<TimePoint> assessment_at) {
  deadlines::IncidentDeadlineState s;
  auto& t = s.times;
  t.received_at = row.created_at;
  t.awareness = row.awareness_at.value_or(row.created_at);
  t.awareness_from_discovery = row.awareness_source != "received_at";
  t.internal_deadline = t.awareness + deadlines::kInternalDeadline;
  t.imy_deadline = t.awareness + deadlines::kImyDeadline;
  t.received_after_internal_deadline = t.received_at > t.internal_deadline;
  t.received_after_imy_deadline = t.received_at > t.imy_deadline;
  if (row.category && row.priority && row.priority->size() == 2) {
    deadlines::InitialAssessment a;
    a.category = static_cast<int>(*row.category);
    a.priority = (*row.priority)[1] - '0';
    a.at = assessment_at.value_or(row.created_at);
    s.initial_assessment = a;
  }
  if (row.decision) {
    deadlines::ImyDecision d;
    d.kind = *row.decision == "notified" ? deadlines::ImyDecisionKind::notified : deadlines::ImyDecisionKind::not_notified;
    d.decided_at = row.decision_at.value_or(row.created_at);
    d.inform_subjects = row.subjects_must_be_informed.value_or(false);
    s.imy_decision = d;
  }
  s.subjects_informed_at = row.subjects_informed_at;
  s.organisation_is_processor = row.is_processor;
  s.controller_informed_at = row.controller_informed_at;
  return s;
}

DeadlineScheduler::DeadlineScheduler(store::IncidentStore& store, store::DeadlineRepository& repo,
                                     const notify::ReminderComposer& reminders,
                                     const notify::DecisionReplyComposer& replies, const Clock& clock,
                                     SchedulerSettings settings)
    : store_(store),
      repo_(repo),
      reminders_(reminders),
      replies_(replies),
      clock_(clock),
      settings_(std::move(settings)),
      office_hours_(settings_.office_hours) {}

std::vector<std::string> DeadlineScheduler::addresses(const std::vector<deadlines::Role>& roles) const {
  std::vector<std::string> out;
  for (auto role : roles) {
    auto it = settings_.recipients.find(std::string(deadlines::to_string(role)));
    if (it == settings_.recipients.end()) continue;
    for (const auto& a : it->second)
      if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
  }
  return out;
}

TickStats DeadlineScheduler::tick() {
  TickStats stats;
  std::vector<store::IncidentRow> open;
  try {
    open = store_.open_incidents();
  } catch (const std::exception& e) {
    spdlog::error("deadlines: cannot read open incidents: {}", e.what());
    ++stats.errors;
    return stats;
  }
  const TimePoint now = clock_.now();
  for (const auto& row : open) {
    ++stats.incidents;
    try {
      tick_incident(row, now, stats);
    } catch (const std::exception& e) {
      spdlog::error("ref={} deadlines pass failed (retried next tick): {}", row.reference, e.what());
      ++stats.errors;
    }
  }
  return stats;
}

void DeadlineScheduler::tick_incident(const store::IncidentRow& row, TimePoint now, TickStats& stats) {
  const auto state = deadline_state(row, row.category ? repo_.assessment_at(row.id) : std::nullopt);
  std::optional<ReportThread> thread;
  auto get_thread = [&]() -> const ReportThread& {
    if (!thread) thread = report_thread(store_, row.id);
    return *thread;
  };

  if (state.times.received_after_internal_deadline && !row.late_internal_report) {
    nlohmann::json detail = {{"received_at", stockholm::format_rfc3339(state.times.received_at)},
                             {"awareness_at", stockholm::format_rfc3339(state.times.awareness)}};
    if (repo_.flag_late_internal_report(row.id, "daemon", detail.dump())) {
      ++stats.late_flagged;
      spdlog::info("ref={} late internal report: received more than 24 h after awareness", row.reference);
    }
  }

  if (settings_.completion_requests && !row.reporter_address.empty() &&
      domain_allowed(row.reporter_address, settings_.reporter_domains)) {
    auto missing = missing_items(row.record_json);
    if (!missing.empty()) {
      notify::CompletionRequestFacts f;
      f.reference = row.reference;
      f.to = row.reporter_address;
      f.original_subject = get_thread().subject;
      f.original_message_id = get_thread().message_id;
      f.missing = missing;
      auto composed = replies_.compose_completion_request(f, notify::parse_language(row.reporter_language), now);
      if (composed.mail) {
        store::OutboxMail mail{"completion_request", "completion:" + row.reference, settings_.from, {f.to},
                               composed.mail->bytes, composed.mail->message_id};
        if (repo_.enqueue_once(row.id, mail, "completion_requested", "daemon")) {
          ++stats.completion_requests;
          spdlog::info("ref={} completion request queued to {}", row.reference, f.to);
        }
      } else {
        spdlog::warn("ref={} no completion request: {}", row.reference, composed.error);
      }
    }
  }

  std::set<std::string> done;
  for (const auto& r : repo_.reminders(row.id)) done.insert(r.step);
  auto plan = deadlines::plan_reminders(state, settings_.ladders, done, now, office_hours_);
  if (plan.next_wakeup && (!stats.next_wakeup || *plan.next_wakeup < *stats.next_wakeup))
    stats.next_wakeup = plan.next_wakeup;
  stats.deferred += plan.deferred.size();

  // One log line per ladder, not per step: a report of a breach found months
  // ago skips hundreds of 12-hourly overdue steps at once.
  std::map<std::string, std::vector<std::string>> skipped_steps;
  for (const auto& s : plan.skipped) {
    if (repo_.record_reminder_skipped(row.id, deadlines::to_string(s.ladder), s.step_id, s.scheduled_at)) {
      ++stats.steps_skipped;
      skipped_steps[std::string(deadlines::to_string(s.ladder))].push_back(s.step_id);
    }
  }
  for (const auto& [ladder, steps] : skipped_steps) {
    if (steps.size() == 1) {
      spdlog::info("ref={} ladder={} step={} skipped (a later step is due)", row.reference, ladder, steps.front());
    } else {
      spdlog::info("ref={} ladder={} {} steps skipped, {} to {} (a later step is due)", row.reference, ladder,
                   steps.size(), steps.front(), steps.back());
    }
  }
  for (const auto& due : plan.send_now) {
    const std::string ladder(deadlines::to_string(due.ladder));
    auto to = addresses(due.recipients);
    if (to.empty() && due.via_oncall) {
      // No on-call address configured: a reminder to the CISO outside office
      // hours still beats none before the 72 h pass.
      to = addresses({deadlines::Role::ciso});
      if (!to.empty())
        spdlog::warn("ref={} ladder={} step={} no on-call address configured; sent to the CISO instead",
                     row.reference, ladder, due.step_id);
    }
    if (to.empty()) {
      // Nobody configured for these roles: record nothing, so the step goes
      // out once an address is configured (and the log says why meanwhile).
      spdlog::error("ref={} ladder={} step={} has no recipient address configured for its roles", row.reference,
                    ladder, due.step_id);
      ++stats.errors;
      continue;
    }
    notify::ReminderFacts f;
    f.reference = row.reference;
    f.decision_token = row.decision_token;
    f.ladder = ladder;
    f.step_id = due.step_id;
    f.to = to;
    f.via_oncall = due.via_oncall;
    f.report_subject = get_thread().subject;
    f.report_message_id = get_thread().message_id;
    f.awareness = state.times.awareness;
    f.internal_deadline = state.times.internal_deadline;
    f.imy_deadline = state.times.imy_deadline;
    if (row.category) f.category = static_cast<int>(*row.category);
    f.priority = row.priority;
    f.decision = row.decision;
    f.decision_at = row.decision_at;
    f.decision_by = row.decision_by;
    f.imy_reference = row.imy_reference;
    f.subjects_must_be_informed = row.subjects_must_be_informed;
    f.subjects_informed_at = row.subjects_informed_at;
    f.ctl_config_path = settings_.ctl_config_path;
    auto composed = reminders_.compose(f, settings_.language, now);
    if (!composed.mail) {
      spdlog::error("ref={} ladder={} step={} cannot compose the reminder: {}", row.reference, ladder, due.step_id,
                    composed.error);
      ++stats.errors;
      continue;
    }
    store::OutboxMail mail{"reminder", "reminder:" + row.reference + ":" + ladder + ":" + due.step_id,
                           settings_.from, to, composed.mail->bytes, composed.mail->message_id};
    if (repo_.record_reminder_sent(row.id, ladder, due.step_id, due.scheduled_at, mail)) {
      ++stats.reminders_sent;
      spdlog::info("ref={} ladder={} step={} reminder queued to {} recipient(s){}", row.reference, ladder,
                   due.step_id, to.size(), due.via_oncall ? " (on-call)" : "");
    }
  }
}

}  // namespace gdprd::daemon
