// Why not mimetic: mimetic has no limits, recurses once per nesting level
// (a 4 MB mail of 60,000 nested multiparts overflows the stack), is quadratic
// on long header lines, and its base64 decoder reads out of bounds on '|'.
// This reader is a single forward pass over the lines with an explicit stack
// of open multiparts, so its cost is O(bytes x max_mime_depth) and its memory
// is bounded by the limits, whatever the input.
#include "parsers/mime/mime_reader.hpp"

#include <algorithm>
#include <cctype>

#include "core/vocabulary.hpp"
#include "parsers/mime/encoded_words.hpp"
#include "parsers/mime/transfer_decoding.hpp"

namespace gdprd::parsers {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// CRLF and CR-only line ends become LF, so the rest of the reader sees one form.
std::string normalise_line_ends(std::string_view raw) {
  // Most mail has no CR once it is off the wire: copy it whole; else copy the
  // runs between CRs rather than byte by byte.
  size_t cr = raw.find('\r');
  if (cr == std::string_view::npos) return std::string(raw);
  std::string out;
  out.reserve(raw.size());
  size_t from = 0;
  while (cr != std::string_view::npos) {
    out.append(raw.data() + from, cr - from);
    out.push_back('\n');
    from = cr + 1;
    if (from < raw.size() && raw[from] == '\n') ++from;
    cr = raw.find('\r', from);
  }
  out.append(raw.data() + from, raw.size() - from);
  return out;
}

struct Frame {
  std::string boundary;
  int entity;
};

enum class BoundaryKind { none, delimiter, close };

BoundaryKind match_boundary(std::string_view line, std::string_view boundary) {
  if (line.size() < boundary.size() + 2 || line[0] != '-' || line[1] != '-') return BoundaryKind::none;
  if (line.substr(2, boundary.size()) != boundary) return BoundaryKind::none;
  std::string_view rest = line.substr(2 + boundary.size());
  if (rest.substr(0, 2) == "--") return BoundaryKind::close;
  if (trim(rest).empty()) return BoundaryKind::delimiter;
  return BoundaryKind::none;
}

bool is_header_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 32 || u >= 127) return false;
  }
  return true;
}

