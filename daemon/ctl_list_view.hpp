// What `gdprincidentctl list` prints for a set of incidents, apart from the
// store so that both forms are tested on values. The JSON shape is stable
// (docs/gdprincidentctl.1, LIST JSON):
//   {"now": T, "count": N, "incidents": [{"reference", "state", "created_at",
//    "awareness_at", "awareness_source", "unit", "incident_type", "reporter",
//    "category", "priority", "decision", "overdue", "needs_human",
//    "attention": [...], "next_deadline": {"kind": "internal"|"imy", "due": T,
//    "seconds_left": N} | null, "deadlines": {"internal": D, "imy": D}}]}
// with T an RFC 3339 Stockholm time and D as deadline_json().
#pragma once

#include <iosfwd>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "store/incident_queries.hpp"

namespace gdprd::daemon {

nlohmann::ordered_json list_json(const std::vector<store::ListedIncident>& incidents, TimePoint now);

// One line per incident under a header: reference, state, the next running
// deadline (local time) and the time left or how late, unit, type, and what
// needs a human. "no incidents match" when empty.
void print_list(std::ostream& out, const std::vector<store::ListedIncident>& incidents, TimePoint now);

// "internal" or "imy": which deadline next_deadline is ("" when none runs).
std::string next_deadline_kind(const store::ListedIncident& incident);

}  // namespace gdprd::daemon
