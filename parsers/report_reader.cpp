// read_report: MIME walk, message class, choice of the text that holds the
// report (spec labelling rules 1 and 2), then field extraction.
#include "parsers/report_reader.hpp"

#include <algorithm>
#include <cctype>
#include <exception>
#include <new>

#include "core/vocabulary.hpp"
#include "parsers/classify/message_classifier.hpp"
#include "parsers/docs/document_text.hpp"
#include "parsers/extract/extract_context.hpp"
#include "parsers/extract/field_extractor.hpp"
#include "parsers/mime/encoded_words.hpp"
#include "parsers/mime/entity_text.hpp"
#include "parsers/mime/mail_address.hpp"
#include "parsers/mime/mime_reader.hpp"
#include "parsers/text/charset.hpp"

// Document readers land one by one in parsers/docs/; each is used as soon as
// its header exists.
#if __has_include("parsers/docs/docx_reader.hpp")
#include "parsers/docs/docx_reader.hpp"
#define GDPRD_HAVE_DOCX 1
#endif
#if __has_include("parsers/docs/pdf_reader.hpp")
#include "parsers/docs/pdf_reader.hpp"
#define GDPRD_HAVE_PDF 1
#endif
#if __has_include("parsers/docs/odt_reader.hpp")
#include "parsers/docs/odt_reader.hpp"
#define GDPRD_HAVE_ODT 1
#endif
#if __has_include("parsers/docs/html_reader.hpp")
#include "parsers/docs/html_reader.hpp"
#define GDPRD_HAVE_HTML 1
#endif

namespace gdprd::parsers {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool has_words(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return !std::isspace(static_cast<unsigned char>(c)); });
}

// What kind of document an attachment claims to be, by file name first (mail
// clients label .docx as application/octet-stream), then by MIME type.
// "" for attachments that are not documents (images, calendars...).
std::string claimed_document_type(const MimeEntity& e) {
  std::string name = lower(e.filename);
  const std::string& type = e.content_type.value;
  if (ends_with(name, ".docx") || ends_with(name, ".docm") ||
      type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    return "docx";
  if (ends_with(name, ".pdf") || type == "application/pdf") return "pdf";
  if (ends_with(name, ".odt") || type == "application/vnd.oasis.opendocument.text") return "odt";
  if (ends_with(name, ".txt") || ends_with(name, ".csv") || (type.rfind("text/", 0) == 0 && type != "text/html" &&
                                                            type != "text/calendar" && type != "text/x-vcard" &&
                                                            type != "text/vcard"))
    return "other";
  if (ends_with(name, ".htm") || ends_with(name, ".html")) return "other_html";
  return "";
}

// Crude HTML to text for when no HTML reader is available: drops head, style
// and script, turns block ends into line breaks and decodes the common
// entities. The real reader lives in parsers/docs/.
[[maybe_unused]] std::string html_to_text_fallback(std::string_view html) {
  std::string out;
  out.reserve(html.size() / 2);
  std::string lowered = lower(html);
  size_t i = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      size_t close = html.find('>', i);
      if (close == std::string_view::npos) break;
      std::string_view tag = std::string_view(lowered).substr(i + 1, close - i - 1);
      auto skip_to = [&](std::string_view end_tag) {
        size_t e = lowered.find(end_tag, close);
        return e == std::string::npos ? html.size() : e + end_tag.size();
      };
      if (tag.rfind("style", 0) == 0) { i = skip_to("</style>"); continue; }
      if (tag.rfind("script", 0) == 0) { i = skip_to("</script>"); continue; }
      if (tag.rfind("head", 0) == 0) { i = skip_to("</head>"); continue; }
      if (tag.rfind("!--", 0) == 0) {
        size_t e = html.find("-->", i);
        i = e == std::string_view::npos ? html.size() : e + 3;
        continue;
      }
      if (tag.rfind("br", 0) == 0 || tag.rfind("/p", 0) == 0 || tag.rfind("/div", 0) == 0 ||
          tag.rfind("/tr", 0) == 0 || tag.rfind("/li", 0) == 0 || tag.rfind("/h", 0) == 0)
        out.push_back('\n');
      else if (tag.rfind("/td", 0) == 0 || tag.rfind("/th", 0) == 0)
        out.push_back('\t');
      i = close + 1;
      continue;
    }
    if (c == '&') {
      size_t semi = html.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 10) {
        std::string_view ent = html.substr(i + 1, semi - i - 1);
        char32_t cp = 0;
        if (ent == "nbsp") cp = ' ';
        else if (ent == "amp") cp = '&';
        else if (ent == "lt") cp = '<';
        else if (ent == "gt") cp = '>';
        else if (ent == "quot") cp = '"';
        else if (ent == "apos") cp = '\'';
        else if (ent == "aring") cp = 0xE5;
        else if (ent == "auml") cp = 0xE4;
        else if (ent == "ouml") cp = 0xF6;
        else if (ent == "Aring") cp = 0xC5;
        else if (ent == "Auml") cp = 0xC4;
        else if (ent == "Ouml") cp = 0xD6;
        else if (ent == "eacute") cp = 0xE9;
        else if (!ent.empty() && ent[0] == '#') {
          bool hex = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X');
          uint32_t v = 0;
          for (char d : ent.substr(hex ? 2 : 1)) {
            int digit = std::isdigit(static_cast<unsigned char>(d)) ? d - '0'
                        : hex && std::isxdigit(static_cast<unsigned char>(d)) ? std::tolower(d) - 'a' + 10
                                                                              : -1;
            if (digit < 0 || v > 0x10FFFF) { v = 0xFFFD; break; }
            v = v * (hex ? 16 : 10) + static_cast<uint32_t>(digit);
          }
          cp = v ? v : 0xFFFD;
        }
        if (cp) {
          append_utf8(out, cp);
          i = semi + 1;
          continue;
        }
      }
    }
    if (c == '\n' || c == '\r') c = ' ';
    out.push_back(c);
    ++i;
  }
  return out;
}

