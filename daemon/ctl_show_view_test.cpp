#include "daemon/ctl_show_view.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "core/stockholm_time.hpp"

namespace gdprd::daemon {
namespace {

using stockholm::to_instant;

const TimePoint kNow = to_instant({2026, 5, 20, 14, 0, 0});

store::Event event(int64_t id, stockholm::LocalDateTime at, std::string actor, std::string kind, std::string detail) {
  store::Event e;
  e.id = id;
  e.at = to_instant(at);
  e.actor = std::move(actor);
  e.kind = std::move(kind);
  e.detail_json = std::move(detail);
  return e;
}

// Assessed and decided "not notified"; aware 05-18 10:00, so the internal
// deadline was met and the IMY clock is stopped by the decision.
ShowInput decided_input() {
  ShowInput in;
  in.now = kNow;
  auto& l = in.incident;
  l.row.id = 7;
  l.row.reference = "PUI-2026-0007";
  l.row.state = "open";
  l.row.created_at = to_instant({2026, 5, 18, 11, 0, 0});
  l.row.awareness_source = "discovered_at";
  l.row.reporter_address = "anna@kommun.example";
  l.row.record_json = R"({"message_class":"report","description":"Fel mottagare"})";
  l.row.category = 1;
  l.row.priority = "P3";
  l.row.decision = "not_notified";
  l.row.decision_at = to_instant({2026, 5, 19, 9, 15, 0});
  l.row.decision_by = "ciso@kommun.example";
  l.row.decision_motivation = "ingen risk för de registrerade";
  l.unit = "Skolförvaltningen";
  l.awareness = to_instant({2026, 5, 18, 10, 0, 0});
  l.internal_deadline = l.awareness + std::chrono::hours(24);
  l.imy_deadline = l.awareness + std::chrono::hours(72);
  in.events = {
      event(1, {2026, 5, 18, 11, 0, 0}, "daemon", "created", R"({"uid":3})"),
      event(2, {2026, 5, 18, 15, 0, 0}, "alice", "assessment_recorded", R"({"category":1,"priority":"P3"})"),
      event(3, {2026, 5, 19, 9, 20, 0}, "ciso@kommun.example", "decision_recorded",
            R"({"decision":"not_notified","at":)" +
                std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                   to_instant({2026, 5, 19, 9, 15, 0}).time_since_epoch())
                                   .count()) +
                "}"),
      event(4, {2026, 5, 19, 10, 0, 0}, "bob", "reparsed", R"({"parser":"2","old_record":{"description":"gammal"}})"),
  };
  store::StoredMessage m;
  m.id = 11;
  m.role = "report";
  m.message_class = "report";
  m.received_at = l.row.created_at;
  m.raw = "From: anna@kommun.example\r\nTo: incident@kommun.example\r\nSubject: Incident\r\n"
          "Message-ID: <m1@kommun.example>\r\nDate: Mon, 18 May 2026 11:00:00 +0200\r\n\r\nText\r\n";
  m.size = static_cast<int64_t>(m.raw.size());
  m.sha256 = "00ff";
  in.messages = {m};
  return in;
}

TEST(CtlShowView, DecisionEventsSayWhoWhenAndWhat) {
  auto in = decided_input();
  EXPECT_EQ(event_summary(in.events[1]), "assessed: category 1, P3");
  EXPECT_EQ(event_summary(in.events[2]), "decided: do not notify IMY, decision dated 2026-05-19 09:15");
  EXPECT_TRUE(is_decision_event("decision_withdrawn"));
  EXPECT_FALSE(is_decision_event("created"));
  // A revision's old record is not dumped into the human event log.
  EXPECT_EQ(event_summary(in.events[3]).find("gammal"), std::string::npos);
}

