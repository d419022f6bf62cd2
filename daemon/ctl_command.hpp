// gdprincidentctl's subcommands. Each lives in its own ctl_<name>.cpp and is
// listed in ctl_commands(); adding one is adding a file and a table row.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace gdprd::daemon {

struct CtlInvocation {
  std::string config_path;          // empty when --config was not given
  std::vector<std::string> args;    // after the subcommand name
  std::ostream& out;
  std::ostream& err;
  std::string mailbox = {};         // --mailbox NAME: which [[mailbox]]'s store; empty: the only one
};

struct CtlCommand {
  const char* name;
  const char* usage;      // one line, after "gdprincidentctl "
  bool needs_config;
  int (*run)(const CtlInvocation&);
};

const std::vector<CtlCommand>& ctl_commands();

// The whole CLI: [--config FILE] [--mailbox NAME] SUBCOMMAND ARGS... Returns the exit code.
int run_ctl(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err);

int ctl_list(const CtlInvocation& inv);
int ctl_show(const CtlInvocation& inv);
int ctl_parse(const CtlInvocation& inv);
int ctl_decide(const CtlInvocation& inv);
int ctl_assess(const CtlInvocation& inv);
int ctl_correct(const CtlInvocation& inv);
int ctl_note(const CtlInvocation& inv);
int ctl_close(const CtlInvocation& inv);
int ctl_reopen(const CtlInvocation& inv);
int ctl_link(const CtlInvocation& inv);
int ctl_raw(const CtlInvocation& inv);
int ctl_reparse(const CtlInvocation& inv);
int ctl_imy_form(const CtlInvocation& inv);
int ctl_register(const CtlInvocation& inv);
int ctl_status(const CtlInvocation& inv);

}  // namespace gdprd::daemon