DocumentText read_html_text(std::string_view html, const Limits& limits) {
#ifdef GDPRD_HAVE_HTML
  return read_html(html, limits);
#else
  DocumentText d;
  d.ok = true;
  d.text = html_to_text_fallback(html.substr(0, limits.max_html_bytes));
  return d;
#endif
}

DocumentText read_document(std::string_view type, std::string_view bytes, const Limits& limits) {
  DocumentText d;
#ifdef GDPRD_HAVE_DOCX
  if (type == "docx") return read_docx(bytes, limits);
#endif
#ifdef GDPRD_HAVE_PDF
  if (type == "pdf") return read_pdf(bytes, limits);
#endif
#ifdef GDPRD_HAVE_ODT
  if (type == "odt") return read_odt(bytes, limits);
#endif
  (void)bytes;
  (void)limits;
  d.ok = false;
  d.warnings.push_back(Warning{std::string(vocab::kUnreadableAttachment),
                               std::string("no reader for ") + std::string(type) + " attachments"});
  return d;
}

// The report text found in one message (outer mail or an embedded one).
struct Candidate {
  std::string text;
  std::string document_type;
};

struct Choice {
  Candidate candidate;
  int message = 0;  // entity index of the message root the text stands in
  // The layout scan of candidate.text when choosing needed one. Its views
  // point into the text's heap buffer, which moving the string keeps;
  // extract_fields checks the address before it reuses the scan.
  ReportLayout layout;
};

bool inside_message(const MimeMessage& m, int entity, int message_root) {
  return m.entities[entity].message == message_root;
}

// Text bodies of a message: its inline text/plain leaves in order (one per
// multipart/alternative, so Apple Mail's body split around an inline image
// stays whole), else its first HTML leaf. Attachments are not bodies.
Candidate body_of(const MimeMessage& m, int root, const Limits& limits) {
  std::vector<int> plains;
  std::vector<int> used_alternatives;
  int html = -1;
  for (size_t i = 0; i < m.entities.size(); ++i) {
    const MimeEntity& e = m.entities[i];
    if (!inside_message(m, static_cast<int>(i), root) || e.is_multipart || e.is_message) continue;
    if (e.disposition.value == "attachment" || (!e.filename.empty() && e.disposition.value != "inline")) continue;
    if (e.content_type.value == "text/plain") {
      int parent = e.parent;
      bool in_alternative = parent >= 0 && m.entities[parent].content_type.value == "multipart/alternative";
      if (in_alternative) {
        if (std::find(used_alternatives.begin(), used_alternatives.end(), parent) != used_alternatives.end()) continue;
        used_alternatives.push_back(parent);
      }
      plains.push_back(static_cast<int>(i));
    }
    if (e.content_type.value == "text/html" && html < 0) html = static_cast<int>(i);
  }
  Candidate c;
  for (int p : plains) {
    if (!c.text.empty() && c.text.back() != '\n') c.text.push_back('\n');
    c.text += entity_text(m.entities[p]);
    if (c.text.size() > limits.max_text_bytes) break;
  }
  c.document_type = "text_body";
  if (has_words(c.text) || html < 0) return c;
  DocumentText d = read_html_text(entity_text(m.entities[html]), limits);
  c.text = std::move(d.text);
  c.document_type = "html_body";
  return c;
}

