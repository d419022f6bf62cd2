#include "parsers/grammar/personnummer.hpp"

#include "core/stockholm_time.hpp"

namespace gdprd::parsers {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int num(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

bool luhn_ok(std::string_view ten) {
  int sum = 0;
  for (size_t i = 0; i < 10; ++i) {
    int d = ten[i] - '0';
    if (i % 2 == 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 == 0;
}

}  // namespace

bool is_valid_personnummer(std::string_view digits) {
  for (char c : digits)
    if (!is_digit(c)) return false;
  std::string_view ten;
  int century_year = -1;
  if (digits.size() == 12) {
    century_year = num(digits.substr(0, 4));
    if (century_year < 1850 || century_year > 2199) return false;
    ten = digits.substr(2);
  } else if (digits.size() == 10) {
    ten = digits;
  } else {
    return false;
  }
  int month = num(ten.substr(2, 2));
  int day = num(ten.substr(4, 2));
  // Organisation numbers have a "month" of 20 or more (third digit >= 2).
  if (month < 1 || month > 12) return false;
  bool coordination = day > 60;
  if (coordination) day -= 60;
  // Without the century any year is possible; 2000 is a leap year, so 29
  // February is accepted for a 10-digit number unless it cannot exist.
  int year = century_year >= 0 ? century_year : 2000 + num(ten.substr(0, 2));
  if (century_year < 0 && month == 2 && day == 29 && num(ten.substr(0, 2)) % 4 != 0) return false;
  if (day < 1 || day > gdprd::stockholm::days_in_month(year, month)) return false;
  return luhn_ok(ten);
}

std::vector<PersonnummerMatch> find_personnummer(std::string_view text) {
  std::vector<PersonnummerMatch> out;
  size_t i = 0;
  while (i < text.size()) {
    if (!is_digit(text[i]) || (i > 0 && (is_digit(text[i - 1]) || text[i - 1] == '-' || text[i - 1] == '+' ||
                                         text[i - 1] == '.' || text[i - 1] == '/'))) {
      // A candidate must start a number: not inside a digit run, a phone
      // number ("08-465 ...") or a dotted/slashed code.
      if (i > 0 && is_digit(text[i]) && (text[i - 1] == '-' || text[i - 1] == '+' || text[i - 1] == '.' ||
                                         text[i - 1] == '/')) {
        while (i < text.size() && is_digit(text[i])) ++i;
        continue;
      }
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && is_digit(text[j])) ++j;
    size_t head = j - i;
    std::string digits(text.substr(i, head));
    size_t end = j;
    if ((head == 6 || head == 8) && j < text.size() && (text[j] == '-' || text[j] == '+') && j + 5 <= text.size()) {
      bool four = true;
      for (size_t k = j + 1; k < j + 5; ++k)
        if (!is_digit(text[k])) four = false;
      bool longer = j + 5 < text.size() && is_digit(text[j + 5]);
      if (four && !longer) {
        digits += text.substr(j + 1, 4);
        end = j + 5;
      }
    }
    // A bare ten-digit run that starts with 0 is a mobile or area-code phone
    // number far more often than a person born 2000-2009.
    bool phone_like = head == 10 && digits.size() == 10 && digits[0] == '0';
    bool followed_badly =
        phone_like || (end < text.size() && (text[end] == '-' || text[end] == '/' ||
                                             (text[end] == '.' && end + 1 < text.size() && is_digit(text[end + 1]))));
    if ((digits.size() == 10 || digits.size() == 12) && !followed_badly && is_valid_personnummer(digits)) {
      PersonnummerMatch m;
      m.begin = i;
      m.end = end;
      m.coordination = std::stoi(digits.substr(digits.size() - 6, 2)) > 60;
      out.push_back(m);
    }
    i = end > j ? end : j;
  }
  return out;
}

bool contains_personnummer(std::string_view text) { return !find_personnummer(text).empty(); }

}  // namespace gdprd::parsers
