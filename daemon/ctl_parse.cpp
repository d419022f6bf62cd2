// gdprincidentctl parse --json FILE.eml: the parser's record for one mail,
// pretty-printed (2 spaces, UTF-8 unescaped). Needs no config and no store.
#include <fstream>
#include <ostream>

#include "core/record_json.hpp"
#include "daemon/ctl_command.hpp"
#include "daemon/daemon_options.hpp"
#include "parsers/report_reader.hpp"

namespace gdprd::daemon {

int ctl_parse(const CtlInvocation& inv) {
  if (inv.args.size() == 1 && inv.args[0] == "--help") {
    inv.out << "usage: gdprincidentctl parse --json FILE.eml\n"
               "  prints the record the report reader makes of FILE.eml (no config, no store)\n";
    return kExitOk;
  }
  if (inv.args.size() != 2 || inv.args[0] != "--json") {
    inv.err << "usage: gdprincidentctl parse --json FILE.eml\n";
    return kExitUsage;
  }
  std::ifstream in(inv.args[1], std::ios::binary);
  if (!in) {
    inv.err << "cannot read " << inv.args[1] << "\n";
    return 66;  // EX_NOINPUT
  }
  Limits limits;
  // Read one byte past the limit, never more: the parser sees that the mail
  // is too large and flags it, and a huge file costs no huge allocation.
  std::string raw(limits.max_message_bytes + 1, '\0');
  in.read(raw.data(), static_cast<std::streamsize>(raw.size()));
  raw.resize(static_cast<size_t>(in.gcount()));
  auto result = parsers::read_report(raw, limits);
  inv.out << to_json(result.record).dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
  return kExitOk;
}

}  // namespace gdprd::daemon