// Reads every document attachment of a message; the first readable one that
// holds text is its document candidate. Unreadable ones warn on the record.
Candidate document_of(const MimeMessage& m, int root, const Limits& limits, IncidentRecord& record,
                      size_t& attachments_seen) {
  Candidate best;
  for (size_t i = 0; i < m.entities.size(); ++i) {
    const MimeEntity& e = m.entities[i];
    if (!inside_message(m, static_cast<int>(i), root) || e.is_multipart || e.is_message) continue;
    if (!e.is_attachment()) continue;
    std::string type = claimed_document_type(e);
    if (type.empty()) continue;
    if (++attachments_seen > limits.max_attachments) {
      record.warn(std::string(vocab::kLimitExceeded), "more attachments than max_attachments; the rest were not read");
      break;
    }
    DocumentText d;
    if (type == "other") {
      d.ok = true;
      d.text = entity_text(e);
    } else if (type == "other_html") {
      d = read_html_text(entity_text(e), limits);
      type = "other";
    } else {
      d = read_document(type, e.body, limits);
      if (e.truncated && d.ok) {
        d.ok = false;
        d.warnings.push_back(Warning{std::string(vocab::kUnreadableAttachment), "attachment is cut off"});
      }
    }
    if (e.truncated && !record.has_warning(vocab::kUnreadableAttachment) && type != "other")
      record.warn(std::string(vocab::kUnreadableAttachment), "attachment '" + e.filename + "' is cut off");
    for (auto& w : d.warnings) record.warn(std::move(w.code), std::move(w.message));
    if (!d.ok) {
      record.warn(std::string(vocab::kUnreadableAttachment), "attachment '" + e.filename + "' cannot be opened");
      continue;
    }
    if (best.text.empty() && has_words(d.text)) {
      best.text = std::move(d.text);
      best.document_type = type;
    }
  }
  return best;
}

// Depth of a message root in the chain of embedded messages.
size_t message_depth(const MimeMessage& m, int root) {
  size_t depth = 0;
  for (int p = m.entities[root].parent; p >= 0; p = m.entities[p].parent)
    if (m.entities[p].is_message_root) ++depth;
  return depth;
}

// Spec rules 1-2: the innermost message that carries a report wins; within a
// message a readable document attachment that is a form, or longer than the
// covering note, wins over the body.
Choice choose_text(const MimeMessage& m, const Limits& limits, IncidentRecord& record, Candidate outer_body) {
  std::vector<int> roots;
  for (size_t i = 0; i < m.entities.size(); ++i)
    if (m.entities[i].is_message_root) roots.push_back(static_cast<int>(i));
  std::stable_sort(roots.begin(), roots.end(),
                   [&](int a, int b) { return message_depth(m, a) > message_depth(m, b); });
  size_t attachments_seen = 0;
  // Read every message's attachments first so every unreadable one warns.
  std::vector<Candidate> docs;
  for (int root : roots) docs.push_back(document_of(m, root, limits, record, attachments_seen));
  for (size_t k = 0; k < roots.size(); ++k) {
    // The outer mail's body was read for the classifier already.
    Candidate body = roots[k] == 0 ? std::move(outer_body) : body_of(m, roots[k], limits);
    Candidate& doc = docs[k];
    if (!doc.text.empty()) {
      ReportLayout layout = detect_layout(doc.text);
      bool form = layout.kind != ReportKind::free_text;
      if (form || !has_words(body.text) || doc.text.size() >= body.text.size())
        return Choice{std::move(doc), roots[k], std::move(layout)};
    }
    if (has_words(body.text)) return Choice{std::move(body), roots[k]};
  }
  return Choice{Candidate{}, 0};
}

