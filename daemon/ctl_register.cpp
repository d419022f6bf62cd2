// gdprincidentctl register: the Art. 33(5) register of one year's incidents
// as CSV (default), JSON or ODS, on stdout or into --output FILE.
#include <fstream>
#include <ostream>

#include "core/stockholm_time.hpp"
#include "daemon/ctl_command.hpp"
#include "daemon/ctl_store.hpp"
#include "daemon/ctl_support.hpp"
#include "daemon/daemon_options.hpp"
#include "notify/register_export.hpp"
#include "store/register_queries.hpp"

namespace gdprd::daemon {

namespace {
constexpr const char* kRegisterUsage =
    "--config FILE register [--year YYYY] [--format csv|json|ods] [--output FILE]";
}

int ctl_register(const CtlInvocation& inv) {
  auto flags = parse_ctl_flags(inv.args, {}, {"year", "format", "output"});
  if (flags.help || !flags.error.empty() || !flags.positional.empty())
    return ctl_usage(inv, kRegisterUsage, flags.help, flags.error);
  std::string format = flags.json ? "json" : "csv";
  if (auto it = flags.value.find("format"); it != flags.value.end()) format = it->second;
  if (format != "csv" && format != "json" && format != "ods")
    return ctl_usage(inv, kRegisterUsage, false, "--format must be csv, json or ods");
  int code = kExitOk;
  auto s = open_ctl_context(inv, code);
  if (!s) return code;
  int year = stockholm::to_local(s->clock.now()).year;
  if (auto it = flags.value.find("year"); it != flags.value.end()) {
    try {
      size_t used = 0;
      year = std::stoi(it->second, &used);
      if (used != it->second.size() || year < 2000 || year > 9999) throw std::out_of_range("year");
    } catch (const std::exception&) {
      return ctl_usage(inv, kRegisterUsage, false, "--year must be a year such as 2026");
    }
  }
  std::string bytes;
  try {
    store::RegisterQueries queries(*s->db);
    TimePoint now = s->clock.now();
    std::vector<notify::RegisterEntry> entries;
    for (int64_t id : queries.incident_ids_of_year(year)) {
      auto row = s->store->incident_by_id(id);
      if (!row) continue;
      auto d = row_deadlines(*row, now);
      notify::RegisterFacts f;
      f.reference = row->reference;
      f.reported = stockholm::format_human(row->created_at);
      f.decision = row->decision;
      if (row->decision_at) f.decision_date = stockholm::format_human(*row->decision_at);
      f.motivation = row->decision_motivation;
      f.imy_reference = row->imy_reference;
      if (queries.has_event(id, "dpo_consulted")) f.dpo_consulted = true;
      if (row->subjects_informed_at) {
        f.subjects_informed = true;
        f.subjects_informed_date = stockholm::format_human(*row->subjects_informed_at);
      }
      f.late_internal = row->late_internal_report;
      f.late_imy = row->decision_at ? *row->decision_at > d.imy : now > d.imy;
      f.delay_reason = row->delay_reason;
      f.closed = row->state == "closed";
      entries.push_back(notify::register_entry(record_of(*row), f));
    }
    bytes = format == "csv"    ? notify::register_csv(entries)
            : format == "json" ? notify::register_json(entries)
                               : notify::register_ods(entries, "PUI " + std::to_string(year));
    if (bytes.empty()) {
      inv.err << "gdprincidentctl register: the " << format << " file could not be built\n";
      return kExitSoftware;
    }
  } catch (const std::exception& e) {
    return ctl_failure(inv, "register", e);
  }
  if (auto it = flags.value.find("output"); it != flags.value.end()) {
    std::ofstream file(it->second, std::ios::binary | std::ios::trunc);
    file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    file.close();
    if (!file) {
      inv.err << "gdprincidentctl register: cannot write " << it->second << "\n";
      return 73;  // EX_CANTCREAT
    }
    return kExitOk;
  }
  inv.out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  inv.out.flush();
  return inv.out ? kExitOk : 74;
}

}  // namespace gdprd::daemon
