#include "store/register_queries.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/stockholm_time.hpp"
#include "store/record_revision.hpp"
#include "store/test_dir.hpp"

namespace gdprd::store {
namespace {

using testing::TestDir;

struct RegisterFixture : ::testing::Test {
  TestDir dir;
  FakeClock clock{stockholm::to_instant({2026, 5, 20, 14, 0, 0})};
  Database db{dir.file("r.db")};
  IncidentStore store{db, clock};
  RegisterQueries queries{db};

  IncidentRef ingest(int64_t uid, bool needs_human = false) {
    IngestRequest r;
    r.mailbox = "INBOX";
    r.uidvalidity = 1;
    r.uid = uid;
    r.raw = "Message-ID: <r" + std::to_string(uid) + "@x.example>\r\n\r\nbody\r\n";
    r.message_id = "<r" + std::to_string(uid) + "@x.example>";
    r.received_at = clock.now();
    r.record_json = R"({"message_class":"report","description":"v1"})";
    r.needs_human = needs_human;
    return *store.ingest(r).incident;
  }
};

TEST_F(RegisterFixture, IdsOfYearAreInReferenceOrderAndOnlyThatYear) {
  auto a = ingest(1);
  auto b = ingest(2);
  clock.set(stockholm::to_instant({2027, 1, 2, 9, 0, 0}));
  auto c = ingest(3);
  EXPECT_EQ(queries.incident_ids_of_year(2026), (std::vector<int64_t>{a.id, b.id}));
  EXPECT_EQ(queries.incident_ids_of_year(2027), std::vector<int64_t>{c.id});
  EXPECT_TRUE(queries.incident_ids_of_year(2025).empty());
}

TEST_F(RegisterFixture, MailboxStatesListEveryPolledMailbox) {
  store.set_uidvalidity("imaps://a/INBOX", 5);
  store.record_poll("imaps://a/INBOX", false, "timeout");
  store.set_uidvalidity("imaps://b/INBOX", 6);
  store.record_poll("imaps://b/INBOX", true);
  auto states = queries.mailbox_states();
  ASSERT_EQ(states.size(), 2u);
  EXPECT_EQ(states[0].mailbox, "imaps://a/INBOX");
  EXPECT_FALSE(states[0].last_poll_ok_at.has_value());
  EXPECT_EQ(states[0].last_error, "timeout");
  EXPECT_EQ(states[1].last_poll_ok_at, clock.now());
}

TEST_F(RegisterFixture, HasEventAndOpenNeedingHumanCount) {
  auto a = ingest(1, true);
  auto b = ingest(2, true);
  ingest(3, false);
  EXPECT_EQ(queries.open_needing_human(), 2);
  store.set_state(b.id, "closed", "ciso");
  EXPECT_EQ(queries.open_needing_human(), 1);
  EXPECT_FALSE(queries.has_event(a.id, "dpo_consulted"));
  store.append_event(a.id, "ciso", "dpo_consulted");
  EXPECT_TRUE(queries.has_event(a.id, "dpo_consulted"));
}

TEST_F(RegisterFixture, RevisionKeepsTheOldRecordInTheEvent) {
  auto a = ingest(1, true);
  revise_record(db, a.id, R"({"message_class":"report","description":"v2"})", false, "alice", "reparsed",
                R"({"parser":"test"})", clock.now());
  auto row = store.incident_by_id(a.id);
  EXPECT_EQ(nlohmann::json::parse(row->record_json)["description"], "v2");
  EXPECT_FALSE(row->needs_human);
  auto events = store.events(a.id);
  ASSERT_FALSE(events.empty());
  const auto& e = events.back();
  EXPECT_EQ(e.kind, "reparsed");
  EXPECT_EQ(e.actor, "alice");
  auto detail = nlohmann::json::parse(e.detail_json);
  EXPECT_EQ(detail["parser"], "test");
  EXPECT_EQ(detail["old_record"]["description"], "v1");
}

TEST_F(RegisterFixture, RevisionOfUnknownIncidentOrBadDetailWritesNothing) {
  auto a = ingest(1);
  size_t before = store.events(a.id).size();
  EXPECT_THROW(revise_record(db, 999, "{}", false, "x", "reparsed", "{}", clock.now()), StoreError);
  EXPECT_THROW(revise_record(db, a.id, "{}", false, "x", "reparsed", "[1]", clock.now()), StoreError);
  EXPECT_EQ(store.events(a.id).size(), before);
  EXPECT_EQ(nlohmann::json::parse(store.incident_by_id(a.id)->record_json)["description"], "v1");
}

}  // namespace
}  // namespace gdprd::store
