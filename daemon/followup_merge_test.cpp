#include "daemon/followup_merge.hpp"

#include <gtest/gtest.h>

#include <memory>

#include "core/stockholm_time.hpp"
#include "store/database.hpp"
#include "store/test_dir.hpp"

namespace gdprd::daemon {
namespace {

IncidentRecord original() {
  IncidentRecord r;
  r.report_kind = "blankett";
  r.document_type = "docx";
  r.organisation.name = "Exempelby kommun";
  r.organisation.unit = "Socialnämnden";
  r.contact.phone = "070-111 11 11";
  r.incident_type = "misdirected_message";
  r.description = "Ett brev skickades till fel adress.";
  r.data_subjects = {12, "11-100"};
  r.data_categories = {"identifying"};
  r.warn("missing_mandatory_field", "Q3");
  return r;
}

std::vector<std::string> fields(const FollowupMerge& m) {
  std::vector<std::string> out;
  for (const auto& c : m.changes) out.push_back(c.field);
  return out;
}

TEST(FollowupMerge, OnlyStatedFieldsChangeAndNewestWins) {
  IncidentRecord f;  // a short reply: a new count and one more category list
  f.report_kind = "free_text";
  f.document_type = "text_body";
  f.data_subjects = {14, "11-100"};
  f.data_categories = {"identifying", "health"};
  auto m = merge_followup(original(), f);
  EXPECT_EQ(fields(m), (std::vector<std::string>{"data_subjects", "data_categories"}));
  EXPECT_EQ(m.merged.data_subjects.exact, 14);
  EXPECT_EQ(m.merged.data_categories, (std::vector<std::string>{"identifying", "health"}));
  // Unstated fields keep their values; the report's kind and warnings stay.
  EXPECT_EQ(m.merged.description, original().description);
  EXPECT_EQ(m.merged.incident_type, "misdirected_message");
  EXPECT_EQ(m.merged.report_kind, "blankett");
  EXPECT_EQ(m.merged.document_type, "docx");
  EXPECT_TRUE(m.merged.has_warning("missing_mandatory_field"));
  EXPECT_EQ(m.changes[0].before["exact"], 12);
  EXPECT_EQ(m.changes[0].after["exact"], 14);
}

TEST(FollowupMerge, EmptyFollowupChangesNothing) {
  auto m = merge_followup(original(), IncidentRecord{});
  EXPECT_TRUE(m.changes.empty());
  EXPECT_EQ(m.merged, original());
}

TEST(FollowupMerge, RestatingTheSameValueIsNoChange) {
  IncidentRecord f;
  f.incident_type = "misdirected_message";
  f.organisation.name = "Exempelby kommun";
  EXPECT_TRUE(merge_followup(original(), f).changes.empty());
}

TEST(FollowupMerge, NestedObjectsMergeKeyByKey) {
  IncidentRecord f;
  f.organisation.postal_address = "Box 1, 999 99 Exempelby";
  f.contact.phone = "070-222 22 22";
  auto m = merge_followup(original(), f);
  EXPECT_EQ(fields(m), (std::vector<std::string>{"organisation.postal_address", "contact.phone"}));
  EXPECT_EQ(m.merged.organisation.name, "Exempelby kommun");  // not erased by the follow-up's null
  EXPECT_EQ(m.merged.organisation.unit, "Socialnämnden");
  EXPECT_EQ(m.merged.contact.phone, "070-222 22 22");
  EXPECT_TRUE(m.changes[0].before.is_null());
}

TEST(FollowupMerge, ApproximateCountReplacesAnEarlierExactOne) {
  IncidentRecord f;
  f.data_subjects.range = "101-1000";  // "drygt 300": range only
  auto m = merge_followup(original(), f);
  EXPECT_FALSE(m.merged.data_subjects.exact.has_value());
  EXPECT_EQ(m.merged.data_subjects.range, "101-1000");
}

TEST(FollowupMerge, FalseIsAStatementNotAnAbsence) {
  auto r = original();
  r.ongoing = true;
  IncidentRecord f;
  f.ongoing = false;
  f.ended_at = "2026-05-21";
  auto m = merge_followup(r, f);
  EXPECT_EQ(m.merged.ongoing, false);
  EXPECT_EQ(m.merged.ended_at, "2026-05-21");
}

TEST(FollowupMerge, PersonalIdentityNumberInTheFollowupIsWarned) {
  IncidentRecord f;
  f.warn("personal_identity_number_in_report", "in the reply");
  f.warn("missing_mandatory_field", "the reply is no form");
  auto m = merge_followup(original(), f);
  EXPECT_TRUE(m.merged.has_warning("personal_identity_number_in_report"));
  EXPECT_EQ(m.merged.warnings.size(), 2u);  // the report's one plus the pnr warning
}

struct ApplyFixture : ::testing::Test {
  store::testing::TestDir dir;
  FakeClock clock{stockholm::to_instant({2026, 5, 20, 14, 0, 0})};
  store::Database db{dir.file("a.db")};
  store::IncidentStore store{db, clock};

