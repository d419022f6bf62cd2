// What `gdprincidentctl show REF` prints, apart from the store so that both
// forms are tested on values: the incident, its two deadlines, the
// assessments and decisions (who, when, what), the record, each stored mail's
// headers and MIME parts, and the event log. The JSON shape is stable
// (docs/gdprincidentctl.1, SHOW JSON):
//   {"reference", "state", "created_at", "reporter", "unit", "needs_human",
//    "attention": [...], "awareness": {"at", "source"},
//    "deadlines": {"internal": D, "imy": D}, "overdue",
//    "assessment": {"category", "priority"} | null,
//    "decision": {"decision", "at", "by", "imy_reference", "motivation",
//                 "delay_reason", "subjects_must_be_informed",
//                 "subjects_informed_at"} | null,
//    "decisions": [E], "record": {...} | null, "record_unreadable": bool,
//    "messages": [{"id", "role", "class", "received_at", "size", "sha256",
//                  "headers": {...}, "parts": [...], "warnings": [...]}],
//    "events": [E]}
// with D as deadline_json(), E = {"at", "actor", "kind", "detail"}, headers
// and parts as mail_summary_json().
#pragma once

#include <iosfwd>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/limits.hpp"
#include "store/incident_queries.hpp"
#include "store/incident_store.hpp"

namespace gdprd::daemon {

struct ShowInput {
  store::ListedIncident incident;
  std::vector<store::Event> events;           // oldest first
  std::vector<store::StoredMessage> messages;  // oldest first, with raw bytes
  Limits limits;                              // for reading the stored mails
  TimePoint now;
};

// Event kinds that record somebody's assessment or decision (the CLI's
// assess/decide/correct/close/reopen and the reply-mail decisions).
bool is_decision_event(std::string_view kind);

// "category 2, P2", "notified (IMY DI-2026-1), decided 2026-05-20 15:00", ...:
// the what of a decision event in one line; the detail JSON for other kinds
// (without a revision's old record, which `show --json` keeps).
std::string event_summary(const store::Event& event);

nlohmann::ordered_json show_json(const ShowInput& input);
void print_show(std::ostream& out, const ShowInput& input);

}  // namespace gdprd::daemon
