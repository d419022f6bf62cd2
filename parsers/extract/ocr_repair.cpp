#include "parsers/extract/ocr_repair.hpp"

#include <array>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gdprd::parsers {
namespace {

// Common Swedish words with å, ä or ö: function words and the vocabulary of
// incident reports. Compounds are found through their last or first part.
constexpr std::string_view kWords[] = {
    "på", "är", "för", "när", "från", "två", "även", "över", "någon", "något", "några", "också", "så", "då",
    "här", "där", "måste", "både", "än", "få", "får", "fått", "gå", "går", "gått", "gör", "göra", "gjort",
    "görs", "göras", "genomförde", "genomfördes", "genomföra", "sådan", "sådana", "vår", "våra", "vårt", "många",
    "själv", "själva", "ännu", "ändå", "bör", "hög", "höga", "högt", "lång", "långa", "låg", "låga", "lägga",
    "läsa", "läses", "läste", "lästes", "läser", "läst", "vänlig", "vänliga", "hälsning", "hälsningar", "fråga",
    "frågan", "frågor", "svår", "bedöma", "bedömer", "bedömning", "bedömningen", "bedömt", "bedöms", "bedömde",
    "behöver", "behövs", "behövde", "berör", "berörs", "berörd", "berörda", "berört", "upptäcka", "upptäckte",
    "upptäcktes", "upptäckt", "upptäckts", "inträffa", "inträffade", "inträffat", "åtgärd", "åtgärder",
    "åtgärda", "åtgärdat", "åtgärdades", "återställa", "återställdes", "återställd", "återställts", "åter",
    "återkallade", "återkallades", "ärende", "ärenden", "ärendet", "ändamål", "ändamålsenlig", "ändrade",
    "ändrats", "ändring", "ändra", "tjänst", "tjänster", "tjänsten", "läkare", "sköterska", "förvaltning",
    "förvaltningen", "förvaltare", "förmyndare", "nämnd", "nämnden", "nämnder", "händelse", "händelsen",
    "händelseförlopp", "närmaste", "möjlig", "möjliggör", "möjlighet", "möjligheten", "mål", "sätt", "sättet",
    "säker", "säkra", "säkert", "säkerställa", "säkerhet", "skäl", "därför", "därefter", "däremot",
    "tillgänglig", "tillgängliga", "tillgängligt", "tillgång", "behörighet", "behörigheter", "obehörig",
    "obehöriga", "obehörigt", "röjande", "röjt", "röjts", "röjdes", "spärrade", "spärrades", "känslig",
    "känsliga", "känsligt", "nästa", "påbörjat", "påbörjade", "påverka", "påverkan", "påverkas", "påverkat",
    "påmints", "påminna", "påmindes", "påminnelse", "använda", "använde", "användes", "används", "användare",
    "användarnamn", "lösenord", "lösning", "lösningen", "brevlåda", "brevlådan", "sändlista", "sändlistan",
    "innehöll", "innehålla", "innehåller", "innehållet", "hämtade", "hämtades", "hämta", "sjukvård",
    "sjukvården", "hälsa", "hälsan", "förlust", "förlorade", "förlorat", "förlora", "förlorar", "förstört",
    "förstörts", "förstöring", "försvann", "förskola", "förskolan", "förhindra", "förebygga", "föreligga",
    "föremål", "förälder", "föräldrar", "vårdnadshavare", "vård", "vården", "äldre", "särskild", "särskilda",
    "särskilt", "öppen", "öppna", "öppnade", "öppnades", "övriga", "övrigt", "önskemål", "önskar", "överens",
    "översyn", "framöver", "framgår", "framgick", "fält", "fältet", "istället", "företrädare", "stället",
    "ställning", "fastställas", "utsätts", "rättighet", "rättigheter", "rätt", "förlorad", "nuläget", "möte",
    "mötet", "möten", "båda", "väg", "väl", "värde", "ändrades", "år", "året", "årskurs", "månad", "månader",
    "kväll", "kvällen", "förmiddag", "förmiddagen", "eftermiddag", "eftermiddagen", "lördag", "söndag",
    "måndag", "måndags", "lördags", "söndags", "förrgår", "frånvaro", "gäller", "gällande", "gälla", "gällde",
    "hände", "hänt", "följande", "följd", "följer", "följde", "följa", "föra", "försök", "förstå", "förutom",
    "förra", "förde", "fördes", "första", "först", "stöd", "stödet", "större", "störst", "bästa", "bättre", "därmed", "ungefär",
    "åtkomst", "åtkomsten", "åtgärdas", "mottagarnas", "övervakning", "övervakningen", "förvarade", "ställe",
    "kopplade", "uppgiftslämnare", "skickade", "slå", "skön", "tyvärr", "tänkt", "därav", "hänvisa",
    "anmälan", "anmäla", "anmälas", "anmälts", "anmälde", "anmäld", "begränsad", "begränsning", "begränsat",
    "bedrägeri", "identitetsstöld", "diskriminering", "förtroende", "ryktesspridning", "sekretessbelagd",
    "kännedom", "spridning", "kontrollen", "mottagare", "försäkring", "företag", "företaget", "så",
};

// The code point at s[i], advancing i; lenient (U+FFFD for a byte that starts
// no sequence it can complete).
char32_t next_code_point(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  if ((c & 0xE0) == 0xC0 && i + 1 < s.size()) {
    char32_t cp = ((c & 0x1F) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F);
    i += 2;
    return cp;
  }
  if ((c & 0xF0) == 0xE0 && i + 2 < s.size()) {
    char32_t cp = ((c & 0x0F) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
                  (static_cast<unsigned char>(s[i + 2]) & 0x3F);
    i += 3;
    return cp;
  }
  ++i;
  return 0xFFFD;
}

std::u32string decode(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) out.push_back(next_code_point(s, i));
  return out;
}

void encode(char32_t c, std::string& out) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

constexpr char32_t kAa = U'å', kAe = U'ä', kOe = U'ö', kE = U'é';

bool is_swedish_special(char32_t c) { return c == kAa || c == kAe || c == kOe; }

char32_t lower(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c == U'Å') return kAa;
  if (c == U'Ä') return kAe;
  if (c == U'Ö') return kOe;
  if (c == U'É') return kE;
  return c;
}

