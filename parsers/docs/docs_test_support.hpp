// Test helpers for the document readers: build small zip containers (docx,
// odt: parsers/docs/office_zip_builder.hpp) and PDFs in memory, and read
// fixture files. Used by *_test.cpp only.
#pragma once

#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "parsers/docs/office_zip_builder.hpp"

namespace gdprd::parsers::testing {

// Reads tests/fixtures/docs/<name>; empty when missing (the test then fails).
inline std::string fixture(const std::string& name) {
  std::ifstream in(std::string(GDPRD_SOURCE_DIR) + "/tests/fixtures/docs/" + name, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// A PDF whose pages draw the given content streams with Helvetica as /F1
// (WinAnsi: Latin-1 text only). xref offsets are computed, so poppler reads it
// without reconstruction. `extra_trailer` is appended inside the trailer dict.
inline std::string make_pdf(const std::vector<std::string>& page_streams, const std::string& extra_objects = "",
                            const std::string& extra_trailer = "") {
  std::vector<std::string> objs;
  std::string kids;
  const size_t n = page_streams.size();
  for (size_t i = 0; i < n; ++i) kids += std::to_string(4 + 2 * i) + " 0 R ";
  objs.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objs.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(n) + " >>");
  objs.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  for (size_t i = 0; i < n; ++i) {
    objs.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                   "/Contents " + std::to_string(5 + 2 * i) + " 0 R >>");
    objs.push_back("<< /Length " + std::to_string(page_streams[i].size()) + " >>\nstream\n" + page_streams[i] +
                   "\nendstream");
  }
  if (!extra_objects.empty()) objs.push_back(extra_objects);
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objs.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objs[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objs.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    std::string o = std::to_string(off);
    pdf += std::string(10 - o.size(), '0') + o + " 00000 n \n";
  }
  pdf += "trailer\n<< /Size " + std::to_string(objs.size() + 1) + " /Root 1 0 R " + extra_trailer +
         " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// One line of text at (x, y) in points.
inline std::string pdf_text(int x, int y, const std::string& text) {
  return "BT /F1 11 Tf " + std::to_string(x) + " " + std::to_string(y) + " Td (" + text + ") Tj ET\n";
}

}  // namespace gdprd::parsers::testing
