// Fuzz target: read_docx on arbitrary bytes, as if they were a .docx attachment.
// Under GCC it is a corpus replayer run by ctest (tests/fuzz_replay_main.cpp).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "parsers/docs/docx_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  gdprd::Limits limits;
  // Small limits so that the limit paths are reached often.
  limits.max_zip_entry_bytes = 1u << 20;
  limits.max_pdf_pages = 5;
  limits.max_text_bytes = 1u << 16;
  const auto doc = gdprd::parsers::read_docx(std::string_view(reinterpret_cast<const char*>(data), size), limits);
  // The contract: a document that could not be read says why.
  if (!doc.ok && doc.warnings.empty()) __builtin_trap();
  return 0;
}
