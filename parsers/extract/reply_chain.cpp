#include "parsers/extract/reply_chain.hpp"

#include "parsers/grammar/match_text.hpp"
#include "parsers/grammar/time_reader.hpp"

namespace gdprd::parsers {
namespace {

// Depth of recursion into nested quoted parts; deeper history is kept as text.
constexpr int kMaxDepth = 12;

enum class Marker { none, separator, forward, header_block, wrote_line, quote };

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Header label of an Outlook/Apple header block line, folded, or empty.
std::string header_label(std::string_view line) {
  std::string f = fold(trim(line));
  if (f.size() > 0 && f[0] == '*') f.erase(0, f.find_first_not_of('*'));
  size_t colon = f.find(':');
  if (colon == std::string::npos || colon > 14) return {};
  std::string label = f.substr(0, colon);
  while (!label.empty() && label.back() == '*') label.pop_back();
  static const char* kLabels[] = {"fran", "from", "skickat", "sent", "datum", "date", "till", "to", "kopia",
                                  "cc", "amne", "subject", "bifogat", "attachments", "bifogade filer", "reply-to"};
  for (const char* l : kLabels)
    if (label == l) return label;
  return {};
}

bool is_from_label(const std::string& l) { return l == "fran" || l == "from"; }
bool is_date_label(const std::string& l) { return l == "skickat" || l == "sent" || l == "datum" || l == "date"; }

std::string_view header_value(std::string_view line) {
  size_t colon = line.find(':');
  return colon == std::string_view::npos ? std::string_view{} : trim(line.substr(colon + 1));
}

// "Den 12 juni 2026 kl. 16:05 skrev Nils Gran <...>:" / "On Tue, ... Nils wrote:",
// possibly wrapped over two lines. Returns the number of lines it spans (0 = not one).
size_t wrote_line_span(const std::vector<std::string_view>& lines, size_t i) {
  for (size_t span = 1; span <= 2 && i + span <= lines.size(); ++span) {
    std::string joined;
    for (size_t k = i; k < i + span; ++k) joined += std::string(trim(lines[k])) + " ";
    std::string f = fold(trim(joined));
    if (f.empty() || f.back() != ':') continue;
    bool sv = (starts_with(f, "den ") || starts_with(f, "on ") || starts_with(f, "mon") || starts_with(f, "tis") ||
               starts_with(f, "ons") || starts_with(f, "tor") || starts_with(f, "fre") || starts_with(f, "lor") ||
               starts_with(f, "son") || (f.size() > 4 && f[0] >= '0' && f[0] <= '9'));
    if (sv && (contains_word(f, "skrev") || contains_word(f, "wrote"))) return span;
  }
  return 0;
}

bool is_quote_line(std::string_view line) { return !line.empty() && line[0] == '>'; }

struct Boundary {
  Marker kind = Marker::none;
  size_t line = 0;
};

Boundary find_boundary(const std::vector<std::string_view>& lines) {
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string f = fold(trim(lines[i]));
    if (f.empty()) continue;
    if ((f.find("original message") != std::string::npos || f.find("ursprungligt meddelande") != std::string::npos ||
         f.find("originalmeddelande") != std::string::npos) &&
        (starts_with(f, "---") || starts_with(f, "___")))
      return {Marker::separator, i};
    if (starts_with(f, "begin forwarded message") || starts_with(f, "vidarebefordrat brev") ||
        starts_with(f, "vidarebefordrat meddelande") ||
        (starts_with(f, "---") && f.find("forwarded message") != std::string::npos))
      return {Marker::forward, i};
    std::string label = header_label(lines[i]);
    if (is_from_label(label)) {
      // A From: line followed within a few lines by Sent:/Skickat:/Date: is a header block.
      for (size_t k = i + 1; k < lines.size() && k < i + 6; ++k)
        if (is_date_label(header_label(lines[k]))) return {Marker::header_block, i};
    }
    if (wrote_line_span(lines, i)) return {Marker::wrote_line, i};
    if (is_quote_line(lines[i])) return {Marker::quote, i};
  }
  return {};
}

std::string join(const std::vector<std::string_view>& lines, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to && i < lines.size(); ++i) {
    if (i + 1 == lines.size() && lines[i].empty()) break;  // after the final newline
    out.append(lines[i]);
    out.push_back('\n');
  }
  return out;
}

