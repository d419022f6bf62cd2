#include "notify/imy_form.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/record_json.hpp"

namespace gdprd::notify {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

IncidentRecord complete_record() {
  IncidentRecord r;
  r.organisation.name = "Exempelby kommun";
  r.organisation.postal_address = "Box 1, 999 99 Exempelby";
  r.contact.name = "Test Testsson";
  r.contact.role = "dpo";
  r.contact.email = "dso@exempelby.example";
  r.contact.phone = "0370-00 00 00";
  r.contact.address = "Box 1, 999 99 Exempelby";
  r.discovered_at = "2026-05-20T16:39:00+02:00";
  r.ongoing = true;
  r.incident_type = "misdirected_message";
  r.description = "Ett mejl skickades till fel mottagare.";
  r.detected_by = "employee";
  r.cause = "human_error";
  r.sector = "public";
  r.area = "municipality";
  r.processor_involved = false;
  r.data_subjects = {3, "1-10"};
  r.subject_groups = {"users"};
  r.data_categories = {"health", "identifying"};
  r.encrypted = "no";
  r.consequences = {"loss_of_control"};
  r.severity = 2;
  r.actions = {{"2026-05-20T17:00:00+02:00", "Mottagaren ombads radera mejlet."}};
  r.subjects_informed = true;
  r.subjects_informed_at = "2026-05-21";
  r.supplement_planned = false;
  return r;
}

const ImyFormQuestion& q(const ImyForm& f, int n) { return f.questions.at(static_cast<size_t>(n - 1)); }

TEST(ImyForm, HasThirtySevenQuestionsInTheFormsOrder) {
  auto form = compose_imy_form(IncidentRecord{}, {});
  ASSERT_EQ(form.questions.size(), 37u);
  for (int n = 1; n <= 37; ++n) EXPECT_EQ(q(form, n).number, n);
  EXPECT_EQ(q(form, 1).question, "Organisationens namn *");
  EXPECT_EQ(q(form, 16).question, "Kort beskrivning av incidenten");
  EXPECT_EQ(q(form, 36).question, "Avser ni att komplettera er anmälan?");
}

TEST(ImyForm, CompleteRecordMissesNothing) {
  auto form = compose_imy_form(complete_record(), {"PUI-2026-0042", false, std::nullopt});
  EXPECT_TRUE(form.missing.empty()) << form.text;
  EXPECT_NE(form.text.find("Alla obligatoriska frågor är besvarade."), std::string::npos);
  EXPECT_EQ(q(form, 4).answer_lines, std::vector<std::string>{"PUI-2026-0042"});
  EXPECT_EQ(q(form, 6).answer_lines, std::vector<std::string>{"Dataskyddsombud"});
  EXPECT_EQ(q(form, 11).answer_lines, std::vector<std::string>{"2026-05-20 16:39"});
  EXPECT_EQ(q(form, 15).answer_lines,
            std::vector<std::string>{"Obehörigt röjande genom felaktigt utskick av mejl/brev/sms"});
  EXPECT_EQ(q(form, 23).answer_lines, (std::vector<std::string>{"Exakt antal registrerade: 3", "Intervall: 1–10"}));
  EXPECT_EQ(q(form, 26).answer_lines,
            (std::vector<std::string>{"Hälsa", "Identifierande information (till exempel för- och efternamn)"}));
  EXPECT_EQ(q(form, 29).answer_lines, std::vector<std::string>{"2. Begränsad"});
  EXPECT_EQ(q(form, 30).answer_lines,
            (std::vector<std::string>{"Datum och klockslag: 2026-05-20 17:00", "Åtgärd: Mottagaren ombads radera mejlet."}));
  EXPECT_EQ(q(form, 32).answer_lines, std::vector<std::string>{"Datum: 2026-05-21"});
}

TEST(ImyForm, EmptyRecordListsEveryStarredQuestionAsMissingWithBlankAnswers) {
  auto form = compose_imy_form(IncidentRecord{}, {});
  for (int n : {1, 3, 5, 7, 8, 9, 11, 15, 16, 23, 26, 29})
    EXPECT_NE(std::find(form.missing.begin(), form.missing.end(), n), form.missing.end()) << n;
  // Optional questions are never "missing".
  for (int n : {2, 4, 10, 24, 37})
    EXPECT_EQ(std::find(form.missing.begin(), form.missing.end(), n), form.missing.end()) << n;
  // An unknown answer is a blank line right after its question.
  EXPECT_NE(form.text.find("1. Organisationens namn *\n\n"), std::string::npos);
  EXPECT_NE(form.text.find("Saknas innan anmälan kan skickas:\n- 1. Organisationens namn *\n"), std::string::npos);
}

TEST(ImyForm, ConditionalQuestionsFollowTheFormsJumps) {
  auto r = complete_record();
  r.ongoing = false;  // ended: Q13 needed
  r.processor_involved = true;  // Q22 needed
  r.subjects_informed = false;  // Q33 needed, Q32 not
  r.subjects_informed_at.reset();
  r.will_inform_subjects = "no";  // Q35 needed
  auto form = compose_imy_form(r, {});
  EXPECT_EQ(form.missing, (std::vector<int>{13, 22, 35}));
  r.will_inform_subjects = "yes";
  form = compose_imy_form(r, {});
  EXPECT_EQ(form.missing, (std::vector<int>{13, 22, 34}));
}

TEST(ImyForm, LateNotificationNeedsQ14AndTheCisosReasonWins) {
  auto r = complete_record();
  auto form = compose_imy_form(r, {"PUI-2026-0001", true, std::nullopt});
  EXPECT_EQ(form.missing, std::vector<int>{14});
  r.late_reason = "Rapporten kom in sent.";
  form = compose_imy_form(r, {"PUI-2026-0001", true, std::string("Helg; utredningen krävde\r\nmer tid.")});
  EXPECT_TRUE(form.missing.empty());
  EXPECT_EQ(q(form, 14).answer_lines, (std::vector<std::string>{"Helg; utredningen krävde", "mer tid."}));
}

TEST(ImyForm, ReportsOwnReferenceIsKeptBesideOurs) {
  auto r = complete_record();
  r.organisation.internal_reference = "KS 2026/17";
  auto form = compose_imy_form(r, {"PUI-2026-0042", false, std::nullopt});
  EXPECT_EQ(q(form, 4).answer_lines, std::vector<std::string>{"KS 2026/17 (PUI-2026-0042)"});
}

TEST(ImyForm, UnknownEnumValueIsShownNotDropped) {
  auto r = complete_record();
  r.area = "space_agency";
  auto form = compose_imy_form(r, {});
  EXPECT_EQ(q(form, 20).answer_lines, std::vector<std::string>{"space_agency"});
}

// Golden files: tests/golden/imy_form/<corpus name>.txt for every corpus
// record. GDPRD_UPDATE_GOLDEN=1 rewrites them (review the diff).
TEST(ImyForm, CorpusRecordsMatchGoldenFiles) {
  fs::path corpus = fs::path(GDPRD_SOURCE_DIR) / "tests/corpus";
  fs::path golden = fs::path(GDPRD_SOURCE_DIR) / "tests/golden/imy_form";
  bool update = std::getenv("GDPRD_UPDATE_GOLDEN") != nullptr;
  if (update) fs::create_directories(golden);
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(corpus)) {
    std::string name = entry.path().filename().string();
    const std::string suffix = ".expected.json";
    if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    std::string stem = name.substr(0, name.size() - suffix.size());
    auto record = record_from_json(Json::parse(read_file(entry.path())));
    if (record.message_class != "report") continue;
    auto form = compose_imy_form(record, {"PUI-2026-0001", false, std::nullopt});
    fs::path file = golden / (stem + ".txt");
    if (update) {
      std::ofstream(file, std::ios::binary) << form.text;
    } else {
      ASSERT_TRUE(fs::exists(file)) << file << " (run with GDPRD_UPDATE_GOLDEN=1)";
      EXPECT_EQ(form.text, read_file(file)) << stem;
    }
    ++checked;
  }
  EXPECT_GE(checked, 20);
}

}  // namespace
}  // namespace gdprd::notify
