#include "tests/hostile/hostile_mail.hpp"

#include <vector>

#include "parsers/docs/docs_test_support.hpp"

namespace gdprd::hostile {

namespace {
const std::string kReport =
    "Hej! Igår skickade jag av misstag elevlistan med vårdnadshavares telefonnummer till fel "
    "mottagare. Mejlet gick till en extern adress. Jag upptäckte det i morse.\r\n";
}

std::string mail_head(const std::string& content_type, bool close) {
  std::string h =
      "From: Test Person <test.person@kommun.example>\r\n"
      "To: gdprincident@kommun.example\r\n"
      "Subject: Personuppgiftsincident\r\n"
      "Date: Tue, 10 Nov 2026 08:47:12 +0100\r\n"
      "Message-ID: <hostile@kommun.example>\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: " + content_type + "\r\n";
  if (close) h += "\r\n";
  return h;
}

std::string base64_lines(const std::string& data) {
  static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve(data.size() * 4 / 3 + data.size() / 38 + 8);
  size_t col = 0;
  for (size_t i = 0; i < data.size(); i += 3) {
    const unsigned b0 = static_cast<unsigned char>(data[i]);
    const unsigned b1 = i + 1 < data.size() ? static_cast<unsigned char>(data[i + 1]) : 0;
    const unsigned b2 = i + 2 < data.size() ? static_cast<unsigned char>(data[i + 2]) : 0;
    out += k[b0 >> 2];
    out += k[((b0 & 3) << 4) | (b1 >> 4)];
    out += i + 1 < data.size() ? k[((b1 & 15) << 2) | (b2 >> 6)] : '=';
    out += i + 2 < data.size() ? k[b2 & 63] : '=';
    col += 4;
    if (col >= 76) { out += "\r\n"; col = 0; }
  }
  out += "\r\n";
  return out;
}

std::string nested_multiparts(size_t levels) {
  std::string m = mail_head("multipart/mixed; boundary=\"b0\"");
  m.reserve(levels * 70);
  for (size_t i = 0; i < levels; ++i) {
    m += "--b" + std::to_string(i) + "\r\nContent-Type: multipart/mixed; boundary=\"b" + std::to_string(i + 1) +
         "\"\r\n\r\n";
  }
  m += "--b" + std::to_string(levels) + "\r\nContent-Type: text/plain\r\n\r\n" + kReport;
  return m;
}

std::string long_header_line(size_t bytes) {
  std::string m = "From: Test Person <test.person@kommun.example>\r\nSubject: ";
  m.append(bytes, 'a');
  m += "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + kReport;
  return m;
}

std::string boundary_storm(size_t bytes) {
  std::string m = mail_head("multipart/mixed; boundary=\"a\"");
  m.reserve(m.size() + bytes + 16);
  while (m.size() < bytes) m += "--a\r\n";
  return m;
}

std::string many_parts(size_t parts) {
  std::string m = mail_head("multipart/mixed; boundary=\"p\"");
  m.reserve(parts * 40);
  for (size_t i = 0; i < parts; ++i) m += "--p\r\nContent-Type: text/plain\r\n\r\nx\r\n";
  m += "--p--\r\n";
  return m;
}

std::string big_mail(size_t bytes) {
  std::string m = mail_head("multipart/mixed; boundary=\"big\"");
  m += "--big\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + kReport;
  m += "--big\r\nContent-Type: application/octet-stream; name=\"data.bin\"\r\n"
       "Content-Disposition: attachment; filename=\"data.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  const size_t payload = bytes > m.size() + 64 ? (bytes - m.size() - 64) / 4 * 3 * 76 / 78 : 0;
  std::string data(payload, '\0');
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>((i * 2654435761u) >> 13);
  m += base64_lines(data);
  m += "--big--\r\n";
  return m;
}

namespace {
std::string docx_attachment_mail(const std::string& docx) {
  std::string m = mail_head("multipart/mixed; boundary=\"d\"");
  m += "--d\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSe bifogad blankett.\r\n";
  m += "--d\r\nContent-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document; "
       "name=\"blankett.docx\"\r\nContent-Disposition: attachment; filename=\"blankett.docx\"\r\n"
       "Content-Transfer-Encoding: base64\r\n\r\n";
  m += base64_lines(docx);
  m += "--d--\r\n";
  return m;
}
}  // namespace

std::string zip_bomb_docx_mail(size_t inflated_bytes) {
  // One paragraph whose text is megabytes of the same letter: deflate packs
  // it ~1000:1, so a small attachment inflates past every entry limit.
  std::string body = "<w:p><w:r><w:t>";
  body.append(inflated_bytes, 'A');
  body += "</w:t></w:r></w:p>";
  return docx_attachment_mail(parsers::testing::make_docx(body));
}

std::string billion_laughs_docx_mail() {
  std::string doc =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
      "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n";
  for (int i = 2; i <= 9; ++i) {
    doc += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j) doc += "&lol" + std::to_string(i - 1) + ";";
    doc += "\">\n";
  }
  doc += "]>\n<w:document ";
  doc += parsers::testing::kWordNs;
  doc += "><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>";
  const std::string rels =
      "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
      "officeDocument\" Target=\"word/document.xml\"/></Relationships>";
  return docx_attachment_mail(
      parsers::testing::make_zip({{"[Content_Types].xml", "<Types/>"}, {"_rels/.rels", rels}, {"word/document.xml", doc}}));
}

std::string many_objects_pdf_mail(size_t objects) {
  // A page tree with `objects` leaf pages, each its own object, with a
  // correct xref so the reader cannot shortcut through reconstruction.
  std::vector<size_t> offsets;
  std::string pdf = "%PDF-1.4\n";
  auto obj = [&](const std::string& body) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(offsets.size()) + " 0 obj\n" + body + "\nendobj\n";
  };
  obj("<< /Type /Catalog /Pages 2 0 R >>");
  std::string kids;
  kids.reserve(objects * 10);
  for (size_t i = 0; i < objects; ++i) kids += std::to_string(i + 4) + " 0 R ";
  obj("<< /Type /Pages /Count " + std::to_string(objects) + " /Kids [" + kids + "] >>");
  obj("<< /Length 44 >>\nstream\nBT /F1 12 Tf 72 720 Td (Incident) Tj ET\n\nendstream");
  for (size_t i = 0; i < objects; ++i)
    obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>");
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(offsets.size() + 1) + "\n0000000000 65535 f \n";
  char line[32];
  for (size_t off : offsets) {
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(offsets.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  std::string m = mail_head("multipart/mixed; boundary=\"f\"");
  m += "--f\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSe bifogad pdf.\r\n";
  m += "--f\r\nContent-Type: application/pdf; name=\"blankett.pdf\"\r\n"
       "Content-Disposition: attachment; filename=\"blankett.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  m += base64_lines(pdf);
  m += "--f--\r\n";
  return m;
}

std::string base64_with_pipes_mail() {
  std::string enc = base64_lines(kReport);
  std::string noisy;
  for (size_t i = 0; i < enc.size(); ++i) {
    noisy += enc[i];
    if (i % 7 == 3) noisy += '|';
  }
  return mail_head("text/plain; charset=utf-8", false) + "Content-Transfer-Encoding: base64\r\n\r\n" + noisy;
}

}  // namespace gdprd::hostile
