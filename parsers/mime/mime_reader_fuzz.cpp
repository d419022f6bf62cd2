// Fuzz target over the MIME walk: any bytes must give a message with at least
// the outer entity, within the limits, without crashing.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "parsers/mime/entity_text.hpp"
#include "parsers/mime/mime_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  gdprd::Limits limits;
  limits.max_mime_parts = 50;
  limits.max_mime_depth = 8;
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  gdprd::parsers::MimeMessage m = gdprd::parsers::read_mime(raw, limits);
  if (m.entities.empty() || m.entities.size() > limits.max_mime_parts) std::abort();
  for (const auto& e : m.entities) {
    if (e.depth > limits.max_mime_depth + 1) std::abort();
    if (e.content_type.value.rfind("text/", 0) == 0) (void)gdprd::parsers::entity_text(e);
    (void)e.decoded_header("Subject");
  }
  return 0;
}
