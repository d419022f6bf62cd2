#include "store/incident_store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <set>
#include <thread>

#include "core/stockholm_time.hpp"
#include "store/sha256.hpp"
#include "store/test_dir.hpp"

namespace gdprd::store {
namespace {

using testing::TestDir;

TimePoint local(int y, int mo, int d, int h = 12, int mi = 0) {
  return stockholm::to_instant({y, mo, d, h, mi, 0});
}

IngestRequest report(int64_t uid, std::string raw = "") {
  IngestRequest r;
  r.mailbox = "INBOX";
  r.uidvalidity = 7;
  r.uid = uid;
  r.raw = raw.empty() ? "Message-ID: <m" + std::to_string(uid) + "@kommun.example>\r\n\r\nbody " +
                            std::to_string(uid) + "\r\n"
                      : raw;
  r.message_id = "<m" + std::to_string(uid) + "@kommun.example>";
  r.received_at = local(2026, 5, 20);
  r.record_json = R"({"message_class":"report"})";
  r.reporter_address = "anna@kommun.example";
  return r;
}

OutboxMail ack_for(const IncidentRef& ref) {
  OutboxMail m;
  m.kind = "ack";
  m.dedupe_key = "ack:" + ref.reference;
  m.sender = "pui@kommun.example";
  m.recipients = {"anna@kommun.example"};
  m.message = "Subject: [" + ref.reference + "]\r\n\r\nok\r\n";
  m.message_id = "<ack-" + ref.reference + "@kommun.example>";
  return m;
}

struct StoreFixture : ::testing::Test {
  TestDir dir;
  FakeClock clock{local(2026, 5, 20, 14)};
  std::unique_ptr<Database> db = std::make_unique<Database>(dir.file("s.db"));
  IncidentStore store{*db, clock};
};

TEST_F(StoreFixture, BatchOfManyIngestsIsDurableOnlyAtItsCommit) {
  {
    IncidentStore::Batch batch(store);
    for (int64_t uid = 1; uid <= 3; ++uid) store.ingest(report(uid));
    // Another connection (a plain reader) sees nothing before the commit.
    sqlite3* other = nullptr;
    ASSERT_EQ(sqlite3_open_v2(dir.file("s.db").c_str(), &other, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* count = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(other, "SELECT COUNT(*) FROM messages", -1, &count, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_step(count), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int64(count, 0), 0);
    sqlite3_finalize(count);
    sqlite3_close(other);
    batch.commit();
  }
  EXPECT_EQ(store.list_incidents().size(), 3u);
  EXPECT_EQ(store.mailbox_state("INBOX")->last_uid, 3);
  {
    IncidentStore::Batch dropped(store);  // destroyed without commit: a crash before the commit
    store.ingest(report(4));
  }
  EXPECT_EQ(store.list_incidents().size(), 3u);
  EXPECT_EQ(store.mailbox_state("INBOX")->last_uid, 3);
  EXPECT_EQ(store.list_incidents(1)[0].reference, "PUI-2026-0003");
}

TEST_F(StoreFixture, FailedWriteInsideABatchUndoesOnlyItself) {
  db->exec("CREATE TRIGGER fail2 BEFORE INSERT ON messages WHEN NEW.uid = 2 "
           "BEGIN SELECT RAISE(ABORT, 'no'); END;");
  IncidentStore::Batch batch(store);
  store.ingest(report(1));
  EXPECT_THROW(store.ingest(report(2)), StoreError);
  store.ingest(report(3));
  batch.commit();
  auto rows = store.list_incidents();
  ASSERT_EQ(rows.size(), 2u);  // mail 2's incident row went with its failed message row
  EXPECT_EQ(store.stored_uids("INBOX", 7, {1, 2, 3, 4}), (std::vector<int64_t>{1, 3}));
  EXPECT_EQ(store.stored_uids("INBOX", 8, {1, 3}), std::vector<int64_t>{});
}

TEST_F(StoreFixture, AtomicallyKeepsAllOrNothingOfSeveralWrites) {
  auto created = store.ingest(report(1));
  int64_t id = created.incident->id;
  size_t events_before = store.events(id).size();
  EXPECT_THROW(store.atomically([&] {
                 store.append_event(id, "t", "first");
                 store.append_event(id, "t", "second");
                 throw StoreError("later step failed", 0);
               }),
               StoreError);
  EXPECT_EQ(store.events(id).size(), events_before);
  store.atomically([&] {
    store.append_event(id, "t", "first");
    store.append_event(id, "t", "second");
  });
  EXPECT_EQ(store.events(id).size(), events_before + 2);
  IncidentStore::Batch batch(store);
  EXPECT_THROW({ IncidentStore::Batch inner(store); }, StoreError);  // not nestable
}

TEST(Reference, FourDigitsMinimumThenGrows) {
  EXPECT_EQ(format_reference(2026, 42), "PUI-2026-0042");
  EXPECT_EQ(format_reference(2026, 9999), "PUI-2026-9999");
  EXPECT_EQ(format_reference(2026, 12345), "PUI-2026-12345");
}

TEST(MessageId, AngleBracketsAndSpaceAreStripped) {
  EXPECT_EQ(normalize_message_id("  <a@b>\r\n"), "a@b");
  EXPECT_EQ(normalize_message_id("a@b"), "a@b");
  EXPECT_EQ(normalize_message_id("<>"), "");
  EXPECT_EQ(normalize_message_id(""), "");
}

TEST(Backoff, DoublesFromOneMinuteAndCapsAtOneHour) {
  TimePoint t0{};
  EXPECT_EQ(next_attempt_after(1, t0) - t0, std::chrono::minutes(1));
  EXPECT_EQ(next_attempt_after(2, t0) - t0, std::chrono::minutes(2));
  EXPECT_EQ(next_attempt_after(4, t0) - t0, std::chrono::minutes(8));
  EXPECT_EQ(next_attempt_after(7, t0) - t0, std::chrono::hours(1));
  EXPECT_EQ(next_attempt_after(100, t0) - t0, std::chrono::hours(1));
}

TEST_F(StoreFixture, ReferencesAreSequentialWithinAYear) {
  auto a = store.ingest(report(1));
  auto b = store.ingest(report(2));
  ASSERT_TRUE(a.incident && b.incident);
  EXPECT_EQ(a.incident->reference, "PUI-2026-0001");
  EXPECT_EQ(b.incident->reference, "PUI-2026-0002");
  EXPECT_EQ(a.outcome, IngestResult::Outcome::created);
}

TEST_F(StoreFixture, ReferenceYearFollowsStockholmNewYearNotUtc) {
  store.ingest(report(1));
  // 2026-12-31 23:30 UTC is already 2027 in Stockholm.
  clock.set(stockholm::to_instant({2027, 1, 1, 0, 30, 0}));
  auto r = store.ingest(report(2));
  ASSERT_TRUE(r.incident);
  EXPECT_EQ(r.incident->reference, "PUI-2027-0001");
  clock.set(local(2027, 3, 1));
  EXPECT_EQ(store.ingest(report(3)).incident->reference, "PUI-2027-0002");
}

TEST_F(StoreFixture, NumberingContinuesAfterRestart) {
  store.ingest(report(1));
  store.ingest(report(2));
  db.reset();
  Database reopened(dir.file("s.db"));
  IncidentStore again(reopened, clock);
  EXPECT_EQ(again.ingest(report(3)).incident->reference, "PUI-2026-0003");
}

TEST_F(StoreFixture, SameUidTwiceIsANoOpReturningTheIncident) {
  int calls = 0;
  auto req = report(5);
  req.compose_outbox = [&](const IncidentRef& ref) {
    ++calls;
    return std::vector<OutboxMail>{ack_for(ref)};
  };
  auto first = store.ingest(req);
  auto second = store.ingest(req);
  EXPECT_EQ(second.outcome, IngestResult::Outcome::duplicate);
  ASSERT_TRUE(second.incident);
  EXPECT_EQ(second.incident->reference, first.incident->reference);
  EXPECT_EQ(second.message_row, first.message_row);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(store.list_incidents().size(), 1u);
  EXPECT_EQ(store.outbox_stats().unsent, 1);
}

TEST_F(StoreFixture, UidvalidityChangeDoesNotRecreateIncidents) {
  EXPECT_TRUE(store.set_uidvalidity("INBOX", 7));
  auto first = store.ingest(report(5));
  EXPECT_EQ(store.mailbox_state("INBOX")->last_uid, 5);
  EXPECT_TRUE(store.set_uidvalidity("INBOX", 8));
  EXPECT_EQ(store.mailbox_state("INBOX")->last_uid, 0);
  auto renumbered = report(1, report(5).raw);
  renumbered.message_id = report(5).message_id;
  renumbered.uidvalidity = 8;
  auto again = store.ingest(renumbered);
  EXPECT_EQ(again.outcome, IngestResult::Outcome::duplicate);
  EXPECT_EQ(again.incident->id, first.incident->id);
  EXPECT_EQ(store.mailbox_state("INBOX")->last_uid, 1);
  EXPECT_EQ(store.list_incidents().size(), 1u);
  EXPECT_FALSE(store.set_uidvalidity("INBOX", 8));
}

TEST_F(StoreFixture, SameMessageIdWithDifferentBytesIsANewReport) {
  store.ingest(report(1));
  auto edited = report(2, "Message-ID: <m1@kommun.example>\r\n\r\nchanged\r\n");
  edited.message_id = "<m1@kommun.example>";
  EXPECT_EQ(store.ingest(edited).outcome, IngestResult::Outcome::created);
}

TEST_F(StoreFixture, FindMessageNeedsBothIdAndHash) {
  auto req = report(1);
  store.ingest(req);
  EXPECT_TRUE(store.find_message("m1@kommun.example", sha256_hex(req.raw)));
  EXPECT_FALSE(store.find_message("m1@kommun.example", sha256_hex("other")));
  EXPECT_FALSE(store.find_message("", sha256_hex(req.raw)));
}

TEST_F(StoreFixture, AutoReplyAndBounceAreStoredWithoutIncident) {
  for (auto [uid, cls] : {std::pair{1, "auto_reply"}, std::pair{2, "bounce"}}) {
    auto req = report(uid);
    req.message_class = cls;
    bool called = false;
    req.compose_outbox = [&](const IncidentRef&) {
      called = true;
      return std::vector<OutboxMail>{};
    };
    auto r = store.ingest(req);
    EXPECT_EQ(r.outcome, IngestResult::Outcome::stored_only) << cls;
    EXPECT_FALSE(r.incident);
    EXPECT_FALSE(called);
    auto m = store.message(r.message_row);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->role, cls);
  }
  EXPECT_TRUE(store.list_incidents().empty());
  EXPECT_EQ(store.mailbox_state("INBOX")->last_uid, 2);
}

TEST_F(StoreFixture, RawBytesAreStoredExactly) {
  std::string raw("From: a@b\r\n\r\n\xc3\xa5\0\xff tail\n", 22);
  auto r = store.ingest(report(1, raw));
  auto msgs = store.messages(r.incident->id);
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_EQ(msgs[0].raw, raw);
  EXPECT_EQ(msgs[0].size, static_cast<int64_t>(raw.size()));
  EXPECT_EQ(msgs[0].sha256, sha256_hex(raw));
  EXPECT_EQ(msgs[0].message_id, "m1@kommun.example");
}

TEST_F(StoreFixture, IngestStoresIncidentFields) {
  auto req = report(1);
  req.needs_human = true;
  req.awareness_at = local(2026, 5, 19, 9);
  req.awareness_source = "discovered_at";
  req.reporter_language = "en";
  req.is_processor = true;
  req.late_internal_report = true;
  auto r = store.ingest(req);
  auto row = store.incident_by_reference(r.incident->reference);
  ASSERT_TRUE(row);
  EXPECT_TRUE(row->needs_human);
  EXPECT_EQ(row->state, "open");
  EXPECT_EQ(row->awareness_at, req.awareness_at);
  EXPECT_EQ(row->awareness_source, "discovered_at");
  EXPECT_EQ(row->reporter_address, "anna@kommun.example");
  EXPECT_EQ(row->reporter_language, "en");
  EXPECT_TRUE(row->is_processor);
  EXPECT_TRUE(row->late_internal_report);
  EXPECT_EQ(row->record_json, req.record_json);
  EXPECT_EQ(row->created_at, clock.now());
  EXPECT_EQ(row->decision_token.size(), 32u);
  EXPECT_FALSE(row->decision);
  auto events = store.events(row->id);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, "incident_created");
  EXPECT_EQ(events[0].actor, "daemon");
}

TEST_F(StoreFixture, OutboxCallbackSeesTheNewReferenceAndMailIsFindable) {
  std::string seen;
  auto req = report(1);
  req.compose_outbox = [&](const IncidentRef& ref) {
    seen = ref.reference;
    return std::vector<OutboxMail>{ack_for(ref)};
  };
  auto r = store.ingest(req);
  EXPECT_EQ(seen, "PUI-2026-0001");
  auto due = store.due_outbox(clock.now(), 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].dedupe_key, "ack:PUI-2026-0001");
  EXPECT_EQ(due[0].recipients, std::vector<std::string>{"anna@kommun.example"});
  EXPECT_EQ(due[0].incident_id, r.incident->id);
  // A reply to the ack carries the ack's Message-ID in In-Reply-To.
  auto by_ack = store.incident_by_message_id("<ack-PUI-2026-0001@kommun.example>");
  ASSERT_TRUE(by_ack);
  EXPECT_EQ(by_ack->reference, "PUI-2026-0001");
  auto by_report = store.incident_by_message_id("m1@kommun.example");
  ASSERT_TRUE(by_report);
  EXPECT_EQ(by_report->id, r.incident->id);
  EXPECT_FALSE(store.incident_by_message_id("<nobody@else>"));
}

TEST_F(StoreFixture, ThrowingCallbackLeavesNothingBehind) {
  auto req = report(1);
  req.compose_outbox = [](const IncidentRef&) -> std::vector<OutboxMail> { throw std::runtime_error("boom"); };
  EXPECT_THROW(store.ingest(req), std::runtime_error);
  EXPECT_TRUE(store.list_incidents().empty());
  EXPECT_FALSE(store.mailbox_state("INBOX"));
  // The reference number was not consumed either.
  EXPECT_EQ(store.ingest(report(1)).incident->reference, "PUI-2026-0001");
}

TEST_F(StoreFixture, FollowupIsAttachedWithoutNewIncident) {
  auto first = store.ingest(report(1));
  auto reply = report(2);
  reply.attach_to_incident = first.incident->id;
  reply.compose_outbox = [](const IncidentRef& ref) {
    OutboxMail m = ack_for(ref);
    m.dedupe_key = "ack:" + ref.reference;  // same key as the first ack: skipped
    return std::vector<OutboxMail>{m};
  };
  auto r = store.ingest(reply);
  EXPECT_EQ(r.outcome, IngestResult::Outcome::attached);
  EXPECT_EQ(r.incident->id, first.incident->id);
  EXPECT_EQ(store.messages(first.incident->id).size(), 2u);
  EXPECT_EQ(store.messages(first.incident->id)[1].role, "followup");
  EXPECT_EQ(store.list_incidents().size(), 1u);
  EXPECT_EQ(store.events(first.incident->id).back().kind, "message_attached");
}

TEST_F(StoreFixture, AttachToUnknownIncidentFailsWithoutWriting) {
  auto reply = report(2);
  reply.attach_to_incident = 999;
  EXPECT_THROW(store.ingest(reply), StoreError);
  EXPECT_FALSE(store.mailbox_state("INBOX"));
}

TEST_F(StoreFixture, EventsAreAppendOnly) {
  auto r = store.ingest(report(1));
  store.append_event(r.incident->id, "ciso", "note", R"({"text":"checked"})");
  EXPECT_THROW(db->exec("UPDATE events SET kind = 'x'"), StoreError);
  EXPECT_THROW(db->exec("DELETE FROM events"), StoreError);
  auto events = store.events(r.incident->id);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].kind, "note");
  EXPECT_EQ(events[1].detail_json, R"({"text":"checked"})");
}

