// What a field extractor knows besides the report text: facts of the mail the
// text stands in. The message's own Date header is the only "now" a parser
// has (for "igår", "i morse", "yesterday"); parsers never read a clock.
#pragma once

#include <optional>
#include <string>

#include "core/clock.hpp"

namespace gdprd::parsers {

struct ExtractContext {
  // Date header of the message the text stands in (nullopt when absent or
  // unparseable: relative dates then stay null).
  std::optional<TimePoint> message_date;
  std::string subject;       // decoded subject of that message
  std::string from_name;     // display name of its sender
  std::string from_address;  // address of its sender
  std::string document_type; // docx | pdf | html_body | text_body | odt | other
};

}  // namespace gdprd::parsers
