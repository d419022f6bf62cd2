// The corpus of realistic reports (tests/corpus/*.eml with .expected.json):
// every mail is read with read_report and compared with its expected record
// by the spec's rules; a failure prints the table of differing fields. A
// second test notices when tests/corpus has drifted from ../shared/corpus.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "core/record_compare.hpp"
#include "core/record_json.hpp"
#include "parsers/report_reader.hpp"

namespace gdprd {
namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = fs::path(GDPRD_SOURCE_DIR) / "tests" / "corpus";
const fs::path kSharedCorpus = fs::path(GDPRD_SOURCE_DIR) / ".." / "shared" / "corpus";

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::vector<std::string> corpus_names() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(kCorpus, ec))
    if (e.path().extension() == ".eml") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string table(const std::vector<FieldDifference>& diffs) {
  size_t w = 5;
  for (const auto& d : diffs) w = std::max(w, d.path.size());
  std::string out = "\n" + std::string("field") + std::string(w - 5 + 2, ' ') + "| expected | actual\n";
  for (const auto& d : diffs)
    out += d.path + std::string(w - d.path.size() + 2, ' ') + "| " + d.expected + " | " + d.actual + "\n";
  return out;
}

class CorpusMail : public ::testing::TestWithParam<std::string> {};

TEST_P(CorpusMail, ReadsAsExpected) {
  const std::string& name = GetParam();
  std::string raw = read_file(kCorpus / (name + ".eml"));
  ASSERT_FALSE(raw.empty());
  IncidentRecord expected = record_from_json(Json::parse(read_file(kCorpus / (name + ".expected.json"))));
  parsers::ReadResult result = parsers::read_report(raw);
  auto diffs = compare_records(expected, result.record);
  EXPECT_TRUE(diffs.empty()) << name << ": " << diffs.size() << " field(s) differ" << table(diffs);
}

TEST_P(CorpusMail, ReadsTheSameWithLfLineEnds) {
  // Mail stored by some tools has lost its CRs; the reading must not change.
  std::string raw = read_file(kCorpus / (GetParam() + ".eml"));
  std::string lf;
  for (size_t i = 0; i < raw.size(); ++i)
    if (!(raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n')) lf.push_back(raw[i]);
  auto a = parsers::read_report(raw);
  auto b = parsers::read_report(lf);
  auto diffs = compare_records(a.record, b.record);
  EXPECT_TRUE(diffs.empty()) << table(diffs);
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusMail, ::testing::ValuesIn(corpus_names()),
                         [](const auto& p) {
                           std::string n = p.param;
                           for (char& c : n)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return "m" + n;
                         });

TEST(CorpusFiles, CorpusIsPresent) { EXPECT_GE(corpus_names().size(), 24u); }

TEST(CorpusFiles, CopyMatchesSharedCorpus) {
  std::error_code ec;
  if (!fs::is_directory(kSharedCorpus, ec)) GTEST_SKIP() << "no " << kSharedCorpus << " here";
  auto listing = [](const fs::path& dir) {
    std::map<std::string, fs::path> files;
    std::error_code e;
    for (const auto& entry : fs::directory_iterator(dir, e)) {
      std::string ext = entry.path().extension().string();
      if (entry.is_regular_file() && (ext == ".eml" || ext == ".json")) files[entry.path().filename().string()] = entry.path();
    }
    return files;
  };
  auto ours = listing(kCorpus), shared = listing(kSharedCorpus);
  for (const auto& [name, path] : shared) {
    auto it = ours.find(name);
    if (it == ours.end()) {
      ADD_FAILURE() << name << " is in shared/corpus but not in tests/corpus";
      continue;
    }
    EXPECT_TRUE(read_file(path) == read_file(it->second)) << name << " differs from shared/corpus";
  }
  for (const auto& [name, path] : ours)
    EXPECT_TRUE(shared.count(name)) << name << " is in tests/corpus but not in shared/corpus";
}

}  // namespace
}  // namespace gdprd
