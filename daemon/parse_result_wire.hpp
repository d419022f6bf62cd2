// The result of one parse as the worker sends it to the daemon
// (daemon/parse_worker.hpp): the record's JSON, the mail's facts and
// needs_human in one JSON object on the worker's standard output.
#pragma once

#include <string>
#include <string_view>

#include "parsers/report_reader.hpp"

namespace gdprd::daemon {

// Invalid UTF-8 in the record is replaced, never thrown on. from_json throws
// nlohmann::json::exception on malformed or incomplete input.
std::string sandbox_result_to_json(const parsers::ReadResult& result);
parsers::ReadResult sandbox_result_from_json(std::string_view json);

}  // namespace gdprd::daemon
