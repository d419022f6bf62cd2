// Fuzz target over read_report: any bytes give a record of a legal class
// without crashing or throwing.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "parsers/report_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  gdprd::parsers::ReadResult r = gdprd::parsers::read_report(raw);
  const std::string& c = r.record.message_class;
  if (c != "report" && c != "auto_reply" && c != "bounce") std::abort();
  return 0;
}
