#include "notify/recipient_policy.hpp"

#include <gtest/gtest.h>

namespace gdprd::notify {
namespace {

struct PolicyCase {
  const char* name;
  const char* message_class;
  const char* from;
  const char* reply_to;
  std::optional<std::string> expected;
};

class RecipientPolicyTable : public ::testing::TestWithParam<PolicyCase> {};

const std::vector<std::string> kDomains = {"kommun.example", "Skola.Example"};

TEST_P(RecipientPolicyTable, Decides) {
  const auto& c = GetParam();
  auto d = ack_recipient(c.message_class, c.from, c.reply_to, kDomains);
  EXPECT_EQ(d.address, c.expected) << c.name << ": " << d.reason;
  EXPECT_FALSE(d.reason.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Table, RecipientPolicyTable,
    ::testing::Values(
        PolicyCase{"plain_from_inside", "report", "Anna <anna@kommun.example>", "", "anna@kommun.example"},
        PolicyCase{"subdomain_inside", "report", "b@socialtjansten.kommun.example", "",
                   "b@socialtjansten.kommun.example"},
        PolicyCase{"domain_match_is_case_insensitive", "report", "c@SKOLA.example", "", "c@skola.example"},
        PolicyCase{"lookalike_suffix_outside", "report", "x@evilkommun.example", "", std::nullopt},
        PolicyCase{"foreign_domain_outside", "report", "x@gmail.example", "", std::nullopt},
        PolicyCase{"auto_reply_never", "auto_reply", "anna@kommun.example", "", std::nullopt},
        PolicyCase{"bounce_never", "bounce", "anna@kommun.example", "", std::nullopt},
        PolicyCase{"noreply_never", "report", "noreply@kommun.example", "", std::nullopt},
        PolicyCase{"no_reply_never", "report", "No-Reply@kommun.example", "", std::nullopt},
        PolicyCase{"mailer_daemon_never", "report", "MAILER-DAEMON@kommun.example", "", std::nullopt},
        PolicyCase{"postmaster_never", "report", "postmaster@kommun.example", "", std::nullopt},
        PolicyCase{"bounce_address_never", "report", "bounces+123@kommun.example", "", std::nullopt},
        PolicyCase{"reply_to_inside_wins", "report", "etjanst@kommun.example", "Handl <h@skola.example>",
                   "h@skola.example"},
        PolicyCase{"reply_to_outside_falls_back_to_from", "report", "anna@kommun.example", "x@evil.example",
                   "anna@kommun.example"},
        PolicyCase{"reply_to_robot_falls_back_to_from", "report", "anna@kommun.example", "noreply@kommun.example",
                   "anna@kommun.example"},
        PolicyCase{"reply_to_inside_with_outside_from", "report", "x@evil.example", "anna@kommun.example",
                   "anna@kommun.example"},
        PolicyCase{"noreply_from_with_reply_to_inside", "report", "no-reply@kommun.example",
                   "handlaggare@kommun.example", "handlaggare@kommun.example"},
        PolicyCase{"invalid_from", "report", "not an address", "", std::nullopt},
        PolicyCase{"injected_from", "report", "anna@kommun.example\r\nBcc: x@evil.example", "", std::nullopt}),
    [](const auto& tp) { return std::string(tp.param.name); });

TEST(InDomains, LeadingDotAndEmptyEntries) {
  EXPECT_TRUE(in_domains("a@x.kommun.example", {".kommun.example"}));
  EXPECT_FALSE(in_domains("a@kommun.example", {""}));
  EXPECT_FALSE(in_domains("a@kommun.example", {}));
}

TEST(IsRobotAddress, HumansAreNotRobots) {
  EXPECT_FALSE(is_robot_address("noomi@kommun.example"));
  EXPECT_FALSE(is_robot_address("postmastersson@kommun.example"));
  EXPECT_TRUE(is_robot_address("donotreply@kommun.example"));
  EXPECT_TRUE(is_robot_address("list-request@kommun.example"));
}

}  // namespace
}  // namespace gdprd::notify
