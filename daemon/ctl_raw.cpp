// gdprincidentctl raw REF: the stored bytes of the report mail, exactly as
// fetched, so that `raw REF > mail.eml` gives the original back.
#include <ostream>

#include "daemon/ctl_command.hpp"
#include "daemon/ctl_store.hpp"
#include "daemon/ctl_support.hpp"
#include "daemon/daemon_options.hpp"

namespace gdprd::daemon {

namespace {
constexpr const char* kRawUsage = "--config FILE raw REFERENCE [--message N] > mail.eml";
}

int ctl_raw(const CtlInvocation& inv) {
  auto flags = parse_ctl_flags(inv.args, {}, {"message"});
  if (flags.help || !flags.error.empty() || flags.positional.size() != 1)
    return ctl_usage(inv, kRawUsage, flags.help, flags.error);
  int code = kExitOk;
  auto found = open_ctl_incident(inv, "raw", flags.positional[0], code);
  if (!found) return code;
  const store::IncidentRow* row = &found->row;
  try {
    auto messages = found->context->store->messages(row->id);
    const store::StoredMessage* chosen = nullptr;
    if (auto it = flags.value.find("message"); it != flags.value.end()) {
      for (const auto& m : messages)
        if (std::to_string(m.id) == it->second) chosen = &m;
      if (!chosen) {
        inv.err << "gdprincidentctl raw: " << row->reference << " has no message #" << it->second << "\n";
        return kExitNotFound;
      }
    } else {
      // The report itself: the first message in the report role, else the oldest.
      for (const auto& m : messages)
        if (!chosen && m.role == "report") chosen = &m;
      if (!chosen && !messages.empty()) chosen = &messages.front();
    }
    if (!chosen) {
      inv.err << "gdprincidentctl raw: " << row->reference << " has no stored message\n";
      return kExitNotFound;
    }
    inv.out.write(chosen->raw.data(), static_cast<std::streamsize>(chosen->raw.size()));
    inv.out.flush();
    if (!inv.out) {
      inv.err << "gdprincidentctl raw: writing the message failed\n";
      return 74;  // EX_IOERR
    }
  } catch (const std::exception& e) {
    return ctl_failure(inv, "raw", e);
  }
  return kExitOk;
}

}  // namespace gdprd::daemon
