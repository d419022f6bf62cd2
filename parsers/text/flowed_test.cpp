#include "parsers/text/flowed.hpp"

#include <gtest/gtest.h>

namespace gdprd::parsers {
namespace {

TEST(Flowed, SoftBrokenLinesAreJoined) {
  EXPECT_EQ(unflow("Igår kom ett \nmejl till fel \nmottagare.\nNy rad.\n", false),
            "Igår kom ett mejl till fel mottagare.\nNy rad.\n");
}

TEST(Flowed, DelSpRemovesTheBreakingSpace) {
  EXPECT_EQ(unflow("persona \nlnummer\n", true), "personalnummer\n");
}

TEST(Flowed, SpaceStuffingIsUndone) {
  EXPECT_EQ(unflow(" From here\n", false), "From here\n");
}

TEST(Flowed, SignatureSeparatorIsNeverJoined) {
  EXPECT_EQ(unflow("Text\n-- \nAnna\n", false), "Text\n-- \nAnna\n");
}

TEST(Flowed, QuotedLinesJoinWithinTheirDepth) {
  EXPECT_EQ(unflow("> citat \n> fortsätter\nsvar\n", false), "> citat fortsätter\nsvar\n");
}

TEST(Flowed, LastLineWithoutNewlineIsKept) {
  EXPECT_EQ(unflow("a \nb", false), "a b\n");
}

}  // namespace
}  // namespace gdprd::parsers
