// What the acknowledgment may say about a report, read from the parsed
// record: only facts the record states; the rest goes into missing_fields.
#pragma once

#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/record.hpp"
#include "notify/ack_composer.hpp"
#include "parsers/report_reader.hpp"

namespace gdprd::daemon {

// The instant from which the 72 h run: the record's discovered_at when it is
// stated, readable and not later than receipt (a date-only value counts from
// 00:00 local); receipt otherwise. source is "discovered_at" or "received_at".
struct Awareness {
  TimePoint at;
  std::string source;
};
Awareness awareness_of(const IncidentRecord& record, TimePoint received_at);

// AckFacts for REFERENCE, to RECIPIENT. Pure; never throws.
notify::AckFacts ack_facts(const parsers::ReadResult& read, const std::string& reference,
                           const std::string& recipient, const Awareness& awareness);

}  // namespace gdprd::daemon