char32_t upper(char32_t c) {
  if (c >= 'a' && c <= 'z') return c - 32;
  if (c == kAa) return U'Å';
  if (c == kAe) return U'Ä';
  if (c == kOe) return U'Ö';
  return c;
}

// May the mangled character m stand for the dictionary character w?
bool stands_for(char32_t m, char32_t w) {
  if (m == w) return true;
  switch (w) {
    case kAe: return m == kE || m == 'a' || m == 'i' || m == 'd';
    case kOe: return m == 'o' || m == '6' || m == kE || m == '&';
    case kAa: return m == 'a' || m == kE;
    default: return false;
  }
}

bool all_plain(const std::u32string& s, size_t b, size_t e) {
  for (size_t i = b; i < e; ++i)
    if (!(s[i] >= 'a' && s[i] <= 'z')) return false;
  return true;
}

constexpr std::array<std::u32string_view, 16> kEndings = {U"",   U"n",  U"en", U"et", U"er", U"ar", U"or", U"na",
                                                          U"a",  U"e",  U"s",  U"t",  U"de", U"te", U"ts", U"ns"};

// Every character that may be, or may stand for, å/ä/ö becomes '*': two
// words can only match when their masks are equal.
std::u32string mask(std::u32string_view w) {
  std::u32string m(w);
  for (char32_t& c : m)
    if (c == kAa || c == kAe || c == kOe || c == kE || c == 'a' || c == 'i' || c == 'd' || c == 'o' || c == '6' ||
        c == '&')
      c = '*';
  return m;
}

struct Index {
  std::unordered_multimap<std::u32string, std::u32string> inflected;  // mask of word+ending → word+ending
  std::unordered_multimap<std::u32string, std::u32string> bare;       // mask of word → word (len >= 5)
};

const Index& index() {
  static const Index idx = [] {
    Index i;
    for (std::string_view s : kWords) {
      std::u32string w = decode(s);
      for (std::u32string_view end : kEndings) {
        if (!end.empty() && w.size() < 4) continue;  // "än"+"te" is not "inte"
        std::u32string full = w + std::u32string(end);
        i.inflected.emplace(mask(full), full);
      }
      if (w.size() >= 5) i.bare.emplace(mask(w), w);
    }
    return i;
  }();
  return idx;
}

bool matches(std::u32string_view token, std::u32string_view word) {
  if (token.size() != word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i)
    if (!stands_for(token[i], word[i])) return false;
  return true;
}

// Plain words that would otherwise read as a mangled one ("har" is not "här").
constexpr std::u32string_view kPlain[] = {U"har", U"var", U"val", U"lag", U"satt", U"mal", U"sa", U"ar", U"bor",
                                          U"alla", U"hall", U"bada", U"fore", U"ratt", U"mota", U"vag", U"tank",
                                          U"later", U"men", U"den", U"det", U"de", U"en", U"ett", U"dar", U"inte", U"valen",
                                          U"vara", U"saker", U"sakra", U"ater", U"hander", U"halsa", U"tanka", U"far"};

