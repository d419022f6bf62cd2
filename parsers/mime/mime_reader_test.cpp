#include "parsers/mime/mime_reader.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "core/vocabulary.hpp"
#include "parsers/mime/entity_text.hpp"

namespace gdprd::parsers {
namespace {

// Every pathology is read with LF, CRLF and CR-only line ends.
class MimeReaderEol : public ::testing::TestWithParam<std::string> {
 protected:
  std::string eol(std::string_view lf_text) const {
    std::string out;
    for (char c : lf_text) {
      if (c == '\n') out += GetParam();
      else out.push_back(c);
    }
    return out;
  }
  MimeMessage read(std::string_view lf_text) const { return read_mime(eol(lf_text), Limits{}); }
};

INSTANTIATE_TEST_SUITE_P(LineEnds, MimeReaderEol, ::testing::Values("\n", "\r\n", "\r"),
                         [](const auto& p) { return p.param == "\n" ? "LF" : p.param == "\r\n" ? "CRLF" : "CR"; });

// Leaves (non-multipart, non-message entities) in document order.
std::vector<const MimeEntity*> leaves(const MimeMessage& m) {
  std::vector<const MimeEntity*> out;
  for (const auto& e : m.entities)
    if (!e.is_multipart && !e.is_message) out.push_back(&e);
  return out;
}

TEST_P(MimeReaderEol, SinglePartQuotedPrintableLatin1) {
  auto m = read("Subject: =?iso-8859-1?Q?F=F6rlorad_p=E4rm?=\nContent-Type: text/plain; charset=iso-8859-1\n"
                "Content-Transfer-Encoding: quoted-printable\n\nP=E4rmen =\nf=F6rsvann.\n");
  ASSERT_EQ(m.entities.size(), 1u);
  EXPECT_EQ(m.entities[0].decoded_header("subject"), "Förlorad pärm");
  EXPECT_EQ(entity_text(m.entities[0]), "Pärmen försvann.\n");
  EXPECT_TRUE(m.warnings.empty());
}

TEST_P(MimeReaderEol, MboxFromLineAndBomAreSkipped) {
  auto m = read("\xEF\xBB\xBF" "From sender@x.example Mon Jan  5 10:00:00 2026\nSubject: Hej\n\nText\n");
  EXPECT_EQ(m.entities[0].decoded_header("Subject"), "Hej");
  EXPECT_EQ(entity_text(m.entities[0]), "Text\n");
}

TEST_P(MimeReaderEol, FoldedHeaderIsUnfolded) {
  auto m = read("Subject: Personuppgifts\n incident\nContent-Type: multipart/mixed;\n\tboundary=\"b1\"\n\n--b1\n\nx\n--b1--\n");
  EXPECT_EQ(m.entities[0].decoded_header("Subject"), "Personuppgifts incident");
  EXPECT_TRUE(m.entities[0].is_multipart);
}

TEST_P(MimeReaderEol, MultipartAlternativeGivesBothLeaves) {
  auto m = read("Content-Type: multipart/alternative; boundary=\"alt\"\n\npreamble\n--alt\n"
                "Content-Type: text/plain; charset=utf-8\n\nvanlig text\n--alt\nContent-Type: text/html\n\n"
                "<p>html</p>\n--alt--\nepilogue\n");
  auto l = leaves(m);
  ASSERT_EQ(l.size(), 2u);
  EXPECT_EQ(l[0]->content_type.value, "text/plain");
  EXPECT_EQ(l[0]->body, "vanlig text");
  EXPECT_EQ(l[1]->content_type.value, "text/html");
  EXPECT_EQ(l[1]->body, "<p>html</p>");
  EXPECT_TRUE(m.warnings.empty());
}

TEST_P(MimeReaderEol, MultipartThatNeverClosesKeepsPartsAndWarns) {
  auto m = read("Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nrapporten\n--b\n"
                "Content-Type: application/pdf; name=x.pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQK\nJVBE");
  auto l = leaves(m);
  ASSERT_EQ(l.size(), 2u);
  EXPECT_EQ(l[0]->body, "rapporten");
  EXPECT_FALSE(l[0]->truncated);
  EXPECT_TRUE(l[1]->truncated);
  EXPECT_EQ(l[1]->filename, "x.pdf");
  EXPECT_EQ(l[1]->body.substr(0, 8), "%PDF-1.4");
  EXPECT_TRUE(m.has_warning(vocab::kTruncatedMessage));
}

TEST_P(MimeReaderEol, MissingBoundaryParameterIsGuessedFromTheBody) {
  auto m = read("Content-Type: multipart/mixed\n\n--xyz\nContent-Type: text/plain\n\nett\n--xyz\n\ntvå\n--xyz--\n");
  auto l = leaves(m);
  ASSERT_EQ(l.size(), 2u);
  EXPECT_EQ(l[0]->body, "ett");
  EXPECT_EQ(l[1]->body, "två");
}

TEST_P(MimeReaderEol, MultipartWithoutAnyBoundaryIsReadAsText) {
  auto m = read("Content-Type: multipart/mixed\n\nbara text\n");
  ASSERT_EQ(m.entities.size(), 1u);
  EXPECT_EQ(m.entities[0].content_type.value, "text/plain");
  EXPECT_EQ(m.entities[0].body, "bara text\n");
}

TEST_P(MimeReaderEol, NestedRfc822TwiceKeepsEachMessagesHeaders) {
  auto m = read(
      "From: Chef <chef@x.example>\nSubject: VB: VB: incident\nDate: Tue, 01 Dec 2026 09:15:03 +0000\n"
      "Content-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: text/plain\n\nSe bifogat\n--o\n"
      "Content-Type: message/rfc822\n\nFrom: Mellan <m@x.example>\nSubject: VB: incident\n"
      "Content-Type: multipart/mixed; boundary=m\n\n--m\n\nmellan\n--m\nContent-Type: message/rfc822\n\n"
      "From: Anna <anna@x.example>\nSubject: incident\nDate: Mon, 30 Nov 2026 14:06:10 +0000\n\ninnersta\n--m--\n--o--\n");
  std::vector<const MimeEntity*> roots;
  for (const auto& e : m.entities)
    if (e.is_message_root) roots.push_back(&e);
  ASSERT_EQ(roots.size(), 3u);
  EXPECT_EQ(roots[1]->decoded_header("From"), "Mellan <m@x.example>");
  EXPECT_EQ(roots[2]->decoded_header("Subject"), "incident");
  EXPECT_EQ(roots[2]->decoded_header("Date"), "Mon, 30 Nov 2026 14:06:10 +0000");
  EXPECT_EQ(roots[2]->body, "innersta");
  // The innermost body belongs to the innermost message.
  int inner = static_cast<int>(roots[2] - m.entities.data());
  EXPECT_EQ(m.entities[inner].message, inner);
  EXPECT_TRUE(m.warnings.empty());
}

TEST_P(MimeReaderEol, MultipartReportWithDeliveryStatus) {
  auto m = read("Content-Type: multipart/report; report-type=delivery-status; boundary=\"r/x\"\n\n--r/x\n\nfel\n"
                "--r/x\nContent-Type: message/delivery-status\n\nStatus: 5.1.1\n--r/x\n"
                "Content-Type: message/rfc822\n\nSubject: original\n\norig\n--r/x--\n");
  ASSERT_GE(m.entities.size(), 5u);
  EXPECT_EQ(m.entities[0].content_type.value, "multipart/report");
  EXPECT_EQ(m.entities[2].content_type.value, "message/delivery-status");
  EXPECT_EQ(m.entities[4].decoded_header("Subject"), "original");
}

TEST_P(MimeReaderEol, FilenameFromDispositionWinsOverContentTypeName) {
  auto m = read("Content-Type: multipart/mixed; boundary=b\n\n--b\n"
                "Content-Type: application/octet-stream; name=\"fel.bin\"\n"
                "Content-Disposition: attachment;\n filename*0*=UTF-8''Blankett%20f%C3%B6r;\n filename*1=\".docx\"\n\nx\n"
                "--b\nContent-Type: application/pdf; name=\"=?iso-8859-1?Q?Sk=E4rmklipp=2Epdf?=\"\n\ny\n--b--\n");
  auto l = leaves(m);
  ASSERT_EQ(l.size(), 2u);
  EXPECT_EQ(l[0]->filename, "Blankett för.docx");
  EXPECT_EQ(l[1]->filename, "Skärmklipp.pdf");
  EXPECT_TRUE(l[1]->is_attachment());
}

TEST_P(MimeReaderEol, PartWithoutHeadersOrBlankLine) {
  auto m = read("Content-Type: multipart/mixed; boundary=b\n\n--b\ntext utan rubriker\n--b\n--b--\n");
  auto l = leaves(m);
  ASSERT_EQ(l.size(), 2u);
  EXPECT_EQ(l[0]->body, "text utan rubriker");
  EXPECT_EQ(l[1]->body, "");
}

TEST_P(MimeReaderEol, InnerMultipartClosedByOuterBoundaryWarns) {
  auto m = read("Content-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: multipart/alternative; boundary=i\n\n"
                "--i\n\ninre\n--o\n\nyttre\n--o--\n");
  auto l = leaves(m);
  ASSERT_EQ(l.size(), 2u);
  EXPECT_EQ(l[0]->body, "inre");
  EXPECT_EQ(l[1]->body, "yttre");
  EXPECT_TRUE(m.has_warning(vocab::kTruncatedMessage));
}

TEST_P(MimeReaderEol, BoundaryPrefixIsNotABoundary) {
  auto m = read("Content-Type: multipart/mixed; boundary=ab\n\n--ab\n\n--abc is text\n--ab--\n");
  auto l = leaves(m);
  ASSERT_EQ(l.size(), 1u);
  EXPECT_EQ(l[0]->body, "--abc is text");
}

TEST(MimeReaderLimits, DepthLimitTurnsDeepPartIntoLeaf) {
  Limits limits;
  limits.max_mime_depth = 2;
  std::string mail = "Content-Type: multipart/mixed; boundary=a0\n\n--a0\nContent-Type: multipart/mixed; boundary=a1\n\n"
                     "--a1\nContent-Type: multipart/mixed; boundary=a2\n\n--a2\n\ndjup\n--a2--\n--a1--\n--a0--\n";
  auto m = read_mime(mail, limits);
  EXPECT_TRUE(m.has_warning(vocab::kLimitExceeded));
  EXPECT_LE(m.entities.size(), 3u);
}

TEST(MimeReaderLimits, PartCountLimitStopsReading) {
  Limits limits;
  limits.max_mime_parts = 10;
  std::string mail = "Content-Type: multipart/mixed; boundary=b\n\n";
  for (int i = 0; i < 100; ++i) mail += "--b\n\npart\n";
  auto m = read_mime(mail, limits);
  EXPECT_EQ(m.entities.size(), 10u);
  EXPECT_TRUE(m.has_warning(vocab::kLimitExceeded));
}

TEST(MimeReaderLimits, HeaderCountLimit) {
  Limits limits;
  limits.max_header_count = 5;
  std::string mail;
  for (int i = 0; i < 50; ++i) mail += "X-H" + std::to_string(i) + ": v\n";
  mail += "\nbody\n";
  auto m = read_mime(mail, limits);
  EXPECT_EQ(m.entities[0].headers.size(), 5u);
  EXPECT_EQ(m.entities[0].body, "body\n");
  EXPECT_TRUE(m.has_warning(vocab::kLimitExceeded));
}

TEST(MimeReaderLimits, MessageSizeLimitCutsTheMail) {
  Limits limits;
  limits.max_message_bytes = 20;
  auto m = read_mime("Subject: a\n\n0123456789012345678901234567890", limits);
  EXPECT_TRUE(m.has_warning(vocab::kLimitExceeded));
  EXPECT_LE(m.entities[0].body.size(), 20u);
}

TEST(MimeReaderLimits, DecodedSizeLimitCutsThePart) {
  Limits limits;
  limits.max_part_decoded_bytes = 4;
  auto m = read_mime("Content-Transfer-Encoding: base64\n\nSGVqIHDlIGRpZw==\n", limits);
  EXPECT_EQ(m.entities[0].body, "Hej ");
  EXPECT_TRUE(m.entities[0].truncated);
  EXPECT_TRUE(m.has_warning(vocab::kLimitExceeded));
}

// The known mimetic hazards, each of which must end quickly without a crash.
template <class F>
double seconds(F&& f) {
  auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

TEST(MimeReaderHazards, PipeInsideBase64DecodesWithoutOverread) {
  auto m = read_mime("Content-Transfer-Encoding: base64\n\nSGVq|||IHDl|IGRpZw==|\n||||\n", Limits{});
  EXPECT_EQ(m.entities[0].body, "Hej p\xE5 dig");
}

TEST(MimeReaderHazards, SixtyThousandNestedMultipartsHitTheDepthLimit) {
  std::string mail;
  mail.reserve(4u << 20);
  for (int i = 0; i < 60000; ++i)
    mail += "Content-Type: multipart/mixed; boundary=" + std::to_string(i) + "\n\n--" + std::to_string(i) + "\n";
  ASSERT_GT(mail.size(), 3u << 20);
  MimeMessage m;
  EXPECT_LT(seconds([&] { m = read_mime(mail, Limits{}); }), 5.0);
  EXPECT_TRUE(m.has_warning(vocab::kLimitExceeded));
  EXPECT_LE(m.entities.size(), Limits{}.max_mime_depth + 1);
}

TEST(MimeReaderHazards, EightMegabyteHeaderLineIsCut) {
  std::string mail = "Subject: " + std::string(8u << 20, 'x') + "\nX-After: 1\n\nbody\n";
  MimeMessage m;
  EXPECT_LT(seconds([&] { m = read_mime(mail, Limits{}); }), 5.0);
  EXPECT_TRUE(m.has_warning(vocab::kLimitExceeded));
  ASSERT_NE(m.entities[0].header("Subject"), nullptr);
  EXPECT_LE(m.entities[0].header("Subject")->size(), Limits{}.max_header_line_bytes);
  EXPECT_NE(m.entities[0].header("X-After"), nullptr);
  EXPECT_EQ(m.entities[0].body, "body\n");
}

TEST(MimeReaderHazards, EightMegabyteFoldedHeaderIsCut) {
  std::string mail = "Subject: a\n";
  for (int i = 0; i < (8 << 20) / 8; ++i) mail += " xxxxxx\n";
  mail += "\nbody\n";
  MimeMessage m;
  EXPECT_LT(seconds([&] { m = read_mime(mail, Limits{}); }), 5.0);
  EXPECT_TRUE(m.has_warning(vocab::kLimitExceeded));
  EXPECT_LE(m.entities[0].header("Subject")->size(), Limits{}.max_header_line_bytes + 8);
}

TEST(MimeReaderHazards, EightMegabytesOfBoundaryLinesHitThePartLimit) {
  std::string mail = "Content-Type: multipart/mixed; boundary=a\n\n";
  while (mail.size() < (8u << 20)) mail += "--a\n";
  MimeMessage m;
  EXPECT_LT(seconds([&] { m = read_mime(mail, Limits{}); }), 5.0);
  EXPECT_TRUE(m.has_warning(vocab::kLimitExceeded));
  EXPECT_EQ(m.entities.size(), Limits{}.max_mime_parts);
}

TEST(MimeReaderHazards, EightMegabytesOfCloseDelimitersEndQuickly) {
  std::string mail = "Content-Type: multipart/mixed; boundary=a\n\n";
  while (mail.size() < (8u << 20)) mail += "--a--\n";
  MimeMessage m;
  EXPECT_LT(seconds([&] { m = read_mime(mail, Limits{}); }), 5.0);
  EXPECT_TRUE(m.entities[0].is_multipart);
}

}  // namespace
}  // namespace gdprd::parsers
