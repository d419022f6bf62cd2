// gdprincidentctl reparse REF | --all: reads the stored report mail again
// with the current parser (after a parser fix) and replaces the record; the
// old record stays in the event log ("reparsed" event, old_record) so that
// what a decision was based on can always be read back. Follow-ups merged
// into the record are applied again on top, oldest first.
#include <nlohmann/json.hpp>
#include <ostream>

#include "core/record_json.hpp"
#include "daemon/ctl_command.hpp"
#include "daemon/ctl_store.hpp"
#include "daemon/ctl_support.hpp"
#include "daemon/daemon_options.hpp"
#include "daemon/followup_merge.hpp"
#include "parsers/report_reader.hpp"

namespace gdprd::daemon {
namespace {

constexpr const char* kReparseUsage = "--config FILE reparse REFERENCE | --all [--dry-run]";

parsers::ReadResult read_safely(const std::string& raw, const Limits& limits) {
  try {
    return parsers::read_report(raw, limits);
  } catch (const std::exception&) {
    parsers::ReadResult fallback;
    fallback.record = empty_record("report");
    fallback.record.warn("parse_error", "the parser failed; the raw mail is stored for a human");
    fallback.needs_human = true;
    return fallback;
  }
}

enum class Outcome { changed, unchanged, no_report };

Outcome reparse_one(CtlContext& s, const store::IncidentRow& row, bool dry_run, const std::string& user) {
  auto messages = s.store->messages(row.id);
  const store::StoredMessage* report = nullptr;
  for (const auto& m : messages)
    if (!report && m.role == "report") report = &m;
  if (!report) return Outcome::no_report;
  auto read = read_safely(report->raw, s.limits);
  IncidentRecord record = read.record;
  bool needs_human = read.needs_human;
  for (const auto& m : messages) {
    if (m.role != "followup") continue;
    record = merge_followup(record, read_safely(m.raw, s.limits).record).merged;
  }
  std::string new_json = to_json(record).dump();
  bool same = false;
  try {
    same = Json::parse(row.record_json) == Json::parse(new_json) && row.needs_human == needs_human;
  } catch (const std::exception&) {
  }
  if (same) return Outcome::unchanged;
  if (!dry_run) {
    s.store->revise_record(row.id, new_json, needs_human, user, "reparsed",
                           Json{{"message", report->id}}.dump());
  }
  return Outcome::changed;
}

}  // namespace

int ctl_reparse(const CtlInvocation& inv) {
  auto flags = parse_ctl_flags(inv.args, {"all", "dry-run"}, {});
  bool all = flags.set.count("all") > 0;
  if (flags.help || !flags.error.empty() || (all ? !flags.positional.empty() : flags.positional.size() != 1))
    return ctl_usage(inv, kReparseUsage, flags.help, flags.error);
  bool dry_run = flags.set.count("dry-run") > 0;
  int code = kExitOk;
  auto s = open_ctl_context(inv, code);
  if (!s) return code;
  try {
    std::vector<store::IncidentRow> rows;
    if (all) {
      // Oldest first, in pages so that a large store is not read at once.
      for (int64_t offset = 0;; offset += 500) {
        auto page = s->store->list_incidents(500, offset);
        rows.insert(rows.end(), page.begin(), page.end());
        if (page.size() < 500) break;
      }
      std::reverse(rows.begin(), rows.end());
    } else {
      auto row = s->store->incident_by_reference(flags.positional[0]);
      if (!row) {
        inv.err << "gdprincidentctl reparse: no incident " << flags.positional[0] << "\n";
        return kExitNotFound;
      }
      rows.push_back(*row);
    }
    std::string user = invoking_user();
    size_t changed = 0;
    for (const auto& row : rows) {
      switch (reparse_one(*s, row, dry_run, user)) {
        case Outcome::changed:
          ++changed;
          inv.out << row.reference << (dry_run ? " would change\n" : " reparsed (old record kept in the event log)\n");
          break;
        case Outcome::unchanged: inv.out << row.reference << " unchanged\n"; break;
        case Outcome::no_report: inv.out << row.reference << " has no stored report, skipped\n"; break;
      }
    }
    if (all) inv.out << changed << " of " << rows.size() << " incident(s) " << (dry_run ? "would change" : "changed") << "\n";
  } catch (const std::exception& e) {
    return ctl_failure(inv, "reparse", e);
  }
  return kExitOk;
}

}  // namespace gdprd::daemon
