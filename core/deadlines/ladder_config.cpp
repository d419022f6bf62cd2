#include "core/deadlines/ladder_config.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include <nlohmann/json.hpp>

namespace gdprd::deadlines {
namespace {

using std::chrono::hours;

constexpr double kMaxHours = 24.0 * 366;  // an offset beyond a year is a typo

LadderStep step(std::string id, int h, std::vector<Role> to) { return {std::move(id), hours(h), std::move(to)}; }

// Throwing helpers inside the parser only; ladder_config_from_json catches.
struct ConfigError {
  std::string message;
};

std::vector<Role> parse_roles(const nlohmann::json& j, const std::string& where) {
  if (!j.is_array()) throw ConfigError{where + ": expected an array of roles"};
  if (j.size() > 16) throw ConfigError{where + ": too many roles"};
  std::vector<Role> roles;
  for (const auto& r : j) {
    if (!r.is_string()) throw ConfigError{where + ": role must be a string"};
    auto role = role_from_string(r.get<std::string>());
    if (!role) throw ConfigError{where + ": unknown role \"" + r.get<std::string>() + "\""};
    roles.push_back(*role);
  }
  return roles;
}

Duration parse_hours(const nlohmann::json& j, const std::string& where, double min_hours) {
  if (!j.is_number()) throw ConfigError{where + ": expected a number of hours"};
  const double h = j.get<double>();
  if (!std::isfinite(h) || h < min_hours || h > kMaxHours)
    throw ConfigError{where + ": out of range"};
  return std::chrono::duration_cast<Duration>(std::chrono::duration<double, std::ratio<3600>>(h));
}

std::string parse_id(const nlohmann::json& j, const std::string& where) {
  if (!j.is_string() || j.get<std::string>().empty() || j.get<std::string>().size() > 64)
    throw ConfigError{where + ": expected a non-empty id of at most 64 characters"};
  return j.get<std::string>();
}

// True when id has the form of a repeat occurrence id: "<prefix>-<digits>".
bool is_repeat_id(const std::string& id, const std::string& prefix) {
  if (id.size() <= prefix.size() + 1 || id.compare(0, prefix.size(), prefix) != 0 || id[prefix.size()] != '-')
    return false;
  return std::all_of(id.begin() + static_cast<std::ptrdiff_t>(prefix.size()) + 1, id.end(),
                     [](char ch) { return ch >= '0' && ch <= '9'; });
}

void parse_ladder(const nlohmann::json& j, const std::string& name, Ladder& ladder) {
  if (!j.is_object()) throw ConfigError{name + ": expected a table"};
  if (j.contains("enabled")) {
    if (!j["enabled"].is_boolean()) throw ConfigError{name + ".enabled: expected true or false"};
    ladder.enabled = j["enabled"].get<bool>();
  }
  if (j.contains("steps")) {
    const auto& steps = j["steps"];
    if (!steps.is_array()) throw ConfigError{name + ".steps: expected an array"};
    if (steps.size() > kMaxStepsPerLadder) throw ConfigError{name + ".steps: too many steps"};
    ladder.steps.clear();
    for (size_t i = 0; i < steps.size(); ++i) {
      const std::string where = name + ".steps[" + std::to_string(i) + "]";
      const auto& s = steps[i];
      if (!s.is_object() || !s.contains("id") || !s.contains("after_hours") || !s.contains("to"))
        throw ConfigError{where + ": needs id, after_hours and to"};
      ladder.steps.push_back({parse_id(s["id"], where + ".id"), parse_hours(s["after_hours"], where + ".after_hours", 0),
                              parse_roles(s["to"], where + ".to")});
    }
  }
  if (j.contains("repeat")) {
    const auto& r = j["repeat"];
    const std::string where = name + ".repeat";
    if (r.is_null()) {
      ladder.repeat.reset();
    } else {
      if (!r.is_object() || !r.contains("every_hours")) throw ConfigError{where + ": needs every_hours"};
      LadderRepeat rep = ladder.repeat.value_or(LadderRepeat{name, Duration{}, Duration{}, {}});
      if (r.contains("id_prefix")) rep.id_prefix = parse_id(r["id_prefix"], where + ".id_prefix");
      if (r.contains("start_hours")) rep.start = parse_hours(r["start_hours"], where + ".start_hours", 0);
      rep.every = parse_hours(r["every_hours"], where + ".every_hours", 0.25);
      if (r.contains("to")) rep.recipients = parse_roles(r["to"], where + ".to");
      if (rep.recipients.empty()) throw ConfigError{where + ".to: no recipients"};
      ladder.repeat = rep;
    }
  }
  if (j.contains("expires_after_hours")) {
    if (j["expires_after_hours"].is_null())
      ladder.expires_after.reset();
    else
      ladder.expires_after = parse_hours(j["expires_after_hours"], name + ".expires_after_hours", 0);
  }
  // Ids must be unique within a ladder, also against the repeat's ids.
  std::set<std::string> ids;
  for (const auto& s : ladder.steps) {
    if (!ids.insert(s.id).second) throw ConfigError{name + ": duplicate step id \"" + s.id + "\""};
    if (ladder.repeat && is_repeat_id(s.id, ladder.repeat->id_prefix))
      throw ConfigError{name + ": step id \"" + s.id + "\" collides with the repeat's ids"};
  }
}

}  // namespace

std::string_view to_string(Role role) {
  switch (role) {
    case Role::ciso: return "ciso";
    case Role::deputy: return "deputy";
    case Role::dpo: return "dpo";
    case Role::forvaltningschef: return "forvaltningschef";
    case Role::oncall: return "oncall";
  }
  return "oncall";
}

std::string_view to_string(LadderKind kind) {
  switch (kind) {
    case LadderKind::internal: return "internal";
    case LadderKind::imy: return "imy";
    case LadderKind::data_subjects: return "data_subjects";
    case LadderKind::processor: return "processor";
  }
  return "internal";
}

std::optional<Role> role_from_string(std::string_view text) {
  for (Role r : {Role::ciso, Role::deputy, Role::dpo, Role::forvaltningschef, Role::oncall})
    if (to_string(r) == text) return r;
  return std::nullopt;
}

const Ladder& LadderConfig::ladder(LadderKind kind) const {
  switch (kind) {
    case LadderKind::internal: return internal;
    case LadderKind::imy: return imy;
    case LadderKind::data_subjects: return data_subjects;
    case LadderKind::processor: return processor;
  }
  return internal;
}

LadderConfig default_ladder_config() {
  using enum Role;
  LadderConfig c;
  c.internal.steps = {step("internal-4h", 4, {ciso}), step("internal-12h", 12, {ciso, deputy}),
                      step("internal-20h", 20, {ciso, deputy, dpo})};
  c.internal.expires_after = hours(24);
  c.imy.steps = {step("imy-24h", 24, {ciso, dpo}), step("imy-48h", 48, {ciso, dpo}),
                 step("imy-60h", 60, {ciso, deputy, dpo}),
                 step("imy-68h", 68, {ciso, deputy, dpo, forvaltningschef}),
                 step("imy-71h", 71, {ciso, deputy, dpo, forvaltningschef})};
  c.imy.repeat = LadderRepeat{"overdue", hours(72), hours(12), {ciso, dpo, forvaltningschef}};
  c.data_subjects.steps = {step("subjects-decided", 0, {ciso, dpo})};
  c.data_subjects.repeat = LadderRepeat{"subjects", hours(24), hours(24), {ciso, dpo}};
  c.processor.steps = {step("processor-inform", 0, {ciso, dpo})};
  c.processor.repeat = LadderRepeat{"processor", hours(12), hours(12), {ciso, dpo, forvaltningschef}};
  c.oncall_recipients = {oncall};
  c.office_hours_roles = {ciso, deputy, dpo, forvaltningschef};
  return c;
}

LadderConfigResult ladder_config_from_json(const nlohmann::json& json) {
  LadderConfigResult result;
  try {
    if (!json.is_object()) throw ConfigError{"ladders: expected a table"};
    LadderConfig c = default_ladder_config();
    if (json.contains("oncall")) {
      c.oncall_recipients = parse_roles(json["oncall"], "oncall");
      if (c.oncall_recipients.empty()) throw ConfigError{"oncall: no recipients"};
    }
    if (json.contains("office_hours_roles"))
      c.office_hours_roles = parse_roles(json["office_hours_roles"], "office_hours_roles");
    for (LadderKind kind : {LadderKind::internal, LadderKind::imy, LadderKind::data_subjects, LadderKind::processor}) {
      const std::string name(to_string(kind));
      Ladder& ladder = kind == LadderKind::internal ? c.internal
                       : kind == LadderKind::imy    ? c.imy
                       : kind == LadderKind::data_subjects ? c.data_subjects
                                                           : c.processor;
      if (json.contains(name)) parse_ladder(json[name], name, ladder);
    }
    // One sent-id set serves all ladders, so ids must not repeat across them.
    constexpr LadderKind kinds[] = {LadderKind::internal, LadderKind::imy, LadderKind::data_subjects,
                                    LadderKind::processor};
    std::set<std::string> step_ids, prefixes;
    for (LadderKind kind : kinds) {
      const Ladder& ladder = c.ladder(kind);
      for (const auto& s : ladder.steps)
        if (!step_ids.insert(s.id).second)
          throw ConfigError{std::string(to_string(kind)) + ": step id \"" + s.id + "\" is used by another ladder"};
      if (ladder.repeat && !prefixes.insert(ladder.repeat->id_prefix).second)
        throw ConfigError{std::string(to_string(kind)) + ".repeat: id_prefix is used by another ladder"};
    }
    for (const std::string& id : step_ids)
      for (const std::string& prefix : prefixes)
        if (is_repeat_id(id, prefix))
          throw ConfigError{"step id \"" + id + "\" collides with the repeat ids of \"" + prefix + "\""};
    result.config = std::move(c);
  } catch (const ConfigError& e) {
    result.error = e.message;
  } catch (const std::exception& e) {  // nlohmann type errors, bad_alloc
    result.error = std::string("ladders: ") + e.what();
  }
  return result;
}

}  // namespace gdprd::deadlines
