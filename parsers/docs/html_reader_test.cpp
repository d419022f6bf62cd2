#include "parsers/docs/html_reader.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "core/vocabulary.hpp"
#include "parsers/docs/docs_test_support.hpp"

namespace gdprd::parsers {
namespace {

using testing::fixture;

bool has_line(const DocumentText& d, const std::string& line) {
  std::istringstream in(d.text);
  for (std::string l; std::getline(in, l);)
    if (l == line) return true;
  return false;
}

bool has_warning(const DocumentText& d, std::string_view code) {
  for (const auto& w : d.warnings)
    if (w.code == code) return true;
  return false;
}

TEST(HtmlReader, EntitiesAndNbspDecoded) {
  const auto d = read_html("<p>Br&auml;nd &amp; f&ouml;rlorad&nbsp;p&#229;&#x20;bussen &lt;3</p>", Limits{});
  ASSERT_TRUE(d.ok);
  EXPECT_EQ(d.text, "Bränd & förlorad på bussen <3");
}

TEST(HtmlReader, HeadStyleScriptAndConditionalXmlDropped) {
  const auto d = read_html(
      "<html><head><title>Titel</title><style>p.MsoNormal {margin:0cm}</style><!--[if gte mso 9]><xml>"
      "<o:shapedefaults/></xml><![endif]--></head><body><script>alert(1)</script><p class=MsoNormal>Hej</p>"
      "</body></html>",
      Limits{});
  EXPECT_EQ(d.text, "Hej");
}

TEST(HtmlReader, BlocksAndBreaksAreLinesAndSourceNewlinesAreSpaces) {
  const auto d = read_html("<div>Rad ett<br>Rad\ntv&aring;</div><p><b>Datum:</b> 2026-05-20</p><h2>Rubrik</h2>",
                           Limits{});
  EXPECT_EQ(d.text, "Rad ett\nRad två\nDatum: 2026-05-20\nRubrik");
}

TEST(HtmlReader, TableReadRowByRowCellByCell) {
  const auto d = read_html(
      "<table><tr><td><b>10. När inträffade incidenten?</b></td><td>2026-04-14 10:00</td></tr>"
      "<tr><td>11. När upptäckte ni incidenten?</td><td><p>2026-04-15</p><p>kl 08</p></td></tr></table>",
      Limits{});
  EXPECT_EQ(d.text, "10. När inträffade incidenten?\n2026-04-14 10:00\n11. När upptäckte ni incidenten?\n2026-04-15\nkl 08");
}

TEST(HtmlReader, TickGlyphsKeptAndCheckboxInputsRendered) {
  const auto d = read_html(
      "<p class=MsoNormal>&#9746; Dataskyddsombud<o:p></o:p></p><p class=MsoNormal>☐&nbsp;Annan roll</p>"
      "<p><input type=checkbox checked> Ja</p><p><input type=\"checkbox\"> Nej</p>",
      Limits{});
  EXPECT_EQ(d.text, "☒ Dataskyddsombud\n☐ Annan roll\n☒ Ja\n☐ Nej");
}

TEST(HtmlReader, WordConditionalListMarkersDropped) {
  const auto d = read_html(
      "<p class=MsoListParagraph><![if !supportLists]><span style='font-family:Symbol'>\u00B7<span>&nbsp;&nbsp; "
      "</span></span><![endif]>Kontot sp&auml;rrades<o:p></o:p></p>",
      Limits{});
  EXPECT_EQ(d.text, "\u00B7 Kontot spärrades");
}

TEST(HtmlReader, WingdingsSpansAreTickBoxes) {
  const auto d = read_html(
      "<p><span style='font-family:Wingdings;mso-ascii-font-family:Calibri'>x</span> Ja</p>"
      "<p><span style=\"font-family:&quot;Wingdings 2&quot;\">&pound;</span> Nej</p>"
      "<p><font face=Wingdings>&#254;</font> Kanske</p><p><span style='font-family:Calibri'>x</span> bokstav</p>",
      Limits{});
  EXPECT_EQ(d.text, "☒ Ja\n☐ Nej\n☒ Kanske\nx bokstav");
}

TEST(HtmlReader, WhitespaceBetweenBlocksIsNoEmptyLineButNbspParagraphIs) {
  const auto d = read_html("<p>A</p>\n  <p>B</p>\n<p class=MsoNormal><o:p>&nbsp;</o:p></p>\n<p>C</p>", Limits{});
  EXPECT_EQ(d.text, "A\nB\n\nC");
}

TEST(HtmlReader, PreKeepsItsLineBreaks) {
  EXPECT_EQ(read_html("<pre>Datum\tTid\n2026-07-14\t06:55</pre>", Limits{}).text, "Datum\tTid\n2026-07-14\t06:55");
}

TEST(HtmlReader, BrokenMarkupRecovered) {
  const auto d = read_html("<p>Öppen <b>fet <i>kursiv</p><div>nästa", Limits{});
  ASSERT_TRUE(d.ok);
  EXPECT_EQ(d.text, "Öppen fet kursiv\nnästa");
}

TEST(HtmlReader, SizeLimitReadsOnlyThePrefix) {
  Limits limits;
  limits.max_html_bytes = 64;
  const auto d = read_html("<p>Början</p>" + std::string(200, ' ') + "<p>Slutet</p>", limits);
  EXPECT_TRUE(d.ok);
  EXPECT_EQ(d.text, "Början");
  EXPECT_TRUE(has_warning(d, vocab::kLimitExceeded));
}

TEST(HtmlReader, DeepNestingSkippedWithWarning) {
  std::string html;
  for (int i = 0; i < 2000; ++i) html += "<div>";
  html += "djupt";
  const auto d = read_html("<p>ytan</p>" + html, Limits{});
  EXPECT_TRUE(d.ok);
  EXPECT_TRUE(has_line(d, "ytan"));
}

TEST(HtmlReader, EmptyInputIsEmptyText) {
  const auto d = read_html("", Limits{});
  EXPECT_TRUE(d.ok);
  EXPECT_EQ(d.text, "");
}

// Corpus 06: an HTML-only Outlook body with the blankett in MsoNormal paragraphs.
TEST(HtmlReaderCorpus, OutlookBlankettTicksAndAnswers) {
  const auto d = read_html(fixture("06_blankett_outlook.html"), Limits{});
  ASSERT_TRUE(d.ok);
  EXPECT_TRUE(has_line(d, "☒ Dataskyddsombud"));
  EXPECT_TRUE(has_line(d, "☐ Annan roll"));
  EXPECT_TRUE(has_line(d, "5. Kontaktpersonens namn *: Helena Wik"));
  EXPECT_TRUE(has_line(d, "10. När inträffade incidenten?: 2026-10-01 17:00"));
  EXPECT_EQ(d.text.find("MsoNormal"), std::string::npos);
  EXPECT_EQ(d.text.find("font-family"), std::string::npos);
  EXPECT_EQ(d.text.find("&nbsp;"), std::string::npos);
}

TEST(HtmlReaderCorpus, FreeTextListItemsStayLines) {
  const auto d = read_html(fixture("10_free_text.html"), Limits{});
  ASSERT_TRUE(d.ok);
  EXPECT_TRUE(has_line(d, "- igår kl. 17.10: Alla aktiva sessioner i verksamhetssystemet avslutades."));
}

}  // namespace
}  // namespace gdprd::parsers
