// gdprincidentctl assess REF: the CISO's initial assessment (category 1-3,
// priority P1-P3, policy §2.2 and §4.3). Stops the internal 24 h ladder.
#include <nlohmann/json.hpp>
#include <ostream>

#include "daemon/ctl_command.hpp"
#include "daemon/ctl_decision_args.hpp"
#include "daemon/ctl_store.hpp"
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
  auto s = open_ctl_store(inv.config_path, inv.err, code);
  if (!s) return code;
  try {
    auto row = s->store->incident_by_reference(a.reference);
    if (!row) {
      inv.err << "no incident " << a.reference << "\n";
      return 1;
    }
    const std::string who = current_user();
    s->store->record_assessment(row->id, a.category, a.priority, who);
    if (a.note) s->store->append_event(row->id, who, "assessment_note", nlohmann::json{{"note", *a.note}}.dump());
    inv.out << row->reference << ": category " << a.category << ", " << a.priority << " recorded by " << who << "\n";
  } catch (const std::exception& e) {
    inv.err << "assess failed: " << e.what() << "\n";
    return kExitSoftware;
  }
  return kExitOk;
}

}  // namespace gdprd::daemon
