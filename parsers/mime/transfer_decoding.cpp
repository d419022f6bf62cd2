#include "parsers/mime/transfer_decoding.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cctype>

namespace gdprd::parsers {
namespace {

constexpr std::array<signed char, 256> make_base64_table() {
  std::array<signed char, 256> t{};
  for (auto& v : t) v = -1;
  const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(alphabet[i])] = static_cast<signed char>(i);
  // base64url, seen from some web mailers
  t[static_cast<unsigned char>('-')] = 62;
  t[static_cast<unsigned char>('_')] = 63;
  return t;
}
constexpr auto kBase64 = make_base64_table();

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string lower(std::string_view s) {
  std::string out;
  for (char c : s)
    if (!std::isspace(static_cast<unsigned char>(c)) && c != '"')
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return out;
}

}  // namespace

std::string decode_base64(std::string_view in, size_t max_out, bool* truncated) {
  // Attachments are hundreds of KB of base64: decode into a buffer of the
  // largest possible output, four characters at a time where they are all
  // alphabet, and byte by byte only around line ends, padding and junk.
  std::string out(std::min(max_out, in.size() / 4 * 3 + 3), '\0');
  char* o = out.data();
  size_t n = 0;
  uint32_t acc = 0;
  int bits = 0;
  bool cut = false;
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const auto* end = p + in.size();
  while (p < end) {
    if (bits == 0 && end - p >= 4 && n + 3 <= max_out) {
      int a = kBase64[p[0]], b = kBase64[p[1]], c = kBase64[p[2]], d = kBase64[p[3]];
      if ((a | b | c | d) >= 0) {
        uint32_t v = (static_cast<uint32_t>(a) << 18) | (static_cast<uint32_t>(b) << 12) |
                     (static_cast<uint32_t>(c) << 6) | static_cast<uint32_t>(d);
        o[n] = static_cast<char>(v >> 16);
        o[n + 1] = static_cast<char>((v >> 8) & 0xFF);
        o[n + 2] = static_cast<char>(v & 0xFF);
        n += 3;
        p += 4;
        continue;
      }
    }
    unsigned char ch = *p++;
    if (ch == '=') break;
    int v = kBase64[ch];
    if (v < 0) continue;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      if (n >= max_out) {
        cut = true;
        break;
      }
      o[n++] = static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  out.resize(n);
  if (truncated) *truncated = cut;
  return out;
}

std::string decode_quoted_printable(std::string_view in, size_t max_out, bool* truncated) {
  // Pre-sized: the output is never longer than the input.
  std::string out(std::min(max_out, in.size()), '\0');
  char* o = out.data();
  size_t n = 0;
  bool cut = false;
  for (size_t i = 0; i < in.size(); ++i) {
    if (n >= max_out) {
      cut = true;
      break;
    }
    char c = in[i];
    if (c != '=') {
      o[n++] = c;
      continue;
    }
    // Soft break, possibly with trailing whitespace before the line end.
    size_t j = i + 1;
    while (j < in.size() && (in[j] == ' ' || in[j] == '\t')) ++j;
    if (j < in.size() && (in[j] == '\r' || in[j] == '\n')) {
      if (in[j] == '\r' && j + 1 < in.size() && in[j + 1] == '\n') ++j;
      i = j;
      continue;
    }
    if (j == in.size()) break;  // "=" at the very end: a soft break before EOF
    int hi = i + 1 < in.size() ? hex_value(in[i + 1]) : -1;
    int lo = i + 2 < in.size() ? hex_value(in[i + 2]) : -1;
    if (hi >= 0 && lo >= 0) {
      o[n++] = static_cast<char>(hi * 16 + lo);
      i += 2;
      continue;
    }
    o[n++] = '=';
  }
  out.resize(n);
  if (truncated) *truncated = cut;
  return out;
}

std::string decode_transfer_encoding(std::string_view in, std::string_view encoding, size_t max_out,
                                     bool* truncated) {
  std::string e = lower(encoding);
  if (e == "base64") return decode_base64(in, max_out, truncated);
  if (e == "quoted-printable") return decode_quoted_printable(in, max_out, truncated);
  if (truncated) *truncated = in.size() > max_out;
  return std::string(in.substr(0, max_out));
}

}  // namespace gdprd::parsers
