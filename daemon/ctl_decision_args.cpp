#include "daemon/ctl_decision_args.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cctype>

#include "core/deadlines/deadline_clock.hpp"
#include "core/stockholm_time.hpp"

namespace gdprd::daemon {
namespace {

// Reads "--name VALUE" or "--name=VALUE" at args[i]; advances i past it.
bool take_value(const std::vector<std::string>& args, size_t& i, const std::string& name, std::string& value,
                std::string& error) {
  const std::string& a = args[i];
  if (a == name) {
    if (i + 1 >= args.size()) {
      error = name + " needs a value";
      return true;
    }
    value = args[++i];
    return true;
  }
  if (a.rfind(name + "=", 0) == 0) {
    value = a.substr(name.size() + 1);
    return true;
  }
  return false;
}

bool blank(const std::string& s) {
  for (char c : s)
    if (!std::isspace(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace

std::optional<TimePoint> parse_cli_time(const std::string& text) {
  if (auto t = stockholm::parse_record_time(text)) return t;
  // Local "YYYY-MM-DD HH:MM" or "YYYY-MM-DDTHH:MM[:SS]".
  int y, mo, d, h, mi, s = 0;
  char sep;
  int n = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%c%2d:%2d%n", &y, &mo, &d, &sep, &h, &mi, &n) == 6 &&
      (sep == ' ' || sep == 'T')) {
    if (static_cast<size_t>(n) != text.size()) {
      int n2 = 0;
      if (std::sscanf(text.c_str() + n, ":%2d%n", &s, &n2) != 1 || static_cast<size_t>(n + n2) != text.size())
        return std::nullopt;
    }
    if (mo < 1 || mo > 12 || d < 1 || d > stockholm::days_in_month(y, mo) || h > 23 || mi > 59 || s > 59 || y < 1970)
      return std::nullopt;
    return stockholm::to_instant({y, mo, d, h, mi, s});
  }
  return std::nullopt;
}

ArgsResult<DecideArgs> parse_decide_args(const std::vector<std::string>& args) {
  DecideArgs out;
  std::string error;
  for (size_t i = 0; i < args.size() && error.empty(); ++i) {
    const std::string& a = args[i];
    std::string v;
    if (a == "--notified" || a == "--not-notified") {
      bool n = a == "--notified";
      if (out.notified && *out.notified != n) error = "--notified and --not-notified exclude each other";
      out.notified = n;
    } else if (take_value(args, i, "--imy-ref", v, error)) {
      out.imy_reference = v;
    } else if (take_value(args, i, "--motivation", v, error)) {
      out.motivation = v;
    } else if (take_value(args, i, "--delay-reason", v, error)) {
      out.delay_reason = v;
    } else if (take_value(args, i, "--reason", v, error)) {
      out.reason = v;
    } else if (take_value(args, i, "--date", v, error)) {
      if (error.empty() && !(out.date = parse_cli_time(v))) error = "--date: not a time: " + v;
    } else if (a == "--subjects-informed") {
      out.subjects_informed = true;
    } else if (a.rfind("--subjects-informed=", 0) == 0) {
      out.subjects_informed = true;
      if (!(out.subjects_informed_at = parse_cli_time(a.substr(20)))) error = "--subjects-informed: not a time";
    } else if (a == "--subjects-must-be-informed") {
      out.subjects_must_be_informed = true;
    } else if (a == "--subjects-need-not-be-informed") {
      out.subjects_must_be_informed = false;
    } else if (a == "--withdraw") {
      out.withdraw = true;
    } else if (a.rfind("--", 0) == 0) {
      error = "unknown option " + a;
    } else if (out.reference.empty()) {
      out.reference = a;
    } else {
      error = "unexpected argument " + a;
    }
  }
  if (error.empty() && out.reference.empty()) error = "REFERENCE is required";
  if (error.empty() && !out.notified && !out.subjects_informed && !out.subjects_must_be_informed && !out.withdraw)
    error = "nothing to decide: give --notified, --not-notified, --subjects-informed, --subjects-must-be-informed "
            "or --withdraw";
  if (error.empty() && out.withdraw && out.notified) error = "--withdraw cannot be combined with a new decision";
  if (error.empty() && out.withdraw && blank(out.reason)) error = "--withdraw needs --reason TEXT";
  if (error.empty() && out.notified && *out.notified && (!out.imy_reference || blank(*out.imy_reference)))
    error = "--notified needs --imy-ref (IMY's reference, e.g. DI-2026-1234)";
  if (error.empty() && out.notified && !*out.notified && (!out.motivation || blank(*out.motivation)))
    error = "--not-notified needs --motivation \"...\" (why the breach is unlikely to result in a risk)";
  if (error.empty() && out.imy_reference && !(out.notified && *out.notified))
    error = "--imy-ref belongs to --notified";
  if (!error.empty()) return {std::nullopt, error};
  return {out, ""};
}

ArgsResult<AssessArgs> parse_assess_args(const std::vector<std::string>& args) {
  AssessArgs out;
  std::string error;
  for (size_t i = 0; i < args.size() && error.empty(); ++i) {
    const std::string& a = args[i];
    std::string v;
    if (take_value(args, i, "--category", v, error)) {
      if (error.empty()) {
        if (v.size() == 1 && v[0] >= '1' && v[0] <= '3') out.category = v[0] - '0';
        else error = "--category must be 1, 2 or 3";
      }
    } else if (take_value(args, i, "--priority", v, error)) {
      if (error.empty()) {
        for (char& c : v) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (v == "P1" || v == "P2" || v == "P3") out.priority = v;
        else error = "--priority must be P1, P2 or P3";
      }
    } else if (take_value(args, i, "--note", v, error)) {
      out.note = v;
    } else if (a.rfind("--", 0) == 0) {
      error = "unknown option " + a;
    } else if (out.reference.empty()) {
      out.reference = a;
    } else {
      error = "unexpected argument " + a;
    }
  }
  if (error.empty() && out.reference.empty()) error = "REFERENCE is required";
  if (error.empty() && (out.category == 0 || out.priority.empty())) error = "--category 1-3 and --priority P1-P3 are required";
  if (!error.empty()) return {std::nullopt, error};
  return {out, ""};
}

ArgsResult<CorrectArgs> parse_correct_args(const std::vector<std::string>& args) {
  CorrectArgs out;
  std::string error;
  bool have_time = false;
  for (size_t i = 0; i < args.size() && error.empty(); ++i) {
    const std::string& a = args[i];
    std::string v;
    if (take_value(args, i, "--discovered-at", v, error)) {
      if (error.empty()) {
        auto t = parse_cli_time(v);
        if (!t) error = "--discovered-at: not a time: " + v;
        else out.discovered = *t, out.discovered_at = v, have_time = true;
      }
    } else if (take_value(args, i, "--reason", v, error)) {
      out.reason = v;
    } else if (a.rfind("--", 0) == 0) {
      error = "unknown option " + a;
    } else if (out.reference.empty()) {
      out.reference = a;
    } else {
      error = "unexpected argument " + a;
    }
  }
  if (error.empty() && out.reference.empty()) error = "REFERENCE is required";
  if (error.empty() && !have_time) error = "--discovered-at TIME is required";
  if (!error.empty()) return {std::nullopt, error};
  return {out, ""};
}

std::string check_decide(const DecideArgs& args, TimePoint awareness, TimePoint now) {
  const TimePoint at = args.date.value_or(now);
  if (at > now + std::chrono::minutes(5)) return "--date lies in the future";
  if (args.subjects_informed_at && *args.subjects_informed_at > now + std::chrono::minutes(5))
    return "--subjects-informed date lies in the future";
  if (args.notified && at < awareness) return "--date lies before the organisation became aware of the breach";
  if (args.notified && *args.notified && at > awareness + deadlines::kImyDeadline &&
      (!args.delay_reason || blank(*args.delay_reason)))
    return "the notification is decided more than 72 h after awareness (" + stockholm::format_human(awareness) +
           "): give --delay-reason \"...\" (Art. 33(1))";
  return "";
}

std::string current_user() {
  if (const passwd* pw = getpwuid(geteuid()); pw && pw->pw_name && *pw->pw_name) return pw->pw_name;
  return "uid:" + std::to_string(geteuid());
}

}  // namespace gdprd::daemon
