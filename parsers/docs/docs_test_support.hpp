// Test helpers for the document readers: build small zip containers (docx,
// odt) and PDFs in memory, and read fixture files. Used by *_test.cpp only.
#pragma once

#include <zip.h>

#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

namespace gdprd::parsers::testing {

// Reads tests/fixtures/docs/<name>; empty when missing (the test then fails).
inline std::string fixture(const std::string& name) {
  std::ifstream in(std::string(GDPRD_SOURCE_DIR) + "/tests/fixtures/docs/" + name, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// A zip archive of (name, content) entries, deflated, built with libzip.
inline std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_t* za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
  zip_source_keep(src);
  for (const auto& [name, content] : entries) {
    zip_source_t* s = zip_source_buffer(za, content.data(), content.size(), 0);
    zip_file_add(za, name.c_str(), s, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8);
  }
  zip_close(za);  // content buffers must stay alive until here
  std::string out;
  zip_source_open(src);
  zip_source_seek(src, 0, SEEK_END);
  const zip_int64_t size = zip_source_tell(src);
  zip_source_seek(src, 0, SEEK_SET);
  out.resize(static_cast<size_t>(size));
  zip_source_read(src, out.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(src);
  zip_source_free(src);
  zip_error_fini(&err);
  return out;
}

inline const char* kWordNs =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\" "
    "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"";

// A minimal .docx whose body is `body_xml` (WordprocessingML inside w:body).
inline std::string make_docx(const std::string& body_xml) {
  const std::string doc = std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document ") + kWordNs +
                          "><w:body>" + body_xml + "</w:body></w:document>";
  const std::string rels =
      "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
      "officeDocument\" Target=\"word/document.xml\"/></Relationships>";
  return make_zip({{"[Content_Types].xml", "<Types/>"}, {"_rels/.rels", rels}, {"word/document.xml", doc}});
}

// A minimal .odt whose office:text holds `text_xml`.
inline std::string make_odt(const std::string& text_xml) {
  const std::string content =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content "
      "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
      "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
      "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
      "xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" "
      "xmlns:form=\"urn:oasis:names:tc:opendocument:xmlns:form:1.0\"><office:body><office:text>" +
      text_xml + "</office:text></office:body></office:document-content>";
  return make_zip({{"mimetype", "application/vnd.oasis.opendocument.text"}, {"content.xml", content}});
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
