#include "notify/register_export.hpp"

#include <gtest/gtest.h>
#include <zip.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
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

RegisterEntry sample_entry() {
  IncidentRecord r;
  r.discovered_at = "2026-03-02T09:15:00+01:00";
  r.organisation.name = "Exempelby kommun";
  r.organisation.unit = "Socialnämnden";
  r.incident_type = "loss";
  r.description = "Ett USB-minne \"tappades\"; innehöll listor\nmed namn.";
  r.data_categories = {"health", "personal_identity_number"};
  r.data_subjects.range = "11-100";
  r.actions = {{"2026-03-02T10:00:00+01:00", "Sökte igenom bussen."}, {std::nullopt, "Polisanmälan."}};
  RegisterFacts f;
  f.reference = "PUI-2026-0007";
  f.reported = "2026-03-02 11:00";
  f.decision = "not_notified";
  f.decision_date = "2026-03-03 14:00";
  f.motivation = "=HYPERLINK(\"http://x\")";
  f.dpo_consulted = true;
  f.late_imy = false;
  return register_entry(r, f);
}

TEST(RegisterEntry, FillsCellsFromRecordAndHandlingFacts) {
  auto e = sample_entry();
  EXPECT_EQ(e.reference, "PUI-2026-0007");
  EXPECT_EQ(e.discovered, "2026-03-02 09:15");
  EXPECT_EQ(e.unit, "Socialnämnden");
  EXPECT_EQ(e.incident_type, "Förlust: Information har gått förlorad på något sätt");
  EXPECT_EQ(e.data_categories, "Hälsa; Personnummer");
  EXPECT_EQ(e.data_subjects, "11–100");
  EXPECT_EQ(e.actions, "2026-03-02 10:00: Sökte igenom bussen.\nPolisanmälan.");
  EXPECT_EQ(e.dpo_consulted, "Ja");
  EXPECT_EQ(e.decision, "Ej anmäld till IMY");
  EXPECT_EQ(e.subjects_informed, "");
  EXPECT_EQ(e.late_internal, "Nej");
  EXPECT_EQ(e.state, "Öppen");
}

TEST(RegisterEntry, ExactCountWinsOverRangeAndCisosInformedWinsOverReport) {
  IncidentRecord r;
  r.data_subjects = {238, "101-1000"};
  r.subjects_informed = false;
  RegisterFacts f;
  f.subjects_informed = true;
  f.subjects_informed_date = "2026-06-10 08:00";
  auto e = register_entry(r, f);
  EXPECT_EQ(e.data_subjects, "238");
  EXPECT_EQ(e.subjects_informed, "Ja (2026-06-10 08:00)");
}

TEST(RegisterCsv, BomSemicolonsAndQuotingOfSeparatorsQuotesAndNewlines) {
  auto csv = register_csv({sample_entry()});
  ASSERT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(csv.substr(3, csv.find("\r\n") - 3).rfind("Referens;Upptäckt;Rapporterad;", 0), 0u);
  EXPECT_NE(csv.find("\"Ett USB-minne \"\"tappades\"\"; innehöll listor\nmed namn.\""), std::string::npos);
  // Exactly two CRLF row ends: the heading and the one entry (the LF inside
  // the quoted cell is not a row end).
  size_t rows = 0;
  for (size_t p = csv.find("\r\n"); p != std::string::npos; p = csv.find("\r\n", p + 2)) ++rows;
  EXPECT_EQ(rows, 2u);
}

TEST(RegisterCsv, FormulaLookingCellIsDefused) {
  auto csv = register_csv({sample_entry()});
  EXPECT_NE(csv.find(";\"'=HYPERLINK(\"\"http://x\"\")\";"), std::string::npos) << csv;
  EXPECT_EQ(csv.find(";=HYPERLINK"), std::string::npos);
}

TEST(RegisterJson, ArrayOfObjectsWithEnglishKeys) {
  auto json = nlohmann::json::parse(register_json({sample_entry(), sample_entry()}));
  ASSERT_TRUE(json.is_array());
  ASSERT_EQ(json.size(), 2u);
  EXPECT_EQ(json[0]["reference"], "PUI-2026-0007");
  EXPECT_EQ(json[0]["decision"], "Ej anmäld till IMY");
  EXPECT_EQ(json[0].size(), register_keys().size());
  EXPECT_EQ(register_keys().size(), register_headings().size());
}

struct Zip {
  zip_t* za = nullptr;
  ~Zip() {
    if (za) zip_discard(za);
  }
};

