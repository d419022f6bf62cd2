#include "daemon/ctl_mail_summary.hpp"

#include "parsers/mime/mime_reader.hpp"

namespace gdprd::daemon {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// The reader's rule (parsers/report_reader.cpp): inline text bodies, and
// attachments that claim to be a document by name or type.
bool reader_reads(const parsers::MimeEntity& e) {
  const std::string& type = e.content_type.value;
  if (!e.is_attachment()) return type == "text/plain" || type == "text/html";
  std::string name = lower(e.filename);
  for (std::string_view ext : {".docx", ".docm", ".pdf", ".odt", ".txt", ".csv", ".htm", ".html"})
    if (ends_with(name, ext)) return true;
  return type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document" ||
         type == "application/pdf" || type == "application/vnd.oasis.opendocument.text" ||
         (type.rfind("text/", 0) == 0 && type != "text/calendar" && type != "text/x-vcard" && type != "text/vcard");
}

}  // namespace

MailSummary summarize_mail(std::string_view raw, const Limits& limits) {
  MailSummary s;
  parsers::MimeMessage m = parsers::read_mime(raw, limits);
  const parsers::MimeEntity& top = m.entities.front();
  s.from = top.decoded_header("From");
  s.to = top.decoded_header("To");
  s.date = top.decoded_header("Date");
  s.subject = top.decoded_header("Subject");
  s.message_id = top.decoded_header("Message-ID");
  for (size_t i = 0; i < m.entities.size(); ++i) {
    const parsers::MimeEntity& e = m.entities[i];
    if (e.is_multipart || e.is_message) continue;
    MailPart p;
    p.index = static_cast<int>(i);
    p.depth = static_cast<int>(e.depth);
    p.content_type = e.content_type.value;
    p.filename = e.filename;
    p.disposition = e.disposition.value;
    p.size = static_cast<int64_t>(e.body.size());
    p.truncated = e.truncated;
    p.read = reader_reads(e);
    s.parts.push_back(std::move(p));
  }
  for (const auto& w : m.warnings) s.warnings.push_back(w.code);
  return s;
}

nlohmann::ordered_json mail_summary_json(const MailSummary& s) {
  nlohmann::ordered_json j;
  j["headers"] = {{"from", s.from}, {"to", s.to}, {"date", s.date}, {"subject", s.subject}, {"message_id", s.message_id}};
  j["parts"] = nlohmann::ordered_json::array();
  for (const auto& p : s.parts) {
    j["parts"].push_back({{"index", p.index},
                          {"depth", p.depth},
                          {"content_type", p.content_type},
                          {"filename", p.filename},
                          {"disposition", p.disposition},
                          {"size", p.size},
                          {"read", p.read},
                          {"truncated", p.truncated}});
  }
  j["warnings"] = s.warnings;
  return j;
}

}  // namespace gdprd::daemon
