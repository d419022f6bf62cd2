// gdprincidentctl list: one line per incident, newest first.
#include <iomanip>
#include <ostream>

#include "core/record_json.hpp"
#include "core/stockholm_time.hpp"
#include "daemon/ctl_command.hpp"
#include "daemon/ctl_store.hpp"
#include "daemon/daemon_options.hpp"

namespace gdprd::daemon {

int ctl_list(const CtlInvocation& inv) {
  if (!inv.args.empty()) {
    inv.err << "usage: gdprincidentctl --config FILE list\n";
    return kExitUsage;
  }
  int code = kExitOk;
  auto s = open_ctl_store(inv.config_path, inv.err, code);
  if (!s) return code;
  try {
    inv.out << std::left << std::setw(16) << "REFERENCE" << std::setw(18) << "CREATED"
            << std::setw(8) << "STATE" << std::setw(7) << "HUMAN" << std::setw(22) << "TYPE"
            << "REPORTER\n";
    for (const auto& row : s->store->list_incidents()) {
      std::string type = "-";
      try {
        auto record = Json::parse(row.record_json);
        if (record.contains("incident_type") && record["incident_type"].is_string()) {
          type = record["incident_type"].get<std::string>();
        }
      } catch (const std::exception&) {
        type = "(unreadable record)";
      }
      inv.out << std::setw(16) << row.reference << std::setw(18)
              << stockholm::format_human(row.created_at) << std::setw(8) << row.state << std::setw(7)
              << (row.needs_human ? "yes" : "no") << std::setw(22) << type << row.reporter_address
              << "\n";
    }
  } catch (const std::exception& e) {
    inv.err << "list failed: " << e.what() << "\n";
    return kExitSoftware;
  }
  return kExitOk;
}

}  // namespace gdprd::daemon
