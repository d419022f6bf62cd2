#include "daemon/daemon_options.hpp"

#include <gtest/gtest.h>

namespace gdprd::daemon {
namespace {

TEST(DaemonOptions, ConfigIsRequired) {
  auto r = parse_daemon_options({"--once"});
  EXPECT_FALSE(r.options);
  EXPECT_EQ(r.error, "--config FILE is required");
}

TEST(DaemonOptions, AllFlagsAreRead) {
  auto r = parse_daemon_options(
      {"--config", "/etc/g.toml", "--once", "--clock-offset", "71h30m", "--clock-scale", "3600"});
  ASSERT_TRUE(r.options) << r.error;
  EXPECT_EQ(r.options->config_path, "/etc/g.toml");
  EXPECT_TRUE(r.options->once);
  EXPECT_FALSE(r.options->check_config);
  EXPECT_EQ(r.options->clock_offset, std::chrono::hours(71) + std::chrono::minutes(30));
  EXPECT_DOUBLE_EQ(r.options->clock_scale, 3600.0);
}

TEST(DaemonOptions, NegativeClockOffsetGoesBack) {
  auto r = parse_daemon_options({"--config", "c", "--clock-offset", "-2h"});
  ASSERT_TRUE(r.options) << r.error;
  EXPECT_EQ(r.options->clock_offset, -std::chrono::hours(2));
}

TEST(DaemonOptions, MalformedValuesAreUsageErrors) {
  EXPECT_FALSE(parse_daemon_options({"--config", "c", "--clock-offset", "72"}).options);
  EXPECT_FALSE(parse_daemon_options({"--config", "c", "--clock-scale", "0"}).options);
  EXPECT_FALSE(parse_daemon_options({"--config", "c", "--clock-scale", "fast"}).options);
  EXPECT_FALSE(parse_daemon_options({"--config"}).options);
  auto r = parse_daemon_options({"--config", "c", "--daemonize"});
  EXPECT_EQ(r.error, "unknown argument: --daemonize");
}

}  // namespace
}  // namespace gdprd::daemon
