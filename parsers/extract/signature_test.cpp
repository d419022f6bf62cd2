#include "parsers/extract/signature.hpp"

#include <gtest/gtest.h>

namespace gdprd::parsers {
namespace {

TEST(Signature, ClosingGreetingTitleCommaUnit) {
  std::string t =
      "Text.\n\nHälsningar\nKarin Ek\nLöneadministratör, Lönecentrum\nTestby kommun\n08-465 004 12\n"
      "karin.ek@testby.kommun.example\n";
  Signature s = read_signature(t);
  EXPECT_EQ(s.name, "Karin Ek");
  EXPECT_EQ(s.title, "Löneadministratör");
  EXPECT_EQ(s.role, "other");
  EXPECT_EQ(s.unit, "Lönecentrum");
  EXPECT_EQ(s.organisation, "Testby kommun");
  EXPECT_EQ(s.phone, "08-465 004 12");
  EXPECT_EQ(s.email, "karin.ek@testby.kommun.example");
  EXPECT_EQ(t.substr(s.begin, std::string("Hälsningar").size()), "Hälsningar");
}

TEST(Signature, TitleWordFollowedByUnitWithoutComma) {
  Signature s = read_signature("x\n\nMed vänlig hälsning\nOla Ek\nEnhetschef Ekonomiskt bistånd\nTestby kommun\n");
  EXPECT_EQ(s.title, "Enhetschef");
  EXPECT_EQ(s.unit, "Ekonomiskt bistånd");
}

TEST(Signature, NoClosingGreetingLastBlockStartingWithName) {
  Signature s = read_signature(
      "Jag bedömer att det inte ska anmälas.\n\nLars Öberg\nRektor, Ekbyskolan\nTestby kommun\n070-174 06 00\n\n"
      "Skickat från min iPhone\n");
  EXPECT_EQ(s.name, "Lars Öberg");
  EXPECT_EQ(s.unit, "Ekbyskolan");
}

TEST(Signature, NamedSchoolBeatsClassAsUnit) {
  Signature s = read_signature("x\n\nBest regards,\nAnn Hill\nMentor, Year 2\nNorrby Upper Secondary School\n"
                               "Testby kommun\n");
  EXPECT_EQ(s.unit, "Norrby Upper Secondary School");
  EXPECT_EQ(s.organisation, "Testby kommun");
}

TEST(Signature, SwitchboardIsNeverThePhone) {
  Signature s = read_signature("x\n\nHälsningar\nAnn Ek\nHandläggare\nVäxel: 08-465 004 00\nDirekt: 08-465 004 01\n");
  EXPECT_EQ(s.phone, "08-465 004 01");
}

TEST(Signature, DataProtectionOfficerIsDpo) {
  Signature s = read_signature("x\n\nVänliga hälsningar\nEva Lind\nDataskyddsombud\nTestby kommun\n");
  EXPECT_EQ(s.role, "dpo");
}

TEST(Signature, AdministrationNamedKommunIsNotTheOrganisation) {
  Signature s = read_signature("x\n\nHälsningar\nOla Ek\nSekreterare, Kommunledningskontoret\nTestby kommun\n");
  EXPECT_EQ(s.unit, "Kommunledningskontoret");
  EXPECT_EQ(s.organisation, "Testby kommun");
}

TEST(Signature, ProseOnlyHasNoSignature) {
  Signature s = read_signature("Pärmen är borta och vi letar.\nDet var igår.");
  EXPECT_EQ(s.begin, std::string_view::npos);
  EXPECT_FALSE(s.name);
}

}  // namespace
}  // namespace gdprd::parsers
