#include "parsers/extract/tick_reader.hpp"

#include <gtest/gtest.h>

namespace gdprd::parsers {
namespace {

TEST(TickReader, NormalisedBoxes) {
  auto t = read_tick("☒ Annan roll");
  ASSERT_TRUE(t);
  EXPECT_TRUE(t->checked);
  EXPECT_EQ(t->label, "Annan roll");
  t = read_tick("☐ Dataskyddsombud");
  ASSERT_TRUE(t);
  EXPECT_FALSE(t->checked);
}

TEST(TickReader, TypedBoxesInAMailBody) {
  EXPECT_TRUE(read_tick("[X] Ja")->checked);
  EXPECT_TRUE(read_tick("(x) Nej")->checked);
  EXPECT_FALSE(read_tick("[ ] Ja")->checked);
  EXPECT_TRUE(read_tick("☑ Hälsa")->checked);
  EXPECT_EQ(read_tick("[x] Hälsa")->label, "Hälsa");
}

TEST(TickReader, QuotedTickLine) {
  auto t = read_tick("> ☒ Offentlig sektor");
  ASSERT_TRUE(t);
  EXPECT_TRUE(t->checked);
  EXPECT_EQ(t->label, "Offentlig sektor");
}

TEST(TickReader, ParenthesisTextIsNotABox) {
  EXPECT_FALSE(read_tick("(xyz) text"));
  EXPECT_FALSE(read_tick("Ja"));
  EXPECT_FALSE(read_tick(""));
}

}  // namespace
}  // namespace gdprd::parsers
