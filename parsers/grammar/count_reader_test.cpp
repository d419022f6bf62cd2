#include "parsers/grammar/count_reader.hpp"

#include <gtest/gtest.h>

namespace gdprd::parsers {
namespace {

Count exact(int64_t n) { return Count{n, count_range(n)}; }
Count approx(const char* range) { return Count{std::nullopt, std::string(range)}; }

TEST(ReadCount, PlainDigits) { EXPECT_EQ(read_count("425"), exact(425)); }
TEST(ReadCount, SpaceThousandsSeparator) { EXPECT_EQ(read_count("8 312"), exact(8312)); }
TEST(ReadCount, NoBreakSpaceThousandsSeparator) { EXPECT_EQ(read_count("6\u00a0400"), exact(6400)); }
TEST(ReadCount, CommaThousandsSeparator) { EXPECT_EQ(read_count("6,400"), exact(6400)); }
TEST(ReadCount, SwedishNumberWord) { EXPECT_EQ(read_count("tre"), exact(3)); }
TEST(ReadCount, SwedishCompoundNumberWord) { EXPECT_EQ(read_count("tjugotre"), exact(23)); }
TEST(ReadCount, EnglishNumberWordCapitalised) { EXPECT_EQ(read_count("One pupil"), exact(1)); }
TEST(ReadCount, EnglishHyphenatedNumberWord) { EXPECT_EQ(read_count("twenty-three people"), exact(23)); }
TEST(ReadCount, NumberWordWithNoun) { EXPECT_EQ(read_count("två personer"), exact(2)); }
TEST(ReadCount, DrygtIsRangeOnly) { EXPECT_EQ(read_count("drygt 350"), approx("101-1000")); }
TEST(ReadCount, CaWithThousandsIsRangeOnly) { EXPECT_EQ(read_count("ca 1 200"), approx("1001-10000")); }
TEST(ReadCount, CirkaIsRangeOnly) { EXPECT_EQ(read_count("cirka 40"), approx("11-100")); }
TEST(ReadCount, UngefarWithMangledLetter) { EXPECT_EQ(read_count("ungefär 12"), approx("11-100")); }
TEST(ReadCount, RuntIsRangeOnly) { EXPECT_EQ(read_count("runt 90"), approx("11-100")); }
TEST(ReadCount, UppskattningsvisIsRangeOnly) { EXPECT_EQ(read_count("uppskattningsvis 5"), approx("1-10")); }
TEST(ReadCount, ApproximatelyWithCommaIsRangeOnly) {
  EXPECT_EQ(read_count("approximately 6,400"), approx("1001-10000"));
}
TEST(ReadCount, AboutIsRangeOnly) { EXPECT_EQ(read_count("about 30"), approx("11-100")); }
TEST(ReadCount, EttTjugotalIsRangeOnly) { EXPECT_EQ(read_count("ett tjugotal"), approx("11-100")); }
TEST(ReadCount, NagraHundraIsRangeOnly) { EXPECT_EQ(read_count("några hundra"), approx("101-1000")); }
TEST(ReadCount, HundratalsIsRangeOnly) { EXPECT_EQ(read_count("hundratals"), approx("101-1000")); }
TEST(ReadCount, FormRangeWithDash) { EXPECT_EQ(read_count("101–1 000"), approx("101-1000")); }
TEST(ReadCount, VetEjIsUnknown) { EXPECT_EQ(read_count("Vet ej"), approx("unknown")); }
TEST(ReadCount, EmptyIsNothing) { EXPECT_EQ(read_count("   "), std::nullopt); }
TEST(ReadCount, ClockTimeIsNoCount) { EXPECT_EQ(read_count("16:39"), std::nullopt); }

TEST(FindSubjectCount, NumberAttachedToPersonNoun) {
  EXPECT_EQ(find_subject_count("Listan innehöll 425 personer."), exact(425));
}
TEST(FindSubjectCount, MailsAreNotPersons) {
  EXPECT_EQ(find_subject_count("drygt 40 klienter. Dessutom skickades ett hundratal nätfiskemejl."),
            approx("11-100"));
}
TEST(FindSubjectCount, PhoneNumbersAndDatesAreIgnored) {
  EXPECT_EQ(find_subject_count("Ring 08-465 004 58 den 2026-05-20 om 3 elever."), exact(3));
}
TEST(FindSubjectCount, AffectedSentenceWins) {
  EXPECT_EQ(find_subject_count("Vi har 800 elever på skolan. Totalt berörs 35 elever."), exact(35));
}
TEST(FindSubjectCount, ArticleAloneIsNoCount) {
  EXPECT_EQ(find_subject_count("En vårdnadshavare mejlade mig i morse."), std::nullopt);
}
TEST(FindSubjectCount, ArticleOneCountsWhenAffectedIsSaid) {
  EXPECT_EQ(find_subject_count("One pupil is affected."), exact(1));
}
TEST(FindSubjectCount, ReportsTheNoun) {
  std::string noun;
  EXPECT_EQ(find_subject_count("Bilderna visar 6 barn.", &noun), exact(6));
  EXPECT_EQ(noun, "barn");
}
TEST(FindSubjectCount, AdjectiveBetweenNumberAndNoun) {
  EXPECT_EQ(find_subject_count("Det gäller 12 andra elever."), exact(12));
}
TEST(FindSubjectCount, NoPersonNounNoCount) { EXPECT_EQ(find_subject_count("Vi skickade 14 mejl."), std::nullopt); }

TEST(FindRecordCount, RowsCount) { EXPECT_EQ(find_record_count("Filen hade 412 rader."), exact(412)); }

TEST(NumberWord, Words) {
  EXPECT_EQ(number_word("sjutton"), 17);
  EXPECT_EQ(number_word("sextio"), 60);
  EXPECT_EQ(number_word("sixty"), 60);
  EXPECT_EQ(number_word("tvahundra"), 200);
  EXPECT_EQ(number_word("entre"), std::nullopt);
  EXPECT_EQ(number_word("tent"), std::nullopt);
}

}  // namespace
}  // namespace gdprd::parsers
