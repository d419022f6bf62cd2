#include "parsers/docs/docx_reader.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "core/vocabulary.hpp"
#include "parsers/docs/docs_test_support.hpp"
#include "parsers/docs/text_normaliser.hpp"

namespace gdprd::parsers {
namespace {

using testing::fixture;
using testing::make_docx;
using testing::make_zip;

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

std::string para(const std::string& runs) { return "<w:p>" + runs + "</w:p>"; }
std::string run(const std::string& text) { return "<w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r>"; }

TEST(DocxReader, WordSplitsTypedWordsAcrossRuns) {
  const auto d = read_docx(make_docx(para(run("Förv") + run("altnin") + run("gen för ") + run("IT"))), Limits{});
  ASSERT_TRUE(d.ok);
  EXPECT_EQ(d.text, "Förvaltningen för IT");
}

TEST(DocxReader, TabBetweenLabelAndAnswerKeptAndBreakIsNewLine) {
  const auto d = read_docx(
      make_docx(para(run("Datum:") + "<w:r><w:tab/></w:r>" + run("2026-03-02") + "<w:r><w:br/></w:r>" + run("Tid"))),
      Limits{});
  EXPECT_EQ(d.text, "Datum:\t2026-03-02\nTid");
}

TEST(DocxReader, ContentControlShowingPlaceholderIsEmpty) {
  const std::string sdt =
      "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>" + run("Klicka här för att ange text.") +
      "</w:sdtContent></w:sdt>";
  const auto d = read_docx(make_docx(para(run("1. Organisationens namn *")) + para(sdt) + para(run("2. Nästa"))),
                           Limits{});
  EXPECT_EQ(d.text, "1. Organisationens namn *\n\n2. Nästa");
}

TEST(DocxReader, PlaceholderTextWithoutFlagIsEmptyToo) {
  const std::string sdt = "<w:sdt><w:sdtPr/><w:sdtContent>" + run("Klicka eller tryck här för att ange text.") +
                          "</w:sdtContent></w:sdt>";
  const auto d = read_docx(make_docx(para(run("Fråga")) + para(sdt)), Limits{});
  EXPECT_EQ(d.text, "Fråga");
}

TEST(DocxReader, BlockLevelContentControlKeepsItsParagraphs) {
  const std::string sdt = "<w:sdt><w:sdtPr/><w:sdtContent>" + para(run("Första")) + para(run("Andra")) +
                          "</w:sdtContent></w:sdt>";
  EXPECT_EQ(read_docx(make_docx(sdt), Limits{}).text, "Första\nAndra");
}

std::string w14_box(bool checked, const std::string& glyph) {
  return std::string("<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val=\"") + (checked ? "1" : "0") +
         "\"/></w14:checkbox></w:sdtPr><w:sdtContent>" + run(glyph) + "</w:sdtContent></w:sdt>";
}

TEST(DocxReader, W14CheckboxStateWinsOverItsGlyph) {
  // The glyph is only a rendering; a stale glyph must not decide the answer.
  const auto d = read_docx(make_docx(para(w14_box(true, "☐") + "<w:r><w:tab/></w:r>" + run("Annan roll")) +
                                     para(w14_box(false, "☒") + "<w:r><w:tab/></w:r>" + run("Dataskyddsombud"))),
                           Limits{});
  EXPECT_EQ(d.text, "☒ Annan roll\n☐ Dataskyddsombud");
}

std::string legacy_box(const std::string& box_xml, const std::string& label) {
  return para("<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:name w:val=\"K\"/><w:checkBox>" + box_xml +
              "</w:checkBox></w:ffData></w:fldChar></w:r><w:r><w:instrText xml:space=\"preserve\"> FORMCHECKBOX "
              "</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:tab/></w:r>" +
              run(label));
}

TEST(DocxReader, LegacyCheckboxCheckedWithoutValIsTicked) {
  EXPECT_EQ(read_docx(make_docx(legacy_box("<w:default w:val=\"0\"/><w:checked/>", "A")), Limits{}).text, "☒ A");
}

TEST(DocxReader, LegacyCheckboxFallsBackToDefault) {
  EXPECT_EQ(read_docx(make_docx(legacy_box("<w:default w:val=\"1\"/>", "A")), Limits{}).text, "☒ A");
  EXPECT_EQ(read_docx(make_docx(legacy_box("<w:default w:val=\"0\"/>", "A")), Limits{}).text, "☐ A");
}

TEST(DocxReader, LegacyCheckboxCheckedFalseOverridesDefaultTrue) {
  EXPECT_EQ(read_docx(make_docx(legacy_box("<w:default w:val=\"1\"/><w:checked w:val=\"0\"/>", "A")), Limits{}).text,
            "☐ A");
  EXPECT_EQ(
      read_docx(make_docx(legacy_box("<w:default w:val=\"1\"/><w:checked w:val=\"false\"/>", "A")), Limits{}).text,
      "☐ A");
}

TEST(DocxReader, FormTextResultIsTextAndInstructionIsNot) {
  const std::string field =
      "<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:textInput/></w:ffData></w:fldChar></w:r>"
      "<w:r><w:instrText> FORMTEXT </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" +
      run("070-174 06 23") + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
  EXPECT_EQ(read_docx(make_docx(para(field)), Limits{}).text, "070-174 06 23");
}

TEST(DocxReader, EmptyFormTextOfSpacesIsAnEmptyLine) {
  const std::string field =
      "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> FORMTEXT </w:instrText></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" + run("\u2002\u2002\u2002\u2002\u2002") +
      "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
  EXPECT_EQ(read_docx(make_docx(para(run("Q")) + para(field) + para(run("R"))), Limits{}).text, "Q\n\nR");
}

TEST(DocxReader, WingdingsSymbolGlyphsAreTicks) {
  const auto sym = [](const char* font, const char* code) {
    return std::string("<w:r><w:sym w:font=\"") + font + "\" w:char=\"" + code + "\"/></w:r>";
  };
  const auto d = read_docx(make_docx(para(sym("Wingdings", "F0FE") + run(" Ja")) +
                                     para(sym("Wingdings", "F0A8") + run(" Nej")) +
                                     para(sym("Wingdings", "F078") + run(" Kanske")) +
                                     para(sym("Wingdings", "F06F") + run(" Vet ej")) +
                                     para(sym("Wingdings 2", "F054") + run(" X")) +
                                     para(sym("Wingdings 2", "F0A3") + run(" Y"))),
                           Limits{});
  EXPECT_EQ(d.text, "☒ Ja\n☐ Nej\n☒ Kanske\n☐ Vet ej\n☒ X\n☐ Y");
}

TEST(DocxReader, WingdingsPrivateUseCharacterInTextIsATick) {
  const std::string r = "<w:r><w:rPr><w:rFonts w:ascii=\"Wingdings\" w:hAnsi=\"Wingdings\"/></w:rPr><w:t>\uF0FD</w:t></w:r>";
  EXPECT_EQ(read_docx(make_docx(para(r + run(" Förlust"))), Limits{}).text, "☒ Förlust");
}

TEST(DocxReader, TypedTickMarksAreNormalised) {
  const auto d = read_docx(make_docx(para(run("[X] Ja")) + para(run("[ ] Nej")) + para(run("(x) Kanske")) +
                                     para(run("☑ Barn"))),
                           Limits{});
  EXPECT_EQ(d.text, "☒ Ja\n☐ Nej\n☒ Kanske\n☒ Barn");
}

TEST(DocxReader, NestedTableReadRowByRowCellByCell) {
  const std::string inner = "<w:tbl><w:tr><w:tc>" + para(run("inre A")) + "</w:tc><w:tc>" + para(run("inre B")) +
                            "</w:tc></w:tr></w:tbl>";
  const std::string outer = "<w:tbl><w:tblPr/><w:tr><w:tc><w:tcPr/>" + para(run("10. När inträffade?")) +
                            "</w:tc><w:tc>" + para(run("2026-04-14")) + "</w:tc></w:tr><w:tr><w:tc>" +
                            para(run("Före")) + inner + para(run("Efter")) + "</w:tc></w:tr></w:tbl>";
  EXPECT_EQ(read_docx(make_docx(outer), Limits{}).text, "10. När inträffade?\n2026-04-14\nFöre\ninre A\ninre B\nEfter");
}

TEST(DocxReader, DeletedTextIsNotRead) {
  const std::string d = "<w:del><w:r><w:delText>gammalt</w:delText></w:r></w:del>";
  EXPECT_EQ(read_docx(make_docx(para(run("nytt ") + d)), Limits{}).text, "nytt");
}

TEST(DocxReader, NotAZipIsUnreadable) {
  const auto d = read_docx("This is plain text, not a Word document at all.", Limits{});
  EXPECT_FALSE(d.ok);
  EXPECT_TRUE(has_warning(d, vocab::kUnreadableAttachment));
}

TEST(DocxReader, BinaryDocNamedDocxIsUnreadable) {
  const std::string bytes = fixture("15_binary_doc_named.docx");
  ASSERT_FALSE(bytes.empty());
  const auto d = read_docx(bytes, Limits{});
  EXPECT_FALSE(d.ok);
  EXPECT_TRUE(d.text.empty());
  EXPECT_TRUE(has_warning(d, vocab::kUnreadableAttachment));
}

TEST(DocxReader, TruncatedZipIsUnreadable) {
  const std::string whole = make_docx(para(run("Hej")));
  for (size_t cut : {whole.size() / 2, whole.size() - 10, size_t{30}}) {
    const auto d = read_docx(whole.substr(0, cut), Limits{});
    EXPECT_FALSE(d.ok) << cut;
    EXPECT_TRUE(has_warning(d, vocab::kUnreadableAttachment)) << cut;
  }
}

TEST(DocxReader, ZipWithoutDocumentPartIsUnreadable) {
  const auto d = read_docx(make_zip({{"hello.txt", "hej"}}), Limits{});
  EXPECT_FALSE(d.ok);
  EXPECT_TRUE(has_warning(d, vocab::kUnreadableAttachment));
}

TEST(DocxReader, MalformedDocumentXmlIsUnreadable) {
  const auto d = read_docx(make_zip({{"word/document.xml", "<w:document><w:body><w:p>"}}), Limits{});
  EXPECT_FALSE(d.ok);
  EXPECT_TRUE(has_warning(d, vocab::kUnreadableAttachment));
}

TEST(DocxReader, ZipBombRefusedByRatioBeforeInflating) {
  // 20 MB of one letter deflates to ~20 KB: far beyond the ratio limit.
  const std::string body = para(run(std::string(20u * 1024 * 1024, 'a')));
  const auto d = read_docx(make_docx(body), Limits{});
  EXPECT_FALSE(d.ok);
  EXPECT_TRUE(has_warning(d, vocab::kLimitExceeded));
}

TEST(DocxReader, EntryLargerThanLimitRefused) {
  Limits limits;
  limits.max_zip_entry_bytes = 1000;
  limits.max_zip_ratio = 1000000;
  const auto d = read_docx(make_docx(para(run(std::string(5000, 'b')))), limits);
  EXPECT_FALSE(d.ok);
  EXPECT_TRUE(has_warning(d, vocab::kLimitExceeded));
}

TEST(DocxReader, TooManyEntriesRefused) {
  std::vector<std::pair<std::string, std::string>> entries;
  for (int i = 0; i < 30; ++i) entries.push_back({"f" + std::to_string(i), "x"});
  Limits limits;
  limits.max_zip_entries = 20;
  const auto d = read_docx(make_zip(entries), limits);
  EXPECT_FALSE(d.ok);
  EXPECT_TRUE(has_warning(d, vocab::kLimitExceeded));
}

TEST(DocxReader, HeaderLyingAboutSizeStillStopsAtLimit) {
  Limits limits;
  limits.max_zip_entry_bytes = 4096;
  limits.max_zip_ratio = 1000000;
  std::string z = make_docx(para(run(std::string(100000, 'c'))));
  // Patch the declared uncompressed size of word/document.xml (local and
  // central headers) down to 100 bytes: the reader must still stop at 4096.
  const std::string name = "word/document.xml";
  int patched = 0;
  for (size_t pos = z.find(name); pos != std::string::npos; pos = z.find(name, pos + 1)) {
    const bool central = pos >= 46 && z.compare(pos - 46, 4, "PK\x01\x02") == 0;
    const bool local = pos >= 30 && z.compare(pos - 30, 4, "PK\x03\x04") == 0;
    const size_t field = central ? pos - 46 + 24 : local ? pos - 30 + 22 : std::string::npos;
    if (field == std::string::npos) continue;
    z[field] = 100, z[field + 1] = 0, z[field + 2] = 0, z[field + 3] = 0;
    ++patched;
  }
  ASSERT_EQ(patched, 2);
  const auto d = read_docx(z, limits);
  EXPECT_FALSE(d.ok);
  EXPECT_LT(d.text.size(), 4097u);
  EXPECT_FALSE(d.warnings.empty());
}

TEST(DocxReader, BillionLaughsEntitiesAreNotExpanded) {
  const std::string xml =
      "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY lol \"lol\"><!ENTITY lol2 "
      "\"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 "
      "\"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><w:document " +
      std::string(testing::kWordNs) + "><w:body>" + para(run("&lol3;")) + "</w:body></w:document>";
  const auto d = read_docx(make_zip({{"word/document.xml", xml}}), Limits{});
  EXPECT_TRUE(d.ok);
  EXPECT_LT(d.text.size(), 100u);
  EXPECT_EQ(d.text.find("lollol"), std::string::npos);
}

TEST(DocxReader, DeepNestingRefused) {
  std::string deep;
  for (int i = 0; i < 400; ++i) deep += "<w:customXml>";
  for (int i = 0; i < 400; ++i) deep += "</w:customXml>";
  const auto d = read_docx(make_docx(deep), Limits{});
  EXPECT_FALSE(d.ok);
  EXPECT_TRUE(has_warning(d, vocab::kLimitExceeded));
}

TEST(DocxReader, TextLongerThanLimitTruncatedWithWarning) {
  Limits limits;
  limits.max_text_bytes = 100;
  std::string body;
  for (int i = 0; i < 50; ++i) body += para(run("rad nummer " + std::to_string(i)));
  const auto d = read_docx(make_docx(body), limits);
  EXPECT_TRUE(d.ok);
  EXPECT_LE(d.text.size(), 100u);
  EXPECT_TRUE(has_warning(d, vocab::kLimitExceeded));
}

// Corpus 01: w14 content controls; the ticks must be exactly the form's answers.
TEST(DocxReaderCorpus, W14BlankettTicksAsExpected) {
  const auto d = read_docx(fixture("01_blankett_w14.docx"), Limits{});
  ASSERT_TRUE(d.ok);
  EXPECT_TRUE(d.warnings.empty());
  EXPECT_TRUE(has_line(d, "☐ Dataskyddsombud"));
  EXPECT_TRUE(has_line(d, "☒ Annan roll"));
  EXPECT_TRUE(has_line(d, "☒ Obehörigt röjande: Övrigt"));
  EXPECT_TRUE(has_line(d, "☐ Obehörigt röjande genom felaktigt utskick av mejl/brev/sms"));
  EXPECT_TRUE(has_line(d, "☒ En utomstående eller registrerad informerade oss"));
  EXPECT_TRUE(has_line(d, "☒ Mänskliga faktorn: Fel i det enskilda fallet"));
  EXPECT_TRUE(has_line(d, "☒ Offentlig sektor"));
  EXPECT_TRUE(has_line(d, "☒ Kommun"));
  EXPECT_TRUE(has_line(d, "Exakt antal registrerade: 238"));
  EXPECT_TRUE(has_line(d, "☒ 101–1 000"));
  EXPECT_TRUE(has_line(d, "Åsa Lindström"));
  EXPECT_TRUE(has_line(d, "2026-06-08 15:42"));
  // Answers typed across several runs come out whole.
  EXPECT_NE(d.text.find("Mottagarnas e-postadresser placerades av misstag i fältet Kopia i stället för Dold kopia "
                        "(BCC), så att alla mottagare kunde se varandras namn och e-postadresser."),
            std::string::npos);
  EXPECT_EQ(d.text.find("Klicka här för att ange text."), std::string::npos);
}

// Corpus 02: legacy form fields, ticks written three ways.
TEST(DocxReaderCorpus, LegacyBlankettThreeTickVariants) {
  const auto d = read_docx(fixture("02_blankett_legacy.docx"), Limits{});
  ASSERT_TRUE(d.ok);
  EXPECT_TRUE(has_line(d, "☒ Annan roll"));  // w:checked w:val="1"
  EXPECT_TRUE(has_line(d, "☒ En anställd informerade oss"));  // only w:default="1"
  EXPECT_TRUE(has_line(d, "☐ Vårt personuppgiftsbiträde informerade oss"));  // default 1, checked 0
  EXPECT_TRUE(has_line(d, "☒ Socialtjänst"));  // <w:checked/>
  EXPECT_TRUE(has_line(d, "☐ Hälso- och sjukvård"));
  EXPECT_TRUE(has_line(d, "☒ Förlust: Information har gått förlorad på något sätt, till exempel genom att en dator "
                          "blivit stulen"));
  EXPECT_TRUE(has_line(d, "2026-02-17 16:50 (bussresan hem från arbetet, linje 4)"));
  // Q9 is an empty FORMTEXT: its answer line is empty, not spaces.
  const auto lines = lines_of(d.text);
  for (size_t i = 0; i + 2 < lines.size(); ++i)
    if (lines[i].rfind("9. Den adress", 0) == 0) {
      EXPECT_EQ(lines[i + 2], "");
    }
}

// Corpus 03: the blankett as one two-column table.
TEST(DocxReaderCorpus, TwoColumnTableGivesQuestionThenAnswer) {
  const auto d = read_docx(fixture("03_blankett_2col.docx"), Limits{});
  ASSERT_TRUE(d.ok);
  const auto lines = lines_of(d.text);
  bool found = false;
  for (size_t i = 0; i + 2 < lines.size(); ++i)
    if (lines[i] == "10. När inträffade incidenten?") {
      found = true;
      EXPECT_EQ(lines[i + 2], "2026-04-14 (klockslag okänt)");
    }
  EXPECT_TRUE(found);
  EXPECT_TRUE(has_line(d, "☒ Obehörig åtkomst: Någon inom eller utanför organisationen har tagit del av information "
                          "som den saknade behörighet till"));
}

TEST(DocxReaderCorpus, NestedForwardBlankettReads) {
  const auto d = read_docx(fixture("18_blankett_nested.docx"), Limits{});
  ASSERT_TRUE(d.ok);
  EXPECT_NE(d.text.find("1. Organisationens namn *"), std::string::npos);
  EXPECT_NE(d.text.find("☒ "), std::string::npos);
}

TEST(DocxReaderCorpus, TruncatedCorpusDocxNeverCrashes) {
  const std::string bytes = fixture("01_blankett_w14.docx");
  for (size_t cut = 0; cut < bytes.size(); cut += 997) {
    const auto d = read_docx(bytes.substr(0, cut), Limits{});
    if (!d.ok) {
      EXPECT_FALSE(d.warnings.empty()) << cut;
    }
  }
}

}  // namespace
}  // namespace gdprd::parsers