TEST_F(StoreFixture, RawBytesAndReferencesCannotBeRewritten) {
  auto r = store.ingest(report(1));
  EXPECT_THROW(db->exec("UPDATE messages SET raw = x'00'"), StoreError);
  EXPECT_THROW(db->exec("UPDATE incidents SET reference = 'PUI-2026-0099'"), StoreError);
  EXPECT_EQ(store.messages(r.incident->id).at(0).raw, report(1).raw);
  EXPECT_EQ(store.incident_by_id(r.incident->id)->reference, "PUI-2026-0001");
}

TEST_F(StoreFixture, OutboxLifecycleRetryThenSent) {
  OutboxMail m;
  m.kind = "alert";
  m.dedupe_key = "alert:1";
  m.sender = "pui@kommun.example";
  m.recipients = {"ciso@kommun.example", "dpo@kommun.example"};
  m.message = "x";
  EXPECT_TRUE(store.enqueue(std::nullopt, m));
  EXPECT_FALSE(store.enqueue(std::nullopt, m));  // dedupe
  auto due = store.due_outbox(clock.now(), 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(store.outbox_stats().oldest_unsent, clock.now());
  store.mark_failed(due[0].id, "421 try later", next_attempt_after(1, clock.now()));
  EXPECT_TRUE(store.due_outbox(clock.now(), 10).empty());
  clock.advance(std::chrono::minutes(1));
  due = store.due_outbox(clock.now(), 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].attempts, 1);
  EXPECT_EQ(due[0].last_error, "421 try later");
  store.mark_sent(due[0].id, clock.now());
  EXPECT_TRUE(store.due_outbox(clock.now() + std::chrono::hours(100), 10).empty());
  EXPECT_EQ(store.outbox_stats().unsent, 0);
  auto entry = store.outbox_entry(due[0].id);
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->sent_at, clock.now());
}

