#include "notify/reminder_composer.hpp"

#include "core/stockholm_time.hpp"
#include "notify/mail_encoding.hpp"

namespace gdprd::notify {
namespace {

struct DueText {
  std::string_view what_sv, what_en;
};

// What the ladder waits for, in the words of the municipal policy.
DueText due_text(const std::string& ladder) {
  if (ladder == "internal")
    return {"CISO:s första bedömning (kategori 1–3 och prioritet P1–P3) inom 24 timmar",
            "the CISO's initial assessment (category 1–3 and priority P1–P3) within 24 hours"};
  if (ladder == "data_subjects")
    return {"information till de registrerade (art. 34) utan onödigt dröjsmål",
            "informing the data subjects (Art. 34) without undue delay"};
  if (ladder == "processor")
    return {"information till den personuppgiftsansvarige (art. 33.2) utan onödigt dröjsmål",
            "informing the controller (Art. 33(2)) without undue delay"};
  return {"beslut om anmälan till IMY inom 72 timmar (art. 33)",
          "the decision on notifying IMY within 72 hours (Art. 33)"};
}

std::string local_time(TimePoint t, bool sv) {
  return stockholm::format_human(t) + (sv ? " (svensk tid)" : " (Swedish time)");
}

std::string config_arg(const ReminderFacts& f) {
  return f.ctl_config_path.empty() ? "--config FILE" : "--config " + sanitize_header_value(f.ctl_config_path);
}

}  // namespace

std::string describe_time_left(Duration left, Language language) {
  const bool sv = language == Language::sv;
  const bool late = left < Duration::zero();
  auto minutes = std::chrono::duration_cast<std::chrono::minutes>(late ? -left : left).count();
  auto h = minutes / 60, m = minutes % 60;
  std::string amount;
  if (h > 0) amount = std::to_string(h) + " h";
  if (m > 0 || h == 0) amount += (amount.empty() ? "" : " ") + std::to_string(m) + " min";
  if (late) return (sv ? "försenad med " : "overdue by ") + amount;
  return (sv ? "om " : "in ") + amount;
}

ReminderComposer::ReminderComposer(MailComposer composer, std::string from, std::string from_name)
    : composer_(std::move(composer)), from_(std::move(from)), from_name_(std::move(from_name)) {}

std::string ReminderComposer::subject(const ReminderFacts& f, Language lang, TimePoint now) {
  const bool sv = lang == Language::sv;
  std::string s = "[" + sanitize_header_value(f.reference);
  if (!f.decision_token.empty()) s += " #" + sanitize_header_value(f.decision_token);
  s += "] ";
  const bool overdue = f.ladder == "imy" && now >= f.imy_deadline;
  if (overdue) s += sv ? "FÖRSENAD: " : "OVERDUE: ";
  else s += sv ? "Påminnelse: " : "Reminder: ";
  if (f.ladder == "internal")
    s += (sv ? "första bedömning senast " : "initial assessment due ") + stockholm::format_human(f.internal_deadline);
  else if (f.ladder == "imy")
    s += (sv ? "beslut om anmälan till IMY senast " : "decision on notifying IMY due ") +
         stockholm::format_human(f.imy_deadline);
  else if (f.ladder == "data_subjects")
    s += sv ? "informera de registrerade" : "inform the data subjects";
  else
    s += sv ? "informera den personuppgiftsansvarige" : "inform the controller";
  return s;
}

std::string ReminderComposer::body(const ReminderFacts& f, Language lang, TimePoint now) {
  const bool sv = lang == Language::sv;
  const std::string ref = sanitize_header_value(f.reference);
  const DueText due = due_text(f.ladder);
  std::string b;
  b += sv ? "Hej,\n\n" : "Hello,\n\n";
  if (f.via_oncall)
    b += sv ? "Du får detta som beredskap: kontoret är stängt och fristen mot IMY löper ut innan det öppnar.\n\n"
            : "You get this as on-call: the office is closed and the IMY deadline passes before it opens.\n\n";
  b += sv ? "Personuppgiftsincident " + ref + " väntar på " + std::string(due.what_sv) + ".\n"
          : "Personal data breach " + ref + " is waiting for " + std::string(due.what_en) + ".\n";
  std::string subj = sanitize_header_value(f.report_subject);
  if (subj.size() > 200) {
    size_t cut = 200;
    while (cut > 0 && (static_cast<unsigned char>(subj[cut]) & 0xc0) == 0x80) --cut;
    subj = subj.substr(0, cut) + "…";
  }
  if (!subj.empty()) b += (sv ? "Anmälans ämnesrad: " : "Subject of the report: ") + subj + "\n";
  b += "\n";

  b += sv ? "Frister:\n" : "Deadlines:\n";
  b += (sv ? "- Kännedom (klockorna startar): " : "- Became aware (the clocks start): ") + local_time(f.awareness, sv) +
       "\n";
  auto line = [&](std::string_view label, TimePoint deadline, bool done) {
    b += std::string(label) + local_time(deadline, sv);
    if (done) b += sv ? " – klart" : " – done";
    else b += " – " + describe_time_left(deadline - now, lang);
    b += "\n";
  };
  const bool assessed = f.category && f.priority;
  line(sv ? "- Intern frist 24 h (första bedömning): " : "- Internal 24 h deadline (initial assessment): ",
       f.internal_deadline, assessed || f.decision.has_value());
  line(sv ? "- Frist 72 h för anmälan till IMY: " : "- 72 h deadline for notifying IMY: ", f.imy_deadline,
       f.decision.has_value());
  b += "\n";

  b += sv ? "Beslutat hittills:\n" : "Decided so far:\n";
  if (assessed)
    b += (sv ? "- Bedömning: kategori " : "- Assessment: category ") + std::to_string(*f.category) + ", " +
         sanitize_header_value(*f.priority) + "\n";
  else
    b += sv ? "- Bedömning: ingen ännu\n" : "- Assessment: none yet\n";
  if (f.decision) {
    bool notified = *f.decision == "notified";
    b += sv ? (notified ? "- IMY: anmäld" : "- IMY: beslut att inte anmäla")
            : (notified ? "- IMY: notified" : "- IMY: decided not to notify");
    if (f.imy_reference) b += " (" + sanitize_header_value(*f.imy_reference) + ")";
    if (f.decision_at) b += (sv ? ", " : ", ") + local_time(*f.decision_at, sv);
    if (f.decision_by) b += (sv ? ", av " : ", by ") + sanitize_header_value(*f.decision_by);
    b += "\n";
  } else {
    b += sv ? "- IMY: inget beslut ännu\n" : "- IMY: no decision yet\n";
  }
  if (f.subjects_informed_at)
    b += (sv ? "- De registrerade informerade: " : "- Data subjects informed: ") + local_time(*f.subjects_informed_at, sv) + "\n";
  else if (f.subjects_must_be_informed && *f.subjects_must_be_informed)
    b += sv ? "- De registrerade ska informeras (ej gjort ännu)\n" : "- The data subjects must be informed (not done yet)\n";
  b += "\n";

  b += sv ? "Så beslutar du – på kommandoraden:\n" : "How to decide – on the command line:\n";
  const std::string cfg = config_arg(f);
  b += "  gdprincidentctl " + cfg + " assess " + ref + " --category 2 --priority P2\n";
  b += "  gdprincidentctl " + cfg + " decide " + ref + " --notified --imy-ref DI-2026-1234\n";
  b += "  gdprincidentctl " + cfg + " decide " + ref + " --not-notified --motivation \"...\"\n";
  if (f.ladder == "data_subjects")
    b += "  gdprincidentctl " + cfg + " decide " + ref + " --subjects-informed\n";
  b += "\n";
  b += sv ? "– eller genom att svara på detta mejl (behåll ämnesraden oförändrad) med en av dessa rader\n"
            "  först på en egen rad i ditt svar:\n"
          : "– or by replying to this e-mail (keep the subject line as it is) with one of these lines\n"
            "  at the start of a line of your reply:\n";
  if (sv) {
    b += "  \"KATEGORI 2 P2\"                        (bedömning: kategori 1–3, prioritet P1–P3)\n";
    b += "  \"BESLUT: ANMÄLD DI-2026-1234\"          (anmäld till IMY, med IMY:s diarienummer)\n";
    b += "  \"BESLUT: EJ ANMÄLAN: motivering …\"     (ingen anmälan; motiveringen krävs)\n";
    b += "  \"FÖRSENING: skäl …\"                    (krävs när beslutet kommer efter 72 h)\n";
  } else {
    b += "  \"CATEGORY 2 P2\"                        (assessment: category 1–3, priority P1–P3)\n";
    b += "  \"DECISION: NOTIFIED DI-2026-1234\"      (notified to IMY, with IMY's reference)\n";
    b += "  \"DECISION: NOT NOTIFIED: reasons …\"    (no notification; the reasons are required)\n";
    b += "  \"DELAY: reasons …\"                     (required when deciding after 72 h)\n";
  }
  b += sv ? "  (utan citattecken). Svaret gäller bara från en behörig beslutsfattare och med\n"
            "  ärendets kod i ämnesraden"
          : "  (without the quotes). A reply counts only from an authorised decision maker and with\n"
            "  the incident's code in the subject";
  if (!f.decision_token.empty()) b += " (#" + sanitize_header_value(f.decision_token) + ")";
  b += ".\n\n";
  b += sv ? "Det här är ett automatiskt meddelande från incidentbrevlådan (steg " :
            "This is an automatic message from the incident mailbox (step ";
  b += sanitize_header_value(f.step_id) + ").\n";
  return b;
}

ComposeResult ReminderComposer::compose(const ReminderFacts& f, Language lang, TimePoint now) const {
  OutgoingMail mail;
  mail.from = from_;
  mail.from_name = from_name_;
  mail.to = f.to;
  mail.subject = subject(f, lang, now);
  mail.body = body(f, lang, now);
  mail.in_reply_to = f.report_message_id;
  mail.references = f.report_references;
  if (!f.report_message_id.empty()) mail.references.push_back(f.report_message_id);
  mail.auto_submitted = AutoSubmitted::auto_generated;
  mail.date = now;
  return composer_.compose(mail);
}

}  // namespace gdprd::notify
