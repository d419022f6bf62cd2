#include "core/record_compare.hpp"

#include <gtest/gtest.h>

namespace gdprd {
namespace {

IncidentRecord base() {
  IncidentRecord r;
  r.report_kind = "free_text";
  r.document_type = "text_body";
  r.organisation.name = "Lönnviks kommun";
  r.occurred_at = "2026-05-20T16:39:00+02:00";
  r.discovered_at = "2026-05-20";
  r.incident_type = "misdirected_message";
  r.description = "Ett mejl med elevlistor skickades till fel mottagare i går eftermiddag";
  r.data_subjects = Count{425, "101-1000"};
  r.data_categories = {"identifying", "contact"};
  r.actions = {Action{"2026-05-21", "Bad mottagaren radera mejlet"}};
  r.warnings = {Warning{"personal_identity_number_in_report", "a"}};
  return r;
}

bool has_path(const std::vector<FieldDifference>& d, std::string_view path) {
  for (const auto& f : d)
    if (f.path == path) return true;
  return false;
}

TEST(RecordCompare, IdenticalRecordsHaveNoDifferences) { EXPECT_TRUE(compare_records(base(), base()).empty()); }

TEST(RecordCompare, StringsIgnoreCaseAndWhitespace) {
  auto a = base();
  a.organisation.name = "  LÖNNVIKS   Kommun ";
  EXPECT_TRUE(compare_records(base(), a).empty());
}

TEST(RecordCompare, EnumsCompareExactly) {
  auto a = base();
  a.incident_type = "Misdirected_message";
  auto d = compare_records(base(), a);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].path, "incident_type");
  EXPECT_EQ(d[0].expected, "\"misdirected_message\"");
}

TEST(RecordCompare, TimeIsTheSameInstantToTheMinute) {
  auto a = base();
  a.occurred_at = "2026-05-20T14:39:30Z";
  EXPECT_TRUE(compare_records(base(), a).empty());
  a.occurred_at = "2026-05-20T16:40:00+02:00";
  EXPECT_TRUE(has_path(compare_records(base(), a), "occurred_at"));
}

TEST(RecordCompare, DateOnlyEqualsOnlyTheSameDateOnly) {
  auto a = base();
  a.discovered_at = "2026-05-20T00:00:00+02:00";
  EXPECT_TRUE(has_path(compare_records(base(), a), "discovered_at"));
  a.discovered_at = "2026-05-21";
  EXPECT_TRUE(has_path(compare_records(base(), a), "discovered_at"));
}

TEST(RecordCompare, EnumListsAreSets) {
  auto a = base();
  a.data_categories = {"contact", "identifying"};
  EXPECT_TRUE(compare_records(base(), a).empty());
  a.data_categories = {"contact"};
  EXPECT_TRUE(has_path(compare_records(base(), a), "data_categories"));
}

TEST(RecordCompare, WarningsAreTheSetOfCodes) {
  auto a = base();
  a.warnings = {Warning{"personal_identity_number_in_report", "other text"}};
  EXPECT_TRUE(compare_records(base(), a).empty());
  a.warnings.push_back(Warning{"truncated_message", ""});
  EXPECT_TRUE(has_path(compare_records(base(), a), "warnings"));
}

TEST(RecordCompare, FreeTextNeedsEightyPercentOfExpectedWords) {
  auto a = base();
  a.description = "Hej! Ett mejl med elevlistor skickades till fel mottagare i går eftermiddag. Mvh";
  EXPECT_TRUE(compare_records(base(), a).empty());
  a.description = "Ett mejl skickades";
  EXPECT_TRUE(has_path(compare_records(base(), a), "description"));
  a.description.reset();
  EXPECT_TRUE(has_path(compare_records(base(), a), "description"));
}

TEST(RecordCompare, ActionsPairwiseWithExactTime) {
  auto a = base();
  a.actions[0].action = "bad mottagaren radera mejlet.";
  EXPECT_TRUE(compare_records(base(), a).empty());
  a.actions[0].at = "2026-05-22";
  EXPECT_TRUE(has_path(compare_records(base(), a), "actions[0].at"));
  a = base();
  a.actions.push_back(Action{std::nullopt, "extra"});
  EXPECT_TRUE(has_path(compare_records(base(), a), "actions"));
}

TEST(RecordCompare, CountsCompareExactly) {
  auto a = base();
  a.data_subjects = Count{std::nullopt, "101-1000"};
  auto d = compare_records(base(), a);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].path, "data_subjects.exact");
  EXPECT_EQ(d[0].actual, "null");
}

TEST(RecordCompare, WordsMatchShare) {
  EXPECT_TRUE(words_match("a b c d e", "a b c d x"));
  EXPECT_FALSE(words_match("a b c d e", "a b c x y"));
  EXPECT_TRUE(words_match("", ""));
  EXPECT_FALSE(words_match("", "text"));
}

TEST(RecordCompare, FormatListsEveryDifference) {
  auto a = base();
  a.cause = "technical";
  a.severity = 2;
  std::string out = format_differences(compare_records(base(), a));
  EXPECT_NE(out.find("cause: expected null, got \"technical\""), std::string::npos);
  EXPECT_NE(out.find("severity: expected null, got 2"), std::string::npos);
}

}  // namespace
}  // namespace gdprd
