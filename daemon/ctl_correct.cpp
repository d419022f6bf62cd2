// gdprincidentctl correct REF --discovered-at TIME: corrects when the breach
// was discovered, which moves both clocks (awareness). Logged with the old
// and new values; the reminders follow the new times on the next tick.
#include <ostream>

#include "core/deadlines/deadline_clock.hpp"
#include "core/stockholm_time.hpp"
#include "daemon/ctl_command.hpp"
#include "daemon/ctl_decision_args.hpp"
#include "daemon/ctl_support.hpp"
#include "daemon/daemon_options.hpp"
#include "store/deadline_repository.hpp"

namespace gdprd::daemon {

int ctl_correct(const CtlInvocation& inv) {
  static constexpr const char* kUsage =
      "usage: gdprincidentctl --config FILE correct REFERENCE --discovered-at TIME [--reason TEXT]\n"
      "TIME: 2026-05-20T14:00:00+02:00, 2026-05-20 14:00 (Swedish time) or 2026-05-20.\n";
  if (inv.args.size() == 1 && inv.args[0] == "--help") {
    inv.out << kUsage;
    return kExitOk;
  }
  auto parsed = parse_correct_args(inv.args);
  if (!parsed.args) {
    inv.err << "gdprincidentctl correct: " << parsed.error << "\n" << kUsage;
    return kExitUsage;
  }
  const CorrectArgs& a = *parsed.args;
  int code = kExitOk;
  auto incident = open_ctl_incident(inv, "correct", a.reference, code);
  if (!incident) return code;
  const store::IncidentRow& row = incident->row;
  CtlContext& s = *incident->context;
  try {
    // The same rule as at ingest: a discovery after receipt cannot be right.
    auto times = deadlines::compute_deadlines(stockholm::format_rfc3339(a.discovered), row.created_at);
    const std::string source = times.awareness_from_discovery ? "discovered_at (corrected)" : "received_at";
    if (!times.awareness_from_discovery)
      inv.err << "note: " << a.discovered_at << " is after the report was received; awareness stays at receipt\n";
    store::DeadlineRepository repo(*s.db, s.clock);
    repo.correct_awareness(row.id, times.awareness, source, incident->who, a.reason);
    inv.out << row.reference << ": awareness " << stockholm::format_human(times.awareness) << "; internal deadline "
            << stockholm::format_human(times.internal_deadline) << ", IMY deadline "
            << stockholm::format_human(times.imy_deadline) << "\n";
  } catch (const std::exception& e) {
    return ctl_failure(inv, "correct", e);
  }
  return kExitOk;
}

}  // namespace gdprd::daemon
