#include "notify/mail_address.hpp"

#include <gtest/gtest.h>

namespace gdprd::notify {
namespace {

TEST(IsValidAddress, PlainAddressesPass) {
  EXPECT_TRUE(is_valid_address("anna.andersson@kommun.example"));
  EXPECT_TRUE(is_valid_address("it-sakerhet+pui@sub.kommun.example"));
}

TEST(IsValidAddress, InjectionAndMalformedAreRefused) {
  for (const char* bad : {"", "anna", "@kommun.example", "anna@", "anna@localhost", "an na@kommun.example",
                          "anna@kommun.example\r\nBcc: x@evil.example", "anna@kommun..example", ".anna@kommun.example",
                          "an..na@kommun.example", "anna@-kommun.example", "\"anna\"@kommun.example",
                          "anna@kommun.example>", "<anna@kommun.example>", "åsa@kommun.example", "a@b@c.example"})
    EXPECT_FALSE(is_valid_address(bad)) << bad;
  EXPECT_FALSE(is_valid_address(std::string(65, 'a') + "@kommun.example"));
}

TEST(ExtractAddress, DisplayNameAngleAndCommentForms) {
  EXPECT_EQ(extract_address("Anna Andersson <anna@Kommun.Example>"), "anna@kommun.example");
  EXPECT_EQ(extract_address("anna@kommun.example (Anna)"), "anna@kommun.example");
  EXPECT_EQ(extract_address("\"Andersson, Anna <boss@evil.example>\" <anna@kommun.example>"), "anna@kommun.example");
  EXPECT_EQ(extract_address("=?UTF-8?B?w4VzYQ==?= <asa@kommun.example>"), "asa@kommun.example");
  EXPECT_EQ(extract_address("a@kommun.example, b@kommun.example"), "a@kommun.example");
  EXPECT_EQ(extract_address("Team: a@kommun.example;"), "a@kommun.example");
}

TEST(ExtractAddress, GarbageGivesNothing) {
  EXPECT_FALSE(extract_address(""));
  EXPECT_FALSE(extract_address("Anna <anna@kommun.example"));
  EXPECT_FALSE(extract_address("undisclosed-recipients:;"));
  EXPECT_FALSE(extract_address(std::string(100000, '<')));
}

TEST(AddressDomain, LowerCasedOrEmpty) {
  EXPECT_EQ(address_domain("a@Kommun.EXAMPLE"), "kommun.example");
  EXPECT_EQ(address_domain("nonsense"), "");
}

}  // namespace
}  // namespace gdprd::notify
