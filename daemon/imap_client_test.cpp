// ImapClient against a real Dovecot. The live tests run when the e2e suite
// (tests/e2e/imap_client_e2e.py) starts a private server and sets
// GDPRD_TEST_IMAP_URL, _USER, _PASSWORD, _CA and _EXPECTED (a folder with the
// exact bytes of every mail it delivered); otherwise they are skipped.
#include "daemon/imap_client.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace gdprd::daemon {
namespace {

TEST(ImapQuote, QuotesAndEscapesMailboxNames) {
  EXPECT_EQ(imap_quote("INBOX"), "\"INBOX\"");
  EXPECT_EQ(imap_quote("a\"b\\c"), "\"a\\\"b\\\\c\"");
}

TEST(UidSet, RunsCollapseAndOrderAndDuplicatesDoNotMatter) {
  EXPECT_EQ(uid_set({9, 1, 2, 3, 7, 10, 3}), "1:3,7,9:10");
  EXPECT_EQ(uid_set({5}), "5");
  EXPECT_EQ(uid_set({}), "");
}

TEST(ImapQuote, LineBreaksCannotInjectACommand) {
  EXPECT_EQ(imap_quote("x\r\nA1 LOGOUT"), "\"xA1 LOGOUT\"");
}

TEST(ImapClientOffline, UnreachableServerIsATransientServerError) {
  ImapClient client({.url = "imaps://127.0.0.1:1/INBOX", .user = "u", .password = "p",
                     .connect_timeout = std::chrono::seconds(2), .timeout = std::chrono::seconds(2)});
  auto r = client.open_mailbox();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error.scope, ImapError::Scope::server);
  EXPECT_TRUE(r.error.transient);
}

TEST(ImapClientOffline, MailboxNameComesFromTheUrl) {
  EXPECT_EQ(ImapClient({"imaps://h:993/INBOX"}).mailbox(), "INBOX");
  EXPECT_EQ(ImapClient({"imaps://h:993/Incidents%20In"}).mailbox(), "Incidents In");
  EXPECT_EQ(ImapClient({"imaps://h:993"}).mailbox(), "INBOX");
}

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}

class ImapClientLive : public ::testing::Test {
 protected:
  void SetUp() override {
    if (env("GDPRD_TEST_IMAP_URL").empty()) GTEST_SKIP() << "no test IMAP server (run the e2e suite)";
    options_ = {.url = env("GDPRD_TEST_IMAP_URL"), .user = env("GDPRD_TEST_IMAP_USER"),
                .password = env("GDPRD_TEST_IMAP_PASSWORD"), .ca_file = env("GDPRD_TEST_IMAP_CA")};
    for (const auto& entry : std::filesystem::directory_iterator(env("GDPRD_TEST_IMAP_EXPECTED"))) {
      std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      expected_.push_back(bytes.str());
    }
    ASSERT_GE(expected_.size(), 2u);
  }
  ImapOptions options_;
  std::vector<std::string> expected_;
};

TEST_F(ImapClientLive, FetchIsByteIdenticalAndLeavesMailUnseen) {
  ImapClient client(options_);
  auto validity = client.open_mailbox();
  ASSERT_TRUE(validity.ok()) << validity.error.message;
  EXPECT_GT(*validity.value, 0);
  auto uids = client.uids_from(1);
  ASSERT_TRUE(uids.ok()) << uids.error.message;
  ASSERT_EQ(uids.value->size(), expected_.size());
  std::vector<std::string> fetched;
  for (int64_t uid : *uids.value) {
    auto raw = client.fetch(uid);
    ASSERT_TRUE(raw.ok()) << raw.error.message;
    fetched.push_back(*raw.value);
    auto flags = client.flags(uid);
    ASSERT_TRUE(flags.ok()) << flags.error.message;
    EXPECT_EQ(flags.value->count("\\Seen"), 0u) << "fetch must not set \\Seen (uid " << uid << ")";
  }
  std::sort(fetched.begin(), fetched.end());
  std::sort(expected_.begin(), expected_.end());
  EXPECT_TRUE(fetched == expected_) << "fetched bytes differ from the delivered ones";
}

TEST_F(ImapClientLive, BatchedFetchGivesTheSameBytesAsThePerUidFetch) {
  ImapClient client(options_);
  ASSERT_TRUE(client.open_mailbox().ok());
  auto listing = client.list_from(1);
  ASSERT_TRUE(listing.ok()) << listing.error.message;
  ASSERT_EQ(listing.value->size(), expected_.size());
  std::vector<int64_t> uids;
  for (const auto& e : *listing.value) {
    uids.push_back(e.uid);
    auto one = client.fetch(e.uid);
    ASSERT_TRUE(one.ok());
    EXPECT_EQ(e.size, static_cast<int64_t>(one.value->size())) << "RFC822.SIZE of uid " << e.uid;
  }
  // Asked in another order, with a UID that does not exist: the order is
  // kept, the missing one is simply absent.
  std::vector<int64_t> asked(uids.rbegin(), uids.rend());
  asked.push_back(999999);
  auto batch = client.fetch_many(asked);
  ASSERT_TRUE(batch.ok()) << batch.error.message;
  ASSERT_EQ(batch.value->size(), uids.size());
  for (size_t i = 0; i < uids.size(); ++i) {
    EXPECT_EQ((*batch.value)[i].uid, asked[i]);
    auto one = client.fetch(asked[i]);
    ASSERT_TRUE(one.ok());
    EXPECT_TRUE((*batch.value)[i].raw == *one.value) << "batched bytes differ for uid " << asked[i];
    EXPECT_EQ(client.flags(asked[i]).value->count("\\Seen"), 0u) << "a batched fetch must not set \\Seen";
  }
  std::vector<std::string> fetched;
  for (auto& m : *batch.value) fetched.push_back(m.raw);
  std::sort(fetched.begin(), fetched.end());
  std::sort(expected_.begin(), expected_.end());
  EXPECT_TRUE(fetched == expected_) << "batched bytes differ from the delivered ones";
  // Flag two at once (not adjacent), then find the other as the unseen one
  // up to the last UID. (The second stays unseen for the tests after this.)
  ASSERT_EQ(uids.size(), 3u);
  ASSERT_TRUE(client.mark_seen_many({uids[0], uids[2]}).ok());
  auto unseen = client.uids_upto(uids.back(), true);
  ASSERT_TRUE(unseen.ok()) << unseen.error.message;
  EXPECT_EQ(*unseen.value, std::vector<int64_t>{uids[1]});
  EXPECT_EQ(client.uids_upto(uids.back(), false).value->size(), uids.size());
  // The bulk connection survives the flag changes on the other one.
  auto again = client.fetch_many({uids[0]});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.value->size(), 1u);
}

