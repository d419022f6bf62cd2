#include "notify/followup_notice.hpp"

namespace gdprd::notify {
namespace {

std::string cut(const std::string& s) {
  constexpr size_t kMax = 300;
  if (s.size() <= kMax) return s;
  size_t end = kMax;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end) + "…";
}

}  // namespace

std::string followup_notice_body(const std::string& reference, const std::vector<FollowupChange>& changes) {
  std::string body = "En komplettering till " + reference +
                     " har kommit in och har förts in i incidentens uppgifter.\n"
                     "A supplement to " + reference + " has arrived and was merged into the incident record.\n\n";
  body += "Ändrade fält / changed fields (" + std::to_string(changes.size()) + "):\n";
  for (const auto& c : changes) {
    body += "- " + c.field + ": " + (c.before.empty() ? std::string("(tomt / empty)") : cut(c.before)) + " -> " +
            cut(c.after) + "\n";
  }
  body += "\nSe / see: gdprincidentctl show " + reference + "\n";
  return body;
}

ComposeResult compose_followup_notice(const std::string& reference, const std::vector<FollowupChange>& changes,
                                      const std::string& from, const std::vector<std::string>& to, TimePoint date) {
  auto at = from.rfind('@');
  MailComposer composer(at == std::string::npos ? std::string() : from.substr(at + 1));
  OutgoingMail mail;
  mail.from = from;
  mail.from_name = "Personuppgiftsincidenter";
  mail.to = to;
  mail.subject = "[" + reference + "] Komplettering inkommen / Supplement received";
  mail.body = followup_notice_body(reference, changes);
  mail.auto_submitted = AutoSubmitted::auto_generated;
  mail.date = date;
  return composer.compose(mail);
}

}  // namespace gdprd::notify
