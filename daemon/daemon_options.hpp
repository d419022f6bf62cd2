// The command line of gdprincidentd, parsed without side effects.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace gdprd::daemon {

struct DaemonOptions {
  std::string config_path;
  bool once = false;          // poll every mailbox once, drain the outbox, exit
  bool check_config = false;  // validate the config and exit (0 or 78)
  // TEST ONLY: run on an OffsetClock so that deadlines can be reached quickly.
  Duration clock_offset{0};
  double clock_scale = 1.0;
  bool help = false;
};

struct ParsedOptions {
  std::optional<DaemonOptions> options;
  std::string error;  // when options is nullopt
};

// gdprincidentd --config FILE [--once] [--check-config] [--clock-offset DUR] [--clock-scale N]
ParsedOptions parse_daemon_options(const std::vector<std::string>& args);

extern const char* const kDaemonUsage;

// sysexits.h values the daemon exits with.
constexpr int kExitOk = 0;
constexpr int kExitUsage = 64;        // EX_USAGE
constexpr int kExitUnavailable = 69;  // EX_UNAVAILABLE: the mailbox could not be reached
constexpr int kExitSoftware = 70;     // EX_SOFTWARE
constexpr int kExitOsFile = 72;       // EX_OSFILE: the parse worker is missing or broken
constexpr int kExitCantCreate = 73;   // EX_CANTCREAT: the store cannot be opened
constexpr int kExitConfig = 78;       // EX_CONFIG

}  // namespace gdprd::daemon