void split(std::string_view body, std::optional<TimePoint> date, std::string from, std::string subject,
           bool forwarded, int depth, std::vector<MailPart>& out) {
  std::vector<std::string_view> lines = split_lines(body);
  Boundary b = depth < kMaxDepth ? find_boundary(lines) : Boundary{};
  MailPart part;
  part.date = date;
  part.from = std::move(from);
  part.subject = std::move(subject);
  part.forwarded = forwarded;
  if (b.kind == Marker::none) {
    part.text = std::string(body);
    out.push_back(std::move(part));
    return;
  }
  part.text = join(lines, 0, b.line);
  out.push_back(std::move(part));

  std::optional<TimePoint> child_date;
  std::string child_from, child_subject;
  bool child_forwarded = b.kind == Marker::forward;
  size_t i = b.line;
  if (b.kind == Marker::separator || b.kind == Marker::forward) ++i;
  if (b.kind == Marker::quote) {
    // Strip one level of quoting from the contiguous quoted block (blank lines inside it included).
    std::string inner;
    size_t k = i;
    for (; k < lines.size(); ++k) {
      std::string_view l = lines[k];
      if (is_quote_line(l)) {
        l.remove_prefix(1);
        if (!l.empty() && l[0] == ' ') l.remove_prefix(1);
        inner.append(l);
        inner.push_back('\n');
      } else if (trim(l).empty() && k + 1 < lines.size() && is_quote_line(lines[k + 1])) {
        inner.push_back('\n');
      } else {
        break;
      }
    }
    split(inner, date, "", "", false, depth + 1, out);
    return;
  }
  if (b.kind == Marker::wrote_line) {
    size_t span = wrote_line_span(lines, i);
    std::string intro;
    for (size_t k = i; k < i + span; ++k) intro += std::string(trim(lines[k])) + " ";
    child_date = read_instant(intro, date);
    std::string f = fold(intro);
    size_t w = f.find("skrev");
    if (w == std::string::npos) w = f.find("wrote");
    // "Den …, skrev Name:" has the author after the verb, "On …, Name wrote:" before it.
    if (f.find("skrev") != std::string::npos) {
      child_from = std::string(trim(std::string_view(intro).substr(w + 5)));
    } else {
      size_t comma = intro.rfind(',', w);
      child_from = std::string(trim(std::string_view(intro).substr(comma == std::string::npos ? 0 : comma + 1,
                                                                  w - (comma == std::string::npos ? 0 : comma + 1))));
    }
    while (!child_from.empty() && (child_from.back() == ':' || child_from.back() == ' ')) child_from.pop_back();
    i += span;
    // The quoted text follows, usually with "> ".
    std::string inner;
    for (size_t k = i; k < lines.size(); ++k) {
      std::string_view l = lines[k];
      if (is_quote_line(l)) {
        l.remove_prefix(1);
        if (!l.empty() && l[0] == ' ') l.remove_prefix(1);
      }
      inner.append(l);
      inner.push_back('\n');
    }
    split(inner, child_date ? child_date : date, child_from, "", false, depth + 1, out);
    return;
  }
  // Header block (after a separator/forward marker, or an Outlook block directly).
  while (i < lines.size() && trim(lines[i]).empty()) ++i;
  size_t k = i;
  for (; k < lines.size(); ++k) {
    std::string label = header_label(lines[k]);
    if (label.empty()) {
      if (trim(lines[k]).empty()) break;
      // A wrapped header value (long To: lists) continues the block.
      if (k > i && (lines[k][0] == ' ' || lines[k][0] == '\t')) continue;
      break;
    }
    std::string_view value = header_value(lines[k]);
    if (is_from_label(label)) child_from = std::string(value);
    if (is_date_label(label)) child_date = read_instant(value, date);
    if (label == "amne" || label == "subject") child_subject = std::string(value);
  }
  while (k < lines.size() && trim(lines[k]).empty() && k + 1 < lines.size()) ++k;
  std::string sf = fold(child_subject);
  if (starts_with(sf, "vb:") || starts_with(sf, "fw:") || starts_with(sf, "fwd:") || starts_with(sf, "vs:"))
    child_forwarded = true;
  split(join(lines, k, lines.size()), child_date ? child_date : date, child_from, child_subject, child_forwarded,
        depth + 1, out);
}

}  // namespace

std::vector<MailPart> split_reply_chain(std::string_view body, std::optional<TimePoint> reference) {
  std::vector<MailPart> out;
  split(body, reference, "", "", false, 0, out);
  return out;
}

}  // namespace gdprd::parsers
