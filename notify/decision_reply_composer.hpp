// The answer to a decision sent by mail (and the completion request to a
// reporter whose form lacks mandatory answers): one short mail in the
// recipient's language, threaded to the mail it answers. Pure.
#pragma once

#include <string>
#include <vector>

#include "core/clock.hpp"
#include "notify/ack_composer.hpp"
#include "notify/mail_composer.hpp"

namespace gdprd::notify {

struct DecisionReplyFacts {
  std::string reference;            // may be empty when the mail named no known incident
  std::string to;                   // the decision mail's sender
  std::string original_subject;     // may be hostile; sanitised
  std::string original_message_id;  // In-Reply-To
  std::vector<std::string> original_references;
  bool applied = false;
  std::vector<std::string> applied_lines;  // what was recorded, one line each
  std::vector<std::string> reasons;        // why it was refused (or parts were)
};

struct CompletionRequestFacts {
  std::string reference;
  std::string to;  // the reporter
  std::string original_subject;
  std::string original_message_id;
  std::vector<std::string> original_references;
  std::vector<std::string> missing;  // what is missing, human-readable (from the record's warnings)
};

class DecisionReplyComposer {
 public:
  DecisionReplyComposer(MailComposer composer, std::string from, std::string from_name);

  // "Re: [PUI-2026-0042] Beslut registrerat" / "... Beslut ej registrerat"
  // (Auto-Submitted: auto-replied). Error result on an invalid address.
  ComposeResult compose_reply(const DecisionReplyFacts& facts, Language language, TimePoint now) const;

  // "[PUI-2026-0042] Komplettering behövs" to the reporter (auto-generated).
  ComposeResult compose_completion_request(const CompletionRequestFacts& facts, Language language,
                                           TimePoint now) const;

  static std::string reply_body(const DecisionReplyFacts& facts, Language language);
  static std::string completion_body(const CompletionRequestFacts& facts, Language language);

 private:
  MailComposer composer_;
  std::string from_;
  std::string from_name_;
};

}  // namespace gdprd::notify