class Reader {
 public:
  Reader(std::string_view raw, const Limits& limits) : limits_(limits) {
    if (raw.size() > limits.max_message_bytes) {
      warn(vocab::kLimitExceeded, "message larger than max_message_bytes; the rest was not read");
      raw = raw.substr(0, limits.max_message_bytes);
    }
    text_ = normalise_line_ends(raw);
    if (text_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
    // mbox separator line "From sender date"
    if (text_.compare(pos_, 5, "From ") == 0) {
      size_t nl = text_.find('\n', pos_);
      pos_ = nl == std::string::npos ? text_.size() : nl + 1;
    }
    total_budget_ = limits.max_total_decoded_bytes;
  }

  MimeMessage run() {
    int current = new_entity(-1, 0);
    msg_.entities[current].is_message_root = true;
    msg_.entities[current].message = current;
    read_headers(current);
    setup(current);
    while (!stopped_ && pos_ < text_.size()) {
      size_t line_start = pos_;
      size_t nl = text_.find('\n', pos_);
      size_t line_end = nl == std::string::npos ? text_.size() : nl;
      pos_ = nl == std::string::npos ? text_.size() : nl + 1;
      std::string_view line(text_.data() + line_start, line_end - line_start);
      if (stack_.empty()) {  // a single-part body or an epilogue: nothing more to find
        pos_ = text_.size();
        break;
      }
      if (line.size() < 3 || line[0] != '-' || line[1] != '-') continue;
      auto [k, kind] = find_boundary(line);
      if (kind == BoundaryKind::none) continue;
      finish_leaf(line_start);
      if (k + 1 < stack_.size()) {
        warn(vocab::kTruncatedMessage, "a nested multipart ended without its closing boundary");
        stack_.resize(k + 1);
      }
      if (kind == BoundaryKind::close) {
        stack_.pop_back();
        continue;  // epilogue: skipped until an outer boundary
      }
      if (msg_.entities.size() >= limits_.max_mime_parts) {
        warn(vocab::kLimitExceeded, "more MIME parts than max_mime_parts; the rest was not read");
        stopped_ = true;
        break;
      }
      const MimeEntity& parent = msg_.entities[stack_[k].entity];
      int child = new_entity(stack_[k].entity, parent.depth + 1);
      read_headers(child);
      setup(child);
    }
    if (!stopped_) {
      finish_leaf(text_.size(), !stack_.empty());
      if (!stack_.empty()) warn(vocab::kTruncatedMessage, "a multipart never closed; the parts read so far are kept");
    }
    return std::move(msg_);
  }

 private:
  void warn(std::string_view code, std::string message) {
    for (const auto& w : msg_.warnings)
      if (w.code == code) return;
    msg_.warnings.push_back(Warning{std::string(code), std::move(message)});
  }

  int new_entity(int parent, size_t depth) {
    MimeEntity e;
    e.parent = parent;
    e.depth = depth;
    e.message = parent < 0 ? 0 : msg_.entities[parent].message;
    msg_.entities.push_back(std::move(e));
    return static_cast<int>(msg_.entities.size() - 1);
  }

  // Innermost open multipart whose boundary the line is, from the top of the stack.
  std::pair<size_t, BoundaryKind> find_boundary(std::string_view line) const {
    for (size_t k = stack_.size(); k-- > 0;) {
      BoundaryKind kind = match_boundary(line, stack_[k].boundary);
      if (kind != BoundaryKind::none) return {k, kind};
    }
    return {0, BoundaryKind::none};
  }

  // Reads a header block at pos_, leaving pos_ at the first body line.
  void read_headers(int index) {
    MimeEntity& e = msg_.entities[index];
    bool first = true;
    bool over_long = false;
    while (pos_ < text_.size()) {
      size_t nl = text_.find('\n', pos_);
      size_t line_end = nl == std::string::npos ? text_.size() : nl;
      std::string_view line(text_.data() + pos_, line_end - pos_);
      size_t next = nl == std::string::npos ? text_.size() : nl + 1;
      if (trim(line).empty()) {
        pos_ = next;
        break;
      }
      if (!stack_.empty() && find_boundary(line).second != BoundaryKind::none) break;  // part without body
      if ((line[0] == ' ' || line[0] == '\t') && !e.headers.empty()) {
        if (!over_long) {
          std::string& v = e.headers.back().value;
          std::string_view piece = line;
          // Unfolding keeps one space where the fold was.
          size_t room = limits_.max_header_line_bytes > v.size() ? limits_.max_header_line_bytes - v.size() : 0;
          if (piece.size() > room) {
            over_long = true;
            warn(vocab::kLimitExceeded, "a header line longer than max_header_line_bytes was cut");
            piece = piece.substr(0, room);
          }
          v.append(piece);
        }
        pos_ = next;
        continue;
      }
      size_t colon = line.find(':');
      if (colon == std::string_view::npos || !is_header_name(trim(line.substr(0, colon)))) {
        if (first && line.substr(0, 5) == "From ") {  // stray mbox line
          pos_ = next;
          continue;
        }
        break;  // not a header: the body starts here
      }
      first = false;
      pos_ = next;
      over_long = false;
      if (e.headers.size() >= limits_.max_header_count) {
        warn(vocab::kLimitExceeded, "more header fields than max_header_count");
        over_long = true;  // also swallow its continuation lines
        continue;
      }
      std::string_view value = line.substr(colon + 1);
      if (value.size() > limits_.max_header_line_bytes) {
        warn(vocab::kLimitExceeded, "a header line longer than max_header_line_bytes was cut");
        value = value.substr(0, limits_.max_header_line_bytes);
        over_long = true;
      }
      e.headers.push_back(HeaderField{std::string(trim(line.substr(0, colon))), std::string(value)});
    }
    for (auto& h : e.headers) h.value = std::string(trim(h.value));
  }

  // Decides what an entity whose headers were read is, and opens it.
  void setup(int index) {
    while (true) {
      MimeEntity& e = msg_.entities[index];
      bool in_digest = e.parent >= 0 && msg_.entities[e.parent].content_type.value == "multipart/digest";
      if (const std::string* ct = e.header("Content-Type")) e.content_type = parse_content_field(*ct);
      if (e.content_type.value.empty() || e.content_type.value.find('/') == std::string::npos)
        e.content_type.value = in_digest ? "message/rfc822" : "text/plain";
      if (const std::string* cd = e.header("Content-Disposition")) e.disposition = parse_content_field(*cd);
      if (const std::string* te = e.header("Content-Transfer-Encoding")) {
        std::string_view t = trim(*te);
        e.transfer_encoding.clear();
        for (char c : t) e.transfer_encoding.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      }
      e.filename = e.disposition.param("filename");
      if (e.filename.empty()) e.filename = e.content_type.param("name");

      const std::string& type = e.content_type.value;
      bool multipart = type.rfind("multipart/", 0) == 0;
      bool message = (type == "message/rfc822" || type == "message/global") &&
                     (e.transfer_encoding.empty() || e.transfer_encoding == "7bit" ||
                      e.transfer_encoding == "8bit" || e.transfer_encoding == "binary");
      if ((multipart || message) && e.depth >= limits_.max_mime_depth) {
        warn(vocab::kLimitExceeded, "MIME nesting deeper than max_mime_depth; read as one part");
        multipart = message = false;
      }
      if (multipart) {
        std::string boundary = e.content_type.param("boundary");
        if (boundary.empty()) boundary = guess_boundary();
        if (!boundary.empty() && boundary.size() <= 200) {
          e.is_multipart = true;
          stack_.push_back(Frame{std::move(boundary), index});
          leaf_ = -1;  // preamble is skipped
          return;
        }
        // Without a usable boundary the body is read as text.
        e.content_type.value = "text/plain";
      }
      if (message) {
        if (msg_.entities.size() >= limits_.max_mime_parts) {
          warn(vocab::kLimitExceeded, "more MIME parts than max_mime_parts; the rest was not read");
          break;
        }
        e.is_message = true;
        int child = new_entity(index, e.depth + 1);
        msg_.entities[child].is_message_root = true;
        msg_.entities[child].message = child;
        read_headers(child);
        index = child;
        continue;
      }
      break;
    }
    leaf_ = index;
    leaf_begin_ = pos_;
  }

  // A multipart without a boundary parameter: the first body line that looks
  // like a delimiter names it.
  std::string guess_boundary() const {
    size_t p = pos_;
    for (int n = 0; n < 20 && p < text_.size(); ++n) {
      size_t nl = text_.find('\n', p);
      std::string_view line(text_.data() + p, (nl == std::string::npos ? text_.size() : nl) - p);
      line = trim(line);
      if (line.size() > 2 && line.substr(0, 2) == "--") {
        std::string_view b = line.substr(2);
        if (b.size() > 2 && b.substr(b.size() - 2) == "--") b.remove_suffix(2);
        return std::string(b);
      }
      if (!line.empty() && n > 0 && line.size() > 200) break;
      if (nl == std::string::npos) break;
      p = nl + 1;
    }
    return {};
  }

  // Ends the leaf being read at `end` (the start of a boundary line or EOF).
  void finish_leaf(size_t end, bool cut_by_eof = false) {
    if (leaf_ < 0) return;
    MimeEntity& e = msg_.entities[leaf_];
    size_t begin = std::min(leaf_begin_, end);
    // The line end before a boundary belongs to the boundary.
    if (end > begin && end < text_.size() && text_[end - 1] == '\n') --end;
    std::string_view body(text_.data() + begin, end - begin);
    size_t budget = std::min(limits_.max_part_decoded_bytes, total_budget_);
    bool truncated = false;
    e.body = decode_transfer_encoding(body, e.transfer_encoding, budget, &truncated);
    total_budget_ -= std::min(total_budget_, e.body.size());
    if (truncated) warn(vocab::kLimitExceeded, "a MIME part decodes to more than the size limits; it was cut");
    e.truncated = truncated || cut_by_eof;
    leaf_ = -1;
  }

  const Limits& limits_;
  std::string text_;
  size_t pos_ = 0;
  std::vector<Frame> stack_;
  MimeMessage msg_;
  int leaf_ = -1;
  size_t leaf_begin_ = 0;
  size_t total_budget_ = 0;
  bool stopped_ = false;
};

}  // namespace

const std::string* MimeEntity::header(std::string_view name) const {
  for (const auto& h : headers)
    if (iequals(h.name, name)) return &h.value;
  return nullptr;
}

std::string MimeEntity::decoded_header(std::string_view name) const {
  const std::string* v = header(name);
  return v ? decode_header_text(*v) : std::string();
}

bool MimeEntity::is_attachment() const {
  return disposition.value == "attachment" || !filename.empty();
}

bool MimeMessage::has_warning(std::string_view code) const {
  return std::any_of(warnings.begin(), warnings.end(), [&](const Warning& w) { return w.code == code; });
}

MimeMessage read_mime(std::string_view raw, const Limits& limits) {
  try {
    return Reader(raw, limits).run();
  } catch (const std::exception& e) {  // std::bad_alloc: keep the promise of never throwing
    MimeMessage m;
    m.entities.emplace_back();
    m.entities[0].is_message_root = true;
    m.warnings.push_back(Warning{std::string(vocab::kLimitExceeded), std::string("MIME reader stopped: ") + e.what()});
    return m;
  }
}

}  // namespace gdprd::parsers
