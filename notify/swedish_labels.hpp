// Swedish wording of the spec's enum values, as IMY's notification form
// (seed 004) prints its alternatives. Shared by the IMY form and the register.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gdprd::notify {

// The form's label for value of the enum field ("incident_type", "detected_by",
// "cause", "sector", "area", "subject_groups", "data_categories", "encrypted",
// "consequences", "will_inform_subjects", "not_inform_reasons", "range",
// "severity"). An unknown field or value gives the value itself, so nothing
// the record says is ever dropped.
std::string swedish_label(std::string_view field, std::string_view value);

// Labels of a list, joined by sep.
std::string swedish_labels(std::string_view field, const std::vector<std::string>& values,
                           std::string_view sep = ", ");

// "2026-05-20T16:39:00+02:00" -> "2026-05-20 16:39" (the form's ÅÅÅÅ-MM-DD
// HH:MM, local time as written); a bare date stays as it is; anything else
// is returned unchanged.
std::string form_time(std::string_view record_time);

}  // namespace gdprd::notify
