// Comparison of two incident records by the spec's "Comparing two records":
// what tests and evaluations use to score a parser against an expected record.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/record.hpp"

namespace gdprd {

struct FieldDifference {
  std::string path;      // "contact.email", "actions[1].at", "data_categories"
  std::string expected;  // the value as JSON text ("null" when absent)
  std::string actual;
};

// Differences between an expected and an actual record, key by key in the
// spec's order; empty when they agree. Enums, booleans, numbers exactly;
// times as the same instant to the minute (a date-only value equals only the
// same date); other strings case- and whitespace-insensitively; enum lists as
// sets; warnings as the set of their codes; description, late_reason,
// confidentiality_request and actions[].action by words (see words_match);
// actions pairwise in order.
std::vector<FieldDifference> compare_records(const IncidentRecord& expected, const IncidentRecord& actual);

// True when at least `share` of the expected text's words occur in the
// actual text (case-insensitive, punctuation ignored). Two empty texts match.
bool words_match(std::string_view expected, std::string_view actual, double share = 0.8);

// One line per difference, "path: expected X, got Y", for test output.
std::string format_differences(const std::vector<FieldDifference>& diffs);

}  // namespace gdprd
