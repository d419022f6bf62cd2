// Fuzz target for the text layer: charset decoding, UTF-8 repair, mojibake
// repair and format=flowed. The input's first line (up to 40 bytes) is the
// charset label as a mail would write it, the rest the body bytes. The
// contract charset.hpp states is checked with a validator of its own here:
// every result is well-formed UTF-8, and repair leaves valid UTF-8 alone.
// Under GCC it is a corpus replayer run by ctest.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "parsers/text/charset.hpp"
#include "parsers/text/flowed.hpp"
#include "parsers/text/mojibake.hpp"

namespace {

// Strict UTF-8 (RFC 3629): no overlongs, no surrogates, nothing above U+10FFFF.
bool well_formed_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    size_t len = 0;
    char32_t cp = 0;
    if (b < 0x80) { ++i; continue; }
    if (b >= 0xC2 && b <= 0xDF) len = 2, cp = b & 0x1F;
    else if (b >= 0xE0 && b <= 0xEF) len = 3, cp = b & 0x0F;
    else if (b >= 0xF0 && b <= 0xF4) len = 4, cp = b & 0x07;
    else return false;
    if (i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (c & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gdprd::parsers;
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const size_t nl = in.substr(0, 41).find('\n');
  const std::string_view label = nl == std::string_view::npos ? std::string_view{} : in.substr(0, nl);
  const std::string_view body = nl == std::string_view::npos ? in : in.substr(nl + 1);

  const std::string decoded = decode_to_utf8(body, label);
  if (!well_formed_utf8(decoded)) __builtin_trap();
  if (is_utf8(body) != well_formed_utf8(body)) __builtin_trap();

  const std::string repaired = repair_utf8(body);
  if (!well_formed_utf8(repaired)) __builtin_trap();
  if (well_formed_utf8(body) && repaired != body) __builtin_trap();

  if (!well_formed_utf8(repair_cp1252_mojibake(repaired))) __builtin_trap();
  (void)unflow(repaired, !body.empty() && (body[0] & 1));
  return 0;
}
