#include "notify/decision_reply_composer.hpp"

#include "notify/mail_encoding.hpp"

namespace gdprd::notify {
namespace {

std::string short_subject(const std::string& s) {
  std::string out = sanitize_header_value(s);
  if (out.size() > 200) {
    size_t cut = 200;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xc0) == 0x80) --cut;
    out = out.substr(0, cut) + "…";
  }
  return out;
}

}  // namespace

DecisionReplyComposer::DecisionReplyComposer(MailComposer composer, std::string from, std::string from_name)
    : composer_(std::move(composer)), from_(std::move(from)), from_name_(std::move(from_name)) {}

std::string DecisionReplyComposer::reply_body(const DecisionReplyFacts& f, Language lang) {
  const bool sv = lang == Language::sv;
  const std::string ref = sanitize_header_value(f.reference);
  std::string b = sv ? "Hej,\n\n" : "Hello,\n\n";
  if (f.applied) {
    b += sv ? "Ditt beslut för " + ref + " är registrerat:\n" : "Your decision for " + ref + " is recorded:\n";
    for (const auto& l : f.applied_lines) b += "- " + sanitize_header_value(l) + "\n";
    b += "\n";
  } else {
    b += sv ? "Ditt mejl registrerades INTE som ett beslut" : "Your e-mail was NOT recorded as a decision";
    if (!ref.empty()) b += (sv ? " för " : " for ") + ref;
    b += ".\n\n";
  }
  if (!f.reasons.empty()) {
    b += f.applied ? (sv ? "Men detta kunde inte registreras:\n" : "But this could not be recorded:\n")
                   : (sv ? "Skäl:\n" : "Reasons:\n");
    for (const auto& r : f.reasons) b += "- " + sanitize_header_value(r) + "\n";
    b += "\n";
  }
  b += sv ? "Mejlet är sparat i ärendet. Beslut kan alltid ändras; varje ändring loggas.\n"
            "Det här är ett automatiskt svar.\n"
          : "The e-mail is stored with the incident. Decisions can be changed; every change is logged.\n"
            "This is an automatic reply.\n";
  return b;
}

std::string DecisionReplyComposer::completion_body(const CompletionRequestFacts& f, Language lang) {
  const bool sv = lang == Language::sv;
  const std::string ref = sanitize_header_value(f.reference);
  std::string b = sv ? "Hej,\n\n" : "Hello,\n\n";
  b += sv ? "Din anmälan om en personuppgiftsincident (" + ref +
                ") saknar svar på obligatoriska frågor (markerade med * i blanketten). "
                "Vi behöver dem för att kunna bedöma om incidenten ska anmälas till IMY inom 72 timmar.\n\n"
          : "Your report of a personal data breach (" + ref +
                ") lacks answers to mandatory questions (marked * in the form). We need them to decide "
                "whether the breach must be notified to IMY within 72 hours.\n\n";
  b += sv ? "Det här saknas:\n" : "Missing:\n";
  for (const auto& m : f.missing) b += "- " + sanitize_header_value(m) + "\n";
  b += "\n";
  b += sv ? "Svara på det här mejlet med uppgifterna och behåll [" + ref +
                "] i ämnesraden, så läggs svaret till anmälan.\n\nDet här är ett automatiskt meddelande.\n"
          : "Reply to this e-mail with the information and keep [" + ref +
                "] in the subject line; your reply is then added to the report.\n\nThis is an automatic message.\n";
  return b;
}

ComposeResult DecisionReplyComposer::compose_reply(const DecisionReplyFacts& f, Language lang, TimePoint now) const {
  OutgoingMail mail;
  mail.from = from_;
  mail.from_name = from_name_;
  mail.to = {f.to};
  std::string tag = f.reference.empty() ? "" : "[" + sanitize_header_value(f.reference) + "] ";
  mail.subject = "Re: " + tag +
                 (lang == Language::sv ? (f.applied ? "Beslut registrerat" : "Beslut ej registrerat")
                                       : (f.applied ? "Decision recorded" : "Decision not recorded"));
  std::string orig = short_subject(f.original_subject);
  if (!orig.empty()) mail.subject += " (" + orig + ")";
  mail.body = reply_body(f, lang);
  mail.in_reply_to = f.original_message_id;
  mail.references = f.original_references;
  if (!f.original_message_id.empty()) mail.references.push_back(f.original_message_id);
  mail.auto_submitted = AutoSubmitted::auto_replied;
  mail.date = now;
  return composer_.compose(mail);
}

ComposeResult DecisionReplyComposer::compose_completion_request(const CompletionRequestFacts& f, Language lang,
                                                                TimePoint now) const {
  OutgoingMail mail;
  mail.from = from_;
  mail.from_name = from_name_;
  mail.to = {f.to};
  mail.subject = "[" + sanitize_header_value(f.reference) + "] " +
                 (lang == Language::sv ? "Komplettering behövs" : "Information missing");
  std::string orig = short_subject(f.original_subject);
  if (!orig.empty()) mail.subject += ": " + orig;
  mail.body = completion_body(f, lang);
  mail.in_reply_to = f.original_message_id;
  mail.references = f.original_references;
  if (!f.original_message_id.empty()) mail.references.push_back(f.original_message_id);
  mail.auto_submitted = AutoSubmitted::auto_generated;
  mail.date = now;
  return composer_.compose(mail);
}

}  // namespace gdprd::notify
