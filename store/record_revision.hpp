// Replacing an incident's record while keeping the old one as evidence: the
// record a decision was made on must stay readable after a reparse or a
// follow-up changed it (Art. 33(5) documentation).
#pragma once

#include <cstdint>
#include <string_view>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace gdprd::store {

// In one transaction: reads the current record_json, stores new_json and
// needs_human, and appends an event of kind by actor at `at` whose detail is
// detail_json (a JSON object; "{}" for none) with "old_record" added, holding
// the previous record as JSON. Throws StoreError (unknown incident, bad
// detail JSON, database errors); nothing is written then.
void revise_record(Database& db, int64_t incident_id, std::string_view new_json, bool needs_human,
                   std::string_view actor, std::string_view kind, std::string_view detail_json, TimePoint at);

}  // namespace gdprd::store
