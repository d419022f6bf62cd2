#include "parsers/docs/pdf_reader.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "core/vocabulary.hpp"
#include "parsers/docs/docs_test_support.hpp"

namespace gdprd::parsers {
namespace {

using testing::fixture;
using testing::make_pdf;
using testing::pdf_text;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

bool has_line(const DocumentText& d, const std::string& line) {
  for (const auto& l : lines_of(d.text))
    if (l == line) return true;
  return false;
}

bool has_warning(const DocumentText& d, std::string_view code) {
  for (const auto& w : d.warnings)
    if (w.code == code) return true;
  return false;
}

TEST(PdfReader, SimpleTextLayerRead) {
  const auto d = read_pdf(make_pdf({pdf_text(72, 760, "1. Organisationens namn *") + pdf_text(90, 740, "Testby kommun")}),
                          Limits{});
  ASSERT_TRUE(d.ok);
  EXPECT_EQ(d.text, "1. Organisationens namn *\nTestby kommun");
}

TEST(PdfReader, ColumnsBecomeCellsAndValueStaysUnderItsHeader) {
  const std::string page = pdf_text(72, 760, "Mobiltelefon") + pdf_text(320, 760, "Telefon") +
                           pdf_text(320, 745, "08-465 004 21") + pdf_text(72, 720, "Datum") +
                           pdf_text(320, 720, "Tid") + pdf_text(72, 705, "2026-01-20") + pdf_text(320, 705, "10:48");
  const auto d = read_pdf(make_pdf({page}), Limits{});
  ASSERT_TRUE(d.ok);
  EXPECT_TRUE(has_line(d, "Mobiltelefon\tTelefon")) << d.text;
  EXPECT_TRUE(has_line(d, "\t08-465 004 21")) << d.text;
  EXPECT_TRUE(has_line(d, "Datum\tTid")) << d.text;
  EXPECT_TRUE(has_line(d, "2026-01-20\t10:48")) << d.text;
}

TEST(PdfReader, TwoColumnFormWrappedCellsJoinedPerColumn) {
  // Question left (wrapping inside its column), answer right.
  const std::string page =
      pdf_text(60, 760, "14. Om anmalan kommer in senare an 72 timmar") + pdf_text(320, 760, "Vi upptackte") +
      pdf_text(60, 746, "efter upptackten, beskriv varfor.") + pdf_text(320, 746, "felet sent.") +
      pdf_text(60, 720, "Datum") + pdf_text(320, 720, "Tid") + pdf_text(60, 706, "2026-01-20") +
      pdf_text(320, 706, "10:48");
  const auto d = read_pdf(make_pdf({page}), Limits{});
  ASSERT_TRUE(d.ok);
  EXPECT_TRUE(has_line(d, "14. Om anmalan kommer in senare an 72 timmar efter upptackten, beskriv varfor.\tVi "
                          "upptackte felet sent."))
      << d.text;
  EXPECT_TRUE(has_line(d, "Datum\tTid")) << d.text;
  EXPECT_TRUE(has_line(d, "2026-01-20\t10:48")) << d.text;
}

TEST(PdfReader, RepeatedFooterWithPageNumberDropped) {
  const auto page = [](const std::string& body, int n) {
    return pdf_text(72, 760, body) + pdf_text(72, 40, "Utskrift fran e-tjansten") +
           pdf_text(480, 40, "Sida " + std::to_string(n));
  };
  const auto d = read_pdf(make_pdf({page("Forsta sidan", 1), page("Andra sidan", 2)}), Limits{});
  ASSERT_TRUE(d.ok);
  EXPECT_NE(d.text.find("Forsta sidan"), std::string::npos);
  EXPECT_NE(d.text.find("Andra sidan"), std::string::npos);
  EXPECT_EQ(d.text.find("Sida"), std::string::npos) << d.text;
  EXPECT_EQ(d.text.find("Utskrift"), std::string::npos) << d.text;
}

TEST(PdfReader, PageLimitReadsOnlyTheFirstPages) {
  std::vector<std::string> pages;
  for (int i = 1; i <= 5; ++i) pages.push_back(pdf_text(72, 700, "Innehall " + std::to_string(i * 111)));
  Limits limits;
  limits.max_pdf_pages = 2;
  const auto d = read_pdf(make_pdf(pages), limits);
  ASSERT_TRUE(d.ok);
  EXPECT_NE(d.text.find("Innehall 222"), std::string::npos);
  EXPECT_EQ(d.text.find("Innehall 333"), std::string::npos);
  EXPECT_TRUE(has_warning(d, vocab::kLimitExceeded));
}

TEST(PdfReader, LargerThanByteLimitRefused) {
  Limits limits;
  limits.max_pdf_bytes = 100;
  const auto d = read_pdf(make_pdf({pdf_text(72, 700, "Hej")}), limits);
  EXPECT_FALSE(d.ok);
  EXPECT_TRUE(has_warning(d, vocab::kLimitExceeded));
}

TEST(PdfReader, EncryptedPdfIsUnreadable) {
  // Standard security handler whose user password is not empty: the O/U
  // entries do not match the empty password, so the document stays locked.
  const std::string encrypt =
      "<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 "
      "/O <0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef> "
      "/U <fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210> >>";
  const std::string pdf = make_pdf({pdf_text(72, 700, "Hemlig")}, encrypt,
                                   "/Encrypt 6 0 R /ID [<00112233445566778899aabbccddeeff> "
                                   "<00112233445566778899aabbccddeeff>]");
  const auto d = read_pdf(pdf, Limits{});
  EXPECT_FALSE(d.ok);
  EXPECT_TRUE(has_warning(d, vocab::kUnreadableAttachment));
  EXPECT_EQ(d.text.find("Hemlig"), std::string::npos);
}

TEST(PdfReader, NotAPdfIsUnreadable) {
  const auto d = read_pdf("PK\x03\x04 this is a zip, not a pdf", Limits{});
  EXPECT_FALSE(d.ok);
  EXPECT_TRUE(has_warning(d, vocab::kUnreadableAttachment));
}

TEST(PdfReader, GarbageAfterHeaderIsUnreadable) {
  const auto d = read_pdf("%PDF-1.7\n\x01\x02\x03 garbage garbage garbage", Limits{});
  EXPECT_FALSE(d.ok);
  EXPECT_TRUE(has_warning(d, vocab::kUnreadableAttachment));
}

// Corpus 14: a PDF cut off mid-base64.
TEST(PdfReaderCorpus, TruncatedPdfIsUnreadable) {
  const std::string bytes = fixture("14_truncated.pdf");
  ASSERT_FALSE(bytes.empty());
  const auto d = read_pdf(bytes, Limits{});
  EXPECT_FALSE(d.ok);
  EXPECT_TRUE(has_warning(d, vocab::kUnreadableAttachment));
}

// Corpus 04: the blankett printed to PDF with ☒/☐ glyphs and placeholders.
TEST(PdfReaderCorpus, BlankettGlyphTicksAndWrappedLinesJoined) {
  const auto d = read_pdf(fixture("04_blankett.pdf"), Limits{});
  ASSERT_TRUE(d.ok);
  EXPECT_TRUE(has_line(d, "☐ Dataskyddsombud"));
  EXPECT_TRUE(has_line(d, "☒ Annan roll"));
  EXPECT_TRUE(has_line(d, "☒ Ändring: Personuppgifter har ändrats på något sätt"));
  // A tick label wrapped over two printed lines is one line again.
  EXPECT_TRUE(has_line(d, "☐ Obehörig åtkomst: Någon inom eller utanför organisationen har tagit del av information "
                          "som den saknade behörighet till"));
  EXPECT_TRUE(has_line(d, "Någon som saknade behörighet loggade in i hemtjänstens IT-stöd med det gemensamma kontot "
                          "på en surfplatta och ändrade ordinerad medicinering för två brukare. Ändringarna gjordes "
                          "under kvällen och upptäcktes av sjuksköterska vid morgonens genomgång."));
  EXPECT_TRUE(has_line(d, "Organisationens namn: Omsorgsdata Norr AB"));
  EXPECT_TRUE(has_line(d, "Organisationens namn:"));  // placeholder after the label dropped
  EXPECT_TRUE(has_line(d, "☐ Övrigt:"));
  EXPECT_EQ(d.text.find("Klicka här för att ange text."), std::string::npos);
  EXPECT_EQ(d.text.find("Sida 1"), std::string::npos);
  // The question after a page break is still followed by its answer.
  const auto lines = lines_of(d.text);
  for (size_t i = 0; i < lines.size(); ++i)
    if (lines[i] == "11. När upptäckte ni incidenten?") {
      ASSERT_LT(i + 3, lines.size());
      EXPECT_EQ(lines[i + 3], "2026-09-04 07:30");
    }
}

// Corpus 07: e-service export with mangled letters and two-column contact rows.
TEST(PdfReaderCorpus, MangledEtjanstExportKeepsLabelsValuesAndColumns) {
  const auto d = read_pdf(fixture("07_etjanst_mangled.pdf"), Limits{});
  ASSERT_TRUE(d.ok);
  EXPECT_TRUE(has_line(d, "Datum\tTid"));
  EXPECT_TRUE(has_line(d, "2026-01-20\t10:48"));
  EXPECT_TRUE(has_line(d, "Petra Lindqvist\tpetra.lindqvist@ekbacka.kommun.example"));
  EXPECT_TRUE(has_line(d, "\t08-465 004 21"));
  EXPECT_TRUE(has_line(d, "Uppskattat antal"));
  EXPECT_TRUE(has_line(d, "2"));
  EXPECT_EQ(d.text.find("Sida 1"), std::string::npos);
  EXPECT_NE(d.text.find("Kundtjdnst skickade ett mejl med en bifogad fil som inneholl tva personnummer till en "
                        "medarbetare pa kommunikationsavdelningen."),
            std::string::npos);
}

TEST(PdfReaderCorpus, TruncatedCorpusPdfNeverCrashes) {
  const std::string bytes = fixture("04_blankett.pdf");
  for (size_t cut = 0; cut < bytes.size(); cut += 7919) {
    const auto d = read_pdf(bytes.substr(0, cut), Limits{});
    if (!d.ok) {
      EXPECT_FALSE(d.warnings.empty()) << cut;
    }
  }
}

}  // namespace
}  // namespace gdprd::parsers