TEST_F(StoreFixture, PermanentFailureIsNeverRetriedButCounted) {
  OutboxMail m;
  m.kind = "ack";
  m.dedupe_key = "ack:x";
  m.sender = "pui@kommun.example";
  m.recipients = {"a@kommun.example"};
  m.message = "x";
  store.enqueue(std::nullopt, m);
  auto id = store.due_outbox(clock.now(), 1).at(0).id;
  store.mark_failed(id, "550 no such user", std::nullopt);
  EXPECT_TRUE(store.due_outbox(clock.now() + std::chrono::hours(1000), 10).empty());
  auto stats = store.outbox_stats();
  EXPECT_EQ(stats.unsent, 0);
  EXPECT_EQ(stats.given_up, 1);
}

TEST_F(StoreFixture, DueOutboxRespectsLimitAndOrder) {
  for (int i = 0; i < 5; ++i) {
    OutboxMail m;
    m.kind = "alert";
    m.dedupe_key = "k" + std::to_string(i);
    m.sender = "pui@kommun.example";
    m.recipients = {"a@kommun.example"};
    m.message = std::to_string(i);
    store.enqueue(std::nullopt, m);
    clock.advance(std::chrono::seconds(1));
  }
  auto due = store.due_outbox(clock.now(), 3);
  ASSERT_EQ(due.size(), 3u);
  EXPECT_EQ(due[0].message, "0");
  EXPECT_EQ(due[2].message, "2");
}

