// gdprincidentctl assess REF: the CISO's initial assessment (category 1-3,
// priority P1-P3, policy §2.2 and §4.3). Stops the internal 24 h ladder.
#include <nlohmann/json.hpp>
#include <ostream>

#include "daemon/ctl_command.hpp"
#include "daemon/ctl_decision_args.hpp"
#include "daemon/ctl_support.hpp"
#include "daemon/daemon_options.hpp"

namespace gdprd::daemon {

int ctl_assess(const CtlInvocation& inv) {
  static constexpr const char* kUsage =
      "usage: gdprincidentctl --config FILE assess REFERENCE --category 1-3 --priority P1-P3 [--note TEXT]\n";
  if (inv.args.size() == 1 && inv.args[0] == "--help") {
    inv.out << kUsage;
    return kExitOk;
  }
  auto parsed = parse_assess_args(inv.args);
  if (!parsed.args) {
    inv.err << "gdprincidentctl assess: " << parsed.error << "\n" << kUsage;
    return kExitUsage;
  }
  const AssessArgs& a = *parsed.args;
  int code = kExitOk;
  auto incident = open_ctl_incident(inv, "assess", a.reference, code);
  if (!incident) return code;
  try {
    auto& store = *incident->context->store;
    const std::string& who = incident->who;
    store.record_assessment(incident->row.id, a.category, a.priority, who);
    if (a.note) store.append_event(incident->row.id, who, "assessment_note", nlohmann::json{{"note", *a.note}}.dump());
    inv.out << incident->row.reference << ": category " << a.category << ", " << a.priority << " recorded by " << who
            << "\n";
  } catch (const std::exception& e) {
    return ctl_failure(inv, "assess", e);
  }
  return kExitOk;
}

}  // namespace gdprd::daemon
