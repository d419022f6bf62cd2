// gdprincidentctl: the operator's view of the incident store (see
// daemon/ctl_command.hpp for the subcommands).
#include <iostream>
#include <string>
#include <vector>

#include "daemon/ctl_command.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return gdprd::daemon::run_ctl(args, std::cout, std::cerr);
}