MailFacts collect_facts(const MimeEntity& top) {
  MailFacts f;
  if (const std::string* v = top.header("Message-ID")) f.message_id = strip_angle_brackets(*v);
  if (const std::string* v = top.header("In-Reply-To")) {
    auto ids = parse_message_ids(*v);
    if (!ids.empty()) f.in_reply_to = ids.front();
  }
  if (const std::string* v = top.header("References")) f.references = parse_message_ids(*v);
  auto from = parse_address_list(top.decoded_header("From"));
  if (!from.empty()) {
    f.from_address = from.front().address;
    f.from_name = from.front().name;
  }
  auto reply_to = parse_address_list(top.decoded_header("Reply-To"));
  if (!reply_to.empty()) f.reply_to_address = reply_to.front().address;
  f.subject = top.decoded_header("Subject");
  if (const std::string* v = top.header("Date")) f.date = parse_mail_date(*v);
  for (const auto& h : top.headers)
    if (lower(h.name) == "cc")
      for (auto& mb : parse_address_list(decode_header_text(h.value))) f.cc_addresses.push_back(std::move(mb.address));
  return f;
}

MessageSigns collect_signs(const MimeMessage& m, const MailFacts& facts, std::string body_text) {
  MessageSigns s;
  const MimeEntity& top = m.entities.front();
  for (const auto& h : top.headers) s.headers.emplace_back(h.name, decode_header_text(h.value));
  s.from_address = facts.from_address;
  s.subject = facts.subject;
  for (size_t i = 0; i < m.entities.size(); ++i)
    if (m.entities[i].message == 0) s.content_types.push_back(m.entities[i].content_type.value);
  s.body_text = std::move(body_text);
  return s;
}

void cap_text(std::string& text, const Limits& limits, IncidentRecord& record) {
  if (text.size() <= limits.max_text_bytes) return;
  size_t cut = limits.max_text_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
  text.resize(cut);
  record.warn(std::string(vocab::kLimitExceeded), "report text longer than max_text_bytes was cut");
}

ReadResult read_report_unguarded(std::string_view raw, const Limits& limits) {
  ReadResult result;
  MimeMessage mime = read_mime(raw, limits);
  const MimeEntity& top = mime.entities.front();
  result.facts = collect_facts(top);

  Candidate outer_body = body_of(mime, 0, limits);
  MessageClass cls = classify_message(collect_signs(mime, result.facts, outer_body.text));
  if (cls != MessageClass::report) {
    result.record = empty_record(std::string(message_class_name(cls)));
    return result;
  }
  IncidentRecord& record = result.record;
  for (const auto& w : mime.warnings) record.warn(w.code, w.message);

  Choice choice = choose_text(mime, limits, record, std::move(outer_body));
  const MimeEntity& source = mime.entities[choice.message];
  ExtractContext ctx;
  if (const std::string* v = source.header("Date")) ctx.message_date = parse_mail_date(*v);
  ctx.subject = source.decoded_header("Subject");
  auto from = parse_address_list(source.decoded_header("From"));
  if (!from.empty()) {
    ctx.from_name = from.front().name;
    ctx.from_address = from.front().address;
  }
  std::string text = std::move(choice.candidate.text);
  std::string document_type = std::move(choice.candidate.document_type);
  if (!has_words(text)) {
    // Spec rule 13: a report that is only a subject line is text_body; the
    // extractor reads the subject from the context when the text is empty.
    text.clear();
    document_type = "text_body";
    ctx.subject = result.facts.subject;
    ctx.message_date = result.facts.date;
    ctx.from_name = result.facts.from_name;
    ctx.from_address = result.facts.from_address;
  }
  cap_text(text, limits, record);
  ctx.document_type = document_type;
  record.document_type = document_type;
  bool no_text = !has_words(text) && !has_words(ctx.subject);
  if (!no_text) extract_fields(text, ctx, record, &choice.layout);
  record.message_class = "report";
  result.needs_human = no_text || record.has_warning(vocab::kLimitExceeded) ||
                       record.has_warning(vocab::kTruncatedMessage);
  return result;
}

}  // namespace

ReadResult read_report(std::string_view raw, const Limits& limits) {
  try {
    return read_report_unguarded(raw, limits);
  } catch (const std::exception& e) {
    // Only resource exhaustion or a bug can get here; the raw mail is stored,
    // so a human reads it.
    ReadResult r;
    r.record.warn(std::string(vocab::kLimitExceeded), std::string("parser stopped: ") + e.what());
    r.needs_human = true;
    return r;
  } catch (...) {
    ReadResult r;
    r.record.warn(std::string(vocab::kLimitExceeded), "parser stopped");
    r.needs_human = true;
    return r;
  }
}

}  // namespace gdprd::parsers
