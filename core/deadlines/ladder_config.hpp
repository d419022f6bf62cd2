// Configuration of the reminder ladders: which reminders go to whom and when,
// per deadline kind. Plain data with defaults a Swedish municipality accepts;
// the config module fills it (from TOML) or calls ladder_config_from_json.
//
// Defaults (for the example config; hours after the ladder's anchor):
//   oncall_recipients  = ["oncall"]        # who takes office-hours steps at night
//   office_hours_roles = ["ciso", "deputy", "dpo", "forvaltningschef"]
//   [internal]  anchor: awareness; stops at the CISO's initial assessment
//               (category 1-3 + priority P1-P3) or any IMY decision;
//               expires at 24 h (expires_after_hours = 24)
//     "internal-4h"  at  4 h -> ciso
//     "internal-12h" at 12 h -> ciso, deputy
//     "internal-20h" at 20 h -> ciso, deputy, dpo
//   [imy]       anchor: awareness; stops at decision notified / not_notified
//     "imy-24h" at 24 h -> ciso, dpo
//     "imy-48h" at 48 h -> ciso, dpo
//     "imy-60h" at 60 h -> ciso, deputy, dpo
//     "imy-68h" at 68 h -> ciso, deputy, dpo, forvaltningschef
//     "imy-71h" at 71 h -> ciso, deputy, dpo, forvaltningschef
//     then "overdue-1" at 72 h, "overdue-2" at 84 h, ... every 12 h
//       -> ciso, dpo, forvaltningschef
//   [data_subjects] anchor: the decision saying subjects must be informed;
//                   stops when informed_at is recorded
//     "subjects-decided" at 0 h -> ciso, dpo
//     then "subjects-1" at 24 h, "subjects-2" at 48 h, ... every 24 h -> ciso, dpo
//   [processor] anchor: awareness, only when the organisation is the
//               processor; stops when the controller has been informed
//     "processor-inform" at 0 h -> ciso, dpo  ("without undue delay", Art. 33(2))
//     then "processor-1" at 12 h, ... every 12 h -> ciso, dpo, forvaltningschef
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/clock.hpp"

namespace gdprd::deadlines {

enum class Role { ciso, deputy, dpo, forvaltningschef, oncall };
enum class LadderKind { internal, imy, data_subjects, processor };

std::string_view to_string(Role role);
std::string_view to_string(LadderKind kind);
std::optional<Role> role_from_string(std::string_view text);

struct LadderStep {
  std::string id;        // stable: the caller keys exactly-once sending on it
  Duration after{};      // offset from the ladder's anchor
  std::vector<Role> recipients;
  bool operator==(const LadderStep&) const = default;
};

// Repetition after the fixed steps: step ids "<id_prefix>-1", "-2", ...;
// occurrence n (1-based) is due at anchor + start + (n-1) * every.
struct LadderRepeat {
  std::string id_prefix;
  Duration start{};
  Duration every{};
  std::vector<Role> recipients;
  bool operator==(const LadderRepeat&) const = default;
};

struct Ladder {
  bool enabled = true;
  std::vector<LadderStep> steps;
  std::optional<LadderRepeat> repeat;
  // From anchor + expires_after on, the ladder sends nothing more (its due
  // steps are reported as skipped): the internal ladder hands over to the imy
  // ladder once the 24 h are gone.
  std::optional<Duration> expires_after;
  bool operator==(const Ladder&) const = default;
};

struct LadderConfig {
  Ladder internal;
  Ladder imy;
  Ladder data_subjects;
  Ladder processor;
  std::vector<Role> oncall_recipients;
  // Roles only reachable in office hours; a step naming one of them waits for
  // the office to open (or goes to on-call if the IMY deadline comes first).
  std::vector<Role> office_hours_roles;
  bool operator==(const LadderConfig&) const = default;

  const Ladder& ladder(LadderKind kind) const;
};

// The defaults documented above.
LadderConfig default_ladder_config();

// Limits on a configured ladder (untrusted config): a repeat faster than
// this would flood recipients; more steps than this is a config mistake.
inline constexpr Duration kMinRepeatEvery = std::chrono::minutes(15);
inline constexpr size_t kMaxStepsPerLadder = 32;

struct LadderConfigResult {
  std::optional<LadderConfig> config;  // set on success
  std::string error;                   // "imy.steps[2].to: unknown role \"boss\"" on failure
};

// Reads {"oncall": [...], "office_hours_roles": [...], "internal": {...}, ...}
// where a ladder is {"enabled": bool, "steps": [{"id": s, "after_hours": n,
// "to": [roles]}], "repeat": {"id_prefix": s, "start_hours": n,
// "every_hours": n, "to": [roles]} | null, "expires_after_hours": n | null}. Absent keys keep the defaults;
// a given "steps" replaces the default steps. Validates roles, unique ids,
// non-negative offsets, repeat >= 15 min, <= 32 steps. Never throws.
LadderConfigResult ladder_config_from_json(const nlohmann::json& json);

}  // namespace gdprd::deadlines