std::string zip_entry(zip_t* za, zip_uint64_t index) {
  zip_stat_t st;
  zip_stat_index(za, index, 0, &st);
  zip_file_t* f = zip_fopen_index(za, index, 0);
  if (!f) return {};
  std::string data(st.size, '\0');
  zip_fread(f, data.data(), st.size);
  zip_fclose(f);
  return data;
}

TEST(RegisterOds, ReadsBackAsOpenDocumentWithMimetypeStoredFirst) {
  auto e = sample_entry();
  e.description = "<script>&\x01 tecken";  // markup and a control character from a report
  auto ods = register_ods({e});
  ASSERT_FALSE(ods.empty());
  // The OpenDocument signature: "mimetype" is the first local header, stored.
  ASSERT_GT(ods.size(), 38u + 46u);
  EXPECT_EQ(ods.substr(0, 4), "PK\x03\x04");
  EXPECT_EQ(ods.substr(30, 8), "mimetype");
  EXPECT_EQ(ods.substr(38, 46), "application/vnd.oasis.opendocument.spreadsheet");

  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(ods.data(), ods.size(), 0, &error);
  ASSERT_NE(src, nullptr);
  Zip z;
  z.za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  ASSERT_NE(z.za, nullptr) << zip_error_strerror(&error);
  ASSERT_EQ(zip_get_num_entries(z.za, 0), 3);
  EXPECT_STREQ(zip_get_name(z.za, 0, 0), "mimetype");
  zip_stat_t st;
  zip_stat_index(z.za, 0, 0, &st);
  EXPECT_EQ(st.comp_method, ZIP_CM_STORE);
  EXPECT_GE(zip_name_locate(z.za, "META-INF/manifest.xml", 0), 0);
  zip_int64_t content = zip_name_locate(z.za, "content.xml", 0);
  ASSERT_GE(content, 0);
  std::string xml = zip_entry(z.za, static_cast<zip_uint64_t>(content));
  EXPECT_NE(xml.find("<text:p>Referens</text:p>"), std::string::npos);
  EXPECT_NE(xml.find("<text:p>PUI-2026-0007</text:p>"), std::string::npos);
  EXPECT_NE(xml.find("<text:p>&lt;script&gt;&amp; tecken</text:p>"), std::string::npos);
  EXPECT_EQ(xml.find('\x01'), std::string::npos);
  // A multi-line cell is one paragraph per line.
  EXPECT_NE(xml.find("<text:p>2026-03-02 10:00: Sökte igenom bussen.</text:p><text:p>Polisanmälan.</text:p>"),
            std::string::npos);
}

TEST(RegisterOds, SameRegisterGivesSameBytes) {
  EXPECT_EQ(register_ods({sample_entry()}), register_ods({sample_entry()}));
}

TEST(RegisterOds, InvalidUtf8IsReplacedNotCopied) {
  auto e = sample_entry();
  e.description = "tr\xC3" "(asig";
  auto ods = register_ods({e});
  EXPECT_FALSE(ods.empty());
}

// Golden: the register of every corpus report as CSV and JSON.
// GDPRD_UPDATE_GOLDEN=1 rewrites tests/golden/register/.
TEST(RegisterExport, CorpusRegisterMatchesGoldenFiles) {
  fs::path corpus = fs::path(GDPRD_SOURCE_DIR) / "tests/corpus";
  fs::path golden = fs::path(GDPRD_SOURCE_DIR) / "tests/golden/register";
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(corpus))
    if (entry.path().string().ends_with(".expected.json")) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::vector<RegisterEntry> entries;
  int seq = 0;
  for (const auto& p : files) {
    auto record = record_from_json(Json::parse(read_file(p)));
    if (record.message_class != "report") continue;
    RegisterFacts f;
    char ref[32];
    std::snprintf(ref, sizeof ref, "PUI-2026-%04d", ++seq);
    f.reference = ref;
    f.reported = "2026-06-09 08:00";
    if (seq % 2) {
      f.decision = "not_notified";
      f.motivation = "Begränsad risk; hanteras internt.";
      f.dpo_consulted = true;
    }
    entries.push_back(register_entry(record, f));
  }
  ASSERT_GE(entries.size(), 20u);
  auto csv = register_csv(entries);
  auto json = register_json(entries);
  if (std::getenv("GDPRD_UPDATE_GOLDEN")) {
    fs::create_directories(golden);
    std::ofstream(golden / "corpus.csv", std::ios::binary) << csv;
    std::ofstream(golden / "corpus.json", std::ios::binary) << json;
    return;
  }
  EXPECT_EQ(csv, read_file(golden / "corpus.csv"));
  EXPECT_EQ(json, read_file(golden / "corpus.json"));
}

}  // namespace
}  // namespace gdprd::notify
