// Runs one read_report call in a forked child and measures it: wall time,
// growth of the resident set (VmHWM after minus VmRSS before), and the
// outcome. The child gets RLIMIT_AS = current size + the memory budget, so an
// unbounded allocation ends the child (reported as a crash) instead of the
// test machine. Test support only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/limits.hpp"

namespace gdprd::hostile {

struct ProbeOutcome {
  bool completed = false;   // the child returned from read_report and reported
  int signal = 0;           // the signal that ended the child, if any
  double seconds = 0;       // wall time of read_report in the child
  long rss_growth_kb = 0;   // peak RSS minus RSS before the call
  std::string message_class;
  std::vector<std::string> warning_codes;
  bool needs_human = false;
  bool has_warning(std::string_view code) const;
};

// Runs read_report(raw, limits) in a child with an address-space budget of
// `budget_mb` above what the child already maps, and a 30 s CPU limit.
ProbeOutcome run_probe(const std::string& raw, const Limits& limits = {}, long budget_mb = 256);

}  // namespace gdprd::hostile
