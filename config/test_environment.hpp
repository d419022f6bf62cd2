// For the config tests: an Environment over a few named files, so that the
// parse is tested as the pure function it is.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "config/config.hpp"

namespace gdprd::config {

inline Environment fake_env(std::map<std::string, std::string> files,
                            std::optional<std::string> credentials = std::nullopt) {
  Environment env;
  env.credentials_directory = std::move(credentials);
  env.read_file = [files = std::move(files)](const std::string& p) -> std::optional<std::string> {
    auto it = files.find(p);
    if (it == files.end()) return std::nullopt;
    return it->second;
  };
  return env;
}

}  // namespace gdprd::config
