// gdprincidentctl decide REF: the decision on notifying IMY (Art. 33), on
// informing the data subjects (Art. 34), or its withdrawal. Each change is an
// event with the Unix user and the time; a decision stops the ladder it answers.
#include <nlohmann/json.hpp>
#include <ostream>

#include "core/stockholm_time.hpp"
#include "daemon/ctl_command.hpp"
#include "daemon/ctl_decision_args.hpp"
#include "daemon/ctl_support.hpp"
#include "daemon/daemon_options.hpp"
#include "store/deadline_repository.hpp"

namespace gdprd::daemon {

namespace {
constexpr const char* kDecideUsage =
    "usage: gdprincidentctl --config FILE decide REFERENCE\n"
    "         (--notified --imy-ref DI-2026-1234 | --not-notified --motivation TEXT)\n"
    "         [--date TIME] [--delay-reason TEXT]\n"
    "         [--subjects-informed[=TIME]] [--subjects-must-be-informed | --subjects-need-not-be-informed]\n"
    "       gdprincidentctl --config FILE decide REFERENCE --withdraw --reason TEXT\n"
    "TIME: 2026-05-20T14:00:00+02:00, 2026-05-20 14:00 (Swedish time) or 2026-05-20.\n"
    "A notification decided more than 72 h after awareness needs --delay-reason (Art. 33(1)).\n";
}  // namespace

int ctl_decide(const CtlInvocation& inv) {
  if (inv.args.size() == 1 && inv.args[0] == "--help") {
    inv.out << kDecideUsage;
    return kExitOk;
  }
  auto parsed = parse_decide_args(inv.args);
  if (!parsed.args) {
    inv.err << "gdprincidentctl decide: " << parsed.error << "\n" << kDecideUsage;
    return kExitUsage;
  }
  const DecideArgs& a = *parsed.args;
  int code = kExitOk;
  auto incident = open_ctl_incident(inv, "decide", a.reference, code);
  if (!incident) return code;
  const store::IncidentRow& row = incident->row;
  CtlContext& s = *incident->context;
  try {
    const TimePoint now = s.clock.now();
    const TimePoint awareness = row.awareness_at.value_or(row.created_at);
    if (std::string problem = check_decide(a, awareness, now); !problem.empty()) {
      inv.err << "gdprincidentctl decide: " << problem << "\n";
      return kExitUsage;
    }
    const std::string& who = incident->who;
    store::DeadlineRepository repo(*s.db, s.clock);
    if (a.withdraw) {
      repo.withdraw_decision(row.id, who, a.reason);
      inv.out << row.reference << ": decision withdrawn by " << who << "; the IMY reminders resume\n";
    }
    if (a.notified) {
      store::Decision d;
      d.decision = *a.notified ? "notified" : "not_notified";
      d.at = a.date.value_or(now);
      d.by = who;
      d.imy_reference = a.imy_reference;
      d.motivation = a.motivation;
      d.delay_reason = a.delay_reason;
      d.subjects_must_be_informed = a.subjects_must_be_informed ? a.subjects_must_be_informed
                                                                 : row.subjects_must_be_informed;
      s.store->record_decision(row.id, d);
      inv.out << row.reference << ": " << (*a.notified ? "notified to IMY (" + *a.imy_reference + ")" : "not notified")
              << ", decided " << stockholm::format_human(d.at) << " by " << who << "\n";
    } else if (a.subjects_must_be_informed) {
      repo.set_subjects_must_be_informed(row.id, *a.subjects_must_be_informed, who);
      inv.out << row.reference << ": data subjects " << (*a.subjects_must_be_informed ? "must" : "need not")
              << " be informed\n";
    }
    if (a.subjects_informed) {
      TimePoint at = a.subjects_informed_at.value_or(now);
      s.store->record_subjects_informed(row.id, at, who);
      inv.out << row.reference << ": data subjects informed " << stockholm::format_human(at) << "\n";
    }
  } catch (const std::exception& e) {
    return ctl_failure(inv, "decide", e);
  }
  return kExitOk;
}

}  // namespace gdprd::daemon
