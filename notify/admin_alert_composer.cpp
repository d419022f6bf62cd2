#include "notify/admin_alert_composer.hpp"

#include <algorithm>

#include "core/stockholm_time.hpp"
#include "notify/mail_encoding.hpp"

namespace gdprd::notify {
namespace {

constexpr size_t kMaxErrorText = 300;  // a server's error line, not its whole reply

std::string local_time(TimePoint t, bool sv) {
  return stockholm::format_human(t) + (sv ? " (svensk tid)" : " (Swedish time)");
}

std::string local_date(TimePoint t) { return stockholm::format_date(stockholm::to_local(t)); }

// One line of at most kMaxErrorText bytes, cut on a UTF-8 boundary.
std::string one_line(std::string_view text) {
  std::string s = sanitize_header_value(text);
  if (s.size() <= kMaxErrorText) return s;
  size_t cut = kMaxErrorText;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xc0) == 0x80) --cut;
  return s.substr(0, cut) + "…";
}

std::string config_arg(const AdminAlertFacts& f) {
  return f.ctl_config_path.empty() ? "--config FILE" : "--config " + sanitize_header_value(f.ctl_config_path);
}

std::string checks(const AdminAlertFacts& f, bool sv) {
  std::string b = sv ? "Kontrollera:\n" : "What to check:\n";
  b += sv ? "- daemonens logg:  journalctl -u gdprincidentd --since \"" : "- the daemon's log:  journalctl -u gdprincidentd --since \"";
  b += stockholm::format_human(f.since) + "\"\n";
  b += sv ? "- läget:  gdprincidentctl " : "- the state:  gdprincidentctl ";
  b += config_arg(f) + " status\n";
  return b;
}

std::string part(const AdminAlertFacts& f, bool sv, TimePoint now) {
  const Language lang = sv ? Language::sv : Language::en;
  const std::string mailbox = one_line(f.mailbox);
  std::string b = sv ? "Hej,\n\n" : "Hello,\n\n";
  switch (f.kind) {
    case AdminAlertKind::poll_failure:
      b += sv ? "gdprincidentd har inte kunnat läsa incidentbrevlådan " + mailbox + " sedan " + local_time(f.since, sv) +
                    " (" + describe_duration(now - f.since, lang) + ").\n"
                    "Nya anmälningar om personuppgiftsincidenter tas inte emot, kvitteras inte och deras frister\n"
                    "(24 h internt, 72 h till IMY) bevakas inte förrän felet är åtgärdat.\n\n"
              : "gdprincidentd has not been able to read the incident mailbox " + mailbox + " since " +
                    local_time(f.since, sv) + " (" + describe_duration(now - f.since, lang) + ").\n"
                    "New personal data breach reports are not received, not acknowledged, and their deadlines\n"
                    "(24 h internal, 72 h to IMY) are not watched until this is fixed.\n\n";
      if (!f.last_error.empty()) b += (sv ? "Senaste fel: " : "Last error: ") + one_line(f.last_error) + "\n\n";
      b += checks(f, sv);
      b += sv ? "- att IMAP-servern svarar och att kontots lösenord eller token fortfarande gäller.\n"
              : "- that the IMAP server answers and that the account's password or token is still valid.\n";
      break;
    case AdminAlertKind::poll_recovered:
      b += sv ? "Incidentbrevlådan " + mailbox + " kan läsas igen sedan " + local_time(f.ended.value_or(now), sv) +
                    ".\nAvbrottet började " + local_time(f.since, sv) + " och varade " +
                    describe_duration(f.ended.value_or(now) - f.since, lang) +
                    ".\nAnmälningar som kom under avbrottet hämtas nu; deras frister räknas från när\n"
                    "incidenten blev känd, inte från när de hämtades.\n"
              : "The incident mailbox " + mailbox + " can be read again since " + local_time(f.ended.value_or(now), sv) +
                    ".\nThe outage began " + local_time(f.since, sv) + " and lasted " +
                    describe_duration(f.ended.value_or(now) - f.since, lang) +
                    ".\nReports that arrived during the outage are fetched now; their deadlines count from\n"
                    "when the breach became known, not from when they were fetched.\n";
      break;
    case AdminAlertKind::outbox_stuck:
      b += sv ? std::to_string(f.unsent) + " utgående mejl (kvittenser, påminnelser, larm) väntar. Det äldsta köades " +
                    local_time(f.since, sv) + " (" + describe_duration(now - f.since, lang) + " sedan).\n"
                    "Påminnelser om fristerna mot IMY når inte fram medan utkorgen står still.\n\n"
                    "Det här larmet går via samma SMTP-server. Om den är felet kommer larmet fram först när\n"
                    "den fungerar igen; daemonen har också loggat felet (nivå error).\n\n"
              : std::to_string(f.unsent) + " outgoing mails (acknowledgments, reminders, alerts) are waiting. The oldest "
                    "was queued " + local_time(f.since, sv) + " (" + describe_duration(now - f.since, lang) + " ago).\n"
                    "Reminders of the IMY deadlines do not reach anyone while the outbox is stuck.\n\n"
                    "This alert goes through the same SMTP server. If that server is the fault, this alert\n"
                    "arrives only once it works again; the daemon has also logged the fault (level error).\n\n";
      b += checks(f, sv);
      b += sv ? "- att SMTP-servern svarar och tar emot inloggningen, och mottagaradresserna.\n"
              : "- that the SMTP server answers and accepts the login, and the recipient addresses.\n";
      break;
    case AdminAlertKind::outbox_recovered:
      b += sv ? "Utkorgen töms igen sedan " + local_time(f.ended.value_or(now), sv) + ". Stoppet började " +
                    local_time(f.since, sv) + " och varade " + describe_duration(f.ended.value_or(now) - f.since, lang) +
                    ".\n"
              : "The outbox drains again since " + local_time(f.ended.value_or(now), sv) + ". The stop began " +
                    local_time(f.since, sv) + " and lasted " + describe_duration(f.ended.value_or(now) - f.since, lang) +
                    ".\n";
      break;
    case AdminAlertKind::secret_expiring:
    case AdminAlertKind::secret_expired: {
      const std::string name = one_line(f.secret_name);
      const std::string date = local_date(f.expires_at);
      if (f.kind == AdminAlertKind::secret_expired)
        b += sv ? "Hemligheten \"" + name + "\" gick ut " + date + " enligt konfigurationen.\n"
                : "The secret \"" + name + "\" expired on " + date + " according to the configuration.\n";
      else
        b += sv ? "Hemligheten \"" + name + "\" går ut " + date + ", om " + describe_duration(f.expires_at - now, lang) +
                      ".\n"
                : "The secret \"" + name + "\" expires on " + date + ", in " + describe_duration(f.expires_at - now, lang) +
                      ".\n";
      b += sv ? "När den har gått ut kan daemonen inte längre logga in, och anmälningar tas inte emot.\n\n"
                "Gör så här: skapa en ny hemlighet, lägg den i credential-filen (LoadCredential=),\n"
                "ändra datumet (expires) i konfigurationen och kör  systemctl reload gdprincidentd.\n"
              : "Once it has expired the daemon can no longer log in, and reports are not received.\n\n"
                "What to do: create a new secret, put it in the credential file (LoadCredential=),\n"
                "change the date (expires) in the configuration and run  systemctl reload gdprincidentd.\n";
      break;
    }
  }
  b += "\n";
  b += sv ? "Det här är ett automatiskt meddelande från gdprincidentd ([alerts] i konfigurationen).\n"
          : "This is an automatic message from gdprincidentd ([alerts] in the configuration).\n";
  return b;
}

}  // namespace

