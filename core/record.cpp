#include "core/record.hpp"

namespace gdprd {

void IncidentRecord::warn(std::string code, std::string message) {
  if (has_warning(code)) return;
  warnings.push_back(Warning{std::move(code), std::move(message)});
}

bool IncidentRecord::has_warning(std::string_view code) const {
  for (const auto& w : warnings)
    if (w.code == code) return true;
  return false;
}

std::string count_range(int64_t n) {
  if (n <= 10) return "1-10";
  if (n <= 100) return "11-100";
  if (n <= 1000) return "101-1000";
  if (n <= 10000) return "1001-10000";
  if (n <= 100000) return "10001-100000";
  if (n <= 500000) return "100001-500000";
  if (n <= 1000000) return "500001-1000000";
  return "over_1000000";
}

IncidentRecord empty_record(std::string message_class) {
  IncidentRecord r;
  r.message_class = std::move(message_class);
  return r;
}

}  // namespace gdprd
