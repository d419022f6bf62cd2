// The deadline part of the configuration: [deadlines] (the reminder ladders,
// in the shape of core/deadlines/ladder_config.hpp), [office_hours],
// [recipients] (role -> addresses) and [deciders] (who may decide by mail).
// Every table is optional; absent keys keep the defaults documented in
// core/deadlines/ladder_config.hpp and gdprincidentd.example.toml.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/deadlines/ladder_config.hpp"
#include "core/deadlines/office_hours.hpp"

namespace gdprd::config {

struct DeadlinesConfig {
  deadlines::LadderConfig ladders = deadlines::default_ladder_config();
  deadlines::OfficeHoursConfig office_hours;
  // Role name ("ciso", "deputy", "dpo", "forvaltningschef", "oncall") ->
  // addresses. A role with no address is skipped when a reminder is sent
  // (and logged); the CISO falls back to [organisation].ciso.
  std::map<std::string, std::vector<std::string>> recipients;
  // Lower-cased addresses whose reply mails may record decisions. When
  // [deciders] is absent: every ciso, deputy and dpo recipient.
  std::vector<std::string> deciders;
  std::string language = "sv";        // of reminders: "sv" | "en"
  bool completion_requests = true;    // ask reporters for missing mandatory answers
  std::string config_path;            // the file read (shown in reminders' CLI lines)
};

// The table names this module reads (for the top-level "unknown table" check).
inline constexpr std::string_view kDeadlineTables[] = {"deadlines", "office_hours", "recipients", "deciders"};

struct DeadlinesConfigResult {
  DeadlinesConfig config;           // defaults where the text says nothing
  std::vector<std::string> errors;  // "FILE:LINE: message"
};

// Parses the four tables out of a whole config TEXT (other tables are
// ignored; a TOML syntax error is reported by the main parser, not here).
// default_ciso ([organisation].ciso) is the ciso role when [recipients] names
// none. Never throws.
DeadlinesConfigResult parse_deadlines_config(std::string_view text, const std::string& path,
                                             const std::vector<std::string>& default_ciso = {});

}  // namespace gdprd::config
