#include "daemon/ack_facts.hpp"

#include <gtest/gtest.h>

#include "core/stockholm_time.hpp"

namespace gdprd::daemon {
namespace {

TimePoint local(int y, int mo, int d, int h, int mi = 0) { return stockholm::to_instant({y, mo, d, h, mi, 0}); }

TEST(Awareness, StatedDiscoveryBeforeReceiptCounts) {
  IncidentRecord r;
  r.discovered_at = "2026-05-20T16:39:00+02:00";
  auto a = awareness_of(r, local(2026, 5, 21, 9));
  EXPECT_EQ(a.at, local(2026, 5, 20, 16, 39));
  EXPECT_EQ(a.source, "discovered_at");
}

TEST(Awareness, DiscoveryInTheFutureFallsBackToReceipt) {
  IncidentRecord r;
  r.discovered_at = "2026-05-22T08:00:00+02:00";  // a typo cannot postpone the 72 h
  auto a = awareness_of(r, local(2026, 5, 21, 9));
  EXPECT_EQ(a.at, local(2026, 5, 21, 9));
  EXPECT_EQ(a.source, "received_at");
}

TEST(Awareness, DateOnlyDiscoveryCountsFromMidnight) {
  IncidentRecord r;
  r.discovered_at = "2026-01-14";
  auto a = awareness_of(r, local(2026, 1, 15, 10));
  EXPECT_EQ(a.at, local(2026, 1, 14, 0));
}

TEST(Awareness, UnreadableDiscoveryFallsBackToReceipt) {
  IncidentRecord r;
  r.discovered_at = "igår";
  EXPECT_EQ(awareness_of(r, local(2026, 1, 15, 10)).source, "received_at");
}

TEST(AckFacts, OnlyStatedFactsAndTheRestListedAsMissing) {
  parsers::ReadResult read;
  read.record.discovered_at = "2026-01-14";
  read.record.data_subjects.range = "11-100";
  read.record.data_categories = {"health"};
  read.facts.subject = "Incident";
  read.facts.message_id = "m1@kommun.example";
  Awareness a{local(2026, 1, 14, 0), "discovered_at"};
  auto f = ack_facts(read, "PUI-2026-0007", "anna@kommun.example", a);
  EXPECT_EQ(f.reference, "PUI-2026-0007");
  EXPECT_EQ(f.recipient, "anna@kommun.example");
  EXPECT_EQ(f.original_message_id, "m1@kommun.example");
  EXPECT_TRUE(f.discovered_date_only);
  EXPECT_EQ(f.imy_deadline, local(2026, 1, 17, 0));
  EXPECT_EQ(f.data_subjects, "11-100");
  EXPECT_EQ(f.missing_fields,
            (std::vector<std::string>{"occurred_at", "description", "contact"}));
}

TEST(AckFacts, ExactCountWinsOverItsRange) {
  parsers::ReadResult read;
  read.record.data_subjects.exact = 3;
  read.record.data_subjects.range = "1-10";
  auto f = ack_facts(read, "PUI-2026-0001", "a@kommun.example", {local(2026, 3, 1, 12), "received_at"});
  EXPECT_EQ(f.data_subjects, "3");
  EXPECT_FALSE(f.discovered_at);
}

}  // namespace
}  // namespace gdprd::daemon
