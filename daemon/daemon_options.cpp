#include "daemon/daemon_options.hpp"

#include <charconv>

#include "config/duration.hpp"

namespace gdprd::daemon {

const char* const kDaemonUsage =
    "usage: gdprincidentd --config FILE [--once] [--check-config]\n"
    "                     [--clock-offset DURATION] [--clock-scale N]   (test only)\n";

ParsedOptions parse_daemon_options(const std::vector<std::string>& args) {
  DaemonOptions o;
  auto value = [&](size_t& i, const std::string& name) -> std::optional<std::string> {
    if (i + 1 >= args.size()) return std::nullopt;
    (void)name;
    return args[++i];
  };
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--config") {
      auto v = value(i, a);
      if (!v) return {std::nullopt, "--config needs a file"};
      o.config_path = *v;
    } else if (a == "--once") {
      o.once = true;
    } else if (a == "--check-config") {
      o.check_config = true;
    } else if (a == "--clock-offset") {
      auto v = value(i, a);
      bool negative = v && !v->empty() && (*v)[0] == '-';
      auto d = v ? config::parse_duration(negative ? v->substr(1) : *v) : std::nullopt;
      if (!d) return {std::nullopt, "--clock-offset needs a duration like 71h30m"};
      o.clock_offset = negative ? -Duration(*d) : Duration(*d);
    } else if (a == "--clock-scale") {
      auto v = value(i, a);
      double scale = 0;
      if (v) {
        auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), scale);
        if (ec != std::errc() || p != v->data() + v->size()) scale = 0;
      }
      if (!(scale > 0 && scale <= 1e6)) return {std::nullopt, "--clock-scale needs a number > 0"};
      o.clock_scale = scale;
    } else if (a == "--help" || a == "-h") {
      o.help = true;
      return {o, ""};
    } else {
      return {std::nullopt, "unknown argument: " + a};
    }
  }
  if (o.config_path.empty()) return {std::nullopt, "--config FILE is required"};
  return {o, ""};
}

}  // namespace gdprd::daemon
