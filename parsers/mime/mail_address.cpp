#include "parsers/mime/mail_address.hpp"

#include <array>
#include <cctype>

namespace gdprd::parsers {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string normalise_address(std::string_view a) {
  a = trim(a);
  while (!a.empty() && (a.front() == '<' || a.front() == '"' || a.front() == '\'')) a.remove_prefix(1);
  while (!a.empty() && (a.back() == '>' || a.back() == '"' || a.back() == '\'' || a.back() == '.')) a.remove_suffix(1);
  if (a.substr(0, 7) == "mailto:" || a.substr(0, 7) == "MAILTO:") a.remove_prefix(7);
  size_t at = a.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= a.size()) return {};
  if (a.find_first_of(" \t<>,;\"") != std::string_view::npos) return {};
  return std::string(a.substr(0, at + 1)) + lower(a.substr(at + 1));
}

std::string clean_name(std::string_view n) {
  n = trim(n);
  std::string out;
  bool in_quote = false;
  for (size_t i = 0; i < n.size(); ++i) {
    char c = n[i];
    if (c == '"') {
      in_quote = !in_quote;
      continue;
    }
    if (c == '\\' && in_quote && i + 1 < n.size()) c = n[++i];
    out.push_back(c);
  }
  std::string_view t = trim(out);
  // "'Name'" as some clients write it
  if (t.size() >= 2 && t.front() == '\'' && t.back() == '\'') t = t.substr(1, t.size() - 2);
  return std::string(t);
}

Mailbox parse_mailbox(std::string_view entry) {
  Mailbox m;
  entry = trim(entry);
  size_t lt = std::string_view::npos;
  // The last '<' outside quotes starts the address.
  bool in_quote = false;
  for (size_t i = 0; i < entry.size(); ++i) {
    if (entry[i] == '"') in_quote = !in_quote;
    else if (entry[i] == '<' && !in_quote) lt = i;
  }
  if (lt != std::string_view::npos) {
    size_t gt = entry.find('>', lt);
    m.address = normalise_address(entry.substr(lt + 1, gt == std::string_view::npos ? std::string_view::npos : gt - lt - 1));
    m.name = clean_name(entry.substr(0, lt));
    return m;
  }
  // addr (Comment)
  std::string_view rest = entry;
  size_t lp = entry.find('(');
  if (lp != std::string_view::npos) {
    size_t rp = entry.find(')', lp);
    m.name = clean_name(entry.substr(lp + 1, rp == std::string_view::npos ? std::string_view::npos : rp - lp - 1));
    rest = entry.substr(0, lp);
  }
  // The token with '@'
  rest = trim(rest);
  size_t sp = rest.find_last_of(" \t");
  m.address = normalise_address(sp == std::string_view::npos ? rest : rest.substr(sp + 1));
  return m;
}

int month_index(std::string_view m) {
  static constexpr std::array<std::string_view, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                               "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string l = lower(m.substr(0, 3));
  for (int i = 0; i < 12; ++i)
    if (l == kMonths[i]) return i + 1;
  if (l == "maj") return 5;
  if (l == "okt") return 10;
  return 0;
}

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

std::optional<int> zone_minutes(std::string_view z) {
  if (z.empty()) return 0;
  if ((z[0] == '+' || z[0] == '-') && z.size() >= 5) {
    for (size_t i = 1; i < 5; ++i)
      if (!std::isdigit(static_cast<unsigned char>(z[i]))) return std::nullopt;
    int h = (z[1] - '0') * 10 + (z[2] - '0');
    int m = (z[3] - '0') * 10 + (z[4] - '0');
    if (h > 23 || m > 59) return std::nullopt;
    return (z[0] == '-' ? -1 : 1) * (h * 60 + m);
  }
  std::string l = lower(z);
  if (l == "gmt" || l == "ut" || l == "utc" || l == "z") return 0;
  if (l == "edt") return -4 * 60;
  if (l == "est" || l == "cdt") return -5 * 60;
  if (l == "cst" || l == "mdt") return -6 * 60;
  if (l == "mst" || l == "pdt") return -7 * 60;
  if (l == "pst") return -8 * 60;
  if (l == "cet" || l == "met" || l == "bst") return 60;
  if (l == "cest" || l == "mest" || l == "eet") return 120;
  if (l == "eest") return 180;
  return 0;  // unknown zone: RFC 5322 says treat as -0000 (UTC)
}

}  // namespace

