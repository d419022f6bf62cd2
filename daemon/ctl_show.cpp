// gdprincidentctl show REF: everything known about one incident, for the
// CISO and the DPO (daemon/ctl_show_view.hpp lists what).
#include <ostream>

#include "daemon/ctl_command.hpp"
#include "daemon/ctl_show_view.hpp"
#include "daemon/ctl_support.hpp"
#include "daemon/daemon_options.hpp"
#include "store/incident_queries.hpp"

namespace gdprd::daemon {

namespace {
constexpr const char* kShowUsage =
    "--config FILE show REFERENCE [--json]\n"
    "  the record, the 24 h and 72 h deadlines (Swedish time, time left or late by),\n"
    "  assessments and decisions (who, when, what), each stored mail's From/To/Date/\n"
    "  Subject/Message-ID and MIME parts (type, file name, size, read or not), the event log\n"
    "  --json              JSON (shape in gdprincidentctl(1))";
}  // namespace

int ctl_show(const CtlInvocation& inv) {
  auto flags = parse_ctl_flags(inv.args, {}, {});
  if (flags.help || !flags.error.empty() || flags.positional.size() != 1)
    return ctl_usage(inv, kShowUsage, flags.help, flags.error);
  int code = kExitOk;
  auto incident = open_ctl_incident(inv, "show", flags.positional[0], code);
  if (!incident) return code;
  try {
    CtlContext& s = *incident->context;
    ShowInput in;
    in.now = s.clock.now();
    in.limits = s.limits;
    store::IncidentQueries queries(*s.db, *s.store);
    auto described = queries.describe(incident->row.id, in.now);
    if (!described) {
      inv.err << "gdprincidentctl show: no incident " << flags.positional[0] << "\n";
      return kExitNotFound;
    }
    in.incident = std::move(*described);
    in.events = s.store->events(incident->row.id);
    in.messages = s.store->messages(incident->row.id);
    if (flags.json)
      inv.out << show_json(in).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
    else
      print_show(inv.out, in);
  } catch (const std::exception& e) {
    return ctl_failure(inv, "show", e);
  }
  return kExitOk;
}

}  // namespace gdprd::daemon
