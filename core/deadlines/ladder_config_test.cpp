#include "core/deadlines/ladder_config.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace gdprd::deadlines {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

TEST(LadderConfig, DefaultsMatchTheDocumentedLadder) {
  const LadderConfig c = default_ladder_config();
  ASSERT_EQ(c.internal.steps.size(), 3u);
  EXPECT_EQ(c.internal.steps[0].after, hours(4));
  EXPECT_EQ(c.internal.steps[2].after, hours(20));
  EXPECT_EQ(c.internal.expires_after, hours(24));
  ASSERT_EQ(c.imy.steps.size(), 5u);
  const std::vector<Duration> imy_hours = {hours(24), hours(48), hours(60), hours(68), hours(71)};
  for (size_t i = 0; i < imy_hours.size(); ++i) EXPECT_EQ(c.imy.steps[i].after, imy_hours[i]);
  ASSERT_TRUE(c.imy.repeat);
  EXPECT_EQ(c.imy.repeat->id_prefix, "overdue");
  EXPECT_EQ(c.imy.repeat->start, hours(72));
  EXPECT_EQ(c.imy.repeat->every, hours(12));
  EXPECT_EQ(c.oncall_recipients, std::vector<Role>{Role::oncall});
}

TEST(LadderConfig, StepIdsThatMerelyStartWithThePrefixAreAccepted) {
  // "subjects-decided" is not of the form "subjects-<n>", so it cannot clash.
  auto r = ladder_config_from_json(nlohmann::json::parse(R"({"data_subjects": {"repeat": {"every_hours": 6}}})"));
  ASSERT_TRUE(r.config) << r.error;
  EXPECT_EQ(r.config->data_subjects.steps[0].id, "subjects-decided");
}

TEST(LadderConfig, EmptyJsonGivesDefaults) {
  auto r = ladder_config_from_json(nlohmann::json::object());
  ASSERT_TRUE(r.config) << r.error;
  EXPECT_EQ(*r.config, default_ladder_config());
}

TEST(LadderConfig, StepsRepeatAndRolesAreRead) {
  auto r = ladder_config_from_json(nlohmann::json::parse(R"({
    "oncall": ["oncall", "deputy"],
    "imy": {"steps": [{"id": "imy-36h", "after_hours": 36, "to": ["dpo"]},
                      {"id": "imy-70h", "after_hours": 70.5, "to": ["ciso", "forvaltningschef"]}],
            "repeat": {"id_prefix": "late", "start_hours": 72, "every_hours": 6, "to": ["ciso"]}},
    "data_subjects": {"repeat": {"every_hours": 48}},
    "processor": {"enabled": false},
    "internal": {"expires_after_hours": null}
  })"));
  ASSERT_TRUE(r.config) << r.error;
  const LadderConfig& c = *r.config;
  EXPECT_EQ(c.oncall_recipients, (std::vector<Role>{Role::oncall, Role::deputy}));
  ASSERT_EQ(c.imy.steps.size(), 2u);
  EXPECT_EQ(c.imy.steps[1].after, hours(70) + minutes(30));
  EXPECT_EQ(c.imy.steps[1].recipients, (std::vector<Role>{Role::ciso, Role::forvaltningschef}));
  EXPECT_EQ(c.imy.repeat->id_prefix, "late");
  EXPECT_EQ(c.imy.repeat->every, hours(6));
  EXPECT_EQ(c.data_subjects.repeat->every, hours(48));
  EXPECT_EQ(c.data_subjects.repeat->id_prefix, "subjects") << "unchanged keys keep their default";
  EXPECT_FALSE(c.processor.enabled);
  EXPECT_FALSE(c.internal.expires_after);
}

struct BadConfig {
  const char* what;
  const char* json;
  const char* error_contains;
};

class LadderConfigRejects : public ::testing::TestWithParam<BadConfig> {};

TEST_P(LadderConfigRejects, WithAPathInTheMessage) {
  auto r = ladder_config_from_json(nlohmann::json::parse(GetParam().json));
  EXPECT_FALSE(r.config) << GetParam().what;
  EXPECT_NE(r.error.find(GetParam().error_contains), std::string::npos) << r.error;
}

INSTANTIATE_TEST_SUITE_P(
    Bad, LadderConfigRejects,
    ::testing::Values(
        BadConfig{"not a table", R"([1,2])", "ladders"},
        BadConfig{"unknown role", R"({"imy": {"steps": [{"id": "a", "after_hours": 1, "to": ["boss"]}]}})",
                  "imy.steps[0].to: unknown role \"boss\""},
        BadConfig{"negative offset", R"({"internal": {"steps": [{"id": "a", "after_hours": -1, "to": ["ciso"]}]}})",
                  "internal.steps[0].after_hours"},
        BadConfig{"offset as text", R"({"internal": {"steps": [{"id": "a", "after_hours": "4h", "to": ["ciso"]}]}})",
                  "expected a number"},
        BadConfig{"flooding repeat", R"({"imy": {"repeat": {"every_hours": 0.1}}})", "imy.repeat.every_hours"},
        BadConfig{"duplicate ids", R"({"internal": {"steps": [{"id": "a", "after_hours": 1, "to": ["ciso"]},
                                                                {"id": "a", "after_hours": 2, "to": ["ciso"]}]}})",
                  "duplicate step id"},
        BadConfig{"id collides with repeat ids", R"({"imy": {"steps": [{"id": "overdue-1", "after_hours": 1, "to": ["ciso"]}]}})",
                  "collides"},
        BadConfig{"id reused across ladders",
                  R"({"processor": {"steps": [{"id": "imy-24h", "after_hours": 0, "to": ["ciso"]}]}})",
                  "another ladder"},
        BadConfig{"id collides with another ladder's repeat ids",
                  R"({"processor": {"steps": [{"id": "overdue-2", "after_hours": 0, "to": ["ciso"]}]}})",
                  "collides with the repeat ids"},
        BadConfig{"repeat prefix reused across ladders", R"({"processor": {"repeat": {"id_prefix": "overdue", "every_hours": 12}}})",
                  "id_prefix is used by another ladder"},
        BadConfig{"empty oncall", R"({"oncall": []})", "oncall: no recipients"},
        BadConfig{"step missing fields", R"({"imy": {"steps": [{"id": "x"}]}})", "needs id, after_hours and to"},
        BadConfig{"enabled not bool", R"({"imy": {"enabled": "yes"}})", "imy.enabled"},
        BadConfig{"absurd offset", R"({"imy": {"steps": [{"id": "x", "after_hours": 1e12, "to": ["ciso"]}]}})",
                  "out of range"}));

TEST(LadderConfig, TooManyStepsRejected) {
  nlohmann::json steps = nlohmann::json::array();
  for (size_t i = 0; i <= kMaxStepsPerLadder; ++i)
    steps.push_back({{"id", "s" + std::to_string(i)}, {"after_hours", i}, {"to", {"ciso"}}});
  auto r = ladder_config_from_json({{"internal", {{"steps", steps}}}});
  EXPECT_FALSE(r.config);
  EXPECT_NE(r.error.find("too many steps"), std::string::npos);
}

TEST(LadderConfig, RoleNamesRoundTrip) {
  for (Role role : {Role::ciso, Role::deputy, Role::dpo, Role::forvaltningschef, Role::oncall})
    EXPECT_EQ(role_from_string(to_string(role)), role);
  EXPECT_FALSE(role_from_string("CISO"));
}

}  // namespace
}  // namespace gdprd::deadlines
