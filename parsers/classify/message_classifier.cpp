#include "parsers/classify/message_classifier.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace gdprd::parsers {
namespace {

// ASCII lower-casing plus the Swedish capitals, enough for keyword matching.
std::string fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xC3 && i + 1 < s.size()) {
      auto d = static_cast<unsigned char>(s[i + 1]);
      if (d == 0x85 || d == 0x84 || d == 0x96 || d == 0x89) d = static_cast<unsigned char>(d + 0x20);  // ÅÄÖÉ
      out.push_back(static_cast<char>(c));
      out.push_back(static_cast<char>(d));
      ++i;
      continue;
    }
    out.push_back(static_cast<char>(std::tolower(c)));
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool contains(std::string_view s, std::string_view p) { return s.find(p) != std::string_view::npos; }

const std::string* find_header(const MessageSigns& s, std::string_view name) {
  for (const auto& [n, v] : s.headers) {
    if (n.size() != name.size()) continue;
    bool eq = true;
    for (size_t i = 0; i < n.size() && eq; ++i)
      eq = std::tolower(static_cast<unsigned char>(n[i])) == std::tolower(static_cast<unsigned char>(name[i]));
    if (eq) return &v;
  }
  return nullptr;
}

// Subject with reply markers removed ("RE: SV: Autosvar: ..." -> "autosvar: ...").
// A forward marker stops the stripping: a forwarded auto-reply is a person's mail.
std::string subject_head(std::string_view subject) {
  std::string s = fold(trim(subject));
  while (true) {
    std::string_view v = trim(s);
    bool stripped = false;
    for (std::string_view p : {"re:", "sv:", "aw:", "antw:", "r:"}) {
      if (starts_with(v, p)) {
        s = std::string(trim(v.substr(p.size())));
        stripped = true;
        break;
      }
    }
    if (!stripped) return std::string(v);
  }
}

constexpr std::array<std::string_view, 14> kAutoReplySubjects = {
    "autosvar", "automatiskt svar", "automatic reply", "auto reply", "autoreply", "auto-reply",
    "out of office", "out of the office", "frånvaro", "frånvarande", "abwesenheit", "absence",
    "ej på plats", "semester:"};

constexpr std::array<std::string_view, 16> kBounceSubjects = {
    "undeliverable", "undelivered mail", "olevererbart", "kan inte levereras", "delivery status notification",
    "mail delivery failed", "mail delivery failure", "returned mail", "non remis", "non-remis",
    "unzustellbar", "delivery has failed", "delivery failure", "failure notice", "leveransfel",
    "message not delivered"};

// Out-of-office wording, matched in the first lines of the body only.
constexpr std::array<std::string_view, 16> kAutoReplyWording = {
    "jag är ledig", "jag är på semester", "jag är tjänstledig", "jag är föräldraledig", "jag har semester",
    "jag är sjukskriven", "jag är frånvarande", "i am out of the office", "i'm out of the office",
    "i am currently out of the office", "i am away", "i am on leave", "i am on holiday", "i am on vacation",
    "åter den", "tillbaka den"};

bool body_has_auto_reply_wording(std::string_view body) {
  // First few non-empty lines, before any quoted history.
  std::string head;
  size_t lines = 0, pos = 0;
  while (pos < body.size() && lines < 6) {
    size_t nl = body.find('\n', pos);
    std::string_view line = trim(body.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos));
    pos = nl == std::string_view::npos ? body.size() : nl + 1;
    if (line.empty()) continue;
    if (line[0] == '>' || starts_with(line, "-----") || starts_with(line, "Från:") || starts_with(line, "From:")) break;
    head += fold(line);
    head.push_back(' ');
    ++lines;
  }
  for (std::string_view w : kAutoReplyWording) {
    if (!contains(head, w)) continue;
    // "åter den"/"tillbaka den" alone are weak: they must come with a leave word.
    if (w == "åter den" || w == "tillbaka den") {
      if (contains(head, "ledig") || contains(head, "semester") || contains(head, "frånvar") ||
          contains(head, "tjänstresa") || contains(head, "läser inte"))
        return true;
      continue;
    }
    return true;
  }
  return false;
}

}  // namespace

std::string_view message_class_name(MessageClass c) {
  switch (c) {
    case MessageClass::auto_reply: return "auto_reply";
    case MessageClass::bounce: return "bounce";
    case MessageClass::report: break;
  }
  return "report";
}

MessageClass classify_message(const MessageSigns& s) {
  // Bounce signs.
  for (const auto& ct : s.content_types)
    if (ct == "multipart/report" || ct == "message/delivery-status" || ct == "message/global-delivery-status")
      return MessageClass::bounce;
  std::string from = fold(s.from_address);
  std::string local = from.substr(0, from.find('@'));
  if (local == "mailer-daemon" || local == "postmaster" || local == "mail-daemon") return MessageClass::bounce;
  std::string subj = subject_head(s.subject);
  for (std::string_view p : kBounceSubjects)
    if (starts_with(subj, p)) return MessageClass::bounce;

  // Auto-reply signs.
  if (const std::string* v = find_header(s, "Auto-Submitted"); v && fold(trim(*v)).rfind("no", 0) != 0)
    return MessageClass::auto_reply;
  if (find_header(s, "X-Auto-Response-Suppress")) return MessageClass::auto_reply;
  if (const std::string* v = find_header(s, "Precedence")) {
    std::string p = fold(trim(*v));
    if (p == "auto_reply" || p == "auto-reply" || p == "bulk" || p == "junk") return MessageClass::auto_reply;
  }
  if (find_header(s, "X-Autoreply") || find_header(s, "X-Autorespond") || find_header(s, "X-Autoresponder"))
    return MessageClass::auto_reply;
  for (std::string_view p : kAutoReplySubjects)
    if (starts_with(subj, p)) return MessageClass::auto_reply;
  if (body_has_auto_reply_wording(s.body_text)) return MessageClass::auto_reply;
  return MessageClass::report;
}

}  // namespace gdprd::parsers
