#include "daemon/decision_mail.hpp"

#include <gtest/gtest.h>

#include "core/stockholm_time.hpp"
#include "store/test_dir.hpp"

namespace gdprd::daemon {
namespace {

using std::chrono::hours;

TimePoint local(int y, int mo, int d, int h) { return stockholm::to_instant({y, mo, d, h, 0, 0}); }

struct DecisionMailTest : ::testing::Test {
  store::testing::TestDir dir;
  TimePoint t0 = local(2026, 5, 19, 9);
  FakeClock clock{t0};
  store::Database db{dir.file("s.sqlite")};
  store::IncidentStore store{db, clock};
  store::DeadlineRepository repo{db, clock};
  notify::DecisionReplyComposer replies{notify::MailComposer("kommun.example"), "pui@kommun.example", "PUI"};
  DecisionMailHandler handler{store, repo, replies, clock,
                              DecisionMailSettings{{"ciso@kommun.example"}, "pui@kommun.example",
                                                   notify::Language::sv, Limits{}}};
  store::IncidentRow incident;
  int64_t next_uid = 1;

  void SetUp() override {
    store::IngestRequest r = base("Message-ID: <rep@kommun.example>\r\nSubject: Incident\r\n\r\nx\r\n");
    r.awareness_at = t0;
    r.reporter_address = "anna@kommun.example";
    auto ref = store.ingest(r).incident;
    incident = *store.incident_by_id(ref->id);
  }
  store::IngestRequest base(std::string raw) {
    store::IngestRequest r;
    r.mailbox = "INBOX";
    r.uidvalidity = 1;
    r.uid = next_uid++;
    r.raw = std::move(raw);
    r.received_at = clock.now();
    return r;
  }
  std::optional<DecisionMailOutcome> send(const std::string& from, const std::string& subject, const std::string& body) {
    std::string raw = "From: <" + from + ">\r\nSubject: " + subject + "\r\nMessage-ID: <d" + std::to_string(next_uid) +
                      "@x>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body;
    parsers::ReadResult read;
    read.facts.from_address = from;
    read.facts.subject = subject;
    read.facts.message_id = "d" + std::to_string(next_uid) + "@x";
    auto b = base(raw);
    return handler.handle(b, read, raw);
  }
  std::string tagged() { return "Re: [" + incident.reference + " #" + incident.decision_token + "] Påminnelse"; }
  size_t events(std::string_view kind) {
    size_t n = 0;
    for (const auto& e : store.events(incident.id)) n += e.kind == kind;
    return n;
  }
};

TEST_F(DecisionMailTest, DeciderWithTokenIsApplied) {
  clock.advance(hours(5));
  auto out = send("CISO@kommun.example", tagged(), "BESLUT: ANMÄLD DI-2026-1234\nKATEGORI 2 P2\n");
  ASSERT_TRUE(out);
  EXPECT_TRUE(out->applied);
  EXPECT_TRUE(out->reasons.empty());
  auto row = store.incident_by_id(incident.id);
  EXPECT_EQ(row->decision, "notified");
  EXPECT_EQ(row->imy_reference, "DI-2026-1234");
  EXPECT_EQ(row->decision_by, "ciso@kommun.example");
  EXPECT_EQ(row->decision_at, clock.now());
  EXPECT_EQ(row->category, 2);
  EXPECT_EQ(out->ingest.outcome, store::IngestResult::Outcome::attached);
  auto msgs = store.messages(incident.id);
  EXPECT_EQ(msgs.back().role, "decision");
  EXPECT_EQ(store.outbox_stats().unsent, 1);  // the confirmation
}

TEST_F(DecisionMailTest, UnknownSenderIsRefusedAndLoggedButStored) {
  auto out = send("mallory@example.com", tagged(), "BESLUT: EJ ANMÄLAN: ingen risk\n");
  ASSERT_TRUE(out);
  EXPECT_FALSE(out->applied);
  ASSERT_EQ(out->reasons.size(), 1u);
  EXPECT_NE(out->reasons[0].find("inte behörig"), std::string::npos);
  EXPECT_FALSE(store.incident_by_id(incident.id)->decision);
  EXPECT_EQ(events("decision_mail_refused"), 1u);
  EXPECT_EQ(store.messages(incident.id).size(), 2u);
  auto reply = store.outbox_entry(1);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->recipients, std::vector<std::string>{"mallory@example.com"});
}

TEST_F(DecisionMailTest, DeciderWithoutTokenIsRefused) {
  auto out = send("ciso@kommun.example", "Re: [" + incident.reference + "] x", "BESLUT: ANMÄLD DI-2026-1\n");
  ASSERT_TRUE(out);
  EXPECT_FALSE(out->applied);
  EXPECT_FALSE(store.incident_by_id(incident.id)->decision);
}

TEST_F(DecisionMailTest, TokenInBodyLineCounts) {
  auto out = send("ciso@kommun.example", "Re: [" + incident.reference + "] x",
                  "KATEGORI 1 P3\nToken: " + incident.decision_token + "\n");
  ASSERT_TRUE(out);
  EXPECT_TRUE(out->applied);
  EXPECT_EQ(store.incident_by_id(incident.id)->priority, "P3");
}

TEST_F(DecisionMailTest, MailWithoutKeywordsOrUnknownReferenceIsNotHandled) {
  EXPECT_FALSE(send("ciso@kommun.example", tagged(), "Tack, jag ringer dig.\n"));
  EXPECT_FALSE(send("ciso@kommun.example", "Re: [PUI-2026-9999 #" + incident.decision_token + "]",
                    "BESLUT: ANMÄLD DI-2026-1\n"));
  EXPECT_FALSE(send("ciso@kommun.example", "Ingen referens", "BESLUT: ANMÄLD DI-2026-1\n"));
}

TEST_F(DecisionMailTest, LateNotificationNeedsADelayReason) {
  clock.advance(hours(80));
  auto out = send("ciso@kommun.example", tagged(), "BESLUT: ANMÄLD DI-2026-1\n");
  ASSERT_TRUE(out);
  EXPECT_FALSE(out->applied);
  EXPECT_FALSE(store.incident_by_id(incident.id)->decision);
  auto ok = send("ciso@kommun.example", tagged(), "BESLUT: ANMÄLD DI-2026-1\nFÖRSENING: påskhelg\n");
  ASSERT_TRUE(ok);
  EXPECT_TRUE(ok->applied);
  EXPECT_EQ(store.incident_by_id(incident.id)->delay_reason, "påskhelg");
}

TEST_F(DecisionMailTest, CheckIsPureAndExplainsEveryProblem) {
  parsers::ParsedDecisionMail parsed;
  parsed.errors.push_back("x: fel");
  auto c = check_decision_mail(parsed, incident, "nobody@example.com", {"ciso@kommun.example"}, t0);
  EXPECT_FALSE(c.authorised);
  EXPECT_EQ(c.reasons.size(), 3u);  // sender, token, the parse error
}

}  // namespace
}  // namespace gdprd::daemon
