// gdprincidentctl show REF: the incident, its record, its messages and events.
#include <ostream>

#include "core/record_json.hpp"
#include "core/stockholm_time.hpp"
#include "daemon/ctl_command.hpp"
#include "daemon/ctl_store.hpp"
#include "daemon/daemon_options.hpp"

namespace gdprd::daemon {

int ctl_show(const CtlInvocation& inv) {
  if (inv.args.size() != 1) {
    inv.err << "usage: gdprincidentctl --config FILE show REFERENCE\n";
    return kExitUsage;
  }
  int code = kExitOk;
  auto s = open_ctl_store(inv.config_path, inv.err, code);
  if (!s) return code;
  try {
    auto row = s->store->incident_by_reference(inv.args[0]);
    if (!row) {
      inv.err << "no incident " << inv.args[0] << "\n";
      return 1;
    }
    auto when = [](const std::optional<TimePoint>& t) {
      return t ? stockholm::format_rfc3339(*t) : std::string("-");
    };
    inv.out << "reference:     " << row->reference << "\n"
            << "created:       " << stockholm::format_rfc3339(row->created_at) << "\n"
            << "state:         " << row->state << "\n"
            << "needs_human:   " << (row->needs_human ? "yes" : "no") << "\n"
            << "reporter:      " << row->reporter_address << "\n"
            << "awareness:     " << when(row->awareness_at) << " (" << row->awareness_source << ")\n"
            << "decision:      " << row->decision.value_or("-") << "\n";
    inv.out << "record:\n";
    try {
      inv.out << Json::parse(row->record_json).dump(2, ' ', false, Json::error_handler_t::replace)
              << "\n";
    } catch (const std::exception&) {
      inv.out << row->record_json << "\n";
    }
    inv.out << "messages:\n";
    for (const auto& m : s->store->messages(row->id)) {
      inv.out << "  #" << m.id << " " << m.role << " " << m.message_class << " uid=" << m.uid
              << " bytes=" << m.size << " sha256=" << m.sha256 << "\n";
    }
    inv.out << "events:\n";
    for (const auto& e : s->store->events(row->id)) {
      inv.out << "  " << stockholm::format_rfc3339(e.at) << " " << e.actor << " " << e.kind << " "
              << e.detail_json << "\n";
    }
  } catch (const std::exception& e) {
    inv.err << "show failed: " << e.what() << "\n";
    return kExitSoftware;
  }
  return kExitOk;
}

}  // namespace gdprd::daemon
