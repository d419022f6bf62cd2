#include "daemon/thread_match.hpp"

#include <cctype>

namespace gdprd::daemon {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_'; }

}  // namespace

std::optional<std::string> find_reference(std::string_view subject) {
  constexpr std::string_view prefix = "PUI-";
  for (size_t pos = subject.find(prefix); pos != std::string_view::npos;
       pos = subject.find(prefix, pos + 1)) {
    if (pos > 0 && is_word(subject[pos - 1])) continue;
    size_t i = pos + prefix.size();
    size_t year_digits = 0;
    while (i < subject.size() && is_digit(subject[i]) && year_digits < 5) ++i, ++year_digits;
    if (year_digits != 4 || i >= subject.size() || subject[i] != '-') continue;
    ++i;
    size_t seq_start = i;
    while (i < subject.size() && is_digit(subject[i]) && i - seq_start < 10) ++i;
    if (i - seq_start < 4) continue;
    if (i < subject.size() && is_word(subject[i])) continue;
    return std::string(subject.substr(pos, i - pos));
  }
  return std::nullopt;
}

}  // namespace gdprd::daemon
