#include "config/duration.hpp"

#include <cstdint>

namespace gdprd::config {

std::optional<std::chrono::seconds> parse_duration(std::string_view text) {
  constexpr int64_t max_seconds = int64_t{10} * 366 * 24 * 3600;
  constexpr std::string_view units = "dhms";
  constexpr int64_t factors[] = {24 * 3600, 3600, 60, 1};
  int64_t total = 0;
  size_t next_unit = 0;  // units must come in the order d, h, m, s
  size_t i = 0;
  if (text.empty()) return std::nullopt;
  while (i < text.size()) {
    int64_t value = 0;
    size_t digits = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      value = value * 10 + (text[i] - '0');
      if (value > max_seconds) return std::nullopt;
      ++i;
      ++digits;
    }
    if (digits == 0 || i == text.size()) return std::nullopt;
    auto unit = units.find(text[i], next_unit);
    if (unit == std::string_view::npos) return std::nullopt;
    total += value * factors[unit];
    if (total > max_seconds) return std::nullopt;
    next_unit = unit + 1;
    ++i;
  }
  return std::chrono::seconds{total};
}

}  // namespace gdprd::config
