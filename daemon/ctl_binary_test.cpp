// Runs the real gdprincidentctl binary against a populated store: what an
// operator (or monitoring) sees, parsed back from its JSON, and the one-line
// refusal a user outside the service's group gets.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "daemon/ctl_command.hpp"
#include "store/database.hpp"
#include "store/incident_store.hpp"
#include "store/test_dir.hpp"

namespace gdprd::daemon {
namespace {

namespace fs = std::filesystem;

struct CtlRun {
  int code = -1;
  std::string out, err;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

const std::string kReport =
    "From: Anna Andersson <anna@kommun.example>\r\n"
    "To: incident@kommun.example\r\n"
    "Date: Mon, 18 May 2026 11:00:00 +0200\r\n"
    "Subject: Personuppgiftsincident\r\n"
    "Message-ID: <bin1@kommun.example>\r\n"
    "Content-Type: multipart/mixed; boundary=xx\r\n"
    "\r\n"
    "--xx\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "\r\n"
    "Ett mejl gick till fel mottagare.\r\n"
    "--xx\r\n"
    "Content-Type: image/jpeg\r\n"
    "Content-Disposition: attachment; filename=skarm.jpg\r\n"
    "\r\n"
    "JPEG\r\n"
    "--xx--\r\n";

struct CtlBinaryFixture : ::testing::Test {
  store::testing::TestDir dir;
  std::string ctl = std::string(GDPRD_BINARY_DIR) + "/daemon/gdprincidentctl";
  std::string config = dir.file("gdprincidentd.toml");
  std::string db_path = dir.file("incidents.sqlite");
  // Real time: the binary reads the system clock.
  TimePoint now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  std::string late_ref, fresh_ref, closed_ref;

  void SetUp() override {
    ASSERT_TRUE(fs::exists(ctl)) << ctl << " is not built (cmake --build ... --target gdprincidentctl)";
    std::ofstream(dir.file("imap.pw")) << "secret\n";
    std::ofstream(dir.file("smtp.pw")) << "secret\n";
    std::ofstream(config) << "[mailbox]\nurl = \"imaps://127.0.0.1:1/INBOX\"\nuser = \"u\"\npassword_file = \""
                          << dir.file("imap.pw") << "\"\n\n[smtp]\nurl = \"smtp://127.0.0.1:1\"\nuser = \"u\"\n"
                          << "password_file = \"" << dir.file("smtp.pw")
                          << "\"\nfrom = \"incident@kommun.example\"\n\n[store]\npath = \"" << db_path
                          << "\"\n\n[organisation]\nname = \"Exempel kommun\"\nreporter_domains = [\"kommun.example\"]\n"
                          << "ciso = [\"ciso@kommun.example\"]\n";
    FakeClock clock(now);
    store::Database db(db_path);
    store::IncidentStore store(db, clock);
    auto add = [&](Duration aware_ago, const std::string& raw, const std::string& unit) {
      static int64_t uid = 0;
      clock.set(now - aware_ago + std::chrono::minutes(30));
      store::IngestRequest r;
      r.mailbox = "imaps://127.0.0.1:1/INBOX";
      r.uidvalidity = 1;
      r.uid = ++uid;
      r.raw = raw;
      r.message_id = "<bin" + std::to_string(uid) + "@kommun.example>";
      r.received_at = clock.now();
      r.record_json = R"({"message_class":"report","incident_type":"misdirected","organisation":{"unit":")" + unit +
                      R"("},"warnings":[]})";
      r.awareness_at = now - aware_ago;
      r.awareness_source = "discovered_at";
      r.reporter_address = "anna@kommun.example";
      return *store.ingest(r).incident;
    };
    // 30 s margins keep the minute shown stable while the binary starts.
    auto late = add(std::chrono::hours(80) + std::chrono::seconds(30), kReport, "Socialförvaltningen");
    auto fresh = add(std::chrono::hours(2) - std::chrono::seconds(30), "Message-ID: <bin2@kommun.example>\r\n\r\nkort\r\n", "Skola");
    auto closed = add(std::chrono::hours(100), "Message-ID: <bin3@kommun.example>\r\n\r\nstängd\r\n", "Skola");
    clock.set(now);
    store.record_assessment(late.id, 1, "P1", "alice");
    store.set_state(closed.id, "closed", "alice");
    late_ref = late.reference;
    fresh_ref = fresh.reference;
    closed_ref = closed.reference;
  }

  CtlRun run(const std::string& args, const std::string& prefix = "") {
    std::string out = dir.file("out.txt"), err = dir.file("err.txt");
    std::string cmd = prefix + quote(ctl) + " --config " + quote(config) + " " + args + " >" + quote(out) + " 2>" +
                      quote(err);
    int status = std::system(cmd.c_str());
    CtlRun r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
  }
};

TEST_F(CtlBinaryFixture, ListJsonOverdueGivesOnlyTheLateOpenIncident) {
  CtlRun r = run("list --json --overdue");
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["count"], 1) << r.out;
  const auto& i = j["incidents"][0];
  EXPECT_EQ(i["reference"], late_ref);
  EXPECT_EQ(i["overdue"], true);
  EXPECT_EQ(i["unit"], "Socialförvaltningen");
  // Assessed, so the IMY deadline is the one running: 8 h late.
  EXPECT_EQ(i["next_deadline"]["kind"], "imy");
  EXPECT_NEAR(i["next_deadline"]["seconds_left"].get<double>(), -8 * 3600 - 30, 30);
  EXPECT_EQ(i["deadlines"]["internal"]["running"], false);
}

