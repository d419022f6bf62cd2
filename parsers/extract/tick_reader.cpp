#include "parsers/extract/tick_reader.hpp"

#include <array>

#include "parsers/grammar/match_text.hpp"

namespace gdprd::parsers {
namespace {

struct BoxForm {
  std::string_view text;
  bool checked;
};

// Longest forms first so that "[ ]" is not read as "[".
constexpr std::array<BoxForm, 22> kBoxes = {{
    {"\xE2\x98\x92", true},   // ☒
    {"\xE2\x98\x91", true},   // ☑
    {"\xE2\x9C\x93", true},   // ✓
    {"\xE2\x9C\x94", true},   // ✔
    {"\xE2\x9C\x97", true},   // ✗
    {"\xE2\x9C\x98", true},   // ✘
    {"\xE2\x96\xA0", true},   // ■
    {"\xE2\x98\x90", false},  // ☐
    {"\xE2\x96\xA1", false},  // □
    {"\xE2\x96\xA2", false},  // ▢
    {"[X]", true},
    {"[x]", true},
    {"(X)", true},
    {"(x)", true},
    {"[ ]", false},
    {"( )", false},
    {"[]", false},
    {"()", false},
    {"[  ]", false},
    {"(  )", false},
    {"[\xE2\x9C\x93]", true},
    {"[*]", true},
}};

}  // namespace

std::optional<Tick> read_tick(std::string_view line) {
  std::string_view s = trim(line);
  while (!s.empty() && s.front() == '>') s = trim(s.substr(1));
  for (const BoxForm& box : kBoxes) {
    if (s.substr(0, box.text.size()) != box.text) continue;
    std::string_view rest = s.substr(box.text.size());
    // A box must be followed by a space or tab (or end the line), so "(x)"
    // is not taken out of "(xyz)".
    if (!rest.empty() && rest.front() != ' ' && rest.front() != '\t' &&
        static_cast<unsigned char>(box.text.front()) < 0x80)
      return std::nullopt;
    return Tick{box.checked, trim(rest)};
  }
  return std::nullopt;
}

}  // namespace gdprd::parsers
