#include "config/toml_support.hpp"

#include <cstdio>

#include "core/stockholm_time.hpp"

namespace gdprd::config {

std::optional<SecretExpiry> read_expiry_date(const toml::node& node) {
  SecretExpiry e;
  if (auto date = node.as_date()) {
    e.year = date->get().year;
    e.month = date->get().month;
    e.day = date->get().day;
  } else if (node.is_string() && node.as_string()->get().size() == 10) {
    const std::string& s = node.as_string()->get();
    if (s[4] != '-' || s[7] != '-' || std::sscanf(s.c_str(), "%4d-%2d-%2d", &e.year, &e.month, &e.day) != 3)
      return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (e.year < 1970 || e.year > 9999 || e.month < 1 || e.month > 12 || e.day < 1 ||
      e.day > stockholm::days_in_month(e.year, e.month))
    return std::nullopt;
  return e;
}

}  // namespace gdprd::config
