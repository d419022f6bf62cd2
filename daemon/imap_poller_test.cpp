// ImapPoller against a scripted mailbox and a real store: the ordering
// (commit before \Seen) and the error paths a real server will not produce
// on cue.
#include "daemon/imap_poller.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <algorithm>
#include <map>
#include <sstream>

#include "core/stockholm_time.hpp"

namespace gdprd::daemon {
namespace {

std::string corpus(const std::string& name) {
  std::ifstream in(std::string(GDPRD_SOURCE_DIR) + "/tests/corpus/" + name, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A mailbox whose answers the test scripts; it records what was flagged,
// and asks the store at flag time whether the mail was already committed.
class ScriptedMailbox final : public MailboxSource {
 public:
  explicit ScriptedMailbox(store::IncidentStore& store) : store_(store) {}
  const std::string& mailbox() const override { return name_; }
  ImapResult<int64_t> open_mailbox() override {
    if (down) return ImapResult<int64_t>::failure({ImapError::Scope::server, true, "connection refused"});
    return ImapResult<int64_t>::success(uidvalidity);
  }
  ImapResult<std::vector<int64_t>> uids_from(int64_t first) override {
    std::vector<int64_t> out;
    for (auto& [uid, raw] : mails) if (uid >= first) out.push_back(uid);
    return ImapResult<std::vector<int64_t>>::success(out);
  }
  ImapResult<std::string> fetch(int64_t uid) override {
    if (vanished.count(uid)) return ImapResult<std::string>::failure({ImapError::Scope::message, false, "gone"});
    return ImapResult<std::string>::success(mails.at(uid));
  }
  ImapResult<Unit> mark_seen(int64_t uid) override {
    if (flags_fail) return ImapResult<Unit>::failure({ImapError::Scope::server, true, "connection reset"});
    // Committed means visible to another connection: ask a second one.
    sqlite3* other = nullptr;
    sqlite3_stmt* q = nullptr;
    sqlite3_open_v2(db_path.c_str(), &other, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_prepare_v2(other, "SELECT COUNT(*) FROM messages WHERE uid = ?", -1, &q, nullptr);
    sqlite3_bind_int64(q, 1, uid);
    committed_when_flagged[uid] = sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int64(q, 0) == 1;
    sqlite3_finalize(q);
    sqlite3_close(other);
    seen.push_back(uid);
    return ImapResult<Unit>::success({});
  }
  ImapResult<std::vector<FetchedMail>> fetch_many(const std::vector<int64_t>& uids) override {
    fetch_batches.push_back(uids.size());
    return MailboxSource::fetch_many(uids);
  }
  ImapResult<Unit> mark_seen_many(const std::vector<int64_t>& uids) override {
    ++flag_requests;
    return MailboxSource::mark_seen_many(uids);
  }
  ImapResult<std::vector<int64_t>> uids_upto(int64_t last, bool unseen_only) override {
    std::vector<int64_t> out;
    for (auto& [uid, raw] : mails)
      if (uid <= last && !(unseen_only && std::count(seen.begin(), seen.end(), uid))) out.push_back(uid);
    return ImapResult<std::vector<int64_t>>::success(out);
  }
  ImapResult<Unit> move(int64_t uid, const std::string& folder) override {
    moved.emplace_back(uid, folder);
    return ImapResult<Unit>::success({});
  }

  std::map<int64_t, std::string> mails;
  std::set<int64_t> vanished;
  bool down = false;
  int64_t uidvalidity = 77;
  std::vector<int64_t> seen;
  std::vector<std::pair<int64_t, std::string>> moved;
  std::map<int64_t, bool> committed_when_flagged;
  std::vector<size_t> fetch_batches;  // UIDs per fetch_many
  int flag_requests = 0;
  bool flags_fail = false;
  std::string db_path;

 private:
  store::IncidentStore& store_;
  std::string name_ = "INBOX";
};

struct PollerFixture : ::testing::Test {
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("gdprd-poller-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                               "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
  FakeClock clock{stockholm::to_instant({2026, 11, 30, 10, 0, 0})};
  std::unique_ptr<store::Database> db;
  std::unique_ptr<store::IncidentStore> store;
  std::unique_ptr<ScriptedMailbox> box;
  notify::AckComposer composer{notify::MailComposer("kommun.example"), "pui@kommun.example", "Testkommun"};

  void SetUp() override {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    db = std::make_unique<store::Database>((dir / "s.db").string());
    store = std::make_unique<store::IncidentStore>(*db, clock);
    box = std::make_unique<ScriptedMailbox>(*store);
    box->db_path = (dir / "s.db").string();
  }
  void TearDown() override {
    store.reset();
    db.reset();
    std::filesystem::remove_all(dir);
  }
  PollerSettings settings(config::ProcessedAction processed = {}) {
    PollerSettings s;
    s.mailbox_key = "imaps://test/INBOX";
    s.processed = processed;
    s.reporter_domains = {"kommun.example"};
    s.from = "pui@kommun.example";
    return s;
  }
  int64_t count(const char* table) {
    auto st = db->prepare(std::string("SELECT COUNT(*) FROM ") + table);
    st.step();
    return st.int64(0);
  }
};

TEST_F(PollerFixture, ReportIsCommittedWithItsAckBeforeItIsFlagged) {
  box->mails = {{1, corpus("13_free_english_wrong_guardian.eml")},
                {2, corpus("19_autoreply_sv_auto_submitted.eml")}};
  ImapPoller poller(*box, *store, composer, clock, settings());
  auto stats = poller.poll_once();
  EXPECT_TRUE(stats.ok) << stats.error;
  EXPECT_EQ(stats.incidents, 1u);
  EXPECT_EQ(stats.stored_only, 1u);
  EXPECT_EQ(stats.acks_queued, 1u);
  EXPECT_EQ(count("incidents"), 1);
  EXPECT_EQ(count("outbox"), 1);
  EXPECT_EQ(box->seen, (std::vector<int64_t>{1, 2}));
  EXPECT_TRUE(box->committed_when_flagged[1]);
  EXPECT_TRUE(box->committed_when_flagged[2]);
}

// A plain report from an acknowledgeable reporter; unique per I.
std::string report_mail(int i) {
  return "From: Reporter " + std::to_string(i) + " <reporter" + std::to_string(i) +
         "@kommun.example>\r\nTo: pui@kommun.example\r\nSubject: Personuppgiftsincident " + std::to_string(i) +
         "\r\nMessage-ID: <batch-" + std::to_string(i) +
         "@kommun.example>\r\nDate: Mon, 30 Nov 2026 09:00:00 +0100\r\n\r\n"
         "Elevlista " + std::to_string(i) + " med telefonnummer skickades till fel mottagare igår.\r\n";
}

TEST_F(PollerFixture, ManyMailsGoInBatchesAndEachIsFlaggedOnlyAfterItsCommit) {
  for (int i = 1; i <= 120; ++i) box->mails[i] = report_mail(i);
  ImapPoller poller(*box, *store, composer, clock, settings());
  auto stats = poller.poll_once();
  ASSERT_TRUE(stats.ok) << stats.error;
  EXPECT_EQ(stats.incidents, 120u);
  EXPECT_EQ(count("outbox"), 120);
  EXPECT_EQ(box->fetch_batches, (std::vector<size_t>{50, 50, 20}));
  // One STORE per committed batch (a batch may be committed early, after 1 s).
  EXPECT_GE(box->flag_requests, 3);
  EXPECT_LT(box->flag_requests, 120);
  ASSERT_EQ(box->seen.size(), 120u);
  for (int64_t uid : box->seen) EXPECT_TRUE(box->committed_when_flagged[uid]) << uid;
}

TEST_F(PollerFixture, StoreFailureInsideABatchKeepsTheMailsBeforeIt) {
  for (int i = 1; i <= 3; ++i) box->mails[i] = report_mail(i);
  db->exec("CREATE TRIGGER e2e_fail BEFORE INSERT ON messages WHEN NEW.uid = 2 "
           "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;");
  ImapPoller poller(*box, *store, composer, clock, settings());
  auto failed = poller.poll_once();
  EXPECT_FALSE(failed.ok);
  EXPECT_EQ(count("incidents"), 1);  // mail 1; nothing of mail 2 (its incident row is undone too)
  EXPECT_EQ(count("outbox"), 1);
  EXPECT_EQ(box->seen, std::vector<int64_t>{1});
  db->exec("DROP TRIGGER e2e_fail;");
  auto retried = poller.poll_once();
  EXPECT_TRUE(retried.ok) << retried.error;
  EXPECT_EQ(count("incidents"), 3);
  EXPECT_EQ(box->seen, (std::vector<int64_t>{1, 2, 3}));
}

TEST_F(PollerFixture, CommittedMailLeftUnflaggedIsFlaggedByTheNextPoll) {
  box->mails = {{1, report_mail(1)}, {2, report_mail(2)}};
  box->flags_fail = true;  // as if the daemon died between the commit and the STORE
  ImapPoller poller(*box, *store, composer, clock, settings());
  auto first = poller.poll_once();
  EXPECT_EQ(first.incidents, 2u);
  EXPECT_TRUE(box->seen.empty());
  box->flags_fail = false;
  box->mails[3] = report_mail(3);
  auto next = poller.poll_once();
  EXPECT_TRUE(next.ok) << next.error;
  EXPECT_EQ(next.reflagged, 2u);
  EXPECT_EQ(next.fetched, 1u);  // only the new mail: the others are not fetched again
  EXPECT_EQ(box->seen, (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(count("incidents"), 3);
  EXPECT_EQ(poller.poll_once().reflagged, 0u);
}

TEST_F(PollerFixture, UnstoredMailBelowLastUidIsNotFlagged) {
  box->mails = {{1, report_mail(1)}, {2, report_mail(2)}};
  box->vanished = {1};  // fetch fails: not stored, must stay unseen
  ImapPoller poller(*box, *store, composer, clock, settings());
  poller.poll_once();
  box->vanished.clear();
  auto next = poller.poll_once();
  EXPECT_EQ(next.reflagged, 0u);
  EXPECT_EQ(box->seen, std::vector<int64_t>{2});
}

TEST_F(PollerFixture, SecondPollFetchesNothingAgain) {
  box->mails = {{1, corpus("13_free_english_wrong_guardian.eml")}};
  ImapPoller poller(*box, *store, composer, clock, settings());
  poller.poll_once();
  auto again = poller.poll_once();
  EXPECT_EQ(again.fetched, 0u);
  EXPECT_EQ(count("incidents"), 1);
}

TEST_F(PollerFixture, StoreFailureLeavesTheMailUnflaggedForTheNextPoll) {
  box->mails = {{1, corpus("13_free_english_wrong_guardian.eml")}};
  db->exec("CREATE TRIGGER e2e_fail BEFORE INSERT ON messages "
           "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;");
  ImapPoller poller(*box, *store, composer, clock, settings());
  auto failed = poller.poll_once();
  EXPECT_FALSE(failed.ok);
  EXPECT_NE(failed.error.find("disk on fire"), std::string::npos) << failed.error;
  EXPECT_TRUE(box->seen.empty());
  EXPECT_EQ(count("incidents"), 0);
  db->exec("DROP TRIGGER e2e_fail;");
  auto retried = poller.poll_once();
  EXPECT_TRUE(retried.ok) << retried.error;
  EXPECT_EQ(count("incidents"), 1);
  EXPECT_EQ(box->seen, std::vector<int64_t>{1});
}

TEST_F(PollerFixture, UnfetchableMailIsSkippedAndTheRestGoesOn) {
  box->mails = {{1, corpus("13_free_english_wrong_guardian.eml")},
                {2, corpus("24_free_pnr_in_report_winter.eml")}};
  box->vanished = {1};
  ImapPoller poller(*box, *store, composer, clock, settings());
  auto stats = poller.poll_once();
  EXPECT_TRUE(stats.ok);
  EXPECT_EQ(stats.failed, 1u);
  EXPECT_EQ(stats.incidents, 1u);
  EXPECT_EQ(box->seen, std::vector<int64_t>{2});
}

TEST_F(PollerFixture, UnreachableServerIsRecordedInTheMailboxState) {
  box->down = true;
  ImapPoller poller(*box, *store, composer, clock, settings());
  auto stats = poller.poll_once();
  EXPECT_FALSE(stats.ok);
  auto state = store->mailbox_state("imaps://test/INBOX");
  // The mailbox was never opened, so there may be no state row yet; when
  // there is one it carries the error.
  if (state) {
    EXPECT_EQ(state->last_error, "connection refused");
  }
  EXPECT_EQ(count("messages"), 0);
}

TEST_F(PollerFixture, MoveModeMovesInsteadOfFlagging) {
  box->mails = {{5, corpus("13_free_english_wrong_guardian.eml")}};
  ImapPoller poller(*box, *store, composer, clock,
                    settings({config::ProcessedAction::Kind::move, "Behandlade"}));
  poller.poll_once();
  EXPECT_TRUE(box->seen.empty());
  ASSERT_EQ(box->moved.size(), 1u);
  EXPECT_EQ(box->moved[0], (std::pair<int64_t, std::string>{5, "Behandlade"}));
}

TEST_F(PollerFixture, SenderOutsideReporterDomainsGetsNoAck) {
  std::string raw = "From: Someone <someone@elsewhere.example>\r\nTo: pui@kommun.example\r\n"
                    "Subject: Personuppgiftsincident\r\nMessage-ID: <x1@elsewhere.example>\r\n"
                    "Date: Mon, 30 Nov 2026 09:00:00 +0100\r\n\r\n"
                    "Ett mejl med elevuppgifter skickades till fel mottagare igår.\r\n";
  box->mails = {{1, raw}};
  ImapPoller poller(*box, *store, composer, clock, settings());
  auto stats = poller.poll_once();
  EXPECT_EQ(stats.incidents, 1u);
  EXPECT_EQ(stats.acks_queued, 0u);
  EXPECT_EQ(count("outbox"), 0);
}

}  // namespace
}  // namespace gdprd::daemon
