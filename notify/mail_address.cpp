#include "notify/mail_address.hpp"

#include <cctype>

namespace gdprd::notify {

namespace {

bool is_atext(char c) {
  static constexpr std::string_view kExtra = "!#$%&'*+-/=?^_`{|}~";
  return std::isalnum(static_cast<unsigned char>(c)) || kExtra.find(c) != std::string_view::npos;
}

bool valid_local(std::string_view local) {
  if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.') return false;
  char prev = 0;
  for (char c : local) {
    if (c == '.' && prev == '.') return false;
    if (c != '.' && !is_atext(c)) return false;
    prev = c;
  }
  return true;
}

bool valid_domain(std::string_view domain) {
  if (domain.empty() || domain.size() > 253) return false;
  size_t labels = 0;
  size_t start = 0;
  while (start <= domain.size()) {
    size_t dot = domain.find('.', start);
    std::string_view label = domain.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (char c : label)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
    ++labels;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return labels >= 2;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Removes (comments), honouring nesting and quoted strings; quoted strings
// are dropped too (they can only be display names here).
std::string strip_comments_and_quotes(std::string_view s) {
  std::string out;
  int depth = 0;
  bool quoted = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if ((quoted || depth > 0) && c == '\\') {
      ++i;
      continue;
    }
    if (quoted) {
      if (c == '"') quoted = false;
      continue;
    }
    if (c == '(') {
      ++depth;
      continue;
    }
    if (depth > 0) {
      if (c == ')') --depth;
      continue;
    }
    if (c == '"') {
      quoted = true;
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

bool is_valid_address(std::string_view address) {
  if (address.size() > 254) return false;
  size_t at = address.rfind('@');
  if (at == std::string_view::npos) return false;
  return valid_local(address.substr(0, at)) && valid_domain(address.substr(at + 1));
}

std::optional<std::string> extract_address(std::string_view header_value) {
  if (header_value.size() > 4096) header_value = header_value.substr(0, 4096);
  std::string cleaned = strip_comments_and_quotes(header_value);
  std::string_view v = cleaned;
  std::string_view candidate;
  size_t lt = v.find('<');
  if (lt != std::string_view::npos) {
    size_t gt = v.find('>', lt);
    if (gt == std::string_view::npos) return std::nullopt;
    candidate = v.substr(lt + 1, gt - lt - 1);
  } else {
    size_t comma = v.find(',');
    candidate = v.substr(0, comma);
    // A group "Name: a@b;" keeps only its first member.
    if (size_t colon = candidate.find(':'); colon != std::string_view::npos) candidate = candidate.substr(colon + 1);
    if (size_t semi = candidate.find(';'); semi != std::string_view::npos) candidate = candidate.substr(0, semi);
  }
  candidate = trim(candidate);
  if (!is_valid_address(candidate)) return std::nullopt;
  size_t at = candidate.rfind('@');
  return std::string(candidate.substr(0, at + 1)) + lower(candidate.substr(at + 1));
}

std::string address_domain(std::string_view address) {
  if (!is_valid_address(address)) return {};
  return lower(address.substr(address.rfind('@') + 1));
}

}  // namespace gdprd::notify