TEST_F(ImapClientLive, SearchAboveTheLastUidFindsNothing) {
  ImapClient client(options_);
  ASSERT_TRUE(client.open_mailbox().ok());
  auto all = client.uids_from(1);
  ASSERT_TRUE(all.ok() && !all.value->empty());
  auto beyond = client.uids_from(all.value->back() + 1);
  ASSERT_TRUE(beyond.ok()) << beyond.error.message;
  EXPECT_TRUE(beyond.value->empty());  // n:* would have matched the last mail
  auto last = client.uids_from(all.value->back());
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(*last.value, std::vector<int64_t>{all.value->back()});
}

TEST_F(ImapClientLive, FetchOfAVanishedUidIsAMessageError) {
  ImapClient client(options_);
  ASSERT_TRUE(client.open_mailbox().ok());
  auto r = client.fetch(999999);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error.scope, ImapError::Scope::message) << r.error.message;
  EXPECT_FALSE(r.error.transient);
  // The connection is still good for the next mail.
  auto uids = client.uids_from(1);
  ASSERT_TRUE(uids.ok()) << uids.error.message;
  ASSERT_FALSE(uids.value->empty());
  EXPECT_TRUE(client.fetch(uids.value->front()).ok());
}

TEST_F(ImapClientLive, MarkSeenThenMoveChangeTheServer) {
  ImapClient client(options_);
  ASSERT_TRUE(client.open_mailbox().ok());
  auto uids = client.uids_from(1);
  ASSERT_TRUE(uids.ok() && uids.value->size() >= 2);
  int64_t first = uids.value->front();
  ASSERT_TRUE(client.mark_seen(first).ok());
  auto flags = client.flags(first);
  ASSERT_TRUE(flags.ok());
  EXPECT_EQ(flags.value->count("\\Seen"), 1u);
  // After a STORE the mailbox is read-only again: the next fetch stays unseen.
  int64_t second = uids.value->at(1);
  ASSERT_TRUE(client.fetch(second).ok());
  EXPECT_EQ(client.flags(second).value->count("\\Seen"), 0u);
  auto moved = client.move(second, "Behandlade");
  ASSERT_TRUE(moved.ok()) << moved.error.message;
  auto left = client.uids_from(1);
  ASSERT_TRUE(left.ok());
  EXPECT_EQ(std::count(left.value->begin(), left.value->end(), second), 0);
}

TEST_F(ImapClientLive, PlainImapUrlUpgradesWithStartTls) {
  ImapOptions o = options_;
  o.url = env("GDPRD_TEST_IMAP_STARTTLS_URL");
  ASSERT_FALSE(o.url.empty());
  ImapClient client(o);
  auto validity = client.open_mailbox();
  ASSERT_TRUE(validity.ok()) << validity.error.message;
  auto uids = client.uids_from(1);
  ASSERT_TRUE(uids.ok() && !uids.value->empty());
  auto raw = client.fetch(uids.value->front());
  ASSERT_TRUE(raw.ok()) << raw.error.message;
  EXPECT_FALSE(raw.value->empty());
  auto batch = client.fetch_many({uids.value->front()});  // the bulk connection upgrades too
  ASSERT_TRUE(batch.ok()) << batch.error.message;
  ASSERT_EQ(batch.value->size(), 1u);
  EXPECT_TRUE(batch.value->front().raw == *raw.value);
}

TEST_F(ImapClientLive, ServerCertificateNotTrustedIsRefused) {
  ImapOptions o = options_;
  o.ca_file = "/etc/ssl/certs/ca-certificates.crt";  // the system store does not know the test CA
  ImapClient client(o);
  auto r = client.open_mailbox();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error.scope, ImapError::Scope::server);
  EXPECT_FALSE(r.error.transient);
}

TEST_F(ImapClientLive, WrongPasswordIsAServerErrorNotRetriedBlindly) {
  ImapOptions o = options_;
  o.password = "wrong";
  ImapClient client(o);
  auto r = client.open_mailbox();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error.scope, ImapError::Scope::server);
  EXPECT_EQ(r.error.message.find("wrong"), std::string::npos);
}

}  // namespace
}  // namespace gdprd::daemon