TEST_F(StoreFixture, MailboxPollBookkeeping) {
  store.record_poll("INBOX", false, "connection refused");
  auto s = store.mailbox_state("INBOX");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->last_error, "connection refused");
  EXPECT_EQ(s->last_poll_at, clock.now());
  EXPECT_FALSE(s->last_poll_ok_at);
  clock.advance(std::chrono::minutes(1));
  store.record_poll("INBOX", true);
  s = store.mailbox_state("INBOX");
  EXPECT_EQ(s->last_poll_ok_at, clock.now());
  EXPECT_EQ(s->last_error, "");
}

TEST_F(StoreFixture, DecisionAndAssessmentAreRecordedWithEvents) {
  auto r = store.ingest(report(1));
  store.record_assessment(r.incident->id, 2, "P1", "ciso@kommun.example");
  Decision d;
  d.decision = "notified";
  d.at = clock.now();
  d.by = "ciso@kommun.example";
  d.imy_reference = "IMY-2026-123";
  d.subjects_must_be_informed = true;
  store.record_decision(r.incident->id, d);
  auto row = store.incident_by_id(r.incident->id);
  EXPECT_EQ(row->category, 2);
  EXPECT_EQ(row->priority, "P1");
  EXPECT_EQ(row->decision, "notified");
  EXPECT_EQ(row->imy_reference, "IMY-2026-123");
  EXPECT_EQ(row->subjects_must_be_informed, true);
  EXPECT_EQ(store.events(r.incident->id).size(), 3u);
  d.decision = "maybe";
  EXPECT_THROW(store.record_decision(r.incident->id, d), StoreError);  // CHECK constraint
  EXPECT_THROW(store.record_assessment(r.incident->id, 4, "P1", "x"), StoreError);
  EXPECT_EQ(store.events(r.incident->id).size(), 3u);
}

