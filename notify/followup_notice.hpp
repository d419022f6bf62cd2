// The mail that tells the CISO a follow-up changed an incident's record.
// Swedish first, English below; values are shown as stored (JSON), since the
// CISO compares them with `gdprincidentctl show`.
#pragma once

#include <string>
#include <vector>

#include "core/clock.hpp"
#include "notify/mail_composer.hpp"

namespace gdprd::notify {

struct FollowupChange {
  std::string field;   // spec key, e.g. "data_subjects" or "contact.phone"
  std::string before;  // empty when there was no value
  std::string after;
};

// The body text alone (LF line ends). Values longer than 300 bytes are cut
// (at a UTF-8 boundary) with "…": the full values are in the event log.
std::string followup_notice_body(const std::string& reference, const std::vector<FollowupChange>& changes);

// The complete mail (Auto-Submitted: auto-generated) from `from` to `to`,
// subject "[REF] Komplettering inkommen / Supplement received". Message-ID in
// from's domain. Error result for invalid addresses.
ComposeResult compose_followup_notice(const std::string& reference, const std::vector<FollowupChange>& changes,
                                      const std::string& from, const std::vector<std::string>& to, TimePoint date);

}  // namespace gdprd::notify
