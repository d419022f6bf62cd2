// gdprincidentctl reparse REF | --all: reads the stored report mail again
// with the current parser (after a parser fix) and replaces the record; the
// old record stays in the event log ("reparsed" event, old_record) so that
// what a decision was based on can always be read back. Follow-ups merged
// into the record are applied again on top, oldest first.
//
// Parsing is sandboxed as in the daemon (daemon/parse_sandbox.hpp): the mails
// worth reparsing are often the ones that broke the parser before. A mail the
// parser process still cannot read keeps its record (the command says so);
// a parse worker that cannot be started at all stops the command.
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <stdexcept>

#include "core/record_json.hpp"
#include "daemon/ctl_command.hpp"
#include "daemon/ctl_store.hpp"
#include "daemon/ctl_support.hpp"
#include "daemon/daemon_options.hpp"
#include "daemon/followup_merge.hpp"
#include "daemon/parse_sandbox.hpp"

namespace gdprd::daemon {
namespace {

constexpr const char* kReparseUsage = "--config FILE reparse REFERENCE | --all [--dry-run]";

// The parser's result, or nullopt with `why` when the parser process failed
// on this mail. Throws when no parser process could be started.
std::optional<parsers::ReadResult> read_boxed(ParseSandbox& sandbox, const std::string& raw, const Limits& limits,
                                              std::string& why) {
  SandboxedRead r = sandbox.read(raw, limits);
  if (r.outcome == SandboxOutcome::ok) return std::move(r.result);
  why = "the parser process " + std::string(sandbox_outcome_name(r.outcome)) + " (" + r.detail + ")";
  if (r.outcome == SandboxOutcome::not_started) throw std::runtime_error(why);
  return std::nullopt;
}

enum class Outcome { changed, unchanged, no_report, parse_failed };

Outcome reparse_one(CtlContext& s, ParseSandbox& sandbox, const store::IncidentRow& row, bool dry_run,
                    const std::string& user, std::string& why) {
  auto messages = s.store->messages(row.id);
  const store::StoredMessage* report = nullptr;
  for (const auto& m : messages)
    if (!report && m.role == "report") report = &m;
  if (!report) return Outcome::no_report;
  auto read = read_boxed(sandbox, report->raw, s.limits, why);
  if (!read) return Outcome::parse_failed;
  IncidentRecord record = read->record;
  bool needs_human = read->needs_human;
  for (const auto& m : messages) {
    if (m.role != "followup") continue;
    auto followup = read_boxed(sandbox, m.raw, s.limits, why);
    if (!followup) return Outcome::parse_failed;
    record = merge_followup(record, followup->record).merged;
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
    ParseSandbox sandbox;
    for (const auto& row : rows) {
      std::string why;
      switch (reparse_one(*s, sandbox, row, dry_run, user, why)) {
        case Outcome::changed:
          ++changed;
          inv.out << row.reference << (dry_run ? " would change\n" : " reparsed (old record kept in the event log)\n");
          break;
        case Outcome::unchanged: inv.out << row.reference << " unchanged\n"; break;
        case Outcome::no_report: inv.out << row.reference << " has no stored report, skipped\n"; break;
        case Outcome::parse_failed: inv.out << row.reference << " kept its record: " << why << "\n"; break;
      }
    }
    if (all) inv.out << changed << " of " << rows.size() << " incident(s) " << (dry_run ? "would change" : "changed") << "\n";
  } catch (const std::exception& e) {
    return ctl_failure(inv, "reparse", e);
  }
  return kExitOk;
}

}  // namespace gdprd::daemon
