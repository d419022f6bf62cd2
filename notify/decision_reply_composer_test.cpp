#include "notify/decision_reply_composer.hpp"

#include <gtest/gtest.h>

#include "notify/test_decode.hpp"

namespace gdprd::notify {
namespace {

DecisionReplyComposer composer() {
  return DecisionReplyComposer(MailComposer("kommun.example"), "pui@kommun.example", "Incidentbrevlådan");
}

TEST(DecisionReplyComposer, RefusalSaysWhyAndIsThreaded) {
  DecisionReplyFacts f;
  f.reference = "PUI-2026-0042";
  f.to = "stranger@example.com";
  f.original_subject = "Re: [PUI-2026-0042] Påminnelse";
  f.original_message_id = "<d1@example.com>";
  f.reasons = {"avsändaren är inte behörig att besluta"};
  auto r = composer().compose_reply(f, Language::sv, TimePoint{});
  ASSERT_TRUE(r.mail) << r.error;
  EXPECT_EQ(testing::raw_header(r.mail->bytes, "In-Reply-To"), "<d1@example.com>");
  EXPECT_EQ(testing::raw_header(r.mail->bytes, "Auto-Submitted"), "auto-replied");
  auto body = DecisionReplyComposer::reply_body(f, Language::sv);
  EXPECT_NE(body.find("registrerades INTE"), std::string::npos);
  EXPECT_NE(body.find("inte behörig"), std::string::npos);
}

TEST(DecisionReplyComposer, ConfirmationListsWhatWasRecorded) {
  DecisionReplyFacts f;
  f.reference = "PUI-2026-0042";
  f.to = "ciso@kommun.example";
  f.applied = true;
  f.applied_lines = {"anmäld till IMY, DI-2026-1234"};
  auto body = DecisionReplyComposer::reply_body(f, Language::sv);
  EXPECT_NE(body.find("är registrerat"), std::string::npos);
  EXPECT_NE(body.find("- anmäld till IMY, DI-2026-1234"), std::string::npos);
  EXPECT_EQ(body.find("INTE"), std::string::npos);
}

TEST(DecisionReplyComposer, CompletionRequestInEnglishListsMissingAnswers) {
  CompletionRequestFacts f;
  f.reference = "PUI-2026-0042";
  f.to = "anna@kommun.example";
  f.missing = {"question 7: e-mail"};
  auto r = composer().compose_completion_request(f, Language::en, TimePoint{});
  ASSERT_TRUE(r.mail);
  EXPECT_EQ(testing::raw_header(r.mail->bytes, "Auto-Submitted"), "auto-generated");
  auto body = DecisionReplyComposer::completion_body(f, Language::en);
  EXPECT_NE(body.find("- question 7: e-mail"), std::string::npos);
  EXPECT_NE(body.find("keep [PUI-2026-0042]"), std::string::npos);
}

TEST(DecisionReplyComposer, InvalidRecipientIsRefused) {
  CompletionRequestFacts f;
  f.reference = "PUI-2026-0042";
  f.to = "not an address";
  EXPECT_FALSE(composer().compose_completion_request(f, Language::sv, TimePoint{}).mail);
}

}  // namespace
}  // namespace gdprd::notify
