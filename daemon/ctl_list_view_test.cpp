#include "daemon/ctl_list_view.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "core/stockholm_time.hpp"
#include "daemon/ctl_deadline_view.hpp"

namespace gdprd::daemon {
namespace {

using stockholm::to_instant;

const TimePoint kNow = to_instant({2026, 5, 20, 14, 0, 0});

store::ListedIncident listed(const std::string& reference, stockholm::LocalDateTime aware, bool assessed, bool decided,
                             const std::string& unit) {
  store::ListedIncident l;
  l.row.reference = reference;
  l.row.state = "open";
  l.row.created_at = to_instant(aware) + std::chrono::hours(1);
  l.row.awareness_source = "discovered_at";
  l.row.reporter_address = "anna@kommun.example";
  l.row.record_json = R"({"incident_type":"misdirected","organisation":{"unit":")" + unit + R"("}})";
  if (assessed) {
    l.row.category = 2;
    l.row.priority = "P2";
  }
  if (decided) l.row.decision = "notified";
  l.unit = unit;
  l.awareness = to_instant(aware);
  l.internal_deadline = l.awareness + std::chrono::hours(24);
  l.imy_deadline = l.awareness + std::chrono::hours(72);
  l.internal_running = !assessed;
  l.imy_running = !decided;
  if (l.internal_running) l.next_deadline = l.internal_deadline;
  else if (l.imy_running) l.next_deadline = l.imy_deadline;
  l.overdue = l.next_deadline && *l.next_deadline < kNow;
  return l;
}

TEST(CtlListView, TimeLeftSaysLateByWhenPastAndDaysWhenFar) {
  EXPECT_EQ(time_left_text(std::chrono::minutes(30 * 60 + 5)), "in 1 d 6 h");
  EXPECT_EQ(time_left_text(std::chrono::minutes(3 * 60 + 12)), "in 3 h 12 min");
  EXPECT_EQ(time_left_text(-std::chrono::minutes(5 * 60 + 3)), "late by 5 h 3 min");
  EXPECT_EQ(deadline_text(kNow + std::chrono::hours(2), false, kNow), "2026-05-20 16:00 (stopped)");
}

TEST(CtlListView, OverdueInternalDeadlineShowsLateByInLocalTime) {
  // Aware 05-18 10:00 (summer time): internal due 05-19 10:00, 28 h late at 05-20 14:00.
  std::ostringstream out;
  print_list(out, {listed("PUI-2026-0007", {2026, 5, 18, 10, 0, 0}, false, false, "Socialförvaltningen")}, kNow);
  std::string text = out.str();
  EXPECT_NE(text.find("REFERENCE"), std::string::npos);
  EXPECT_NE(text.find("PUI-2026-0007"), std::string::npos);
  EXPECT_NE(text.find("internal 2026-05-19 10:00"), std::string::npos) << text;
  EXPECT_NE(text.find("late by 1 d 4 h"), std::string::npos) << text;
  EXPECT_NE(text.find("Socialförvaltningen"), std::string::npos);
  EXPECT_NE(text.find("misdirected"), std::string::npos);
}

TEST(CtlListView, LongSwedishUnitIsCutByCharactersNotBytes) {
  std::ostringstream out;
  print_list(out,
             {listed("PUI-2026-0001", {2026, 5, 20, 9, 0, 0}, false, false, "Äldreförvaltningen för vård och omsorg"),
              listed("PUI-2026-0002", {2026, 5, 20, 9, 0, 0}, false, false, "IT")},
             kNow);
  std::istringstream lines(out.str());
  std::string header, a, b;
  std::getline(lines, header);
  std::getline(lines, a);
  std::getline(lines, b);
  EXPECT_NE(a.find("Äldreförvaltningen för …"), std::string::npos) << a;
  // The type column starts at the same character position on both lines.
  auto chars_before = [](const std::string& line, const std::string& what) {
    size_t n = 0;
    for (size_t i = 0; i < line.find(what); ++i)
      if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++n;
    return n;
  };
  EXPECT_EQ(chars_before(a, "misdirected"), chars_before(b, "misdirected"));
}

TEST(CtlListView, EmptyResultSaysSo) {
  std::ostringstream out;
  print_list(out, {}, kNow);
  EXPECT_EQ(out.str(), "no incidents match\n");
  auto j = list_json({}, kNow);
  EXPECT_EQ(j["count"], 0);
  EXPECT_TRUE(j["incidents"].is_array());
  EXPECT_TRUE(j["incidents"].empty());
}

TEST(CtlListView, JsonCarriesBothDeadlinesAndTheNextOne) {
  auto assessed = listed("PUI-2026-0003", {2026, 5, 19, 12, 0, 0}, true, false, "Skola");
  auto decided = listed("PUI-2026-0004", {2026, 5, 19, 12, 0, 0}, true, true, "Skola");
  decided.attention = {"missing_mandatory_field"};
  auto j = list_json({assessed, decided}, kNow);
  ASSERT_EQ(j["count"], 2);
  const auto& a = j["incidents"][0];
  EXPECT_EQ(a["reference"], "PUI-2026-0003");
  EXPECT_EQ(a["category"], 2);
  EXPECT_EQ(a["priority"], "P2");
  EXPECT_TRUE(a["decision"].is_null());
  EXPECT_EQ(a["incident_type"], "misdirected");
  EXPECT_EQ(a["next_deadline"]["kind"], "imy");
  EXPECT_EQ(a["next_deadline"]["due"], "2026-05-22T12:00:00+02:00");
  EXPECT_EQ(a["next_deadline"]["seconds_left"], 46 * 3600);
  EXPECT_FALSE(a["deadlines"]["internal"]["running"]);
  EXPECT_TRUE(a["deadlines"]["internal"]["seconds_left"].is_null());
  EXPECT_EQ(a["deadlines"]["imy"]["seconds_left"], 46 * 3600);
  EXPECT_FALSE(a["overdue"]);
  EXPECT_FALSE(a["needs_human"]);
  const auto& d = j["incidents"][1];
  EXPECT_TRUE(d["next_deadline"].is_null());
  EXPECT_EQ(d["decision"], "notified");
  EXPECT_TRUE(d["needs_human"]);
  EXPECT_EQ(d["attention"][0], "missing_mandatory_field");
}

TEST(CtlListView, UnreadableRecordHasNoTypeButStillLists) {
  auto l = listed("PUI-2026-0005", {2026, 5, 20, 9, 0, 0}, false, false, "");
  l.row.record_json = "{broken";
  auto j = list_json({l}, kNow);
  EXPECT_TRUE(j["incidents"][0]["incident_type"].is_null());
  std::ostringstream out;
  print_list(out, {l}, kNow);
  EXPECT_NE(out.str().find("PUI-2026-0005"), std::string::npos);
}

}  // namespace
}  // namespace gdprd::daemon
