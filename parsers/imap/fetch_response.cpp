#include "parsers/imap/fetch_response.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <optional>

namespace gdprd::parsers {
namespace {

enum class Kind { open, close, atom, quoted, literal };

struct Token {
  Kind kind = Kind::atom;
  std::string text;  // atom or unquoted string
  size_t piece = 0;  // literal: index into the response's pieces
};

bool is_atom_char(char c) {
  return c != ' ' && c != '(' && c != ')' && c != '"' && c != '{' && static_cast<unsigned char>(c) > 0x1f &&
         c != 0x7f;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x >= 'a' && x <= 'z' ? x - 32 : x) == (y >= 'a' && y <= 'z' ? y - 32 : y);
         });
}

std::optional<int64_t> number(std::string_view s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < 0) return std::nullopt;
  return v;
}

// The size announced by a trailing "{n}" or "{n+}", and where the marker starts.
std::optional<std::pair<uint64_t, size_t>> literal_marker(std::string_view line) {
  if (line.empty() || line.back() != '}') return std::nullopt;
  auto open = line.rfind('{');
  if (open == std::string_view::npos) return std::nullopt;
  std::string_view digits = line.substr(open + 1, line.size() - open - 2);
  if (!digits.empty() && digits.back() == '+') digits.remove_suffix(1);
  if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  uint64_t n = 0;
  auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec == std::errc::result_out_of_range) n = UINT64_MAX;  // above every limit
  return std::make_pair(n, open);
}

// Tokens of one text piece (a line without CRLF and without its literal marker).
void tokenize(std::string_view s, std::vector<Token>& out) {
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == ' ') {
      ++i;
    } else if (c == '(') {
      out.push_back({Kind::open, {}, 0});
      ++i;
    } else if (c == ')') {
      out.push_back({Kind::close, {}, 0});
      ++i;
    } else if (c == '"') {
      std::string text;
      ++i;
      while (i < s.size() && s[i] != '"') {
        if (s[i] == '\\' && i + 1 < s.size()) ++i;
        text.push_back(s[i++]);
      }
      ++i;  // the closing quote (or past the end when it is missing)
      out.push_back({Kind::quoted, std::move(text), 0});
    } else {
      // An atom; a section "[...]" belongs to it with whatever it contains
      // (BODY[HEADER.FIELDS (FROM)]).
      size_t start = i;
      while (i < s.size() && (is_atom_char(s[i]) || s[i] == '[')) {
        if (s[i] == '[') {
          auto close = s.find(']', i);
          i = close == std::string_view::npos ? s.size() : close + 1;
        } else {
          ++i;
        }
      }
      if (i == start) ++i;  // a stray character ("{" without a literal): skipped
      else out.push_back({Kind::atom, std::string(s.substr(start, i - start)), 0});
    }
  }
}

}  // namespace

FetchResponseSplitter::FetchResponseSplitter(std::string tag, FetchResponseLimits limits)
    : tag_(std::move(tag)), limits_(limits) {}

bool FetchResponseSplitter::fail(std::string why) {
  if (error_.empty()) error_ = std::move(why);
  pieces_.clear();
  line_.clear();
  return false;
}

bool FetchResponseSplitter::feed(std::string_view bytes) {
  if (failed()) return false;
  while (!bytes.empty()) {
    if (finished_) return fail("data after the tagged response");
    if (literal_left_ > 0) {
      size_t n = std::min(literal_left_, bytes.size());
      pieces_.back().data.append(bytes.data(), n);
      literal_left_ -= n;
      bytes.remove_prefix(n);
      continue;
    }
    const void* nl = std::memchr(bytes.data(), '\n', bytes.size());
    size_t take = nl ? static_cast<size_t>(static_cast<const char*>(nl) - bytes.data()) : bytes.size();
    if (line_.size() + take > limits_.max_line_bytes) return fail("a response line is longer than the limit");
    line_.append(bytes.data(), take);
    bytes.remove_prefix(take);
    if (!nl) break;
    bytes.remove_prefix(1);  // the LF
    if (!line_.empty() && line_.back() == '\r') line_.pop_back();
    if (!end_of_line()) return false;
  }
  return true;
}

