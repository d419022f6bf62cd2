// gdprincidentctl list: the incidents, the nearest running deadline first,
// narrowed by filters that combine with AND (store/incident_queries.hpp says
// what each one means).
#include <ostream>

#include "daemon/ctl_command.hpp"
#include "daemon/ctl_decision_args.hpp"
#include "daemon/ctl_list_view.hpp"
#include "daemon/ctl_support.hpp"
#include "daemon/daemon_options.hpp"
#include "store/incident_queries.hpp"

namespace gdprd::daemon {

namespace {
constexpr const char* kListUsage =
    "--config FILE list [--open] [--overdue] [--due-within DURATION] [--since DATE]\n"
    "                       [--unit TEXT] [--needs-human] [--limit N] [--json]\n"
    "  --open              only open incidents (not closed)\n"
    "  --overdue           a running deadline has passed (24 h unassessed, 72 h undecided)\n"
    "  --due-within DUR    the next running deadline falls within DUR (30m, 12h, 3d); overdue included\n"
    "  --since DATE        aware or received on or after DATE (2026-05-20, Swedish time)\n"
    "  --unit TEXT         the unit/förvaltning contains TEXT (case-insensitive)\n"
    "  --needs-human       flagged by the reader, unreadable record, limit_exceeded or missing mandatory answers\n"
    "  --limit N           at most N incidents (default 10000)\n"
    "  --json              JSON (shape in gdprincidentctl(1))\n"
    "Sorted by the nearest running deadline; times are Swedish local time.";
}  // namespace

int ctl_list(const CtlInvocation& inv) {
  auto flags = parse_ctl_flags(inv.args, {"open", "overdue", "needs-human"}, {"due-within", "since", "unit", "limit"});
  if (flags.help || !flags.error.empty() || !flags.positional.empty())
    return ctl_usage(inv, kListUsage, flags.help,
                     flags.error.empty() && !flags.help ? "list takes no arguments" : flags.error);
  store::IncidentFilter filter;
  filter.open_only = flags.set.count("open") > 0;
  filter.overdue = flags.set.count("overdue") > 0;
  filter.needs_human = flags.set.count("needs-human") > 0;
  if (auto it = flags.value.find("due-within"); it != flags.value.end()) {
    filter.due_within = parse_cli_duration(it->second);
    if (!filter.due_within)
      return ctl_usage(inv, kListUsage, false, "--due-within: not a duration like 30m, 12h or 3d: " + it->second);
  }
  if (auto it = flags.value.find("since"); it != flags.value.end()) {
    filter.since = parse_cli_time(it->second);
    if (!filter.since) return ctl_usage(inv, kListUsage, false, "--since: not a date like 2026-05-20: " + it->second);
  }
  if (auto it = flags.value.find("unit"); it != flags.value.end()) filter.unit = it->second;
  if (auto it = flags.value.find("limit"); it != flags.value.end()) {
    try {
      size_t used = 0;
      filter.limit = std::stoll(it->second, &used);
      if (used != it->second.size() || filter.limit <= 0) throw std::invalid_argument("limit");
    } catch (const std::exception&) {
      return ctl_usage(inv, kListUsage, false, "--limit: not a positive number: " + it->second);
    }
  }
  int code = kExitOk;
  auto s = open_ctl_context(inv, code);
  if (!s) return code;
  try {
    const TimePoint now = s->clock.now();
    store::IncidentQueries queries(*s->db, *s->store);
    auto found = queries.find(filter, now);
    if (flags.json)
      inv.out << list_json(found, now).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
    else
      print_list(inv.out, found, now);
  } catch (const std::exception& e) {
    return ctl_failure(inv, "list", e);
  }
  return kExitOk;
}

}  // namespace gdprd::daemon
