#include "parsers/imap/imap_response_reader.hpp"

#include <algorithm>

namespace gdprd::parsers {
namespace {

char upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

std::string upper(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) { return upper(c); });
  return out;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// RFC 3501 tag: ASTRING-CHAR except "+" (atom-specials and CTL excluded).
bool is_tag_char(char c) {
  auto u = static_cast<unsigned char>(c);
  if (u <= 0x20 || u >= 0x7f) return false;
  return std::string_view("(){%*\"\\+").find(c) == std::string_view::npos;
}

// Response keywords (OK, EXISTS, CAPABILITY, X-EXTENSION...) are atoms; we
// accept the letters, digits and punctuation real servers use in them.
bool is_keyword_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || is_digit(c) || c == '-' || c == '_' ||
         c == '.';
}

// Splits off the first space-separated token.
std::string_view take_token(std::string_view& s) {
  size_t sp = s.find(' ');
  std::string_view token = s.substr(0, sp);
  s = sp == std::string_view::npos ? std::string_view() : s.substr(sp + 1);
  return token;
}

std::vector<std::string> split_capabilities(std::string_view s) {
  std::vector<std::string> out;
  while (!s.empty()) {
    std::string_view token = take_token(s);
    if (!token.empty()) out.push_back(upper(token));
  }
  return out;
}

// The declared size of a literal that ends LINE (`{12}`, `{12+}`, `~{12}`),
// or nullopt when the line does not end in one. `bad` is set when it ends in
// something literal-like that is not a valid size.
std::optional<uint64_t> trailing_literal(std::string_view line, bool& bad) {
  bad = false;
  if (line.empty() || line.back() != '}') return std::nullopt;
  size_t open = line.rfind('{');
  if (open == std::string_view::npos) return std::nullopt;
  std::string_view inside = line.substr(open + 1, line.size() - open - 2);
  if (!inside.empty() && inside.back() == '+') inside.remove_suffix(1);
  if (inside.empty() || !std::all_of(inside.begin(), inside.end(), is_digit)) return std::nullopt;
  if (inside.size() > 19) {  // cannot fit; no limit is that large anyway
    bad = true;
    return std::nullopt;
  }
  uint64_t n = 0;
  for (char c : inside) n = n * 10 + static_cast<uint64_t>(c - '0');
  return n;
}

}  // namespace

bool ImapResponse::has_capability(std::string_view name) const {
  return std::find(capabilities.begin(), capabilities.end(), name) != capabilities.end();
}

ImapResponseReader::ImapResponseReader(ImapReaderLimits limits) : limits_(limits) {}

void ImapResponseReader::fail(std::string why) {
  if (error_.empty()) error_ = std::move(why);
  line_.clear();
  line_.shrink_to_fit();
  text_.clear();
  text_.shrink_to_fit();
  literal_left_ = 0;
}

std::vector<ImapResponse> ImapResponseReader::feed(std::string_view bytes) {
  std::vector<ImapResponse> out;
  while (!bytes.empty() && !failed()) {
    if (literal_left_ > 0) {
      size_t skip = static_cast<size_t>(std::min<uint64_t>(literal_left_, bytes.size()));
      literal_left_ -= skip;
      bytes.remove_prefix(skip);
      continue;
    }
    size_t lf = bytes.find('\n');
    std::string_view chunk = bytes.substr(0, lf);
    if (line_.size() + chunk.size() > limits_.max_line_bytes) {
      fail("line longer than " + std::to_string(limits_.max_line_bytes) + " bytes");
      break;
    }
    if (text_.size() + line_.size() + chunk.size() > limits_.max_response_bytes) {
      fail("response longer than " + std::to_string(limits_.max_response_bytes) + " bytes");
      break;
    }
    line_.append(chunk);
    if (lf == std::string_view::npos) break;
    bytes.remove_prefix(lf + 1);
    end_of_line(out);
  }
  return out;
}

void ImapResponseReader::end_of_line(std::vector<ImapResponse>& out) {
  if (!line_.empty() && line_.back() == '\r') line_.pop_back();
  if (line_.find('\0') != std::string::npos) return fail("NUL byte outside a literal");
  bool bad = false;
  std::optional<uint64_t> literal = trailing_literal(line_, bad);
  if (bad) return fail("literal size out of range");
  text_ += line_;
  line_.clear();
  if (literal) {
    if (*literal > limits_.max_literal_bytes) {
      return fail("literal of " + std::to_string(*literal) + " bytes exceeds the limit of " +
                  std::to_string(limits_.max_literal_bytes));
    }
    if (++literals_ > limits_.max_literals_per_response) return fail("too many literals in one response");
    literal_left_ = *literal;
    return;
  }
  std::optional<ImapResponse> response = parse(text_);
  text_.clear();
  literals_ = 0;
  if (!response) return;  // parse() has failed the reader
  out.push_back(std::move(*response));
}

std::optional<ImapResponse> ImapResponseReader::parse(std::string_view s) {
  ImapResponse r;
  if (s.empty()) {
    fail("empty response line");
    return std::nullopt;
  }
  if (s[0] == '+') {
    r.kind = ImapResponse::Kind::continuation;
    s.remove_prefix(1);
    if (!s.empty() && s[0] == ' ') s.remove_prefix(1);
    r.text = std::string(s);
    return r;
  }
  std::string_view first = take_token(s);
  if (first == "*") {
    r.kind = ImapResponse::Kind::untagged;
    if (!s.empty() && is_digit(s[0])) {
      std::string_view digits = take_token(s);
      if (!std::all_of(digits.begin(), digits.end(), is_digit) || digits.size() > 10) {
        fail("malformed message number");
        return std::nullopt;
      }
      uint64_t n = 0;
      for (char c : digits) n = n * 10 + static_cast<uint64_t>(c - '0');
      if (n > UINT32_MAX) {
        fail("message number out of range");
        return std::nullopt;
      }
      r.number = static_cast<uint32_t>(n);
    }
  } else {
    if (first.empty() || !std::all_of(first.begin(), first.end(), is_tag_char)) {
      fail("malformed tag");
      return std::nullopt;
    }
    r.kind = ImapResponse::Kind::tagged;
    r.tag = std::string(first);
  }
  std::string_view keyword = take_token(s);
  if (keyword.empty() || !std::all_of(keyword.begin(), keyword.end(), is_keyword_char)) {
    fail("malformed response keyword");
    return std::nullopt;
  }
  r.keyword = upper(keyword);
  if (r.kind == ImapResponse::Kind::tagged && r.keyword != "OK" && r.keyword != "NO" &&
      r.keyword != "BAD") {
    fail("tagged response is not OK, NO or BAD");
    return std::nullopt;
  }
  if (r.number && r.is_status()) {
    fail("status response with a message number");
    return std::nullopt;
  }
  if (r.is_status()) {
    if (!s.empty() && s[0] == '[') {
      size_t close = s.find(']');
      if (close == std::string_view::npos) {
        fail("response code without ']'");
        return std::nullopt;
      }
      std::string_view code = s.substr(1, close - 1);
      std::string_view name = take_token(code);
      r.code = upper(name);
      r.code_args = std::string(code);
      s.remove_prefix(close + 1);
      if (!s.empty() && s[0] == ' ') s.remove_prefix(1);
      if (r.code == "CAPABILITY") r.capabilities = split_capabilities(r.code_args);
    }
  } else if (r.keyword == "CAPABILITY") {
    r.capabilities = split_capabilities(s);
  }
  r.text = std::string(s);
  return r;
}

}  // namespace gdprd::parsers
