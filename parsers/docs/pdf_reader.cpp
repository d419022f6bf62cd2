#include "parsers/docs/pdf_reader.hpp"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <algorithm>
#include <climits>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/vocabulary.hpp"
#include "parsers/docs/text_normaliser.hpp"

namespace gdprd::parsers {
namespace {

// Smallest document poppler opens (it rebuilds the missing xref table).
constexpr char kEmptyPdf[] =
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    "trailer<</Root 1 0 R>>\n%%EOF\n";

void prepare_poppler() {
  static std::once_flag once;
  std::call_once(once, [] {
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
    // poppler builds its GlobalParams (font and CMap tables, directory scans)
    // when the first document opens and frees them when the last one closes:
    // a fifth of each PDF's reading time. One empty document held open for
    // the life of the process keeps them. It reads no input and holds no
    // state that a later document could see. Never deleted: poppler's own
    // globals may be gone by the time static destructors would run.
    [[maybe_unused]] static poppler::document* keep_alive =
        poppler::document::load_from_raw_data(kEmptyPdf, static_cast<int>(sizeof kEmptyPdf - 1));
    // page text comes as UTF-16 and is converted with iconv: both directions once.
    (void)poppler::ustring::from_utf8("\xc3\xa4").to_utf8();
  });
}

struct Cell {
  size_t col = 0;  // start column in code points
  std::string text;
};

struct Line {
  std::vector<Cell> cells;  // empty: a blank line
  size_t end_col = 0;
};

size_t cp_len(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

// Splits one layout line into cells at gaps of three or more spaces.
Line split_cells(std::string_view raw) {
  Line line;
  size_t col = 0, i = 0;
  std::string cur;
  size_t cur_col = 0, spaces = 0;
  auto flush = [&] {
    if (!cur.empty()) line.cells.push_back({cur_col, cur});
    cur.clear();
  };
  while (i < raw.size()) {
    const unsigned char c = static_cast<unsigned char>(raw[i]);
    size_t len = 1;
    if (c >= 0xF0) len = 4;
    else if (c >= 0xE0) len = 3;
    else if (c >= 0xC0) len = 2;
    len = std::min(len, raw.size() - i);
    if (c == ' ' || c == '\t') {
      ++spaces;
    } else {
      if (!cur.empty() && spaces >= 3) flush();
      else if (!cur.empty() && spaces > 0) cur += ' ';
      if (cur.empty()) cur_col = col;
      spaces = 0;
      cur.append(raw.substr(i, len));
      line.end_col = col + 1;
    }
    ++col;
    i += len;
  }
  flush();
  return line;
}

// Key that identifies a running header/footer: text without digits/spaces.
std::string running_key(const Line& l) {
  std::string k;
  for (const auto& c : l.cells)
    for (char ch : c.text)
      if (!(ch >= '0' && ch <= '9') && ch != ' ') k += ch;
  return k;
}

bool starts_new_item(std::string_view s) {
  for (std::string_view g : {"\u2610", "\u2612", "\u2611", "\u2022", "\u25CF", "[", "(", "-", "\u2013"})
    if (s.substr(0, g.size()) == g) return true;
  size_t d = 0;
  while (d < s.size() && s[d] >= '0' && s[d] <= '9') ++d;
  return d > 0 && d <= 3 && d < s.size() && (s[d] == '.' || s[d] == ')');
}

size_t first_word_len(std::string_view s) {
  const size_t sp = s.find(' ');
  return cp_len(s.substr(0, sp == std::string_view::npos ? s.size() : sp));
}

// Joins line b onto paragraph line a when a was wrapped at the right margin.
bool continues(const Line& a, const Line& b, size_t margin) {
  if (a.cells.size() != 1 || b.cells.size() != 1) return false;
  const std::string& at = a.cells[0].text;
  const std::string& bt = b.cells[0].text;
  if (at.empty() || bt.empty()) return false;
  const size_t ia = a.cells[0].col, ib = b.cells[0].col;
  if ((ia > ib ? ia - ib : ib - ia) > 1) return false;
  const char last = at.back();
  if (last == '.' || last == '?' || last == ':' || last == '!') return false;
  if (starts_new_item(bt)) return false;
  // Would the first word of b have fitted on a's line? Then a was not wrapped.
  return (a.end_col + 1 + first_word_len(bt)) * 4 >= margin * 3 && a.end_col * 5 >= margin * 3;
}

std::vector<Line> page_lines(poppler::page& page) {
  const poppler::byte_array utf8 = page.text(poppler::rectf(), poppler::page::physical_layout).to_utf8();
  std::string_view all(utf8.data(), utf8.size());
  std::vector<Line> lines;
  size_t start = 0;
  while (start <= all.size()) {
    size_t nl = all.find_first_of("\n\f", start);
    if (nl == std::string_view::npos) nl = all.size();
    std::string_view raw = all.substr(start, nl - start);
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    lines.push_back(split_cells(raw));
    start = nl + 1;
  }
  return lines;
}

void drop_running_lines(std::vector<std::vector<Line>>& pages) {
  if (pages.size() < 2) return;
  std::map<std::string, size_t> seen;
  auto edges = [](std::vector<Line>& p) {
    std::vector<Line*> e;
    size_t content = 0;
    for (const auto& l : p) content += l.cells.empty() ? 0 : 1;
    if (content < 2) return e;  // a page's only line is content, not a footer
    for (auto& l : p)
      if (!l.cells.empty()) {
        e.push_back(&l);
        break;
      }
    for (auto it = p.rbegin(); it != p.rend(); ++it)
      if (!it->cells.empty()) {
        if (e.empty() || e.back() != &*it) e.push_back(&*it);
        break;
      }
    return e;
  };
  for (auto& p : pages)
    for (Line* l : edges(p)) ++seen[running_key(*l)];
  for (auto& p : pages)
    for (Line* l : edges(p))
      if (seen[running_key(*l)] >= 2 && !running_key(*l).empty()) l->cells.clear();
}

// Maps a cell to the index of the header column it sits under.
size_t column_of(const Line& header, size_t col) {
  size_t k = 0;
  for (size_t i = 0; i < header.cells.size(); ++i)
    if (header.cells[i].col <= col + 2) k = i;
  return k;
}

size_t cell_end(const Cell& c) { return c.col + cp_len(c.text); }

// Index of the cell of `row` starting at `col` (within 2 columns), or npos.
size_t aligned_cell(const Line& row, size_t col) {
  for (size_t i = 0; i < row.cells.size(); ++i) {
    const size_t c = row.cells[i].col;
    if ((c > col ? c - col : col - c) <= 2) return i;
  }
  return std::string::npos;
}

// A two-column form (question left, answer right) wraps each side within its
// column: the printed rows "q1 | a1", "q2 | " are one row "q1 q2 | a1". Row b
// continues row a when its cells sit in a's columns and, in a column where
// both have text, a's text ran up to the column's right edge without ending
// a sentence. Header/value grids ("Datum | Tid", "2026-01-20 | 10:48") have
// short cells and are left alone.
void merge_wrapped_rows(std::vector<Line>& lines, size_t page_right) {
  std::vector<Line> out;
  for (auto& l : lines) {
    if (!out.empty() && out.back().cells.size() >= 2 && !l.cells.empty()) {
      Line& a = out.back();
      bool aligned = true, wrapped = false;
      for (const auto& c : l.cells) {
        const size_t k = aligned_cell(a, c.col);
        if (k == std::string::npos) {
          aligned = false;
          break;
        }
        const Cell& ac = a.cells[k];
        const size_t right = k + 1 < a.cells.size() ? a.cells[k + 1].col - 3 : page_right;
        const char last = ac.text.empty() ? '.' : ac.text.back();
        const size_t width = right > ac.col ? right - ac.col : 0;
        const size_t used = cell_end(ac) - ac.col;
        const bool full = width > 0 && used * 5 >= width * 3 && (used + 1 + first_word_len(c.text)) * 5 >= width * 4;
        if (full && last != '.' && last != '?' && last != ':' && !starts_new_item(c.text)) wrapped = true;
      }
      if (aligned && wrapped) {
        for (const auto& c : l.cells) {
          Cell& ac = a.cells[aligned_cell(a, c.col)];
          ac.text += ' ';
          ac.text += c.text;
        }
        continue;
      }
    }
    out.push_back(std::move(l));
  }
  lines = std::move(out);
}

void emit(std::vector<std::vector<Line>>& pages, TextNormaliser& out) {
  // The right margin is the document's, not the page's: a short last page
  // must not make every line look full.
  // Measured on single-text lines: footers and column rows may run wider.
  size_t right = 0, widest = 0;
  for (const auto& page : pages)
    for (const auto& l : page) {
      widest = std::max(widest, l.end_col);
      if (l.cells.size() == 1) right = std::max(right, l.end_col);
    }
  if (right == 0) right = widest;
  for (auto& page : pages) merge_wrapped_rows(page, right);
  const Line* header = nullptr;  // the last multi-cell line
  for (const auto& page : pages) {
    const size_t margin = right;
    const Line* prev = nullptr;
    std::string para;
    for (const auto& l : page) {
      if (l.cells.empty()) {
        if (!para.empty()) out.append(para), out.end_paragraph(), para.clear();
        out.end_paragraph();
        header = nullptr;
        prev = nullptr;
        continue;
      }
      if (prev != nullptr && !para.empty() && continues(*prev, l, margin)) {
        para += ' ';
        para += l.cells[0].text;
        prev = &l;
        continue;
      }
      if (!para.empty()) out.append(para), out.end_paragraph(), para.clear();
      if (l.cells.size() == 1 && (header == nullptr || l.cells[0].col < header->cells[1].col - 2)) {
        para = l.cells[0].text;
        header = nullptr;
      } else {
        // Columns: keep each cell under its header column.
        std::vector<std::string> cells;
        for (const auto& c : l.cells) {
          size_t k = header != nullptr ? column_of(*header, c.col) : cells.size();
          if (k < cells.size()) k = cells.size();
          cells.resize(k);
          cells.push_back(c.text);
        }
        out.push_cells(cells);
        if (l.cells.size() >= 2) header = &l;
      }
      prev = &l;
    }
    if (!para.empty()) out.append(para), out.end_paragraph();
    out.end_paragraph();  // a page ends a paragraph
    header = nullptr;
  }
}

DocumentText read_pdf_impl(std::string_view bytes, const Limits& limits) {
  DocumentText result;
  auto warn = [&](std::string_view code, std::string msg) { result.warnings.push_back({std::string(code), std::move(msg)}); };
  if (bytes.size() > limits.max_pdf_bytes || bytes.size() > static_cast<size_t>(INT_MAX)) {
    warn(vocab::kLimitExceeded, "PDF larger than max_pdf_bytes");
    return result;
  }
  if (bytes.size() < 5 || bytes.find("%PDF") == std::string_view::npos) {
    warn(vocab::kUnreadableAttachment, "not a PDF");
    return result;
  }
  prepare_poppler();
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) {
    warn(vocab::kUnreadableAttachment, "PDF corrupt, truncated or password-protected");
    return result;
  }
  if (doc->is_locked()) {
    warn(vocab::kUnreadableAttachment, "PDF is password-protected");
    return result;
  }
  int n = doc->pages();
  if (n < 0) n = 0;
  if (static_cast<size_t>(n) > limits.max_pdf_pages) {
    warn(vocab::kLimitExceeded, "PDF has more than max_pdf_pages pages; the rest is not read");
    n = static_cast<int>(limits.max_pdf_pages);
  }
  std::vector<std::vector<Line>> pages;
  size_t bytes_read = 0;
  for (int i = 0; i < n && bytes_read <= limits.max_text_bytes; ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) continue;
    pages.push_back(page_lines(*page));
    for (const auto& l : pages.back())
      for (const auto& c : l.cells) bytes_read += c.text.size();
  }
  drop_running_lines(pages);
  TextNormaliser out(limits.max_text_bytes);
  emit(pages, out);
  result.text = out.take();
  result.ok = true;
  if (out.truncated() || bytes_read > limits.max_text_bytes)
    warn(vocab::kLimitExceeded, "PDF text longer than max_text_bytes");
  if (result.text.empty() && n > 0) warn(vocab::kUnreadableAttachment, "PDF has no text layer (scanned?)");
  return result;
}

}  // namespace

DocumentText read_pdf(std::string_view bytes, const Limits& limits) {
  try {
    return read_pdf_impl(bytes, limits);
  } catch (const std::exception& e) {
    DocumentText r;
    r.warnings.push_back({std::string(vocab::kUnreadableAttachment), std::string("PDF reader failed: ") + e.what()});
    return r;
  }
}

void prepare_pdf_reading() { prepare_poppler(); }

}  // namespace gdprd::parsers