TEST_F(StoreFixture, ReminderStepsAreExactlyOnceWithTheirMail) {
  auto r = store.ingest(report(1));
  OutboxMail m = ack_for(*r.incident);
  m.kind = "reminder";
  m.dedupe_key = "reminder:PUI-2026-0001:imy:24h";
  EXPECT_TRUE(store.mark_reminder(r.incident->id, "imy", "24h", clock.now(), clock.now(), m));
  EXPECT_FALSE(store.mark_reminder(r.incident->id, "imy", "24h", clock.now(), clock.now(), m));
  EXPECT_TRUE(store.mark_reminder(r.incident->id, "imy", "48h", clock.now(), clock.now()));
  EXPECT_EQ(store.reminder_steps_done(r.incident->id, "imy"), (std::vector<std::string>{"24h", "48h"}));
  EXPECT_TRUE(store.reminder_steps_done(r.incident->id, "internal").empty());
  EXPECT_EQ(store.outbox_stats().unsent, 1);
}

TEST_F(StoreFixture, ListIsNewestFirst) {
  store.ingest(report(1));
  store.ingest(report(2));
  auto list = store.list_incidents();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].reference, "PUI-2026-0002");
  EXPECT_EQ(store.list_incidents(1, 1).at(0).reference, "PUI-2026-0001");
}

