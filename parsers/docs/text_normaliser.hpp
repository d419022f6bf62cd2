// Builds the normalised lines every document reader produces (see
// document_text.hpp), so that docx, odt, pdf and html agree byte for byte on
// how whitespace, tick boxes and placeholder text come out.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gdprd::parsers {

// Glyphs the normalised text uses for a tick box.
inline constexpr std::string_view kTicked = "\u2612";    // ☒
inline constexpr std::string_view kUnticked = "\u2610";  // ☐

// True when `text` (trimmed) is only the placeholder of an empty Word/LibreOffice
// field ("Klicka här för att ange text.", "Click or tap here to enter text.", ...).
bool is_placeholder_text(std::string_view text);

// Tick state of a glyph in a symbol font ("Wingdings", "Wingdings 2") at the
// given code (0xF0xx private-use or plain byte), or nullopt when the glyph is
// not a tick box (Word's w:sym, a Wingdings run's text, Outlook HTML spans).
std::optional<bool> symbol_font_tick(std::string_view font, unsigned code);

// Tidies one line: runs of spaces/tabs become one space, or one '\t' when the
// run holds a tab between two words; trims both ends; a tick glyph (☒ ☑ ☐ ✓
// [X] [x] (x) [ ] ( )) at the start of a word becomes "☒ "/"☐ " followed by
// what comes after it; a placeholder is dropped (also per tab-separated cell).
// Bytes that are not valid UTF-8 are replaced by U+FFFD. Never throws.
std::string normalise_line(std::string_view raw);

// Accumulates paragraphs into normalised lines up to a byte budget. Once the
// budget is spent further text is dropped and `truncated()` turns true, so a
// reader can add one `limit_exceeded` warning.
class TextNormaliser {
 public:
  explicit TextNormaliser(size_t max_bytes) : max_bytes_(max_bytes) {}

  // Appends raw text to the current paragraph; '\n' inside starts a new line.
  void append(std::string_view raw);
  void tick(bool ticked);  // appends "☒ "/"☐ " to the current paragraph
  // Ends the current paragraph and writes one line of table cells joined by
  // '\t', each normalised; empty cells keep their place (a value under the
  // second column header stays in the second cell), trailing ones are dropped.
  void push_cells(const std::vector<std::string>& cells);
  // Ends the current paragraph (an empty one still gives an empty line, as
  // an empty answer keeps its place under its question).
  void end_paragraph();
  // Ends the current paragraph only when it holds something: a block
  // boundary in HTML, where nested blocks must not add empty lines.
  void break_line() {
    if (!current_.empty()) end_paragraph();
  }
  // Drops what the current paragraph holds so far (placeholder content).
  void discard_paragraph() { current_.clear(); }
  bool paragraph_empty() const { return current_.empty(); }
  bool truncated() const { return truncated_; }
  // All lines, '\n'-separated, runs of more than two empty lines collapsed.
  std::string take();

 private:
  void push_line(std::string_view raw);

  size_t max_bytes_;
  std::string current_;
  std::string out_;
  size_t empty_run_ = 0;
  bool truncated_ = false;
};

}  // namespace gdprd::parsers
