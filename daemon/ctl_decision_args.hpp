// Argument parsing and checks of the decision subcommands (decide, assess,
// correct), apart from their I/O so that the rules are tested directly:
// a "not notified" decision needs a motivation (policy §5.4: who decided,
// when, why), a notification needs IMY's reference, and one decided after the
// 72 h needs the reasons for the delay (Art. 33(1)).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace gdprd::daemon {

struct DecideArgs {
  std::string reference;
  std::optional<bool> notified;            // --notified / --not-notified
  std::optional<std::string> imy_reference;
  std::optional<std::string> motivation;
  std::optional<std::string> delay_reason;
  std::optional<TimePoint> date;           // --date; default: now
  bool subjects_informed = false;          // --subjects-informed[=DATE]
  std::optional<TimePoint> subjects_informed_at;  // the DATE, if given
  std::optional<bool> subjects_must_be_informed;  // --subjects-must-be-informed / --subjects-need-not-be-informed
  bool withdraw = false;                   // --withdraw --reason TEXT
  std::string reason;
};

struct AssessArgs {
  std::string reference;
  int category = 0;          // 1..3
  std::string priority;      // P1..P3
  std::optional<std::string> note;
};

struct CorrectArgs {
  std::string reference;
  std::string discovered_at;  // as given (RFC 3339, date, or "YYYY-MM-DD HH:MM" local)
  TimePoint discovered;       // the instant read from it
  std::string reason;
};

template <class T>
struct ArgsResult {
  std::optional<T> args;
  std::string error;  // one line, when args is nullopt
};

// "2026-05-20T14:00:00+02:00", "2026-05-20" (00:00 local) or "2026-05-20 14:00"
// / "2026-05-20T14:00" (Stockholm local time). nullopt when malformed.
std::optional<TimePoint> parse_cli_time(const std::string& text);

ArgsResult<DecideArgs> parse_decide_args(const std::vector<std::string>& args);
ArgsResult<AssessArgs> parse_assess_args(const std::vector<std::string>& args);
ArgsResult<CorrectArgs> parse_correct_args(const std::vector<std::string>& args);

// The checks that need the incident: the decision time must not lie in the
// future (5 min slack for clock skew) nor before awareness; a notification
// decided after awareness + 72 h needs a delay reason. "" when fine.
std::string check_decide(const DecideArgs& args, TimePoint awareness, TimePoint now);

// The Unix user running the command (getpwuid(geteuid())), "uid:N" when unknown.
std::string current_user();

}  // namespace gdprd::daemon
