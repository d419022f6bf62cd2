#include "store/incident_queries.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/stockholm_time.hpp"
#include "store/test_dir.hpp"

namespace gdprd::store {
namespace {

using testing::TestDir;
using stockholm::to_instant;

// Seven incidents on a real SQLite file, "now" being 2026-05-20 14:00
// Stockholm time:
//   late     aware 05-17 08:00, not assessed: internal and IMY deadlines past
//   assessed aware 05-18 20:00, assessed: only IMY runs, due 05-21 20:00
//   fresh    aware 05-20 09:00, reader flagged it: internal due 05-21 09:00
//   decided  aware 05-19 10:00, assessed and decided: nothing runs
//   closed   aware 05-01 10:00, closed: nothing runs
//   missing  aware 05-20 12:00, record warns missing_mandatory_field
//   garbled  received 05-20 13:00, record_json is not JSON
struct QueriesFixture : ::testing::Test {
  TestDir dir;
  FakeClock clock{to_instant({2026, 5, 1, 12, 0, 0})};
  Database db{dir.file("q.db")};
  IncidentStore store{db, clock};
  IncidentQueries queries{db, store};
  TimePoint now = to_instant({2026, 5, 20, 14, 0, 0});
  int64_t late = 0, assessed = 0, fresh = 0, decided = 0, closed = 0, missing = 0, garbled = 0;
  int64_t uid = 0;

  static std::string record(const std::string& unit, const std::string& warnings = "[]") {
    return R"({"message_class":"report","organisation":{"unit":")" + unit + R"("},"warnings":)" + warnings + "}";
  }

  int64_t add(stockholm::LocalDateTime received, std::optional<stockholm::LocalDateTime> aware,
              const std::string& record_json, bool needs_human = false) {
    clock.set(to_instant(received));
    IngestRequest r;
    r.mailbox = "INBOX";
    r.uidvalidity = 1;
    r.uid = ++uid;
    r.raw = "Message-ID: <q" + std::to_string(uid) + "@x.example>\r\n\r\nbody\r\n";
    r.message_id = "<q" + std::to_string(uid) + "@x.example>";
    r.received_at = clock.now();
    r.record_json = record_json;
    r.needs_human = needs_human;
    if (aware) r.awareness_at = to_instant(*aware);
    r.awareness_source = aware ? "discovered_at" : "received_at";
    return store.ingest(r).incident->id;
  }

  void SetUp() override {
    closed = add({2026, 5, 1, 12, 0, 0}, stockholm::LocalDateTime{2026, 5, 1, 10, 0, 0}, record("IT-avdelningen"));
    store.set_state(closed, "closed", "ciso");
    late = add({2026, 5, 17, 9, 0, 0}, stockholm::LocalDateTime{2026, 5, 17, 8, 0, 0}, record("Socialförvaltningen"));
    assessed = add({2026, 5, 18, 21, 0, 0}, stockholm::LocalDateTime{2026, 5, 18, 20, 0, 0}, record("Äldreomsorg Syd"));
    store.record_assessment(assessed, 2, "P2", "ciso");
    decided = add({2026, 5, 19, 11, 0, 0}, stockholm::LocalDateTime{2026, 5, 19, 10, 0, 0}, record("ÄLDREOMSORG NORR"));
    store.record_assessment(decided, 1, "P3", "ciso");
    Decision d;
    d.decision = "not_notified";
    d.at = clock.now();
    d.by = "ciso";
    d.motivation = "ingen risk";
    store.record_decision(decided, d);
    fresh = add({2026, 5, 20, 9, 30, 0}, stockholm::LocalDateTime{2026, 5, 20, 9, 0, 0},
                record("Barn- och utbildningsförvaltningen"), true);
    missing = add({2026, 5, 20, 12, 30, 0}, stockholm::LocalDateTime{2026, 5, 20, 12, 0, 0},
                  record("Barn- och utbildningsförvaltningen",
                         R"([{"code":"missing_mandatory_field","message":"discovered_at"}])"));
    garbled = add({2026, 5, 20, 13, 0, 0}, std::nullopt, "{not json");
  }

