#include "parsers/grammar/count_reader.hpp"

#include <array>
#include <string>

#include "parsers/grammar/match_text.hpp"

namespace gdprd::parsers {
namespace {

struct NumberWord {
  std::string_view word;
  int64_t value;
};

// Parts of Swedish and English number words, longest first where one is a
// prefix of another ("sjutton" before "sju").
constexpr std::array<NumberWord, 54> kNumberParts = {{
    {"sjuttio", 70}, {"sjutton", 17}, {"sju", 7},      {"tretton", 13}, {"trettio", 30}, {"tre", 3},
    {"fjorton", 14}, {"fyrtio", 40},  {"fyra", 4},     {"femton", 15},  {"femtio", 50},  {"fem", 5},
    {"sexton", 16},  {"sextio", 60},  {"sex", 6},      {"arton", 18},   {"attio", 80},   {"atta", 8},
    {"nitton", 19},  {"nittio", 90},  {"nio", 9},      {"tjugo", 20},   {"tio", 10},     {"elva", 11},
    {"tolv", 12},    {"tva", 2},      {"ett", 1},      {"en", 1},       {"hundra", 100}, {"tusen", 1000},
    {"one", 1},      {"two", 2},      {"three", 3},    {"four", 4},     {"five", 5},     {"six", 6},
    {"seven", 7},    {"eight", 8},    {"nine", 9},     {"ten", 10},     {"eleven", 11},  {"twelve", 12},
    {"thirteen", 13}, {"fifteen", 15}, {"eighteen", 18}, {"twenty", 20}, {"thirty", 30}, {"forty", 40},
    {"fifty", 50},   {"sixty", 60},   {"seventy", 70}, {"eighty", 80},  {"ninety", 90},  {"hundred", 100}}};

std::optional<int64_t> english_teen(std::string_view w) {
  if (w == "fourteen") return 14;
  if (w == "sixteen") return 16;
  if (w == "seventeen") return 17;
  if (w == "nineteen") return 19;
  if (w == "thousand") return 1000;
  if (w == "eighteen") return 18;
  return std::nullopt;
}

// The person nouns whose number answers "how many persons were affected".
bool is_person_noun(std::string_view w) {
  static const std::array<std::string_view, 94> k = {
      "vardtagare", "vardtagarna", "omsorgstagare", "omsorgstagarna", "deltagarna", "sokanden",
      "person", "personer", "personen", "personerna", "elev", "elever", "eleven", "eleverna", "barn", "barnen",
      "brukare", "brukaren", "brukarna", "klient", "klienter", "klienten", "klienterna", "medarbetare",
      "medarbetaren", "medarbetarna", "anstallda", "anstallde", "vardnadshavare", "vardnadshavarna", "mottagare",
      "mottagarna", "kund", "kunder", "kunderna", "patient", "patienter", "patienten", "patienterna",
      "registrerade", "individer", "invanare", "sokande", "medlemmar", "deltagare", "boende", "hyresgaster",
      "anhoriga", "foraldrar", "grannar", "kollegor", "politiker", "ledamoter", "studenter", "ungdomar",
      "manniskor", "berorda", "drabbade", "familjer", "personal", "handlaggare", "larare", "lararna",
      "tjansteman", "chefer", "arbetstagare", "sjukskoterskor", "kursdeltagare", "pensionarer", "persons",
      "people", "pupils", "pupil", "students", "student", "children", "child", "employees", "employee",
      "staff", "customers", "customer", "patients", "individuals", "residents", "users", "clients", "guardians",
      "parents", "recipients", "members", "applicants", "subjects"};
  for (auto n : k)
    if (w == n) return true;
  return false;
}

bool is_record_noun(std::string_view w) {
  static const std::array<std::string_view, 8> k = {"poster", "rader", "records", "rows", "journalanteckningar",
                                                    "journaler", "entries", "registerposter"};
  for (auto n : k)
    if (w == n) return true;
  return false;
}

bool is_approximator(std::string_view w) {
  static const std::array<std::string_view, 27> k = {
      "drygt", "knappt", "ca", "cirka", "ungefar", "runt", "omkring", "uppskattningsvis", "kring", "nastan",
      "narmare", "over", "minst", "uppemot", "emot", "approximately", "approx", "about", "around", "roughly",
      "nearly", "almost", "some", "estimated", "cirkus", "omkr", "uppskattat"};
  for (auto a : k)
    if (w == a) return true;
  return false;
}

// Range bucket of an approximate figure ("-tal" words, "hundratals").
std::optional<std::string> approx_word_range(std::string_view w) {
  if (w.size() > 3 && w.substr(w.size() - 3) == "tal" && w != "antal" && w != "samtal") {
    if (auto n = number_word(w.substr(0, w.size() - 3))) return count_range(*n);
  }
  if (w == "hundratals" || w == "hundreds") return std::string("101-1000");
  if (w == "tusentals" || w == "thousands") return std::string("1001-10000");
  if (w == "dussintals" || w == "dozens" || w == "tiotals" || w == "tiotal") return std::string("11-100");
  return std::nullopt;
}

struct Found {
  size_t next = 0;  // token after the number
  std::optional<int64_t> exact;
  std::optional<std::string> range;
  bool article_one = false;  // "en"/"ett"/"one" — weak unless the sentence says "affected"
};

bool adjacent(const std::vector<Token>& t, size_t i) { return i > 0 && i < t.size() && t[i].b == t[i - 1].e; }

// A digit number at i with thousands groups: "8 312", "6,400", "1 200 000".
std::optional<Found> digit_number(const std::vector<Token>& t, size_t i, std::string_view folded) {
  if (i >= t.size() || t[i].kind != Token::num || t[i].s.size() > 9) return std::nullopt;
  if (i > 0 && adjacent(t, i) &&
      (t[i - 1].kind != Token::punct || t[i - 1].s == "-" || t[i - 1].s == "." || t[i - 1].s == ":" ||
       t[i - 1].s == "/" || t[i - 1].s == "+"))
    return std::nullopt;
  int64_t v = 0;
  for (char c : t[i].s) v = v * 10 + (c - '0');
  size_t j = i + 1;
  if (t[i].s.size() <= 3 && t[i].s[0] != '0') {
    while (j < t.size()) {
      // "8 312" (space or no-break space), "6,400", "6.400"
      bool space_sep = t[j].kind == Token::num && t[j].s.size() == 3 && !adjacent(t, j) &&
                       t[j].b == t[j - 1].e + 1 && folded[t[j - 1].e] == ' ';
      bool punct_sep = (j + 1 < t.size()) && t[j].kind == Token::punct && (t[j].s == "," || t[j].s == ".") &&
                       adjacent(t, j) && t[j + 1].kind == Token::num && t[j + 1].s.size() == 3 && adjacent(t, j + 1) &&
                       !(j + 2 < t.size() && adjacent(t, j + 2) && t[j + 2].kind == Token::num);
      if (space_sep) {
        for (char c : t[j].s) v = v * 10 + (c - '0');
        ++j;
      } else if (punct_sep) {
        for (char c : t[j + 1].s) v = v * 10 + (c - '0');
        j += 2;
      } else {
        break;
      }
      if (v > 100000000000LL) return std::nullopt;
    }
  }
  // A clock time or a date is no count.
  if (j < t.size() && adjacent(t, j) && (t[j].s == ":" || t[j].s == "/" || t[j].s == "-") && j + 1 < t.size() &&
      t[j + 1].kind == Token::num)
    return std::nullopt;
  if (j < t.size() && adjacent(t, j) && t[j].s == "." && j + 1 < t.size() && t[j + 1].kind == Token::num &&
      adjacent(t, j + 1))
    return std::nullopt;
  Found f;
  f.next = j;
  f.exact = v;
  return f;
}

// A number (digits, number word, "-tal" word, approximation) starting at i.
std::optional<Found> number_at(const std::vector<Token>& t, size_t i, std::string_view folded) {
  if (i >= t.size()) return std::nullopt;
  if (i > 0 && t[i - 1].kind == Token::word && (t[i - 1].s == "kl" || t[i - 1].s == "klockan")) return std::nullopt;
  bool approx = false;
  size_t j = i;
  // Approximators: "drygt", "ca", "c:a", "upp emot", "more than", "fler än"
  for (int guard = 0; guard < 3 && j < t.size(); ++guard) {
    if (t[j].kind == Token::word && is_approximator(t[j].s)) {
      approx = true;
      ++j;
      if (j < t.size() && t[j].s == ".") ++j;
      continue;
    }
    if (t[j].kind == Token::word && t[j].s == "c" && j + 2 < t.size() && t[j + 1].s == ":" && t[j + 2].s == "a") {
      approx = true;
      j += 3;
      continue;
    }
    if (t[j].kind == Token::word && (t[j].s == "fler" || t[j].s == "mer" || t[j].s == "more" ||
                                     t[j].s == "farre" || t[j].s == "fewer" || t[j].s == "less" ||
                                     t[j].s == "mindre" || t[j].s == "upp" || t[j].s == "up" || t[j].s == "an" ||
                                     t[j].s == "than" || t[j].s == "to")) {
      if (j + 1 < t.size() && (t[j + 1].s == "an" || t[j + 1].s == "than" || t[j + 1].s == "emot" ||
                               t[j + 1].s == "to")) {
        approx = true;
        j += 2;
        continue;
      }
    }
    break;
  }
  if (j >= t.size()) return std::nullopt;
  std::optional<Found> f = digit_number(t, j, folded);
  if (!f && t[j].kind == Token::word) {
    // "ett tjugotal", "hundratals", "några hundra", "a few hundred"
    size_t k = j;
    if (t[k].s == "ett" || t[k].s == "an") ++k;
    if (k < t.size() && t[k].kind == Token::word) {
      if (auto r = approx_word_range(t[k].s)) {
        Found a;
        a.next = k + 1;
        a.range = *r;
        return a;
      }
    }
    if ((t[j].s == "nagra" || t[j].s == "flera" || t[j].s == "few" || t[j].s == "several" || t[j].s == "par") &&
        j + 1 < t.size() && (t[j + 1].s == "hundra" || t[j + 1].s == "hundred" || t[j + 1].s == "tusen" ||
                             t[j + 1].s == "thousand")) {
      Found a;
      a.next = j + 2;
      bool hundred = t[j + 1].s == "hundra" || t[j + 1].s == "hundred";
      a.range = hundred ? "101-1000" : "1001-10000";
      return a;
    }
    if (t[j].s == "a" && j + 2 < t.size() && t[j + 1].s == "few" &&
        (t[j + 2].s == "hundred" || t[j + 2].s == "thousand")) {
      Found a;
      a.next = j + 3;
      a.range = t[j + 2].s == "hundred" ? "101-1000" : "1001-10000";
      return a;
    }
    // Number words, English hyphenated "twenty-three".
    std::optional<int64_t> n = number_word(t[j].s);
    size_t next = j + 1;
    if (n && next + 1 < t.size() && t[next].s == "-" && adjacent(t, next) && t[next + 1].kind == Token::word) {
      if (auto n2 = number_word(t[next + 1].s); n2 && *n2 < 10 && *n >= 20) {
        *n += *n2;
        next += 2;
      }
    }
    if (n) {
      Found w;
      w.next = next;
      w.exact = *n;
      w.article_one = *n == 1;
      f = w;
    }
  }
  if (!f) return std::nullopt;
  // "101–1 000": a form range.
  if (f->exact && f->next + 1 < t.size() &&
      (t[f->next].s == "-" || t[f->next].s == "\xE2\x80\x93" || t[f->next].s == "\xE2\x80\x94")) {
    if (auto hi = digit_number(t, f->next + 1, folded); hi && hi->exact && *hi->exact > *f->exact) {
      Found r;
      r.next = hi->next;
      std::string lo_range = count_range(*f->exact), hi_range = count_range(*hi->exact);
      r.range = lo_range == hi_range ? lo_range : hi_range;
      return r;
    }
  }
  if (approx) {
    Found a;
    a.next = f->next;
    if (f->exact) a.range = count_range(*f->exact);
    else a.range = f->range;
    return a;
  }
  return f;
}

bool affected_word(std::string_view w) {
  static const std::array<std::string_view, 22> k = {
      "berors", "beror", "berorde", "berorda", "paverkats", "paverkas", "paverkade", "drabbats", "drabbas",
      "drabbade", "galler", "omfattar", "omfattas", "affected", "concerns", "involved", "involves", "totalt",
      "sammanlagt", "total", "impacted", "concerned"};
  for (auto a : k)
    if (w == a) return true;
  return false;
}

Count to_count(const Found& f) {
  Count c;
  c.exact = f.exact;
  c.range = f.exact ? std::optional(count_range(*f.exact)) : f.range;
  return c;
}

template <typename NounPred>
std::optional<Count> find_count(std::string_view text, NounPred is_noun, std::string* noun_out, int max_skip) {
  std::vector<size_t> map;
  std::string folded = fold_with_map(text, map);
  std::vector<Token> t = tokenize(folded);
  struct Candidate {
    Found f;
    int score;
    std::string noun;
  };
  std::optional<Candidate> best;
  size_t i = 0;
  while (i < t.size()) {
    auto f = number_at(t, i, folded);
    if (!f) {
      ++i;
      continue;
    }
    // The noun may follow after up to two words ("14 andra elever").
    size_t k = f->next;
    bool attached = false;
    for (int skip = 0; skip <= max_skip && k < t.size(); ++skip, ++k) {
      if (t[k].kind != Token::word) break;
      if (is_noun(t[k].s)) {
        attached = true;
        break;
      }
      static const std::array<std::string_view, 22> kStops = {
          "med", "om", "av", "till", "for", "i", "pa", "och", "som", "fran", "with", "of", "about", "to", "and",
          "from", "in", "on", "at", "har", "var", "ar"};
      bool stop = false;
      for (auto s : kStops)
        if (t[k].s == s) stop = true;
      if (stop) break;
    }
    if (attached) {
      // The sentence around the number decides how strong it is.
      size_t sb = i, se = k;
      // Bounded both ways so that text without full stops stays linear.
      while (sb > 0 && i - sb < 40 &&
             !(t[sb - 1].s == "." || t[sb - 1].s == "!" || t[sb - 1].s == "?" || t[sb - 1].s == ":"))
        --sb;
      while (se < t.size() && se - k < 40 && !(t[se].s == "." || t[se].s == "!" || t[se].s == "?")) ++se;
      int score = 0;
      for (size_t q = sb; q < se; ++q)
        if (t[q].kind == Token::word && affected_word(t[q].s)) score = 2;
      if (f->article_one && score == 0) {
        i = k + 1;
        continue;
      }
      // Without "affected": the larger of equally placed figures.
      auto value = [](const Found& x) -> int64_t {
        if (x.exact) return *x.exact;
        return 0;
      };
      if (!best || score > best->score || (score == best->score && value(*f) > value(best->f)))
        best = Candidate{*f, score, std::string(t[k].s)};
      i = k + 1;
      continue;
    }
    i = f->next > i ? f->next : i + 1;
  }
  if (!best) return std::nullopt;
  if (noun_out) *noun_out = best->noun;
  return to_count(best->f);
}

}  // namespace

std::optional<int64_t> number_word(std::string_view w) {
  if (w.empty() || w.size() > 40) return std::nullopt;
  if (auto t = english_teen(w)) return t;
  int64_t total = 0, current = 0;
  size_t i = 0;
  int parts = 0;
  while (i < w.size()) {
    // Longest part first, so "sixty" is not read as "six" + "ty".
    const NumberWord* match = nullptr;
    for (const auto& p : kNumberParts)
      if (w.substr(i, p.word.size()) == p.word && (!match || p.word.size() > match->word.size())) match = &p;
    if (!match) return std::nullopt;
    if (match->value == 100) {
      current = (current ? current : 1) * 100;
    } else if (match->value == 1000) {
      total += (current ? current : 1) * 1000;
      current = 0;
    } else {
      current += match->value;
    }
    i += match->word.size();
    ++parts;
  }
  // "en"/"ett" only as a whole word: "entusen" and similar are not counts here.
  if (parts > 1 && (w.substr(0, 2) == "en") && w.substr(0, 3) != "ett") return std::nullopt;
  return total + current;
}

std::optional<Count> read_count(std::string_view text) {
  std::string folded = fold(trim(text));
  std::vector<Token> t = tokenize(folded);
  if (t.empty()) return std::nullopt;
  static const std::array<std::string_view, 9> kUnknown = {"vet ej", "okant", "unknown", "oklart", "ej kant",
                                                            "vet inte", "not known", "ingen uppgift", "ej fastst"};
  for (auto u : kUnknown)
    if (folded.find(u) != std::string::npos) return Count{std::nullopt, std::string("unknown")};
  // Over a million as a form option.
  if (contains_prefix_word(folded, "over 1 000 000") || contains_prefix_word(folded, "over 1000000") ||
      contains_prefix_word(folded, "more than 1,000,000"))
    return Count{std::nullopt, std::string("over_1000000")};
  for (size_t i = 0; i < t.size() && i < 8; ++i) {
    if (auto f = number_at(t, i, folded)) return to_count(*f);
  }
  return std::nullopt;
}

std::optional<Count> find_subject_count(std::string_view text, std::string* noun) {
  return find_count(text, is_person_noun, noun, 2);
}

std::optional<Count> find_record_count(std::string_view text) { return find_count(text, is_record_noun, nullptr, 0); }

}  // namespace gdprd::parsers