std::vector<Mailbox> parse_address_list(std::string_view s) {
  std::vector<Mailbox> out;
  size_t begin = 0;
  bool in_quote = false;
  int angle = 0, paren = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    char c = i < s.size() ? s[i] : ',';
    if (c == '"' && paren == 0) in_quote = !in_quote;
    else if (!in_quote && c == '<') ++angle;
    else if (!in_quote && c == '>' && angle > 0) --angle;
    else if (!in_quote && c == '(') ++paren;
    else if (!in_quote && c == ')' && paren > 0) --paren;
    bool sep = (c == ',' || c == ';') && !in_quote && angle == 0 && paren == 0;
    if (i == s.size() || sep) {
      std::string_view entry = s.substr(begin, i - begin);
      // group "Name: a@b, c@d;" — drop the group label
      if (auto colon = entry.find(':'); colon != std::string_view::npos && entry.find('<') > colon &&
                                        entry.find('"') > colon && entry.find('@') > colon)
        entry.remove_prefix(colon + 1);
      Mailbox m = parse_mailbox(entry);
      if (!m.address.empty()) out.push_back(std::move(m));
      begin = i + 1;
    }
  }
  return out;
}

std::string strip_angle_brackets(std::string_view s) {
  s = trim(s);
  if (!s.empty() && s.front() == '<') s.remove_prefix(1);
  if (auto gt = s.find('>'); gt != std::string_view::npos) s = s.substr(0, gt);
  return std::string(trim(s));
}

std::vector<std::string> parse_message_ids(std::string_view s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (true) {
    size_t lt = s.find('<', pos);
    if (lt == std::string_view::npos) break;
    size_t gt = s.find('>', lt);
    if (gt == std::string_view::npos) break;
    std::string id(trim(s.substr(lt + 1, gt - lt - 1)));
    if (!id.empty()) out.push_back(std::move(id));
    pos = gt + 1;
  }
  if (out.empty()) {
    std::string bare(trim(s));
    if (!bare.empty() && bare.find_first_of(" \t") == std::string::npos) out.push_back(std::move(bare));
  }
  return out;
}

std::optional<TimePoint> parse_mail_date(std::string_view s) {
  // Tokenise on spaces and commas; then pick day, month, year, time, zone.
  std::vector<std::string_view> tok;
  size_t i = 0;
  while (i < s.size() && tok.size() < 12) {
    while (i < s.size() && (std::isspace(static_cast<unsigned char>(s[i])) || s[i] == ',')) ++i;
    size_t b = i;
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i])) && s[i] != ',' && s[i] != '(') ++i;
    if (i > b) tok.push_back(s.substr(b, i - b));
    if (i < s.size() && s[i] == '(') break;  // a trailing comment
  }
  int day = 0, month = 0, year = -1, hh = -1, mm = 0, ss = 0;
  std::optional<int> zone;
  auto all_digits = [](std::string_view t) {
    if (t.empty()) return false;
    for (char c : t)
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
  };
  for (std::string_view t : tok) {
    if (t.find(':') != std::string_view::npos && hh < 0) {
      int parts[3] = {-1, 0, 0};
      int n = 0;
      size_t p = 0;
      while (n < 3 && p <= t.size()) {
        size_t c = t.find(':', p);
        std::string_view num = t.substr(p, c == std::string_view::npos ? std::string_view::npos : c - p);
        if (!all_digits(num) || num.size() > 2) return std::nullopt;
        parts[n++] = std::stoi(std::string(num));
        if (c == std::string_view::npos) break;
        p = c + 1;
      }
      hh = parts[0], mm = parts[1], ss = parts[2];
    } else if (all_digits(t) && t.size() <= 2 && day == 0 && month == 0) {
      day = std::stoi(std::string(t));
    } else if (all_digits(t) && t.size() <= 2 && day == 0) {
      day = std::stoi(std::string(t));
    } else if (all_digits(t) && t.size() <= 4 && year < 0 && (month != 0 || day != 0)) {
      year = std::stoi(std::string(t));
      if (t.size() <= 2) year += year < 50 ? 2000 : 1900;
    } else if (month == 0 && month_index(t) != 0 && t.size() >= 3) {
      month = month_index(t);
    } else if (hh >= 0 && !zone) {
      zone = zone_minutes(t);
    }
  }
  // TimePoint counts nanoseconds in 64 bits: it ends in April 2262. A later
  // year (fuzzing found "Date: Tue, 28 Apr 4052") overflowed the conversion;
  // no real mail is dated after 2200.
  if (day < 1 || day > 31 || month == 0 || year < 1900 || year > 2200 || hh < 0 || hh > 23 || mm > 59 || ss > 60)
    return std::nullopt;
  int64_t secs = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
                 hh * 3600 + mm * 60 + std::min(ss, 59) - zone.value_or(0) * 60;
  return TimePoint(std::chrono::seconds(secs));
}

}  // namespace gdprd::parsers
