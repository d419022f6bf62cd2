// gdprincidentctl imy-form REF: the answers for IMY's notification form,
// question by question (seed 004 order), and what is still missing.
#include <nlohmann/json.hpp>
#include <ostream>

#include "daemon/ctl_command.hpp"
#include "daemon/ctl_store.hpp"
#include "daemon/ctl_support.hpp"
#include "daemon/daemon_options.hpp"
#include "notify/imy_form.hpp"

namespace gdprd::daemon {

namespace {
constexpr const char* kImyFormUsage = "--config FILE imy-form REFERENCE [--json]";
}

int ctl_imy_form(const CtlInvocation& inv) {
  auto flags = parse_ctl_flags(inv.args, {}, {});
  if (flags.help || !flags.error.empty() || flags.positional.size() != 1)
    return ctl_usage(inv, kImyFormUsage, flags.help, flags.error);
  int code = kExitOk;
  auto found = open_ctl_incident(inv, "imy-form", flags.positional[0], code);
  if (!found) return code;
  const CtlContext* s = found->context.get();
  const store::IncidentRow* row = &found->row;
  try {
    auto d = row_deadlines(*row, s->clock.now());
    notify::ImyFormFacts facts;
    facts.reference = row->reference;
    // Late when the notification is made (or, undecided, would be made now) after 72 h.
    facts.late = row->decision_at ? *row->decision_at > d.imy : s->clock.now() > d.imy;
    facts.delay_reason = row->delay_reason;
    auto form = notify::compose_imy_form(record_of(*row), facts);
    if (flags.json) {
      nlohmann::ordered_json out;
      out["reference"] = row->reference;
      out["late"] = facts.late;
      out["questions"] = nlohmann::ordered_json::array();
      for (const auto& q : form.questions)
        out["questions"].push_back(
            {{"number", q.number}, {"question", q.question}, {"answer", q.answer_lines}, {"required", q.required}});
      out["missing"] = form.missing;
      inv.out << out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
    } else {
      inv.out << form.text;
    }
  } catch (const std::exception& e) {
    return ctl_failure(inv, "imy-form", e);
  }
  return kExitOk;
}

}  // namespace gdprd::daemon
