// gdprincidentd: polls the incident mailbox, stores incidents, acknowledges
// reporters. See daemon/daemon_loop.hpp for the modes.
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "daemon/daemon_loop.hpp"
#include "daemon/daemon_options.hpp"

int main(int argc, char** argv) {
  using namespace gdprd::daemon;
  std::vector<std::string> args(argv + 1, argv + argc);
  auto parsed = parse_daemon_options(args);
  if (!parsed.options) {
    std::fprintf(stderr, "gdprincidentd: %s\n%s", parsed.error.c_str(), kDaemonUsage);
    return kExitUsage;
  }
  const DaemonOptions& o = *parsed.options;
  if (o.help) {
    std::fputs(kDaemonUsage, stdout);
    return kExitOk;
  }
  if (o.check_config) return check_config(o.config_path);

  // Logs go to stderr (the journal under systemd); stdout stays free.
  spdlog::set_default_logger(spdlog::stderr_logger_mt("gdprincidentd"));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %l %v");
  std::unique_ptr<gdprd::Clock> clock;
  if (o.clock_offset != gdprd::Duration{0} || o.clock_scale != 1.0) {
    clock = std::make_unique<gdprd::OffsetClock>(o.clock_offset, o.clock_scale);
    spdlog::warn("test clock in use: offset {}s, scale {}",
                 std::chrono::duration_cast<std::chrono::seconds>(o.clock_offset).count(), o.clock_scale);
  } else {
    clock = std::make_unique<gdprd::SystemClock>();
  }
  try {
    return o.once ? run_once(o.config_path, *clock) : run_daemon(o.config_path, *clock);
  } catch (const std::exception& e) {
    spdlog::critical("unexpected error: {}", e.what());
    return kExitSoftware;
  }
}
