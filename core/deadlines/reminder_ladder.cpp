#include "core/deadlines/reminder_ladder.hpp"

#include <algorithm>

namespace gdprd::deadlines {
namespace {

struct Occurrence {
  std::string id;
  TimePoint at;
  const std::vector<Role>* recipients;
};

struct ActiveLadder {
  LadderKind kind;
  TimePoint anchor;
};

std::vector<ActiveLadder> active_ladders(const IncidentDeadlineState& s, const LadderConfig& c) {
  std::vector<ActiveLadder> out;
  const TimePoint awareness = s.times.awareness;
  const bool assessed = s.initial_assessment && is_recorded(*s.initial_assessment);
  // A recorded IMY decision implies the initial assessment was made.
  if (c.internal.enabled && !assessed && !s.imy_decision) out.push_back({LadderKind::internal, awareness});
  if (c.imy.enabled && !s.imy_decision) out.push_back({LadderKind::imy, awareness});
  if (c.data_subjects.enabled && s.imy_decision && s.imy_decision->inform_subjects && !s.subjects_informed_at)
    out.push_back({LadderKind::data_subjects, s.imy_decision->decided_at});
  if (c.processor.enabled && s.organisation_is_processor && !s.controller_informed_at)
    out.push_back({LadderKind::processor, awareness});
  return out;
}

// Due occurrences (at <= now) sorted by time, the repeat's limited to the most
// recent ones, plus the first occurrence after now (for the wake-up time).
std::vector<Occurrence> due_occurrences(const Ladder& ladder, TimePoint anchor, TimePoint now,
                                        std::optional<TimePoint>& next_after_now) {
  std::vector<Occurrence> due;
  auto note_future = [&](TimePoint t) {
    if (!next_after_now || t < *next_after_now) next_after_now = t;
  };
  for (const LadderStep& step : ladder.steps) {
    const TimePoint at = anchor + step.after;
    if (at <= now)
      due.push_back({step.id, at, &step.recipients});
    else
      note_future(at);
  }
  if (ladder.repeat && ladder.repeat->every > Duration::zero()) {
    const LadderRepeat& r = *ladder.repeat;
    const TimePoint first = anchor + r.start;
    if (first > now) {
      note_future(first);
    } else {
      const int64_t due_count = (now - first) / r.every + 1;
      const int64_t from = std::max<int64_t>(1, due_count - static_cast<int64_t>(kMaxSkippedPerLadder));
      for (int64_t n = from; n <= due_count; ++n)
        due.push_back({r.id_prefix + "-" + std::to_string(n), first + (n - 1) * r.every, &r.recipients});
      note_future(first + due_count * r.every);
    }
  }
  // Stable: on equal times the later-listed (repeat) occurrence counts as latest.
  std::stable_sort(due.begin(), due.end(), [](const Occurrence& a, const Occurrence& b) { return a.at < b.at; });
  return due;
}

bool contains(const std::vector<Role>& roles, Role r) { return std::find(roles.begin(), roles.end(), r) != roles.end(); }

void add_unique(std::vector<Role>& roles, Role r) {
  if (!contains(roles, r)) roles.push_back(r);
}

}  // namespace

bool is_recorded(const InitialAssessment& a) {
  return a.category >= 1 && a.category <= 3 && a.priority >= 1 && a.priority <= 3;
}

ReminderPlan plan_reminders(const IncidentDeadlineState& state, const LadderConfig& config,
                            const std::set<std::string>& sent_step_ids, TimePoint now,
                            const OfficeHours& office_hours) {
  ReminderPlan plan;
  auto note_wakeup = [&](TimePoint t) {
    if (!plan.next_wakeup || t < *plan.next_wakeup) plan.next_wakeup = t;
  };
  const bool office_open = office_hours.is_open(now);
  const std::optional<TimePoint> opening = office_open ? std::optional<TimePoint>(now) : office_hours.next_opening(now);
  const bool imy_pending = !state.imy_decision;

  for (const ActiveLadder& active : active_ladders(state, config)) {
    const Ladder& ladder = config.ladder(active.kind);
    std::optional<TimePoint> next_step;
    std::vector<Occurrence> due = due_occurrences(ladder, active.anchor, now, next_step);
    const bool expired = ladder.expires_after && now >= active.anchor + *ladder.expires_after;
    if (next_step && !(ladder.expires_after && *next_step >= active.anchor + *ladder.expires_after))
      note_wakeup(*next_step);
    if (due.empty()) continue;
    // Older unsent steps are skipped; an expired ladder skips even its latest.
    const size_t candidates = expired ? due.size() : due.size() - 1;
    size_t skipped_here = 0;
    for (size_t i = candidates; i-- > 0 && skipped_here < kMaxSkippedPerLadder;) {
      if (sent_step_ids.count(due[i].id)) continue;
      plan.skipped.push_back({active.kind, due[i].id, due[i].at});
      ++skipped_here;
    }
    if (expired) continue;

    const Occurrence& latest = due.back();
    if (sent_step_ids.count(latest.id)) continue;

    DueReminder r{active.kind, latest.id, latest.at, now, {}, false};
    const bool needs_office = std::any_of(latest.recipients->begin(), latest.recipients->end(),
                                          [&](Role role) { return contains(config.office_hours_roles, role); });
    if (!needs_office || office_open) {
      for (Role role : *latest.recipients) add_unique(r.recipients, role);
      plan.send_now.push_back(std::move(r));
      continue;
    }
    if (imy_pending && (!opening || state.times.imy_deadline < *opening)) {
      // Waiting would let the Art. 33 deadline pass with nobody told.
      for (Role role : config.oncall_recipients) add_unique(r.recipients, role);
      for (Role role : *latest.recipients)
        if (!contains(config.office_hours_roles, role)) add_unique(r.recipients, role);
      r.via_oncall = true;
      plan.send_now.push_back(std::move(r));
      continue;
    }
    r.deliver_at = *opening;
    for (Role role : *latest.recipients) add_unique(r.recipients, role);
    note_wakeup(*opening);
    plan.deferred.push_back(std::move(r));
  }
  return plan;
}

std::vector<DueReminder> due_reminders(const IncidentDeadlineState& state, const LadderConfig& config,
                                       const std::set<std::string>& sent_step_ids, TimePoint now,
                                       const OfficeHours& office_hours) {
  return plan_reminders(state, config, sent_step_ids, now, office_hours).send_now;
}

}  // namespace gdprd::deadlines
