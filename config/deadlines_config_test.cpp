#include "config/deadlines_config.hpp"

#include <gtest/gtest.h>

namespace gdprd::config {
namespace {

TEST(DeadlinesConfig, AbsentTablesKeepTheDefaults) {
  auto r = parse_deadlines_config("[store]\npath = \"x\"\n", "c.toml");
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.config.ladders, deadlines::default_ladder_config());
  EXPECT_EQ(r.config.language, "sv");
  EXPECT_TRUE(r.config.deciders.empty());
  EXPECT_TRUE(r.config.recipients["ciso"].empty());
}

TEST(DeadlinesConfig, RecipientsOfferDefaultDeciders) {
  auto r = parse_deadlines_config(
      "[recipients]\nciso = [\"CISO@Kommun.example\"]\ndpo = [\"dpo@kommun.example\"]\n"
      "forvaltningschef = [\"chef@kommun.example\"]\n",
      "c.toml");
  ASSERT_TRUE(r.errors.empty()) << r.errors[0];
  EXPECT_EQ(r.config.recipients["ciso"], std::vector<std::string>{"CISO@Kommun.example"});
  EXPECT_EQ(r.config.deciders, (std::vector<std::string>{"ciso@kommun.example", "dpo@kommun.example"}));
}

TEST(DeadlinesConfig, OrganisationCisoIsTheDefaultCisoAndDecider) {
  auto r = parse_deadlines_config("[recipients]\ndpo = [\"dpo@kommun.example\"]\n", "c.toml", {"Sak@kommun.example"});
  ASSERT_TRUE(r.errors.empty());
  EXPECT_EQ(r.config.recipients["ciso"], std::vector<std::string>{"Sak@kommun.example"});
  EXPECT_EQ(r.config.deciders, (std::vector<std::string>{"sak@kommun.example", "dpo@kommun.example"}));
  EXPECT_EQ(r.config.config_path, "c.toml");
}

TEST(DeadlinesConfig, ExplicitDecidersReplaceTheDefault) {
  auto r = parse_deadlines_config(
      "[recipients]\nciso = [\"ciso@kommun.example\"]\n[deciders]\naddresses = [\"Boss@Kommun.example\"]\n", "c.toml");
  ASSERT_TRUE(r.errors.empty());
  EXPECT_EQ(r.config.deciders, std::vector<std::string>{"boss@kommun.example"});
}

TEST(DeadlinesConfig, UnknownRoleAndBadAddressAreErrorsWithLines) {
  auto r = parse_deadlines_config("[recipients]\nboss = [\"a@b.se\"]\nciso = [\"not an address\"]\n", "c.toml");
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].rfind("c.toml:2: unknown role 'boss'", 0), 0u) << r.errors[0];
  EXPECT_EQ(r.errors[1].rfind("c.toml:3:", 0), 0u) << r.errors[1];
}

TEST(DeadlinesConfig, LaddersAreReadThroughTheLadderValidator) {
  auto r = parse_deadlines_config(
      "[deadlines]\nlanguage = \"en\"\noffice_hours_roles = []\n"
      "[deadlines.imy]\nsteps = [{ id = \"imy-1h\", after_hours = 1, to = [\"ciso\"] }]\n",
      "c.toml");
  ASSERT_TRUE(r.errors.empty()) << r.errors[0];
  EXPECT_EQ(r.config.language, "en");
  EXPECT_TRUE(r.config.ladders.office_hours_roles.empty());
  ASSERT_EQ(r.config.ladders.imy.steps.size(), 1u);
  EXPECT_EQ(r.config.ladders.imy.steps[0].id, "imy-1h");
  EXPECT_EQ(r.config.ladders.imy.steps[0].after, std::chrono::hours(1));
  // The repeat is kept from the defaults.
  EXPECT_TRUE(r.config.ladders.imy.repeat.has_value());
}

TEST(DeadlinesConfig, LadderWithUnknownRoleIsRefused) {
  auto r = parse_deadlines_config("[deadlines.imy]\nsteps = [{ id = \"x\", after_hours = 1, to = [\"boss\"] }]\n",
                                  "c.toml");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].find("boss"), std::string::npos);
}

TEST(DeadlinesConfig, OfficeHoursAreRead) {
  auto r = parse_deadlines_config(
      "[office_hours]\nopen = \"07:30\"\nclose = \"24:00\"\nworkdays = [\"mon\", \"sat\"]\n"
      "julafton_closed = false\nextra_closed_days = [2026-12-28, \"2026-05-15\"]\n",
      "c.toml");
  ASSERT_TRUE(r.errors.empty()) << r.errors[0];
  const auto& o = r.config.office_hours;
  EXPECT_EQ(o.open_minute, 7 * 60 + 30);
  EXPECT_EQ(o.close_minute, 24 * 60);
  EXPECT_TRUE(o.workdays[0]);
  EXPECT_FALSE(o.workdays[1]);
  EXPECT_TRUE(o.workdays[5]);
  EXPECT_FALSE(o.calendar.julafton_closed);
  ASSERT_EQ(o.calendar.extra_closed_days.size(), 2u);
  EXPECT_EQ(o.calendar.extra_closed_days[0], (deadlines::CivilDate{2026, 12, 28}));
}

TEST(DeadlinesConfig, CloseBeforeOpenAndBadClockAreErrors) {
  auto r = parse_deadlines_config("[office_hours]\nopen = \"17:00\"\nclose = \"08:00\"\n", "c.toml");
  EXPECT_EQ(r.errors.size(), 1u);
  auto s = parse_deadlines_config("[office_hours]\nopen = \"8\"\n", "c.toml");
  EXPECT_EQ(s.errors.size(), 1u);
}

TEST(DeadlinesConfig, UnknownKeyIsAnError) {
  auto r = parse_deadlines_config("[deadlines]\nlangauge = \"en\"\n", "c.toml");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].find("langauge"), std::string::npos);
}

}  // namespace
}  // namespace gdprd::config
