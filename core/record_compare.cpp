#include "core/record_compare.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <set>

#include "core/record_json.hpp"
#include "core/stockholm_time.hpp"

namespace gdprd {
namespace {

// Lower-cases ASCII and the Latin-1 capitals (Å Ä Ö É ...), which is all the
// case folding Swedish records need.
std::string fold_case(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xC3 && i + 1 < s.size()) {
      auto d = static_cast<unsigned char>(s[i + 1]);
      if (d >= 0x80 && d <= 0x9E && d != 0x97) d = static_cast<unsigned char>(d + 0x20);
      out.push_back(static_cast<char>(c));
      out.push_back(static_cast<char>(d));
      ++i;
    } else {
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : static_cast<char>(c));
    }
  }
  return out;
}

std::string tidy(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : fold_case(s)) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : fold_case(s)) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || std::isalnum(u)) {
      cur.push_back(c);
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

bool is_date_only(const std::string& s) { return s.size() == 10 && s.find('T') == std::string::npos; }

bool times_equal(const Json& e, const Json& a) {
  if (e.is_null() || a.is_null()) return e.is_null() && a.is_null();
  if (!e.is_string() || !a.is_string()) return e == a;
  std::string es = e.get<std::string>(), as = a.get<std::string>();
  if (is_date_only(es) || is_date_only(as)) return es == as;
  auto et = stockholm::parse_record_time(es), at = stockholm::parse_record_time(as);
  if (!et || !at) return es == as;
  using std::chrono::floor;
  using std::chrono::minutes;
  return floor<minutes>(*et) == floor<minutes>(*at);
}

bool free_text_equal(const Json& e, const Json& a) {
  if (e.is_null() || a.is_null()) return e.is_null() && a.is_null();
  return words_match(e.get<std::string>(), a.get<std::string>());
}

bool set_equal(const Json& e, const Json& a) {
  std::set<std::string> es, as;
  for (const auto& v : e) es.insert(v.is_string() ? v.get<std::string>() : v.dump());
  for (const auto& v : a) as.insert(v.is_string() ? v.get<std::string>() : v.dump());
  return es == as;
}

bool is_enum_key(std::string_view key) {
  static const std::set<std::string_view> kEnums = {
      "message_class", "report_kind", "document_type", "incident_type", "detected_by", "cause", "sector",
      "area",          "encrypted",   "will_inform_subjects", "range", "code"};
  return kEnums.count(key) > 0;
}

bool is_time_key(std::string_view key) {
  return key == "occurred_at" || key == "discovered_at" || key == "ended_at" || key == "subjects_informed_at" ||
         key == "inform_subjects_at" || key == "at";
}

bool is_free_text_key(std::string_view key) {
  return key == "description" || key == "late_reason" || key == "confidentiality_request" || key == "action";
}

bool is_enum_list_key(std::string_view key) {
  return key == "subject_groups" || key == "data_categories" || key == "consequences" || key == "not_inform_reasons";
}

class Comparer {
 public:
  std::vector<FieldDifference> diffs;

  void value(const std::string& path, std::string_view key, const Json& e, const Json& a) {
    if (key == "warnings") {
      Json ec = Json::array(), ac = Json::array();
      for (const auto& w : e) ec.push_back(w.value("code", ""));
      for (const auto& w : a) ac.push_back(w.value("code", ""));
      if (!set_equal(ec, ac)) add(path, ec, ac);
      return;
    }
    if (is_enum_list_key(key)) {
      if (!set_equal(e, a)) add(path, e, a);
      return;
    }
    if (e.is_object() && a.is_object()) {
      for (auto it = e.begin(); it != e.end(); ++it) {
        auto found = a.find(it.key());
        value(path + "." + it.key(), it.key(), it.value(), found == a.end() ? Json(nullptr) : *found);
      }
      return;
    }
    if (e.is_array() && a.is_array()) {
      if (e.size() != a.size()) {
        add(path, e, a);
        return;
      }
      for (size_t i = 0; i < e.size(); ++i) value(path + "[" + std::to_string(i) + "]", "", e[i], a[i]);
      return;
    }
    bool equal;
    if (is_time_key(key)) equal = times_equal(e, a);
    else if (is_free_text_key(key)) equal = free_text_equal(e, a);
    else if (e.is_string() && a.is_string() && !is_enum_key(key)) equal = tidy(e.get<std::string>()) == tidy(a.get<std::string>());
    else equal = e == a;
    if (!equal) add(path, e, a);
  }

 private:
  void add(const std::string& path, const Json& e, const Json& a) {
    diffs.push_back(FieldDifference{path, e.dump(), a.dump()});
  }
};

}  // namespace

bool words_match(std::string_view expected, std::string_view actual, double share) {
  auto ew = words(expected);
  if (ew.empty()) return words(actual).empty();
  auto aw = words(actual);
  std::set<std::string> present(aw.begin(), aw.end());
  size_t hits = 0;
  for (const auto& w : ew) hits += present.count(w);
  return static_cast<double>(hits) >= share * static_cast<double>(ew.size());
}

std::vector<FieldDifference> compare_records(const IncidentRecord& expected, const IncidentRecord& actual) {
  Json e = to_json(expected), a = to_json(actual);
  Comparer c;
  for (auto it = e.begin(); it != e.end(); ++it) {
    auto found = a.find(it.key());
    c.value(it.key(), it.key(), it.value(), found == a.end() ? Json(nullptr) : *found);
  }
  return c.diffs;
}

std::string format_differences(const std::vector<FieldDifference>& diffs) {
  std::string out;
  for (const auto& d : diffs) out += d.path + ": expected " + d.expected + ", got " + d.actual + "\n";
  return out;
}

}  // namespace gdprd
