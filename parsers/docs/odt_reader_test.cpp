#include "parsers/docs/odt_reader.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/vocabulary.hpp"
#include "parsers/docs/docs_test_support.hpp"

namespace gdprd::parsers {
namespace {

using testing::make_odt;
using testing::make_zip;

bool has_warning(const DocumentText& d, std::string_view code) {
  for (const auto& w : d.warnings)
    if (w.code == code) return true;
  return false;
}

TEST(OdtReader, ParagraphsHeadingsAndSpansJoined) {
  const auto d = read_odt(make_odt("<text:h text:outline-level=\"1\">Blankett</text:h><text:p>Förv<text:span "
                                   "text:style-name=\"T1\">altning</text:span>en</text:p>"),
                          Limits{});
  ASSERT_TRUE(d.ok);
  EXPECT_EQ(d.text, "Blankett\nFörvaltningen");
}

TEST(OdtReader, TabSpacesAndLineBreak) {
  const auto d = read_odt(make_odt("<text:p>Datum:<text:tab/>2026-03-02<text:line-break/>Tid:<text:s "
                                   "text:c=\"3\"/>10.15</text:p>"),
                          Limits{});
  EXPECT_EQ(d.text, "Datum:\t2026-03-02\nTid: 10.15");
}

TEST(OdtReader, ListsItemByItem) {
  const auto d = read_odt(make_odt("<text:list><text:list-item><text:p>Kontot spärrades</text:p></text:list-item>"
                                   "<text:list-item><text:p>Lösenordet byttes</text:p></text:list-item></text:list>"),
                          Limits{});
  EXPECT_EQ(d.text, "Kontot spärrades\nLösenordet byttes");
}

TEST(OdtReader, TableRowByRowCellByCellWithHeaderRows) {
  const auto d = read_odt(make_odt(
      "<table:table><table:table-column/><table:table-header-rows><table:table-row><table:table-cell><text:p>Fråga"
      "</text:p></table:table-cell><table:table-cell><text:p>Svar</text:p></table:table-cell></table:table-row>"
      "</table:table-header-rows><table:table-row><table:table-cell><text:p>16. Kort beskrivning</text:p>"
      "</table:table-cell><table:covered-table-cell/><table:table-cell><text:p>Ett USB-minne tappades."
      "</text:p></table:table-cell></table:table-row></table:table>"),
      Limits{});
  EXPECT_EQ(d.text, "Fråga\nSvar\n16. Kort beskrivning\nEtt USB-minne tappades.");
}

TEST(OdtReader, FormCheckboxesByControlReference) {
  const auto d = read_odt(make_odt(
      "<office:forms><form:form><form:checkbox form:id=\"c1\" form:current-state=\"checked\"/>"
      "<form:checkbox form:id=\"c2\"/></form:form></office:forms>"
      "<text:p><draw:control draw:control=\"c1\"/> Ja</text:p><text:p><draw:control draw:control=\"c2\"/> Nej</text:p>"),
      Limits{});
  EXPECT_EQ(d.text, "☒ Ja\n☐ Nej");
}

TEST(OdtReader, TypedTicksNormalised) {
  EXPECT_EQ(read_odt(make_odt("<text:p>[x] Förlust</text:p><text:p>☐ Ändring</text:p>"), Limits{}).text,
            "☒ Förlust\n☐ Ändring");
}

TEST(OdtReader, NotesAndAnnotationsNotRead) {
  const auto d = read_odt(make_odt("<text:p>Text<text:note><text:note-citation>1</text:note-citation><text:note-body>"
                                   "<text:p>fotnot</text:p></text:note-body></text:note></text:p>"),
                          Limits{});
  EXPECT_EQ(d.text, "Text");
}

TEST(OdtReader, NotAZipIsUnreadable) {
  const auto d = read_odt("<office:document/>", Limits{});
  EXPECT_FALSE(d.ok);
  EXPECT_TRUE(has_warning(d, vocab::kUnreadableAttachment));
}

TEST(OdtReader, MissingContentXmlIsUnreadable) {
  const auto d = read_odt(make_zip({{"mimetype", "application/vnd.oasis.opendocument.text"}}), Limits{});
  EXPECT_FALSE(d.ok);
  EXPECT_TRUE(has_warning(d, vocab::kUnreadableAttachment));
}

TEST(OdtReader, ZipBombRefused) {
  const auto d = read_odt(make_odt("<text:p>" + std::string(8u * 1024 * 1024, ' ') + "</text:p>"), Limits{});
  EXPECT_FALSE(d.ok);
  EXPECT_TRUE(has_warning(d, vocab::kLimitExceeded));
}

TEST(OdtReader, ElementCountLimit) {
  Limits limits;
  limits.max_xml_elements = 50;
  std::string body;
  for (int i = 0; i < 100; ++i) body += "<text:p>x</text:p>";
  const auto d = read_odt(make_odt(body), limits);
  EXPECT_FALSE(d.ok);
  EXPECT_TRUE(has_warning(d, vocab::kLimitExceeded));
}

}  // namespace
}  // namespace gdprd::parsers