TEST_F(CtlBinaryFixture, ListJsonWithoutFiltersIsSortedByNearestDeadline) {
  CtlRun r = run("list --json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["count"], 3);
  EXPECT_EQ(j["incidents"][0]["reference"], late_ref);
  EXPECT_EQ(j["incidents"][1]["reference"], fresh_ref);
  EXPECT_EQ(j["incidents"][2]["reference"], closed_ref);
  EXPECT_TRUE(j["incidents"][2]["next_deadline"].is_null());
  CtlRun skola = run("list --json --open --unit SKOLA");
  EXPECT_EQ(nlohmann::json::parse(skola.out)["incidents"][0]["reference"], fresh_ref);
  EXPECT_EQ(nlohmann::json::parse(skola.out)["count"], 1);
}

TEST_F(CtlBinaryFixture, ShowJsonHasDeadlinesDecisionsHeadersAndParts) {
  CtlRun r = run("show " + late_ref + " --json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["reference"], late_ref);
  EXPECT_EQ(j["overdue"], true);
  EXPECT_EQ(j["deadlines"]["imy"]["late"], true);
  EXPECT_EQ(j["assessment"]["priority"], "P1");
  ASSERT_EQ(j["decisions"].size(), 1u);
  EXPECT_EQ(j["decisions"][0]["kind"], "assessment_recorded");
  EXPECT_EQ(j["decisions"][0]["actor"], "alice");
  ASSERT_EQ(j["messages"].size(), 1u);
  const auto& m = j["messages"][0];
  EXPECT_EQ(m["headers"]["from"], "Anna Andersson <anna@kommun.example>");
  EXPECT_EQ(m["headers"]["subject"], "Personuppgiftsincident");
  EXPECT_EQ(m["headers"]["message_id"], "<bin1@kommun.example>");
  ASSERT_EQ(m["parts"].size(), 2u);
  EXPECT_EQ(m["parts"][0]["read"], true);
  EXPECT_EQ(m["parts"][1]["filename"], "skarm.jpg");
  EXPECT_EQ(m["parts"][1]["read"], false);
  EXPECT_GE(j["events"].size(), 2u);
}

TEST_F(CtlBinaryFixture, HumanListAndShowStateTimeLeft) {
  CtlRun list = run("list --due-within 23h");
  ASSERT_EQ(list.code, 0) << list.err;
  EXPECT_NE(list.out.find(late_ref), std::string::npos);
  EXPECT_NE(list.out.find("late by 8 h 0 min"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find(fresh_ref), std::string::npos);  // internal deadline in 22 h
  EXPECT_EQ(list.out.find(closed_ref), std::string::npos);
  CtlRun show = run("show " + fresh_ref);
  ASSERT_EQ(show.code, 0) << show.err;
  EXPECT_NE(show.out.find("internal 24 h: "), std::string::npos);
  EXPECT_NE(show.out.find("(in 22 h 0 min)"), std::string::npos) << show.out;
}

TEST_F(CtlBinaryFixture, UsageErrorsAndUnknownReference) {
  CtlRun bad = run("list --due-within soon");
  EXPECT_EQ(bad.code, 64);
  EXPECT_NE(bad.err.find("--due-within"), std::string::npos);
  CtlRun missing = run("show PUI-1999-0001");
  EXPECT_EQ(missing.code, 1);
  EXPECT_EQ(missing.err, "gdprincidentctl show: no incident PUI-1999-0001\n");
  CtlRun help = run("list --help");
  EXPECT_EQ(help.code, 0);
  for (const char* opt : {"--open", "--overdue", "--due-within", "--since", "--unit", "--needs-human", "--json"})
    EXPECT_NE(help.out.find(opt), std::string::npos) << opt;
}

TEST_F(CtlBinaryFixture, UserOutsideTheGroupGetsOneLineAndExit77) {
  std::string prefix;
  if (geteuid() == 0) {
    // root reads anything: run as nobody, who may read the config but not the store.
    prefix = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
    ASSERT_EQ(::chmod(dir.file("").c_str(), 0755), 0);
    ASSERT_EQ(::chmod(config.c_str(), 0644), 0);
    ASSERT_EQ(::chmod(db_path.c_str(), 0600), 0);
    // nobody must be able to write the output files the shell redirects to.
    std::ofstream(dir.file("out.txt")).flush();
    std::ofstream(dir.file("err.txt")).flush();
    ASSERT_EQ(::chmod(dir.file("out.txt").c_str(), 0666), 0);
    ASSERT_EQ(::chmod(dir.file("err.txt").c_str(), 0666), 0);
  } else {
    ASSERT_EQ(::chmod(db_path.c_str(), 0), 0);
  }
  for (const std::string& args : std::vector<std::string>{"list", "list --json --overdue", "show " + late_ref + " --json"}) {
    CtlRun r = run(args, prefix);
    EXPECT_EQ(r.code, 77) << args << ": " << r.err;
    EXPECT_EQ(r.out, "") << args;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << args << ": " << r.err;
    EXPECT_NE(r.err.find("permission denied"), std::string::npos) << r.err;
  }
}

// In-process: "SUBCOMMAND --help" works for every subcommand without a config
// and names the subcommand's options.
TEST(CtlHelp, EverySubcommandAnswersHelpWithoutAConfig) {
  for (const auto& c : ctl_commands()) {
    std::ostringstream out, err;
    EXPECT_EQ(run_ctl({c.name, "--help"}, out, err), 0) << c.name << ": " << err.str();
    EXPECT_NE(out.str().find(std::string("gdprincidentctl ")), std::string::npos) << c.name;
    EXPECT_NE(out.str().find(c.name), std::string::npos) << c.name;
    EXPECT_EQ(err.str(), "") << c.name;
  }
  std::ostringstream out, err;
  run_ctl({"show", "--help"}, out, err);
  EXPECT_NE(out.str().find("--json"), std::string::npos);
}

}  // namespace
}  // namespace gdprd::daemon
