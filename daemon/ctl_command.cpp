#include "daemon/ctl_command.hpp"

#include <algorithm>
#include <ostream>

#include "daemon/daemon_options.hpp"

namespace gdprd::daemon {

const std::vector<CtlCommand>& ctl_commands() {
  static const std::vector<CtlCommand> commands = {
      {"list", "--config FILE list [--open] [--overdue] [--due-within DURATION] [--since DATE] [--unit TEXT] [--needs-human] [--json]", true, ctl_list},
      {"show", "--config FILE show REFERENCE [--json]", true, ctl_show},
      {"parse", "parse --json FILE.eml", false, ctl_parse},
      {"decide", "--config FILE decide REFERENCE (--notified --imy-ref REF | --not-notified --motivation TEXT) ...", true, ctl_decide},
      {"assess", "--config FILE assess REFERENCE --category 1-3 --priority P1-P3 [--note TEXT]", true, ctl_assess},
      {"correct", "--config FILE correct REFERENCE --discovered-at TIME [--reason TEXT]", true, ctl_correct},
      {"note", "--config FILE note REFERENCE TEXT", true, ctl_note},
      {"close", "--config FILE close REFERENCE", true, ctl_close},
      {"reopen", "--config FILE reopen REFERENCE", true, ctl_reopen},
      {"link", "--config FILE link REFERENCE1 REFERENCE2", true, ctl_link},
      {"raw", "--config FILE raw REFERENCE [--message N] > mail.eml", true, ctl_raw},
      {"reparse", "--config FILE reparse (REFERENCE | --all) [--dry-run]", true, ctl_reparse},
      {"imy-form", "--config FILE imy-form REFERENCE [--json]", true, ctl_imy_form},
      {"register", "--config FILE register [--year YYYY] [--format csv|json|ods] [--output FILE]", true, ctl_register},
      {"status", "--config FILE status [--json]", true, ctl_status},
  };
  return commands;
}

namespace {

void usage(std::ostream& err) {
  err << "usage:\n";
  for (const auto& c : ctl_commands()) err << "  gdprincidentctl " << c.usage << "\n";
  err << "With several [[mailbox]] tables, --mailbox NAME (after --config) chooses whose store.\n";
}

}  // namespace

int run_ctl(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  std::string config_path;
  std::string mailbox;
  size_t i = 0;
  while (i < argv.size() && argv[i].rfind("--", 0) == 0) {
    if (argv[i] == "--config" && i + 1 < argv.size()) {
      config_path = argv[i + 1];
      i += 2;
    } else if (argv[i] == "--mailbox" && i + 1 < argv.size()) {
      mailbox = argv[i + 1];
      i += 2;
    } else if (argv[i] == "--help") {
      usage(out);
      return kExitOk;
    } else {
      err << "gdprincidentctl: unknown option " << argv[i] << "\n";
      usage(err);
      return kExitUsage;
    }
  }
  if (i >= argv.size()) {
    usage(err);
    return kExitUsage;
  }
  for (const auto& c : ctl_commands()) {
    if (argv[i] != c.name) continue;
    // "SUBCOMMAND --help" needs no config: each subcommand answers it first.
    bool help = std::find(argv.begin() + static_cast<long>(i) + 1, argv.end(), "--help") != argv.end();
    if (c.needs_config && config_path.empty() && !help) {
      err << "gdprincidentctl " << c.name << ": --config FILE is required\n";
      return kExitUsage;
    }
    CtlInvocation inv{config_path, {argv.begin() + static_cast<long>(i) + 1, argv.end()}, out, err, mailbox};
    return c.run(inv);
  }
  err << "gdprincidentctl: unknown command " << argv[i] << "\n";
  usage(err);
  return kExitUsage;
}

}  // namespace gdprd::daemon
