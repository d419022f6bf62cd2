// Independent decoders used by the notify tests to read back what the
// encoders wrote (a round trip through a second implementation).
#pragma once

#include <cctype>
#include <optional>
#include <string>
#include <string_view>

namespace gdprd::notify::testing {

inline std::string decode_base64(std::string_view in) {
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  int bits = 0, acc = 0;
  for (char c : in) {
    int v = val(c);
    if (v < 0) continue;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  return out;
}

inline std::string decode_qp(std::string_view in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '=' && i + 2 < in.size() + 1 && in.substr(i + 1, 2) == "\r\n") {
      i += 2;
    } else if (in[i] == '=' && i + 2 < in.size()) {
      out += static_cast<char>(std::stoi(std::string(in.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += in[i];
    }
  }
  return out;
}

// Unfolded value of the first header called name (case-sensitive), raw.
inline std::optional<std::string> raw_header(std::string_view message, std::string_view name) {
  size_t end = message.find("\r\n\r\n");
  std::string_view head = message.substr(0, end);
  size_t pos = 0;
  while (pos < head.size()) {
    size_t eol = head.find("\r\n", pos);
    if (eol == std::string_view::npos) eol = head.size();
    std::string_view line = head.substr(pos, eol - pos);
    if (line.substr(0, name.size()) == name && line.size() > name.size() && line[name.size()] == ':') {
      std::string value(line.substr(name.size() + 1));
      size_t next = eol + 2;
      while (next < head.size() && (head[next] == ' ' || head[next] == '\t')) {
        size_t e = head.find("\r\n", next);
        if (e == std::string_view::npos) e = head.size();
        value += head.substr(next, e - next);
        next = e + 2;
      }
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      return value;
    }
    pos = eol + 2;
  }
  return std::nullopt;
}

// Decodes RFC 2047 B/Q encoded words (UTF-8); whitespace between adjacent
// encoded words is dropped as RFC 2047 says.
inline std::string decode_words(std::string_view v) {
  std::string out;
  size_t i = 0;
  bool last_was_word = false;
  std::string pending_space;
  while (i < v.size()) {
    if (v.substr(i, 2) == "=?") {
      size_t q1 = v.find('?', i + 2);
      size_t q2 = q1 == std::string_view::npos ? q1 : v.find('?', q1 + 1);
      size_t end = q2 == std::string_view::npos ? q2 : v.find("?=", q2 + 1);
      if (end != std::string_view::npos) {
        char enc = static_cast<char>(std::toupper(static_cast<unsigned char>(v[q1 + 1])));
        std::string_view text = v.substr(q2 + 1, end - q2 - 1);
        if (!last_was_word) out += pending_space;
        pending_space.clear();
        out += enc == 'B' ? decode_base64(text) : decode_qp(text);
        i = end + 2;
        last_was_word = true;
        continue;
      }
    }
    if (v[i] == ' ' || v[i] == '\t') {
      pending_space += v[i];
    } else {
      out += pending_space;
      pending_space.clear();
      out += v[i];
      last_was_word = false;
    }
    ++i;
  }
  if (!last_was_word) out += pending_space;
  return out;
}

inline std::string body_of(std::string_view message) {
  size_t end = message.find("\r\n\r\n");
  return end == std::string_view::npos ? std::string() : std::string(message.substr(end + 4));
}

}  // namespace gdprd::notify::testing
