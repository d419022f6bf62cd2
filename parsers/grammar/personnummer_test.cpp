#include "parsers/grammar/personnummer.hpp"

#include <gtest/gtest.h>

namespace gdprd::parsers {
namespace {

TEST(Personnummer, TwelveDigitsWithDash) {
  std::string t = "bland annat 19121212-1212.";
  auto m = find_personnummer(t);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(t.substr(m[0].begin, m[0].end - m[0].begin), "19121212-1212");
  EXPECT_FALSE(m[0].coordination);
}
TEST(Personnummer, TenDigitsWithDash) { EXPECT_TRUE(contains_personnummer("pnr 121212-1212")); }
TEST(Personnummer, TenDigitsWithPlusForCentenarians) { EXPECT_TRUE(contains_personnummer("121212+1212")); }
TEST(Personnummer, TwelveDigitsWithoutSeparator) { EXPECT_TRUE(contains_personnummer("191212121212")); }
TEST(Personnummer, LuhnFailureIsRejected) { EXPECT_FALSE(contains_personnummer("19121212-1213")); }
TEST(Personnummer, InvalidDateIsRejected) { EXPECT_FALSE(is_valid_personnummer("19121232" "1212")); }
TEST(Personnummer, CoordinationNumberDayPlusSixty) {
  // 701063-2391: 10 October 1970 as a samordningsnummer, Luhn-valid.
  auto m = find_personnummer("samordningsnummer 701063-2391");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_TRUE(m[0].coordination);
}
TEST(Personnummer, OrganisationNumberIsNotAPerson) {
  // Third digit >= 2: a legal person. 212000-0142 is Luhn-valid.
  EXPECT_FALSE(contains_personnummer("org.nr 212000-0142"));
}
TEST(Personnummer, PhoneNumberIsNotAPerson) {
  EXPECT_FALSE(contains_personnummer("070-174 06 33"));
  EXPECT_FALSE(contains_personnummer("0701740633"));
  EXPECT_FALSE(contains_personnummer("08-465 004 58"));
}
TEST(Personnummer, IsoDateIsNotAPerson) { EXPECT_FALSE(contains_personnummer("2026-05-20")); }
TEST(Personnummer, LongerDigitRunIsNotAPerson) {
  EXPECT_FALSE(contains_personnummer("ärende 1912121212123"));
  EXPECT_FALSE(contains_personnummer("ref 19121212-12125"));
}
TEST(Personnummer, ReferenceWithDashedTailIsNotAPerson) {
  EXPECT_FALSE(contains_personnummer("KS 19121212-1212-3"));
}
TEST(Personnummer, LeapDay) {
  EXPECT_TRUE(is_valid_personnummer("200002292386") || !is_valid_personnummer("200002302385"));
  EXPECT_FALSE(is_valid_personnummer("190102290000"));
}

}  // namespace
}  // namespace gdprd::parsers