TEST_F(StoreFixture, TwoConnectionsShareNumbering) {
  Database other_db(dir.file("s.db"));
  IncidentStore other(other_db, clock);
  EXPECT_EQ(store.ingest(report(1)).incident->reference, "PUI-2026-0001");
  EXPECT_EQ(other.ingest(report(2)).incident->reference, "PUI-2026-0002");
  EXPECT_EQ(store.ingest(report(3)).incident->reference, "PUI-2026-0003");
}

TEST_F(StoreFixture, OpenIncidentsExcludeClosedOnes) {
  auto a = store.ingest(report(1));
  store.ingest(report(2));
  store.set_state(a.incident->id, "closed", "ciso");
  auto open = store.open_incidents();
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].reference, "PUI-2026-0002");
  EXPECT_THROW(store.set_state(a.incident->id, "archived", "ciso"), StoreError);
}

TEST_F(StoreFixture, UpdateRecordReplacesJsonAndLogsEvent) {
  auto a = store.ingest(report(1));
  store.update_record(a.incident->id, R"({"message_class":"report","description":"x"})", true, "daemon");
  auto row = store.incident_by_id(a.incident->id);
  EXPECT_EQ(row->record_json, R"({"message_class":"report","description":"x"})");
  EXPECT_TRUE(row->needs_human);
  EXPECT_EQ(store.events(a.incident->id).back().kind, "record_updated");
  EXPECT_THROW(store.update_record(999, "{}", false, "daemon"), StoreError);
}

TEST(ConcurrentWriters, DaemonAndCliConnectionsNeverShareAReference) {
  TestDir dir;
  FakeClock clock{local(2026, 5, 20)};
  { Database init(dir.file("c.db")); }
  constexpr int kPerThread = 25;
  auto worker = [&](int base) {
    Database db(dir.file("c.db"));
    IncidentStore s(db, clock);
    for (int i = 0; i < kPerThread; ++i) s.ingest(report(base + i));
  };
  std::thread a(worker, 1000), b(worker, 2000);
  a.join();
  b.join();
  Database db(dir.file("c.db"));
  IncidentStore s(db, clock);
  auto list = s.list_incidents();
  ASSERT_EQ(list.size(), 2u * kPerThread);
  std::set<int> seqs;
  for (const auto& row : list) seqs.insert(row.seq);
  EXPECT_EQ(seqs.size(), 2u * kPerThread);
  EXPECT_EQ(*seqs.begin(), 1);
  EXPECT_EQ(*seqs.rbegin(), 2 * kPerThread);
}

}  // namespace
}  // namespace gdprd::store
