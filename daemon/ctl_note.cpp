// gdprincidentctl note / close / reopen / link: the CISO's own entries in an
// incident's event log, each with the Unix user who made it (the store adds
// the time).
#include <nlohmann/json.hpp>
#include <ostream>

#include "daemon/ctl_command.hpp"
#include "daemon/ctl_store.hpp"
#include "daemon/ctl_support.hpp"
#include "daemon/daemon_options.hpp"

namespace gdprd::daemon {
namespace {

constexpr const char* kNoteUsage = "--config FILE note REFERENCE TEXT...";
constexpr const char* kCloseUsage = "--config FILE close REFERENCE";
constexpr const char* kReopenUsage = "--config FILE reopen REFERENCE";
constexpr const char* kLinkUsage = "--config FILE link REFERENCE1 REFERENCE2";

// Notes are evidence, not essays: a bound keeps the event log readable.
constexpr size_t kMaxNoteBytes = 16 * 1024;

int set_state(const CtlInvocation& inv, const char* command, const char* usage, const char* state) {
  auto flags = parse_ctl_flags(inv.args, {}, {});
  if (flags.help || !flags.error.empty() || flags.positional.size() != 1)
    return ctl_usage(inv, usage, flags.help, flags.error);
  int code = kExitOk;
  auto found = open_ctl_incident(inv, command, flags.positional[0], code);
  if (!found) return code;
  const store::IncidentRow* row = &found->row;
  try {
    if (row->state == state) {
      inv.out << row->reference << " is already " << state << "\n";
      return kExitOk;
    }
    found->context->store->set_state(row->id, state, found->who);
    inv.out << row->reference << " " << state << "\n";
  } catch (const std::exception& e) {
    return ctl_failure(inv, command, e);
  }
  return kExitOk;
}

}  // namespace

int ctl_note(const CtlInvocation& inv) {
  auto flags = parse_ctl_flags(inv.args, {}, {});
  if (flags.help || !flags.error.empty() || flags.positional.size() < 2)
    return ctl_usage(inv, kNoteUsage, flags.help, flags.error);
  std::string text;
  for (size_t i = 1; i < flags.positional.size(); ++i) {
    if (i > 1) text += ' ';
    text += flags.positional[i];
  }
  if (text.size() > kMaxNoteBytes) {
    inv.err << "gdprincidentctl note: the note is longer than " << kMaxNoteBytes << " bytes\n";
    return kExitUsage;
  }
  int code = kExitOk;
  auto found = open_ctl_incident(inv, "note", flags.positional[0], code);
  if (!found) return code;
  const store::IncidentRow* row = &found->row;
  try {
    found->context->store->append_event(row->id, found->who, "note",
                           nlohmann::json{{"text", text}}.dump(-1, ' ', false,
                                                               nlohmann::json::error_handler_t::replace));
    inv.out << "note added to " << row->reference << "\n";
  } catch (const std::exception& e) {
    return ctl_failure(inv, "note", e);
  }
  return kExitOk;
}

int ctl_close(const CtlInvocation& inv) { return set_state(inv, "close", kCloseUsage, "closed"); }
int ctl_reopen(const CtlInvocation& inv) { return set_state(inv, "reopen", kReopenUsage, "open"); }

int ctl_link(const CtlInvocation& inv) {
  auto flags = parse_ctl_flags(inv.args, {}, {});
  if (flags.help || !flags.error.empty() || flags.positional.size() != 2)
    return ctl_usage(inv, kLinkUsage, flags.help, flags.error);
  if (flags.positional[0] == flags.positional[1]) {
    inv.err << "gdprincidentctl link: an incident cannot be linked to itself\n";
    return kExitUsage;
  }
  int code = kExitOk;
  auto s = open_ctl_context(inv, code);
  if (!s) return code;
  try {
    auto a = s->store->incident_by_reference(flags.positional[0]);
    auto b = s->store->incident_by_reference(flags.positional[1]);
    if (!a || !b) {
      inv.err << "gdprincidentctl link: no incident " << (a ? flags.positional[1] : flags.positional[0]) << "\n";
      return kExitNotFound;
    }
    std::string user = invoking_user();
    // Both sides carry the link, so `show` of either finds the other.
    s->store->append_event(a->id, user, "linked", nlohmann::json{{"reference", b->reference}}.dump());
    s->store->append_event(b->id, user, "linked", nlohmann::json{{"reference", a->reference}}.dump());
    inv.out << a->reference << " linked to " << b->reference << "\n";
  } catch (const std::exception& e) {
    return ctl_failure(inv, "link", e);
  }
  return kExitOk;
}

}  // namespace gdprd::daemon
