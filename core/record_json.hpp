// JSON form of the incident record: every key of the spec present, in the
// spec's order, nulls for what is not stated. This is what
// `gdprincidentctl parse --json` prints and what the store keeps.
#pragma once

#include <nlohmann/json.hpp>

#include "core/record.hpp"

namespace gdprd {

// nlohmann::ordered_json keeps the spec's key order in the output.
using Json = nlohmann::ordered_json;

Json to_json(const IncidentRecord& record);

// Reads a record back. Unknown keys are ignored, missing keys stay empty.
// Throws nlohmann::json::exception on a value of the wrong JSON type.
IncidentRecord record_from_json(const Json& json);

}  // namespace gdprd
