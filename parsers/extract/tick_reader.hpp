// Reads one line of a form as a tick box: the normalised "☒ label" /
// "☐ label" of docs/document_text.hpp, and what people type or paste into a
// mail body: ☑ ✓ ✔ ■ [X] [x] (X) (x) for ticked, □ ▢ [ ] ( ) for unticked,
// also after "> " quoting. Pure, never throws.
#pragma once

#include <optional>
#include <string_view>

namespace gdprd::parsers {

struct Tick {
  bool checked = false;
  std::string_view label;  // the text after the box, trimmed; points into the line
};

// The tick box the line starts with, or nullopt when the line is not one.
std::optional<Tick> read_tick(std::string_view line);

}  // namespace gdprd::parsers
