// Builds docx and odt packages (zip containers) in memory with libzip, for
// the document readers' tests and the fuzz targets that mutate the XML
// inside a valid package (docx_document_fuzz, odt_content_fuzz). Header-only
// and not part of any library: production code never writes a zip.
#pragma once

#include <zip.h>

#include <string>
#include <utility>
#include <vector>

namespace gdprd::parsers::testing {

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

// A minimal .docx package around a whole word/document.xml.
inline std::string make_docx_package(const std::string& document_xml) {
  const std::string rels =
      "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
      "officeDocument\" Target=\"word/document.xml\"/></Relationships>";
  return make_zip({{"[Content_Types].xml", "<Types/>"}, {"_rels/.rels", rels}, {"word/document.xml", document_xml}});
}

// A minimal .docx whose body is `body_xml` (WordprocessingML inside w:body).
inline std::string make_docx(const std::string& body_xml) {
  return make_docx_package(std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document ") + kWordNs +
                           "><w:body>" + body_xml + "</w:body></w:document>");
}

// A minimal .odt package around a whole content.xml.
inline std::string make_odt_package(const std::string& content_xml) {
  return make_zip({{"mimetype", "application/vnd.oasis.opendocument.text"}, {"content.xml", content_xml}});
}

// A minimal .odt whose office:text holds `text_xml`.
inline std::string make_odt(const std::string& text_xml) {
  return make_odt_package(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content "
      "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
      "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
      "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
      "xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" "
      "xmlns:form=\"urn:oasis:names:tc:opendocument:xmlns:form:1.0\"><office:body><office:text>" +
      text_xml + "</office:text></office:body></office:document-content>");
}

}  // namespace gdprd::parsers::testing