// The repaired word when exactly one dictionary reading fits.
std::optional<std::u32string> repair_word(const std::u32string& token) {
  for (std::u32string_view p : kPlain)
    if (token == p) return std::nullopt;
  // Two-letter words are mostly plain ("in", "om", "av"); only the few that
  // cannot be Swedish without their ring are repaired.
  if (token.size() == 2 && token != U"pa" && token != U"da" && token != U"fa" && token != U"ga" &&
      token.find_first_of(U"\u00e96&") == std::u32string::npos)
    return std::nullopt;
  const Index& idx = index();
  std::optional<std::u32string> found;
  bool ambiguous = false;
  auto offer = [&](std::u32string candidate) {
    if (candidate == token) return;
    if (found && *found != candidate) ambiguous = true;
    found = std::move(candidate);
  };
  auto lookup = [&](const std::unordered_multimap<std::u32string, std::u32string>& map, std::u32string_view part,
                    auto&& make) {
    auto [b, e] = map.equal_range(mask(part));
    for (auto it = b; it != e; ++it)
      if (matches(part, it->second)) offer(make(it->second));
  };
  // Whole words, with an inflection ending.
  lookup(idx.inflected, token, [](const std::u32string& w) { return w; });
  if (ambiguous) return std::nullopt;
  if (found) return found;
  // Compounds: a known last part after a plain head ("funktionsbrevlada"),
  // or a known first part before a plain tail.
  for (size_t pos = 3; pos + 5 <= token.size(); ++pos) {
    if (!all_plain(token, 0, pos)) break;
    std::u32string_view tail = std::u32string_view(token).substr(pos);
    lookup(idx.inflected, tail, [&](const std::u32string& w) { return token.substr(0, pos) + w; });
  }
  if (ambiguous) return std::nullopt;
  if (found) return found;
  for (size_t len = 5; len + 3 <= token.size(); ++len) {
    if (!all_plain(token, len, token.size())) continue;
    std::u32string_view head = std::u32string_view(token).substr(0, len);
    lookup(idx.bare, head, [&](const std::u32string& w) { return w + token.substr(len); });
  }
  if (ambiguous) return std::nullopt;
  return found;
}

bool is_word_char(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F) || c == '&' || c == '6';
}

bool is_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F); }

}  // namespace

bool looks_ocr_mangled(std::string_view text) {
  // A text with one real å, ä or ö is not mangled, whatever else it holds:
  // most reports answer here.
  for (size_t i = 0; i < text.size();)
    if (is_swedish_special(lower(next_code_point(text, i)))) return false;
  // Else count the marks of damage ('é' after a letter, '6' inside a word)
  // and the short words that lost their letter ("pa", "nar"), one code point
  // at a time with its neighbours, until there are three.
  static constexpr std::u32string_view kNeedy[] = {U"pa", U"ar", U"nar", U"for", U"fran", U"tva", U"sa"};
  size_t found = 0;
  char32_t word[4];
  size_t word_len = 0;  // letters of the current word (only the first four kept)
  auto flush = [&] {
    if (word_len <= 4)
      for (std::u32string_view n : kNeedy)
        if (n == std::u32string_view(word, word_len)) ++found;
    word_len = 0;
  };
  size_t i = 0;
  bool has_prev = false;
  char32_t prev = 0;
  char32_t cur = text.empty() ? 0 : next_code_point(text, i);
  for (bool has_cur = !text.empty(); has_cur;) {
    const bool has_next = i < text.size();
    const char32_t next = has_next ? next_code_point(text, i) : 0;
    const char32_t c = lower(cur);
    const bool inside = has_prev && has_next && is_letter(prev) && is_letter(next);
    if (c == kE && has_prev && is_letter(prev)) ++found;
    if (c == '6' && inside) ++found;
    if (is_letter(c)) {
      if (word_len < 4) word[word_len] = c;
      ++word_len;
    } else {
      flush();
    }
    if (found >= 3) return true;
    prev = cur;
    has_prev = true;
    cur = next;
    has_cur = has_next;
  }
  flush();
  return found >= 3;
}

std::string repair_ocr_letters(std::string_view text) {
  std::u32string s = decode(text);
  std::string out;
  out.reserve(text.size() + 16);
  size_t i = 0;
  while (i < s.size()) {
    if (!is_letter(s[i])) {
      encode(s[i], out);
      ++i;
      continue;
    }
    size_t b = i;
    while (i < s.size() && (is_word_char(s[i]) || (s[i] == '6' && i + 1 < s.size() && is_letter(s[i + 1])))) ++i;
    // A trailing '&' or '6' belongs to what follows, not to the word.
    while (i > b + 1 && (s[i - 1] == '&' || s[i - 1] == '6')) --i;
    std::u32string token;
    for (size_t k = b; k < i; ++k) token.push_back(lower(s[k]));
    std::optional<std::u32string> fixed = token.size() >= 2 && token.size() <= 40 ? repair_word(token) : std::nullopt;
    if (fixed) {
      for (size_t k = 0; k < fixed->size(); ++k) {
        char32_t orig = s[b + std::min(k, i - b - 1)];
        bool was_upper = (orig >= 'A' && orig <= 'Z') || orig == U'Å' || orig == U'Ä' || orig == U'Ö' || orig == U'É';
        encode(k == 0 && was_upper ? upper((*fixed)[k]) : (*fixed)[k], out);
      }
    } else {
      for (size_t k = b; k < i; ++k) encode(s[k], out);
    }
  }
  return out;
}

}  // namespace gdprd::parsers
