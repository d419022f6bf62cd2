#include "daemon/admin_alert_monitor.hpp"

#include <spdlog/spdlog.h>

#include <map>

#include "core/stockholm_time.hpp"

namespace gdprd::daemon {
namespace {

constexpr std::string_view kPollPrefix = "poll_failure:";

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

}  // namespace

std::vector<SecretDeadline> secret_deadlines(const std::vector<config::SecretExpiry>& secrets) {
  std::vector<SecretDeadline> out;
  for (const auto& s : secrets) {
    stockholm::LocalDateTime day{s.year, s.month, s.day, 0, 0, 0};
    out.push_back({s.name, std::to_string(s.year) + "-" + two(s.month) + "-" + two(s.day), stockholm::to_instant(day)});
  }
  return out;
}

std::string poll_condition(const std::string& mailbox) { return std::string(kPollPrefix) + mailbox; }

std::optional<std::string> secret_stage(const SecretDeadline& secret, TimePoint now, int warning_days) {
  using days = std::chrono::duration<int64_t, std::ratio<86400>>;
  if (now >= secret.expires_at) return "expired";
  if (warning_days > 3 && now >= secret.expires_at - days(3)) return "3d";
  if (now >= secret.expires_at - days(warning_days)) return "warning";
  return std::nullopt;
}

std::string notice_key(const SecretDeadline& secret, const std::string& stage) {
  return "secret:" + secret.name + ":" + secret.date + ":" + stage;
}

std::vector<AlertStep> plan_admin_alerts(const AlertPolicy& policy, const AlertObservation& obs,
                                         const std::vector<store::AlertEpisode>& open,
                                         const std::function<bool(const std::string& key)>& notice_sent) {
  std::map<std::string, const store::AlertEpisode*> by_condition;
  for (const auto& e : open) by_condition[e.condition] = &e;
  std::vector<AlertStep> steps;
  using A = AlertStep::Action;

  // A failing condition: open (or open and alert) when new, alert once when
  // it has lasted long enough; a condition gone: end, with a recovery mail
  // only if an alert went out.
  auto track = [&](const std::string& condition, bool failing, TimePoint started, Duration after, AlertStep step) {
    step.condition = condition;
    auto it = by_condition.find(condition);
    if (it == by_condition.end()) {
      if (!failing) return;
      step.since = started;
      step.action = obs.now - started >= after ? A::open_and_alert : A::open;
      steps.push_back(std::move(step));
      return;
    }
    const store::AlertEpisode& e = *it->second;
    step.episode_id = e.id;
    step.since = e.started_at;
    if (failing) {
      if (e.alerted_at || obs.now - e.started_at < after) return;
      step.action = A::alert;
    } else {
      step.action = e.alerted_at ? A::recover : A::end_quietly;
    }
    steps.push_back(std::move(step));
  };

  for (const auto& poll : obs.polls) {
    AlertStep step;
    step.mailbox = poll.mailbox;
    step.error = poll.error;
    track(poll_condition(poll.mailbox), !poll.ok, obs.now, policy.poll_failure_after, std::move(step));
  }

  // The outbox episode starts when the oldest unsent mail was queued, so it
  // is alert-worthy from its first observation.
  const bool stuck = obs.oldest_unsent && obs.now - *obs.oldest_unsent >= policy.outbox_stuck_after;
  track(kOutboxCondition, stuck, obs.oldest_unsent.value_or(obs.now), policy.outbox_stuck_after, AlertStep{});

  for (const auto& secret : obs.secrets) {
    auto stage = secret_stage(secret, obs.now, policy.secret_warning_days);
    if (!stage) continue;
    std::string key = notice_key(secret, *stage);
    if (notice_sent(key)) continue;
    AlertStep step;
    step.action = A::notice;
    step.condition = std::move(key);
    step.since = obs.now;
    step.secret = secret;
    step.expired = *stage == "expired";
    steps.push_back(std::move(step));
  }
  return steps;
}

AlertSettings alert_settings(const config::Config& c) {
  AlertSettings s;
  s.admins = c.alerts.admins;
  s.policy.poll_failure_after = c.alerts.poll_failure_after;
  s.policy.outbox_stuck_after = c.alerts.outbox_stuck_after;
  s.policy.secret_warning_days = c.alerts.secret_warning_days;
  std::vector<config::SecretExpiry> dated = c.alerts.secrets;
  // The OAuth2 client secret ([oauth2] secret_expires), unless [[alerts.secret]] names it already.
  if (c.oauth2 && c.oauth2->secret_expires) {
    const auto& o = *c.oauth2->secret_expires;
    bool listed = false;
    for (const auto& d : dated) listed = listed || d.name == o.name;
    if (!listed) dated.push_back(o);
  }
  s.secrets = secret_deadlines(dated);
  s.from = c.smtp.from;
  s.language = notify::parse_language(c.organisation.language);
  s.ctl_config_path = config::ctl_target(c);
  return s;
}

AdminAlertMonitor::AdminAlertMonitor(store::AdminAlertState& state, store::IncidentStore& store,
                                     const notify::AdminAlertComposer& composer, const Clock& clock,
                                     AlertSettings settings)
    : state_(state), store_(store), composer_(composer), clock_(clock), settings_(std::move(settings)) {}

AlertCheckStats AdminAlertMonitor::check(const std::vector<MailboxPollResult>& polls) {
  AlertCheckStats stats;
  if (!enabled()) return stats;
  AlertObservation obs;
  obs.now = clock_.now();
  obs.polls = polls;
  obs.secrets = settings_.secrets;
  std::vector<AlertStep> steps;
  try {
    auto outbox = store_.outbox_stats();
    obs.oldest_unsent = outbox.oldest_unsent;
    obs.unsent = outbox.unsent;
    steps = plan_admin_alerts(settings_.policy, obs, state_.open_episodes(),
                              [&](const std::string& key) { return state_.notice_sent(key); });
  } catch (const std::exception& e) {
    spdlog::error("alerts: cannot read the monitoring state: {}", e.what());
    ++stats.errors;
    return stats;
  }
  for (const auto& step : steps) {
    try {
      apply(step, obs, stats);
    } catch (const std::exception& e) {
      spdlog::error("alerts: {} failed (retried at the next check): {}", step.condition, e.what());
      ++stats.errors;
    }
  }
  return stats;
}

std::optional<store::OutboxMail> AdminAlertMonitor::mail(const notify::AdminAlertFacts& facts,
                                                         const std::string& dedupe_key, TimePoint now) {
  auto composed = composer_.compose(facts, settings_.language, now);
  if (!composed.mail) {
    spdlog::error("alerts: cannot compose the mail {}: {}", dedupe_key, composed.error);
    return std::nullopt;
  }
  return store::OutboxMail{"admin_alert", dedupe_key, settings_.from, settings_.admins,
                           std::move(composed.mail->bytes), composed.mail->message_id};
}

void AdminAlertMonitor::apply(const AlertStep& step, const AlertObservation& obs, AlertCheckStats& stats) {
  using A = AlertStep::Action;
  using K = notify::AdminAlertKind;
  const bool is_poll = step.condition.rfind(kPollPrefix, 0) == 0;
  notify::AdminAlertFacts facts;
  facts.to = settings_.admins;
  facts.mailbox = step.mailbox;
  facts.since = step.since;
  facts.last_error = step.error;
  facts.unsent = obs.unsent;
  facts.ctl_config_path = settings_.ctl_config_path;
  const std::string since = stockholm::format_rfc3339(step.since);
  std::string admins;
  for (const auto& a : settings_.admins) admins += (admins.empty() ? "" : ", ") + a;

  switch (step.action) {
    case A::open:
      state_.open_episode(step.condition, step.since, step.error);
      spdlog::warn("alerts: {} began at {} (admins are told if it lasts {} min)", step.condition, since,
                   std::chrono::duration_cast<std::chrono::minutes>(is_poll ? settings_.policy.poll_failure_after
                                                                            : settings_.policy.outbox_stuck_after)
                       .count());
      return;
    case A::open_and_alert:
    case A::alert: {
      int64_t id = step.episode_id ? *step.episode_id : state_.open_episode(step.condition, step.since, step.error).id;
      facts.kind = is_poll ? K::poll_failure : K::outbox_stuck;
      auto m = mail(facts, "admin_alert:" + step.condition + ":" + std::to_string(id), obs.now);
      if (!m) {
        ++stats.errors;
        return;
      }
      if (!state_.mark_alerted(id, obs.now, step.error, *m)) return;
      ++stats.alerts;
      if (is_poll)
        spdlog::error("alerts: polling {} has failed since {} ({}); alert queued to {}", step.mailbox, since,
                      step.error, admins);
      else
        spdlog::error("alerts: the outbox is stuck ({} unsent, oldest queued {}); alert queued to {}, but it goes "
                      "through the same SMTP and leaves only when SMTP works again",
                      obs.unsent, since, admins);
      return;
    }
    case A::end_quietly:
      if (state_.end_episode(*step.episode_id, obs.now))
        spdlog::info("alerts: {} over (began {}), before any alert", step.condition, since);
      return;
    case A::recover: {
      facts.kind = is_poll ? K::poll_recovered : K::outbox_recovered;
      facts.ended = obs.now;
      auto m = mail(facts, "admin_recovery:" + step.condition + ":" + std::to_string(*step.episode_id), obs.now);
      if (!m) {
        ++stats.errors;
        return;
      }
      if (!state_.end_episode(*step.episode_id, obs.now, *m)) return;
      ++stats.recoveries;
      spdlog::warn("alerts: {} over (began {}); recovery mail queued to {}", step.condition, since,
                   admins);
      return;
    }
    case A::notice: {
      facts.kind = step.expired ? K::secret_expired : K::secret_expiring;
      facts.secret_name = step.secret->name;
      facts.expires_at = step.secret->expires_at;
      facts.since = obs.now;
      auto m = mail(facts, "admin_notice:" + step.condition, obs.now);
      if (!m) {
        ++stats.errors;
        return;
      }
      if (!state_.record_notice(step.condition, obs.now, *m)) return;
      ++stats.notices;
      if (step.expired)
        spdlog::error("alerts: the secret '{}' expired on {}; admins told", step.secret->name, step.secret->date);
      else
        spdlog::warn("alerts: the secret '{}' expires on {}; admins told", step.secret->name, step.secret->date);
      return;
    }
  }
}

}  // namespace gdprd::daemon
