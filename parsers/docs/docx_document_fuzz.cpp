// Fuzz target: read_docx on a valid .docx package whose word/document.xml is
// the input. docx_reader_fuzz mutates the whole zip, and nearly every mutation
// breaks the container before the XML is reached; here every input goes
// through the XML parser and the form reader (content controls, checkboxes,
// tables, tracked changes). Under GCC it is a corpus replayer run by ctest.
#include <cstddef>
#include <cstdint>
#include <string>

#include "parsers/docs/docx_reader.hpp"
#include "parsers/docs/office_zip_builder.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  gdprd::Limits limits;
  // Small limits so that the limit paths are reached often.
  limits.max_zip_entry_bytes = 1u << 20;
  limits.max_text_bytes = 1u << 16;
  const std::string package =
      gdprd::parsers::testing::make_docx_package(std::string(reinterpret_cast<const char*>(data), size));
  const auto doc = gdprd::parsers::read_docx(package, limits);
  // The contract: a document that could not be read says why.
  if (!doc.ok && doc.warnings.empty()) __builtin_trap();
  return 0;
}
