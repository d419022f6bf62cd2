#include "daemon/service.hpp"

namespace gdprd::daemon {
namespace {

// One token source for IMAP and SMTP, when either logs in with OAuth2.
std::unique_ptr<OAuth2TokenSource> token_source(const config::Config& c, const Clock& clock) {
  const bool used = c.mailbox.auth == config::AuthMethod::oauth2 || c.smtp.auth == config::AuthMethod::oauth2;
  if (!used || !c.oauth2) return nullptr;
  OAuth2Settings s;
  s.token_url = c.oauth2->token_url;
  s.client_id = c.oauth2->client_id;
  s.client_secret = c.oauth2->client_secret.reveal();
  s.certificate = {c.oauth2->client_certificate, c.oauth2->client_key.reveal()};
  s.scope = c.oauth2->scope;
  s.ca_file = c.oauth2->ca_file.value_or("");
  s.refresh_margin = c.oauth2->refresh_margin;
  return std::make_unique<OAuth2TokenSource>(std::move(s), clock);
}

// oauth2: the token source when [mailbox] auth = "oauth2" (it must outlive the options).
ImapOptions imap_options(const config::MailboxConfig& m, OAuth2TokenSource* oauth2 = nullptr) {
  ImapOptions o;
  o.url = m.url;
  o.user = m.user;
  o.password = m.password.reveal();
  o.ca_file = m.ca_file.value_or("");
  if (m.auth == config::AuthMethod::oauth2 && oauth2 != nullptr) o.bearer_token = oauth2->bearer_hook();
  return o;
}

notify::SmtpOptions smtp_options(const config::SmtpConfig& s, OAuth2TokenSource* oauth2 = nullptr) {
  notify::SmtpOptions o;
  o.url = s.url;
  o.user = s.user;
  o.password = s.password.reveal();
  o.ca_file = s.ca_file.value_or("");
  if (s.auth == config::AuthMethod::oauth2 && oauth2 != nullptr) o.bearer_token = oauth2->bearer_hook();
  return o;
}

PollerSettings poller_settings(const config::Config& c) {
  PollerSettings p;
  p.mailbox_key = c.mailbox.url;
  p.processed = c.mailbox.processed;
  p.limits = c.limits;
  p.reporter_domains = c.organisation.reporter_domains;
  p.language = c.organisation.language;
  p.from = c.smtp.from;
  p.ciso = c.organisation.ciso;
  return p;
}

SchedulerSettings scheduler_settings(const config::Config& c) {
  SchedulerSettings s;
  s.ladders = c.deadlines.ladders;
  s.office_hours = c.deadlines.office_hours;
  s.recipients = c.deadlines.recipients;
  s.from = c.smtp.from;
  s.language = notify::parse_language(c.deadlines.language);
  s.completion_requests = c.deadlines.completion_requests;
  s.reporter_domains = c.organisation.reporter_domains;
  s.ctl_config_path = config::ctl_target(c);
  return s;
}

DecisionMailSettings decision_settings(const config::Config& c) {
  return DecisionMailSettings{c.deadlines.deciders, c.smtp.from, notify::parse_language(c.deadlines.language),
                              c.limits};
}

}  // namespace

std::string domain_of(const std::string& address) {
  auto at = address.rfind('@');
  return at == std::string::npos ? "" : address.substr(at + 1);
}

Service::Service(const config::Config& config, const Clock& clock)
    : config_(config),
      db_(config.store.path),
      store_(db_, clock),
      oauth2_(token_source(config, clock)),
      imap_(imap_options(config.mailbox, oauth2_.get())),
      composer_(notify::MailComposer(domain_of(config.smtp.from)), config.smtp.from,
                config.organisation.name),
      smtp_(smtp_options(config.smtp, oauth2_.get())),
      poller_(imap_, store_, composer_, clock, poller_settings(config)),
      dispatcher_(store_, smtp_, clock),
      repo_(db_, clock),
      reminder_composer_(notify::MailComposer(domain_of(config.smtp.from)), config.smtp.from,
                         config.organisation.name),
      reply_composer_(notify::MailComposer(domain_of(config.smtp.from)), config.smtp.from, config.organisation.name),
      decisions_(store_, repo_, reply_composer_, clock, decision_settings(config)),
      scheduler_(store_, repo_, reminder_composer_, reply_composer_, clock, scheduler_settings(config)),
      alert_state_(db_),
      alert_composer_(notify::MailComposer(domain_of(config.smtp.from)), config.smtp.from, config.organisation.name),
      alerts_(alert_state_, store_, alert_composer_, clock, alert_settings(config)) {
  poller_.set_decision_handler(&decisions_);
}

}  // namespace gdprd::daemon