  std::vector<int64_t> ids(const IncidentFilter& f) {
    std::vector<int64_t> out;
    for (const auto& l : queries.find(f, now)) out.push_back(l.row.id);
    return out;
  }
};

TEST_F(QueriesFixture, NoFilterSortsByNearestRunningDeadlineOverdueFirstThenNewest) {
  // Internal deadlines: late 05-18 08:00, fresh 05-21 09:00, missing 05-21
  // 12:00, garbled 05-21 13:00; assessed's IMY 05-21 20:00; decided and
  // closed run nothing and follow, newest first.
  EXPECT_EQ(ids({}), (std::vector<int64_t>{late, fresh, missing, garbled, assessed, decided, closed}));
}

TEST_F(QueriesFixture, OverdueIgnoresAPassedInternalDeadlineOnceAssessed) {
  // assessed's internal deadline (05-19 20:00) has passed, but the assessment met it.
  EXPECT_EQ(ids({.overdue = true}), std::vector<int64_t>{late});
  auto l = queries.find({.overdue = true}, now).at(0);
  EXPECT_TRUE(l.overdue);
  EXPECT_TRUE(l.internal_running);
  EXPECT_TRUE(l.imy_running);
  EXPECT_EQ(l.next_deadline, to_instant({2026, 5, 18, 8, 0, 0}));
  EXPECT_EQ(l.imy_deadline, to_instant({2026, 5, 20, 8, 0, 0}));
}

TEST_F(QueriesFixture, DueWithinIncludesOverdueAndStopsAtTheHorizon) {
  // now + 20 h = 05-21 10:00: fresh (09:00) in, missing (12:00) out.
  EXPECT_EQ(ids({.due_within = std::chrono::hours(20)}), (std::vector<int64_t>{late, fresh}));
  EXPECT_EQ(ids({.due_within = std::chrono::hours(23)}), (std::vector<int64_t>{late, fresh, missing, garbled}));
}

TEST_F(QueriesFixture, OpenExcludesClosedOnly) {
  auto open = ids({.open_only = true});
  EXPECT_EQ(open.size(), 6u);
  EXPECT_EQ(std::count(open.begin(), open.end(), closed), 0);
  EXPECT_EQ(std::count(open.begin(), open.end(), decided), 1);
}

TEST_F(QueriesFixture, SinceTakesAwarenessOrReceiptAtOrAfterTheInstant) {
  EXPECT_EQ(ids({.since = to_instant({2026, 5, 20, 0, 0, 0})}), (std::vector<int64_t>{fresh, missing, garbled}));
  // late was received 05-17 09:00, aware 08:00: 08:30 still takes it (receipt).
  auto since = ids({.since = to_instant({2026, 5, 17, 8, 30, 0})});
  EXPECT_EQ(since.front(), late);
  EXPECT_EQ(since.size(), 6u);
}

TEST_F(QueriesFixture, UnitMatchesSwedishLettersCaseInsensitively) {
  EXPECT_EQ(ids({.unit = "äldreomsorg"}), (std::vector<int64_t>{assessed, decided}));
  EXPECT_EQ(ids({.unit = "SOCIALFÖRV"}), std::vector<int64_t>{late});
  EXPECT_TRUE(ids({.unit = "kultur"}).empty());
}

TEST_F(QueriesFixture, NeedsHumanCoversTheFlagUnreadableRecordAndWarnings) {
  EXPECT_EQ(ids({.needs_human = true}), (std::vector<int64_t>{fresh, missing, garbled}));
  auto found = queries.find({.needs_human = true}, now);
  EXPECT_EQ(found[0].attention, std::vector<std::string>{"flagged"});
  EXPECT_EQ(found[1].attention, std::vector<std::string>{"missing_mandatory_field"});
  EXPECT_EQ(found[2].attention, std::vector<std::string>{"unreadable_record"});
  EXPECT_EQ(found[2].unit, "");
}

TEST_F(QueriesFixture, LimitExceededWarningNeedsAHuman) {
  int64_t big = add({2026, 5, 20, 13, 30, 0}, std::nullopt,
                    record("Kultur", R"([{"code":"limit_exceeded","message":"too many parts"}])"));
  auto found = queries.find({.unit = "kultur", .needs_human = true}, now);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].row.id, big);
  EXPECT_EQ(found[0].attention, std::vector<std::string>{"limit_exceeded"});
  // No awareness recorded: the clocks start at receipt.
  EXPECT_EQ(found[0].awareness, to_instant({2026, 5, 20, 13, 30, 0}));
}

TEST_F(QueriesFixture, FiltersCombineWithAnd) {
  EXPECT_EQ(ids({.open_only = true, .unit = "barn", .needs_human = true}), (std::vector<int64_t>{fresh, missing}));
  EXPECT_EQ(ids({.open_only = true, .due_within = std::chrono::hours(20), .unit = "barn", .needs_human = true}),
            std::vector<int64_t>{fresh});
  EXPECT_TRUE(ids({.overdue = true, .unit = "barn"}).empty());
}

TEST_F(QueriesFixture, LimitCapsTheResult) {
  EXPECT_EQ(ids({.limit = 2}), (std::vector<int64_t>{late, fresh}));
}

TEST_F(QueriesFixture, DescribeGivesOneIncidentWhateverItsState) {
  auto d = queries.describe(decided, now);
  ASSERT_TRUE(d.has_value());
  EXPECT_FALSE(d->internal_running);
  EXPECT_FALSE(d->imy_running);
  EXPECT_FALSE(d->next_deadline.has_value());
  EXPECT_FALSE(d->overdue);
  EXPECT_EQ(d->unit, "ÄLDREOMSORG NORR");
  EXPECT_FALSE(queries.describe(9999, now).has_value());
}

TEST(FoldCase, LowersAsciiAndLatin1LettersOnly) {
  EXPECT_EQ(fold_case("ÅÄÖ Éü Abc"), "åäö éü abc");
  EXPECT_EQ(fold_case("×"), "×");   // U+00D7 is not a letter
  EXPECT_EQ(fold_case("\xC3"), "\xC3");  // a truncated sequence stays as it is
}

}  // namespace
}  // namespace gdprd::store
