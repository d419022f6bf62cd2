#include "config/deadlines_config.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include "config/toml_support.hpp"

namespace gdprd::config {
namespace {

using Errors = ConfigErrors;

// TOML -> JSON, for ladder_config_from_json (one validator for both forms).
nlohmann::json to_json(const toml::node& node) {
  if (auto t = node.as_table()) {
    nlohmann::json o = nlohmann::json::object();
    for (auto&& [k, v] : *t) o[std::string(k.str())] = to_json(v);
    return o;
  }
  if (auto a = node.as_array()) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& v : *a) arr.push_back(to_json(v));
    return arr;
  }
  if (auto s = node.as_string()) return s->get();
  if (auto i = node.as_integer()) return i->get();
  if (auto f = node.as_floating_point()) return f->get();
  if (auto b = node.as_boolean()) return b->get();
  return nullptr;  // dates: rejected by the ladder validator as "expected ..."
}

bool plausible_address(const std::string& a) {
  auto at = a.find('@');
  return at != std::string::npos && at > 0 && at + 1 < a.size() && a.find_first_of(" \t\r\n<>,;\"") == std::string::npos &&
         a.size() <= 254;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::vector<std::string> address_list(const toml::node& node, const std::string& where, Errors& e) {
  std::vector<std::string> out;
  const toml::array* a = node.as_array();
  if (!a) {
    e.add(node, where + " must be a list of addresses");
    return out;
  }
  for (const auto& item : *a) {
    if (!item.is_string() || !plausible_address(item.as_string()->get())) {
      e.add(item, where + " must hold e-mail addresses");
      continue;
    }
    out.push_back(item.as_string()->get());
  }
  return out;
}

// "HH:MM" -> minutes after midnight; "24:00" allowed (end of day).
std::optional<int> clock_minutes(const toml::node& node) {
  if (!node.is_string()) return std::nullopt;
  const std::string& s = node.as_string()->get();
  if (s.size() != 5 || s[2] != ':' || !std::isdigit(static_cast<unsigned char>(s[0])) ||
      !std::isdigit(static_cast<unsigned char>(s[1])) || !std::isdigit(static_cast<unsigned char>(s[3])) ||
      !std::isdigit(static_cast<unsigned char>(s[4])))
    return std::nullopt;
  int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

void read_deadlines(const toml::table& t, DeadlinesConfig& c, Errors& e) {
  nlohmann::json ladders = nlohmann::json::object();
  for (auto&& [key, node] : t) {
    std::string k(key.str());
    if (k == "language") {
      if (!node.is_string() || (node.as_string()->get() != "sv" && node.as_string()->get() != "en"))
        e.add(node, "[deadlines] language must be \"sv\" or \"en\"");
      else
        c.language = node.as_string()->get();
    } else if (k == "completion_requests") {
      if (!node.is_boolean()) e.add(node, "[deadlines] completion_requests must be true or false");
      else c.completion_requests = node.as_boolean()->get();
    } else if (k == "oncall" || k == "office_hours_roles" || k == "internal" || k == "imy" ||
               k == "data_subjects" || k == "processor") {
      ladders[k] = to_json(node);
    } else {
      e.add(key.source().begin.line, "unknown key '" + k + "' in [deadlines]");
    }
  }
  auto parsed = deadlines::ladder_config_from_json(ladders);
  if (parsed.config) c.ladders = *parsed.config;
  else e.add(t, "[deadlines] " + parsed.error);
}

void read_office_hours(const toml::table& t, DeadlinesConfig& c, Errors& e) {
  static constexpr std::string_view kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  auto& o = c.office_hours;
  for (auto&& [key, node] : t) {
    std::string k(key.str());
    if (k == "open" || k == "close") {
      auto m = clock_minutes(node);
      if (!m) e.add(node, "[office_hours] " + k + " must be \"HH:MM\"");
      else (k == "open" ? o.open_minute : o.close_minute) = *m;
    } else if (k == "workdays") {
      std::array<bool, 7> days{};
      const toml::array* a = node.as_array();
      if (!a) {
        e.add(node, "[office_hours] workdays must be a list like [\"mon\", \"tue\"]");
        continue;
      }
      for (const auto& d : *a) {
        auto it = d.is_string() ? std::find(std::begin(kDays), std::end(kDays), lower(d.as_string()->get()))
                                : std::end(kDays);
        if (it == std::end(kDays)) e.add(d, "[office_hours] unknown weekday (use mon..sun)");
        else days[static_cast<size_t>(it - std::begin(kDays))] = true;
      }
      o.workdays = days;
    } else if (k == "midsommarafton_closed" || k == "julafton_closed" || k == "nyarsafton_closed") {
      if (!node.is_boolean()) {
        e.add(node, "[office_hours] " + k + " must be true or false");
        continue;
      }
      bool v = node.as_boolean()->get();
      if (k == "midsommarafton_closed") o.calendar.midsommarafton_closed = v;
      else if (k == "julafton_closed") o.calendar.julafton_closed = v;
      else o.calendar.nyarsafton_closed = v;
    } else if (k == "extra_closed_days") {
      const toml::array* a = node.as_array();
      if (!a) {
        e.add(node, "[office_hours] extra_closed_days must be a list of dates");
        continue;
      }
      for (const auto& d : *a) {
        if (auto date = d.as_date()) {
          o.calendar.extra_closed_days.push_back({date->get().year, date->get().month, date->get().day});
        } else if (d.is_string() && d.as_string()->get().size() == 10) {
          const std::string& s = d.as_string()->get();
          int y = 0, m = 0, day = 0;
          if (std::sscanf(s.c_str(), "%4d-%2d-%2d", &y, &m, &day) == 3 && m >= 1 && m <= 12 && day >= 1 && day <= 31)
            o.calendar.extra_closed_days.push_back({y, m, day});
          else
            e.add(d, "[office_hours] extra_closed_days: not a date YYYY-MM-DD");
        } else {
          e.add(d, "[office_hours] extra_closed_days: not a date YYYY-MM-DD");
        }
      }
    } else {
      e.add(key.source().begin.line, "unknown key '" + k + "' in [office_hours]");
    }
  }
  if (o.close_minute <= o.open_minute) e.add(t, "[office_hours] close must be later than open");
}

}  // namespace

DeadlinesConfigResult parse_deadlines_config(std::string_view text, const std::string& path,
                                             const std::vector<std::string>& default_ciso) {
  DeadlinesConfigResult result;
  result.config.config_path = path;
  Errors e(path);
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error&) {
    return result;  // reported by the main parser
  }
  DeadlinesConfig& c = result.config;
  auto table = [&](std::string_view name) -> const toml::table* {
    const toml::node* n = root.get(name);
    if (!n) return nullptr;
    if (!n->is_table()) {
      e.add(*n, "'" + std::string(name) + "' must be a table");
      return nullptr;
    }
    return n->as_table();
  };
  if (auto t = table("deadlines")) read_deadlines(*t, c, e);
  if (auto t = table("office_hours")) read_office_hours(*t, c, e);
  if (auto t = table("recipients")) {
    for (auto&& [key, node] : *t) {
      std::string k(key.str());
      if (!deadlines::role_from_string(k)) {
        e.add(key.source().begin.line,
              "unknown role '" + k + "' in [recipients] (ciso, deputy, dpo, forvaltningschef, oncall)");
        continue;
      }
      c.recipients[k] = address_list(node, "[recipients] " + k, e);
    }
  }
  if (c.recipients["ciso"].empty()) c.recipients["ciso"] = default_ciso;
  bool deciders_given = false;
  if (auto t = table("deciders")) {
    for (auto&& [key, node] : *t) {
      if (key.str() != "addresses") {
        e.add(key.source().begin.line, "unknown key '" + std::string(key.str()) + "' in [deciders]");
        continue;
      }
      deciders_given = true;
      for (auto& a : address_list(node, "[deciders] addresses", e)) c.deciders.push_back(lower(a));
    }
  }
  if (!deciders_given) {
    for (const char* role : {"ciso", "deputy", "dpo"}) {
      auto it = c.recipients.find(role);
      if (it == c.recipients.end()) continue;
      for (const auto& a : it->second) c.deciders.push_back(lower(a));
    }
  }
  result.errors = e.take();
  return result;
}

}  // namespace gdprd::config
