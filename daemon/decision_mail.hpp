// Decisions sent by reply mail. A mail whose subject carries the reference
// of a known incident and whose body has decision keyword lines (see
// parsers/decision/decision_parser.hpp) is handled here instead of becoming
// a follow-up or a new incident. It is applied only when the sender is a
// configured decider AND the mail carries the incident's decision token;
// otherwise it is refused with a reply saying why. Either way the mail is
// stored with the incident (role "decision") and the outcome is logged.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/limits.hpp"
#include "notify/ack_composer.hpp"
#include "notify/decision_reply_composer.hpp"
#include "parsers/decision/decision_parser.hpp"
#include "parsers/report_reader.hpp"
#include "store/deadline_repository.hpp"
#include "store/incident_store.hpp"

namespace gdprd::daemon {

struct DecisionMailSettings {
  std::vector<std::string> deciders;  // lower-cased addresses allowed to decide
  std::string from;                   // the incident mailbox (sender of replies)
  notify::Language language = notify::Language::sv;
  Limits limits;
};

struct DecisionMailOutcome {
  std::string reference;
  bool applied = false;               // something was recorded
  std::vector<std::string> applied_lines;
  std::vector<std::string> reasons;   // why (parts were) refused
  store::IngestResult ingest;
};

// What a decision mail asks, checked against the incident. Pure: decides
// which parts may be applied and why others may not (Swedish / English
// reasons), given the incident row, the sender and the receipt time.
struct DecisionCheck {
  bool authorised = false;
  bool apply_imy = false;
  bool apply_assessment = false;
  std::vector<std::string> reasons;
};
DecisionCheck check_decision_mail(const parsers::ParsedDecisionMail& parsed, const store::IncidentRow& row,
                                  const std::string& sender, const std::vector<std::string>& deciders,
                                  TimePoint received_at);

class DecisionMailHandler {
 public:
  // Borrows everything; all must outlive the handler.
  DecisionMailHandler(store::IncidentStore& store, store::DeadlineRepository& repo,
                      const notify::DecisionReplyComposer& replies, const Clock& clock,
                      DecisionMailSettings settings);

  // nullopt when RAW is not a decision mail for a known incident (the caller
  // goes on as usual). Otherwise applies what may be applied, then stores
  // the mail attached to the incident (from `base`: mailbox, uid, raw, ...)
  // with the reply in the outbox in the same transaction. Throws
  // store::StoreError when the store fails (the mail stays for the next poll;
  // re-applying the same decision changes nothing).
  std::optional<DecisionMailOutcome> handle(const store::IngestRequest& base, const parsers::ReadResult& read,
                                            const std::string& raw);

 private:
  store::IncidentStore& store_;
  store::DeadlineRepository& repo_;
  const notify::DecisionReplyComposer& replies_;
  const Clock& clock_;
  DecisionMailSettings settings_;
};

}  // namespace gdprd::daemon
