// The free-text messages of tests/corpus through the whole reader
// (read_report → extract_fields → parse_free_text), compared with their
// .expected.json by the spec's rules: enums, counts and times exactly, strings
// case- and whitespace-insensitively, enum lists as sets, free text by its words.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/record_json.hpp"
#include "parsers/grammar/match_text.hpp"
#include "parsers/report_reader.hpp"

namespace gdprd::parsers {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::set<std::string> words(const std::string& s) {
  std::set<std::string> out;
  std::istringstream in(fold(s));
  for (std::string w; in >> w;) out.insert(w);
  return out;
}

// At least 80 % of the expected words present, and 80 % of ours expected.
bool same_words(const std::string& expected, const std::string& got) {
  auto e = words(expected), g = words(got);
  size_t common = 0;
  for (const auto& w : e) common += g.count(w);
  return common * 10 >= e.size() * 8 && common * 10 >= g.size() * 8;
}

void compare(const Json& exp, const Json& got, const std::string& key, const std::string& file) {
  SCOPED_TRACE(file + " " + key);
  if (key == "description") {
    if (exp.is_null()) { EXPECT_TRUE(got.is_null()) << got; return; }
    ASSERT_TRUE(got.is_string());
    { EXPECT_TRUE(same_words(exp.get<std::string>(), got.get<std::string>())) << got; return; }
  }
  if (key == "actions") {
    ASSERT_EQ(exp.size(), got.size()) << got;
    for (size_t i = 0; i < exp.size(); ++i) {
      EXPECT_EQ(exp[i]["at"], got[i]["at"]);
      EXPECT_TRUE(same_words(exp[i]["action"].get<std::string>(), got[i]["action"].get<std::string>()))
          << got[i]["action"];
    }
    return;
  }
  if (exp.is_array()) {
    std::multiset<std::string> a, b;
    for (const auto& v : exp) a.insert(v.dump());
    for (const auto& v : got) b.insert(v.dump());
    { EXPECT_EQ(a, b); return; }
  }
  if (exp.is_object()) {
    for (auto it = exp.begin(); it != exp.end(); ++it) {
      const Json& g = got.contains(it.key()) ? got[it.key()] : Json();
      if (it.value().is_string() && g.is_string())
        EXPECT_EQ(tidy_space(fold(it.value().get<std::string>())), tidy_space(fold(g.get<std::string>())))
            << key << "." << it.key();
      else
        EXPECT_EQ(it.value(), g) << key << "." << it.key();
    }
    return;
  }
  if (exp.is_string() && got.is_string())
    { EXPECT_EQ(tidy_space(fold(exp.get<std::string>())), tidy_space(fold(got.get<std::string>()))); return; }
  EXPECT_EQ(exp, got);
}

TEST(FreeTextCorpus, EveryFreeTextMessageGivesItsExpectedRecord) {
  fs::path dir = fs::path(GDPRD_SOURCE_DIR) / "tests" / "corpus";
  size_t seen = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".eml") continue;
    fs::path expected_path = entry.path();
    expected_path.replace_extension(".expected.json");
    if (!fs::exists(expected_path)) continue;
    Json exp = Json::parse(slurp(expected_path));
    if (exp["report_kind"] != "free_text") continue;
    ++seen;
    ReadResult result = read_report(slurp(entry.path()));
    Json got = to_json(result.record);
    for (auto it = exp.begin(); it != exp.end(); ++it) {
      if (it.key() == "warnings") continue;  // MIME warnings belong to the reader's own tests
      compare(it.value(), got[it.key()], it.key(), entry.path().filename().string());
    }
  }
  EXPECT_GE(seen, 10u);
}

}  // namespace
}  // namespace gdprd::parsers