std::string describe_duration(Duration d, Language language) {
  const bool sv = language == Language::sv;
  auto minutes = std::max<int64_t>(0, std::chrono::duration_cast<std::chrono::minutes>(d).count());
  auto days = minutes / (24 * 60), h = (minutes / 60) % 24, m = minutes % 60;
  std::string out;
  auto add = [&](const std::string& piece) { out += (out.empty() ? "" : " ") + piece; };
  if (days > 0) add(std::to_string(days) + (sv ? " dygn" : (days == 1 ? " day" : " days")));
  if (h > 0) add(std::to_string(h) + " h");
  if (days == 0 && (m > 0 || h == 0)) add(std::to_string(m) + " min");
  return out;
}

AdminAlertComposer::AdminAlertComposer(MailComposer composer, std::string from, std::string from_name)
    : composer_(std::move(composer)), from_(std::move(from)), from_name_(std::move(from_name)) {}

std::string AdminAlertComposer::subject(const AdminAlertFacts& f, Language lang) {
  const bool sv = lang == Language::sv;
  std::string s = "[gdprincidentd] ";
  switch (f.kind) {
    case AdminAlertKind::poll_failure:
      s += sv ? "LARM: incidentbrevlådan kan inte läsas sedan " : "ALERT: the incident mailbox cannot be read since ";
      s += stockholm::format_human(f.since);
      break;
    case AdminAlertKind::poll_recovered:
      s += sv ? "Åtgärdat: incidentbrevlådan kan läsas igen" : "Resolved: the incident mailbox can be read again";
      break;
    case AdminAlertKind::outbox_stuck:
      s += sv ? "LARM: utgående mejl har fastnat sedan " : "ALERT: outgoing mail stuck since ";
      s += stockholm::format_human(f.since);
      break;
    case AdminAlertKind::outbox_recovered:
      s += sv ? "Åtgärdat: utgående mejl skickas igen" : "Resolved: outgoing mail is sent again";
      break;
    case AdminAlertKind::secret_expiring:
      s += (sv ? "Varning: hemligheten \"" : "Warning: the secret \"") + one_line(f.secret_name) +
           (sv ? "\" går ut " : "\" expires on ") + local_date(f.expires_at);
      break;
    case AdminAlertKind::secret_expired:
      s += (sv ? "LARM: hemligheten \"" : "ALERT: the secret \"") + one_line(f.secret_name) +
           (sv ? "\" har gått ut " : "\" expired on ") + local_date(f.expires_at);
      break;
  }
  return s;
}

std::string AdminAlertComposer::body(const AdminAlertFacts& f, Language lang, TimePoint now) {
  if (lang == Language::en) return part(f, false, now);
  return part(f, true, now) + "\n-- In English --\n\n" + part(f, false, now);
}

ComposeResult AdminAlertComposer::compose(const AdminAlertFacts& f, Language lang, TimePoint now) const {
  OutgoingMail mail;
  mail.from = from_;
  mail.from_name = from_name_;
  mail.to = f.to;
  mail.subject = subject(f, lang);
  mail.body = body(f, lang, now);
  mail.auto_submitted = AutoSubmitted::auto_generated;
  mail.date = now;
  return composer_.compose(mail);
}

}  // namespace gdprd::notify