bool FetchResponseSplitter::end_of_line() {
  response_bytes_ += line_.size() + 2;
  if (response_bytes_ > limits_.max_response_bytes) return fail("a response is larger than the limit");
  auto marker = literal_marker(line_);
  pieces_.push_back({false, std::move(line_)});
  line_.clear();
  if (!marker) {
    finish_response();
    return !failed();
  }
  if (marker->first > limits_.max_literal_bytes) return fail("a literal is larger than the limit");
  if (marker->first > limits_.max_response_bytes - response_bytes_)
    return fail("a response is larger than the limit");
  pieces_.back().data.resize(marker->second);  // the marker is not text
  response_bytes_ += marker->first;
  literal_left_ = marker->first;
  Piece literal{true, {}};
  literal.data.reserve(marker->first);  // bounded by the limits just checked
  pieces_.push_back(std::move(literal));
  return true;
}

void FetchResponseSplitter::finish_response() {
  std::vector<Piece> pieces = std::move(pieces_);
  pieces_.clear();
  response_bytes_ = 0;
  const std::string& first = pieces.front().data;
  if (first.size() > tag_.size() && first.compare(0, tag_.size(), tag_) == 0 && first[tag_.size()] == ' ') {
    std::string_view rest = std::string_view(first).substr(tag_.size() + 1);
    auto space = rest.find(' ');
    status_ = std::string(rest.substr(0, space));
    status_text_ = space == std::string_view::npos ? "" : std::string(rest.substr(space + 1));
    finished_ = true;
    return;
  }
  if (first.rfind("* ", 0) == 0) parse_fetch(pieces);
  // Anything else (EXISTS, OK, a continuation) carries no message.
}

bool FetchResponseSplitter::parse_fetch(std::vector<Piece>& pieces) {
  std::vector<Token> tokens;
  for (size_t i = 0; i < pieces.size(); ++i) {
    if (pieces[i].literal)
      tokens.push_back({Kind::literal, {}, i});
    else
      tokenize(pieces[i].data, tokens);
  }
  if (tokens.size() < 4 || tokens[0].kind != Kind::atom || tokens[0].text != "*" || !number(tokens[1].text) ||
      !iequals(tokens[2].text, "FETCH") || tokens[3].kind != Kind::open)
    return false;  // not a FETCH response
  std::optional<int64_t> uid;
  std::optional<std::string> body;
  size_t i = 4;
  while (i < tokens.size() && tokens[i].kind != Kind::close) {
    const Token& name = tokens[i++];
    if (i >= tokens.size()) break;
    if (tokens[i].kind == Kind::open) {  // a list value (FLAGS, BODYSTRUCTURE): skipped
      int depth = 0;
      do {
        if (tokens[i].kind == Kind::open) ++depth;
        if (tokens[i].kind == Kind::close) --depth;
        ++i;
      } while (i < tokens.size() && depth > 0);
      continue;
    }
    Token& value = tokens[i++];
    if (name.kind != Kind::atom) continue;
    if (iequals(name.text, "UID")) {
      uid = number(value.text);
      if (!uid || *uid == 0) return fail("a FETCH response with an invalid UID");
    } else if (iequals(name.text, "BODY[]")) {
      if (value.kind == Kind::literal)
        body = std::move(pieces[value.piece].data);
      else if (value.kind == Kind::quoted)
        body = std::move(value.text);
      // NIL: the server has no body for it; no message.
    }
  }
  if (!body) return true;
  if (!uid) return fail("a FETCH response with BODY[] but no UID");
  done_.push_back({*uid, std::move(*body)});
  return true;
}

std::vector<FetchedMessage> FetchResponseSplitter::take_messages() {
  std::vector<FetchedMessage> out = std::move(done_);
  done_.clear();
  return out;
}

}  // namespace gdprd::parsers
