// Fuzz target: any bytes as a report text through layout detection and every
// form reader. Must not crash, hang or throw.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "parsers/extract/field_extractor.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  gdprd::parsers::ExtractContext ctx;
  gdprd::IncidentRecord record;
  gdprd::parsers::extract_fields(text, ctx, record);
  return 0;
}
