#include "parsers/grammar/vocabulary.hpp"

#include <gtest/gtest.h>

namespace gdprd::parsers {
namespace {

using V = std::vector<std::string>;

TEST(IncidentType, WrongRecipientIsMisdirected) {
  EXPECT_EQ(read_incident_type("Jag skickade mejlet till fel mottagare."), "misdirected_message");
}
TEST(IncidentType, EnglishWrongGuardianIsMisdirected) {
  EXPECT_EQ(read_incident_type("I e-mailed the notes to the wrong guardian."), "misdirected_message");
}
TEST(IncidentType, DisclosureToRightRecipients) {
  EXPECT_EQ(read_incident_type("Alla adresser syntes; det är ett obehörigt röjande."), "disclosure_other");
}
TEST(IncidentType, IntrusionIsUnauthorizedAccess) {
  EXPECT_EQ(read_incident_type("Dataintrång i verksamhetssystemet."), "unauthorized_access");
}
TEST(IncidentType, LostBinderIsLoss) { EXPECT_EQ(read_incident_type("Jag har förlorat pärmen."), "loss"); }
TEST(IncidentType, ChangedWithoutAuthorityIsAlteration) {
  EXPECT_EQ(read_incident_type("Jag ändrade av misstag lönen."), "alteration");
}
TEST(IncidentType, DeletedIsDestruction) {
  EXPECT_EQ(read_incident_type("Journalerna raderades."), "destruction");
}
TEST(IncidentType, NothingSaidIsNull) { EXPECT_EQ(read_incident_type("Hej, ring mig."), std::nullopt); }

TEST(Cause, MistakeIsHumanError) { EXPECT_EQ(read_cause("Det var mitt misstag."), "human_error"); }
TEST(Cause, StatedCauseSentenceWins) {
  EXPECT_EQ(read_cause("Jag gjorde ett misstag. Orsaken är en brist i rutinerna."), "organisational");
}
TEST(Cause, AttackFromOutside) { EXPECT_EQ(read_cause("Det är ett angrepp utifrån."), "external_attack"); }

TEST(DetectedBy, ColleagueIsEmployee) {
  EXPECT_EQ(read_detected_by("Min kollega upptäckte felet i morse."), "employee");
}
TEST(DetectedBy, GuardianIsExternal) {
  EXPECT_EQ(read_detected_by("En vårdnadshavare mejlade mig och påpekade felet."), "external");
}
TEST(DetectedBy, InvertedSwedishOrderIsEmployee) {
  EXPECT_EQ(read_detected_by("I morse märkte jag att pärmen saknas."), "employee");
}
TEST(DetectedBy, AlarmIsAutomated) {
  EXPECT_EQ(read_detected_by("Ett larm i brandväggen upptäckte trafiken."), "automated");
}
TEST(DetectedBy, NoDiscoverySentenceIsNull) { EXPECT_EQ(read_detected_by("Pärmen är borta."), std::nullopt); }

TEST(Area, NamedSchoolIsSchool) { EXPECT_EQ(read_area("Rektor, Ekbackaskolan"), "school"); }
TEST(Area, PreschoolIsSchool) { EXPECT_EQ(read_area("Solrosens förskola"), "school"); }
TEST(Area, SocialServices) { EXPECT_EQ(read_area("en handläggare inom socialtjänsten"), "social_services"); }
TEST(Area, MunicipalityAloneIsNoArea) { EXPECT_EQ(read_area("Tallmora kommun, Lönecentrum"), std::nullopt); }

TEST(SubjectGroups, WordsToGroupsInSpecOrder) {
  EXPECT_EQ(read_subject_groups("elever och medarbetare samt brukare"), (V{"employees", "users", "pupils"}));
}
TEST(SubjectGroups, RecipientGuardiansAreNotAGroup) {
  EXPECT_EQ(read_subject_groups("skickade till fel vårdnadshavare"), V{});
}
TEST(SubjectGroups, GuardiansWhoseDataLeakedAreOther) {
  EXPECT_EQ(read_subject_groups("vårdnadshavarnas e-postadresser"), V{"other"});
}
TEST(SubjectGroups, NounOfCount) {
  EXPECT_EQ(subject_group_of_noun("personer"), "other");
  EXPECT_EQ(subject_group_of_noun("elever"), "pupils");
  EXPECT_EQ(subject_group_of_noun("berorda"), std::nullopt);
}

TEST(DataCategories, NameAddressHealth) {
  EXPECT_EQ(read_data_categories("namn, adress och uppgifter om hälsa."), (V{"health", "identifying", "contact"}));
}
TEST(DataCategories, NegatedPersonnummerIsNoCategory) {
  EXPECT_EQ(read_data_categories("Listan innehöll namn men inga personnummer."), V{"identifying"});
}
TEST(DataCategories, EnglishNegation) { EXPECT_EQ(read_data_categories("There was no health data."), V{}); }
TEST(DataCategories, WrongAddressIsNotContactData) {
  EXPECT_EQ(read_data_categories("I picked the wrong address by mistake."), V{});
}
TEST(DataCategories, PhotosAreOther) { EXPECT_EQ(read_data_categories("ett mejl med bilder"), V{"other"}); }
TEST(DataCategories, SalaryIsFinancial) { EXPECT_EQ(read_data_categories("ändrade lönen för 14"), V{"financial"}); }
TEST(DataCategories, MangledPasswordWordIsNotACategory) {
  EXPECT_EQ(read_data_categories("angav sitt 16senord"), V{});
}

TEST(Consequences, OnlyWhereStated) {
  EXPECT_EQ(read_consequences("De kan förlora kontrollen, och uppgifterna kan användas för identitetsstöld."),
            (V{"loss_of_control", "identity_theft_or_fraud"}));
  EXPECT_EQ(read_consequences("Pärmen är borta."), V{});
}

TEST(Negation, ClauseBounded) {
  std::string f = "inga namn, men personnummer";
  EXPECT_TRUE(is_negated(f, f.find("namn")));
  EXPECT_FALSE(is_negated(f, f.find("personnummer")));
}

}  // namespace
}  // namespace gdprd::parsers