  store::IngestResult ingest(int64_t uid, std::optional<int64_t> attach, const IncidentRecord& r) {
    store::IngestRequest req;
    req.mailbox = "INBOX";
    req.uidvalidity = 1;
    req.uid = uid;
    req.raw = "Message-ID: <a" + std::to_string(uid) + "@x.example>\r\n\r\nbody\r\n";
    req.message_id = "<a" + std::to_string(uid) + "@x.example>";
    req.received_at = clock.now();
    req.record_json = to_json(r).dump();
    req.attach_to_incident = attach;
    return store.ingest(req);
  }
};

TEST_F(ApplyFixture, FollowupIsMergedLoggedAndTheCisoTold) {
  auto report = ingest(1, std::nullopt, original());
  IncidentRecord f;
  f.data_subjects = {14, "11-100"};
  auto reply = ingest(2, report.incident->id, f);
  ASSERT_EQ(reply.outcome, store::IngestResult::Outcome::attached);
  FollowupSettings settings{"pui@kommun.example", {"ciso@kommun.example"}, "daemon"};
  EXPECT_EQ(apply_followup(store, *reply.incident, reply.message_row, f, settings, clock.now()), 1u);

  auto row = store.incident_by_id(report.incident->id);
  EXPECT_EQ(record_from_json(Json::parse(row->record_json)).data_subjects.exact, 14);
  auto events = store.events(row->id);
  auto it = std::find_if(events.begin(), events.end(), [](const auto& e) { return e.kind == "followup_merged"; });
  ASSERT_NE(it, events.end());
  auto detail = Json::parse(it->detail_json);
  EXPECT_EQ(detail["message"], reply.message_row);
  EXPECT_EQ(detail["changes"][0]["field"], "data_subjects");
  EXPECT_EQ(detail["old_record"]["data_subjects"]["exact"], 12);
  auto due = store.due_outbox(clock.now() + std::chrono::hours(1), 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].kind, "followup_notice");
  EXPECT_EQ(due[0].recipients, std::vector<std::string>{"ciso@kommun.example"});
  EXPECT_NE(due[0].message.find(report.incident->reference), std::string::npos);
}

TEST_F(ApplyFixture, FollowupWithNothingNewIsOnlyLogged) {
  auto report = ingest(1, std::nullopt, original());
  auto reply = ingest(2, report.incident->id, IncidentRecord{});
  FollowupSettings settings{"pui@kommun.example", {"ciso@kommun.example"}, "daemon"};
  EXPECT_EQ(apply_followup(store, *reply.incident, reply.message_row, IncidentRecord{}, settings, clock.now()), 0u);
  EXPECT_TRUE(store.due_outbox(clock.now() + std::chrono::hours(1), 10).empty());
  auto events = store.events(report.incident->id);
  EXPECT_EQ(events.back().kind, "followup_received");
  EXPECT_EQ(record_from_json(Json::parse(store.incident_by_id(report.incident->id)->record_json)), original());
}

TEST_F(ApplyFixture, NoticeThatCannotBeQueuedUndoesTheWholeMerge) {
  auto report = ingest(1, std::nullopt, original());
  IncidentRecord f;
  f.data_subjects = {14, "11-100"};
  auto reply = ingest(2, report.incident->id, f);
  db.exec("CREATE TRIGGER no_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox full'); END;");
  FollowupSettings settings{"pui@kommun.example", {"ciso@kommun.example"}, "daemon"};
  EXPECT_EQ(apply_followup(store, *reply.incident, reply.message_row, f, settings, clock.now()), 0u);
  // No merged record without its notice: the record and the event log are as before.
  EXPECT_EQ(record_from_json(Json::parse(store.incident_by_id(report.incident->id)->record_json)), original());
  for (const auto& e : store.events(report.incident->id)) EXPECT_NE(e.kind, "followup_merged");
  EXPECT_EQ(store.messages(report.incident->id).size(), 2u);  // the follow-up itself stays stored
}

TEST_F(ApplyFixture, MergeInABatchIsDurableOnlyTogetherWithTheFollowupsIngest) {
  auto report = ingest(1, std::nullopt, original());
  IncidentRecord f;
  f.data_subjects = {14, "11-100"};
  FollowupSettings settings{"pui@kommun.example", {"ciso@kommun.example"}, "daemon"};
  {
    store::IncidentStore::Batch batch(store);  // as the poller holds it; no commit: a crash
    auto reply = ingest(2, report.incident->id, f);
    EXPECT_EQ(apply_followup(store, *reply.incident, reply.message_row, f, settings, clock.now()), 1u);
  }
  EXPECT_EQ(store.messages(report.incident->id).size(), 1u);
  EXPECT_EQ(record_from_json(Json::parse(store.incident_by_id(report.incident->id)->record_json)), original());
  EXPECT_TRUE(store.due_outbox(clock.now() + std::chrono::hours(1), 10).empty());
  {
    store::IncidentStore::Batch batch(store);
    auto reply = ingest(2, report.incident->id, f);
    apply_followup(store, *reply.incident, reply.message_row, f, settings, clock.now());
    batch.commit();
  }
  EXPECT_EQ(store.messages(report.incident->id).size(), 2u);
  EXPECT_EQ(record_from_json(Json::parse(store.incident_by_id(report.incident->id)->record_json)).data_subjects.exact,
            14);
  EXPECT_EQ(store.due_outbox(clock.now() + std::chrono::hours(1), 10).size(), 1u);
}

TEST_F(ApplyFixture, UnknownIncidentDoesNotThrow) {
  FollowupSettings settings{"pui@kommun.example", {}, "daemon"};
  store::IncidentRef missing{999, "PUI-2026-0999", 2026, 999};
  EXPECT_EQ(apply_followup(store, missing, 1, original(), settings, clock.now()), 0u);
}

}  // namespace
}  // namespace gdprd::daemon
