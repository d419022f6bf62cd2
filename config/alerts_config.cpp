#include "config/alerts_config.hpp"

#include <toml++/toml.h>


#include "config/duration.hpp"
#include "config/toml_support.hpp"

namespace gdprd::config {
namespace {

using Errors = ConfigErrors;

bool plausible_address(const std::string& a) {
  auto at = a.find('@');
  return at != std::string::npos && at > 0 && at + 1 < a.size() && a.find_first_of(" \t\r\n<>,;\"") == std::string::npos &&
         a.size() <= 254;
}

std::optional<std::chrono::seconds> duration_key(const toml::node& node, const std::string& key, Errors& e) {
  std::optional<std::chrono::seconds> d;
  if (node.is_string()) d = parse_duration(node.as_string()->get());
  if (!d || d->count() <= 0) {
    e.add(node, "[alerts] " + key + " must be a duration like 30m, 1h, 2h30m");
    return std::nullopt;
  }
  return d;
}

void read_secret(const toml::node& node, size_t index, AlertsConfig& c, Errors& e) {
  const toml::table* t = node.as_table();
  const std::string where = "[[alerts.secret]] #" + std::to_string(index + 1);
  if (!t) {
    e.add(node, where + " must be a table with name and expires");
    return;
  }
  SecretExpiry s;
  bool have_name = false, have_date = false;
  for (auto&& [key, value] : *t) {
    std::string k(key.str());
    if (k == "name") {
      const std::string* name = value.is_string() ? &value.as_string()->get() : nullptr;
      if (!name || name->empty() || name->size() > 100 || name->find_first_of("\r\n\t") != std::string::npos) {
        e.add(value, where + ": name must be a short one-line text like \"imap-password\"");
        continue;
      }
      s.name = *name;
      have_name = true;
    } else if (k == "expires") {
      auto date = read_expiry_date(value);
      if (!date) {
        e.add(value, where + ": expires must be a date like 2027-03-01");
        continue;
      }
      s.year = date->year;
      s.month = date->month;
      s.day = date->day;
      have_date = true;
    } else {
      e.add(key.source().begin.line, "unknown key '" + k + "' in " + where);
    }
  }
  if (!have_name || !have_date) {
    if (have_name || have_date || t->empty()) e.add(*t, where + " needs both name and expires");
    return;
  }
  for (const auto& other : c.secrets)
    if (other.name == s.name) {
      e.add(*t, where + ": the secret '" + s.name + "' is listed twice");
      return;
    }
  c.secrets.push_back(std::move(s));
}

void read_alerts(const toml::table& t, AlertsConfig& c, Errors& e) {
  for (auto&& [key, node] : t) {
    std::string k(key.str());
    if (k == "admins") {
      const toml::array* a = node.as_array();
      if (!a) {
        e.add(node, "[alerts] admins must be a list of addresses");
        continue;
      }
      for (const auto& item : *a) {
        if (!item.is_string() || !plausible_address(item.as_string()->get())) {
          e.add(item, "[alerts] admins must hold e-mail addresses");
          continue;
        }
        c.admins.push_back(item.as_string()->get());
      }
    } else if (k == "poll_failure_after") {
      if (auto d = duration_key(node, k, e)) c.poll_failure_after = *d;
    } else if (k == "outbox_stuck_after") {
      if (auto d = duration_key(node, k, e)) c.outbox_stuck_after = *d;
    } else if (k == "secret_warning_days") {
      // Up to a year ahead: more would warn about a secret long before anyone can act.
      if (!node.is_integer() || node.as_integer()->get() < 1 || node.as_integer()->get() > 365)
        e.add(node, "[alerts] secret_warning_days must be a whole number of days from 1 to 365");
      else
        c.secret_warning_days = static_cast<int>(node.as_integer()->get());
    } else if (k == "secret") {
      const toml::array* a = node.as_array();
      if (!a) {
        e.add(node, "[alerts] secret must be an array of tables: [[alerts.secret]]");
        continue;
      }
      for (size_t i = 0; i < a->size(); ++i) read_secret(*a->get(i), i, c, e);
    } else {
      e.add(key.source().begin.line, "unknown key '" + k + "' in [alerts]");
    }
  }
}

}  // namespace

AlertsConfigResult parse_alerts_config(std::string_view text, const std::string& path) {
  AlertsConfigResult result;
  Errors e(path);
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error&) {
    return result;  // reported by the main parser
  }
  if (const toml::node* n = root.get("alerts")) {
    if (const toml::table* t = n->as_table()) read_alerts(*t, result.config, e);
    else e.add(*n, "'alerts' must be a table");
  }
  result.errors = e.take();
  return result;
}

}  // namespace gdprd::config
