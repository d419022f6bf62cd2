// Recognises a mail that continues a known incident: the acknowledgment asks
// reporters to keep "[PUI-2026-0042]" in the subject when they reply.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gdprd::daemon {

// The first "PUI-YYYY-NNNN" (four or more digits) in SUBJECT that stands as a
// token (not inside a longer word or number), or nullopt. Pure.
std::optional<std::string> find_reference(std::string_view subject);

}  // namespace gdprd::daemon
