// Small pieces every config table reader shares (config-internal: only
// config/*.cpp include this, and only they link toml++).
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/alerts_config.hpp"

namespace gdprd::config {

// Collects "FILE:LINE: message" errors, so that every problem in a file is
// reported at once rather than only the first.
class ConfigErrors {
 public:
  explicit ConfigErrors(const std::string& path) : path_(path) {}
  void add(uint32_t line, const std::string& message) {
    list_.push_back(path_ + ":" + std::to_string(line) + ": " + message);
  }
  void add(const toml::node& node, const std::string& message) { add(node.source().begin.line, message); }
  std::vector<std::string> take() { return std::move(list_); }
  bool empty() const { return list_.empty(); }

 private:
  const std::string& path_;
  std::vector<std::string> list_;
};

// A secret's expiry date from a TOML date or a "YYYY-MM-DD" string; nullopt
// unless the date exists in the calendar (2027-02-30 does not). The name
// is left for the caller.
std::optional<SecretExpiry> read_expiry_date(const toml::node& node);

}  // namespace gdprd::config