TEST(CtlShowView, HumanFormShowsStoppedDeadlinesDecisionsHeadersAndParts) {
  std::ostringstream out;
  print_show(out, decided_input());
  std::string t = out.str();
  EXPECT_NE(t.find("internal 24 h: 2026-05-19 10:00 (stopped)"), std::string::npos) << t;
  EXPECT_NE(t.find("IMY 72 h:      2026-05-21 10:00 (stopped)"), std::string::npos) << t;
  EXPECT_NE(t.find("not notified to IMY, 2026-05-19 09:15 by ciso@kommun.example"), std::string::npos) << t;
  EXPECT_NE(t.find("motivation:   ingen risk"), std::string::npos);
  EXPECT_NE(t.find("2026-05-18 15:00  alice: assessed: category 1, P3"), std::string::npos) << t;
  EXPECT_NE(t.find("Message-ID: <m1@kommun.example>"), std::string::npos);
  EXPECT_NE(t.find("Subject:    Incident"), std::string::npos);
  // The decoded size of the body part (the reader normalises its line end).
  EXPECT_NE(t.find("[0] text/plain, 5 bytes, read\n"), std::string::npos) << t;
  EXPECT_NE(t.find("\"description\": \"Fel mottagare\""), std::string::npos);
}

TEST(CtlShowView, RunningDeadlineShowsLateByAndOverdue) {
  auto in = decided_input();
  auto& l = in.incident;
  l.row.decision.reset();
  l.imy_running = true;
  l.next_deadline = l.imy_deadline;
  in.now = to_instant({2026, 5, 21, 12, 30, 0});
  l.overdue = true;
  std::ostringstream out;
  print_show(out, in);
  EXPECT_NE(out.str().find("IMY 72 h:      2026-05-21 10:00 (late by 2 h 30 min)"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("OVERDUE"), std::string::npos);
  auto j = show_json(in);
  EXPECT_EQ(j["deadlines"]["imy"]["seconds_left"], -(2 * 3600 + 30 * 60));
  EXPECT_EQ(j["deadlines"]["imy"]["late"], true);
  EXPECT_EQ(j["overdue"], true);
  EXPECT_TRUE(j["decision"].is_null());
}

TEST(CtlShowView, JsonHasRecordDecisionsMessagesAndEvents) {
  auto j = show_json(decided_input());
  EXPECT_EQ(j["reference"], "PUI-2026-0007");
  EXPECT_EQ(j["unit"], "Skolförvaltningen");
  EXPECT_EQ(j["awareness"]["at"], "2026-05-18T10:00:00+02:00");
  EXPECT_EQ(j["deadlines"]["internal"]["due"], "2026-05-19T10:00:00+02:00");
  EXPECT_FALSE(j["deadlines"]["internal"]["running"]);
  EXPECT_EQ(j["assessment"]["category"], 1);
  EXPECT_EQ(j["decision"]["decision"], "not_notified");
  EXPECT_EQ(j["decision"]["by"], "ciso@kommun.example");
  EXPECT_EQ(j["decision"]["at"], "2026-05-19T09:15:00+02:00");
  ASSERT_EQ(j["decisions"].size(), 2u);
  EXPECT_EQ(j["decisions"][0]["actor"], "alice");
  EXPECT_EQ(j["decisions"][1]["detail"]["decision"], "not_notified");
  EXPECT_EQ(j["record"]["description"], "Fel mottagare");
  EXPECT_FALSE(j["record_unreadable"]);
  ASSERT_EQ(j["messages"].size(), 1u);
  EXPECT_EQ(j["messages"][0]["headers"]["subject"], "Incident");
  EXPECT_EQ(j["messages"][0]["parts"][0]["read"], true);
  ASSERT_EQ(j["events"].size(), 4u);
  // --json keeps the whole evidence, old record included.
  EXPECT_EQ(j["events"][3]["detail"]["old_record"]["description"], "gammal");
}

TEST(CtlShowView, UnreadableRecordAndEventDetailAreShownNotThrown) {
  auto in = decided_input();
  in.incident.row.record_json = "{cut";
  in.events.push_back(event(5, {2026, 5, 19, 11, 0, 0}, "x", "note", "not json"));
  auto j = show_json(in);
  EXPECT_TRUE(j["record"].is_null());
  EXPECT_TRUE(j["record_unreadable"]);
  EXPECT_EQ(j["events"][4]["detail"], "not json");
  std::ostringstream out;
  print_show(out, in);
  EXPECT_NE(out.str().find("(unreadable; stored text follows)\n{cut"), std::string::npos);
}

}  // namespace
}  // namespace gdprd::daemon
