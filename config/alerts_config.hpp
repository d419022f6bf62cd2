// The [alerts] table: who is told when the daemon itself is in trouble
// (polling failing, the outbox not draining) and when a configured secret is
// about to expire. Absent table or empty `admins`: self-monitoring is off.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace gdprd::config {

// A credential with a known end of life ([[alerts.secret]], or the OAuth2
// client secret). The date is a Stockholm calendar day; the secret is taken
// to stop working at 00:00 Swedish time that day.
struct SecretExpiry {
  std::string name;  // e.g. "imap-password"; shown in the warning mail
  int year = 0, month = 0, day = 0;
  auto operator<=>(const SecretExpiry&) const = default;
};

struct AlertsConfig {
  std::vector<std::string> admins;  // addresses; empty: no alert mails at all
  std::chrono::seconds poll_failure_after{30 * 60};  // failing polls for this long -> alert
  std::chrono::seconds outbox_stuck_after{30 * 60};  // oldest unsent mail older -> alert
  int secret_warning_days = 14;                      // first warning this many days before expiry
  std::vector<SecretExpiry> secrets;

  bool enabled() const { return !admins.empty(); }
};

// The table names this module reads (for the top-level "unknown table" check).
inline constexpr std::string_view kAlertTables[] = {"alerts"};

struct AlertsConfigResult {
  AlertsConfig config;              // defaults where the text says nothing
  std::vector<std::string> errors;  // "FILE:LINE: message"
};

// Parses [alerts] out of a whole config TEXT (other tables are ignored; a
// TOML syntax error is reported by the main parser, not here). Durations are
// written as in the rest of the file ("30m", "1h"); expiry dates as TOML
// dates (2027-03-01) or "YYYY-MM-DD" strings. Never throws.
AlertsConfigResult parse_alerts_config(std::string_view text, const std::string& path);

}  // namespace gdprd::config
