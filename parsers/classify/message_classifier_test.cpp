#include "parsers/classify/message_classifier.hpp"

#include <gtest/gtest.h>

namespace gdprd::parsers {
namespace {

MessageSigns report_like() {
  MessageSigns s;
  s.from_address = "anna.berg@x.kommun.example";
  s.subject = "Personuppgiftsincident – mejl till fel mottagare";
  s.content_types = {"text/plain"};
  s.body_text = "Hej!\nIgår skickade jag ett mejl till fel mottagare.\n";
  return s;
}

TEST(MessageClassifier, PlainReportIsReport) { EXPECT_EQ(classify_message(report_like()), MessageClass::report); }

TEST(MessageClassifier, AutoSubmittedAutoRepliedIsAutoReply) {
  auto s = report_like();
  s.headers = {{"Auto-Submitted", "auto-replied"}};
  EXPECT_EQ(classify_message(s), MessageClass::auto_reply);
}

TEST(MessageClassifier, AutoSubmittedNoIsNotASign) {
  auto s = report_like();
  s.headers = {{"auto-submitted", "no"}};
  EXPECT_EQ(classify_message(s), MessageClass::report);
}

TEST(MessageClassifier, XAutoResponseSuppressIsAutoReply) {
  auto s = report_like();
  s.headers = {{"X-Auto-Response-Suppress", "All"}};
  EXPECT_EQ(classify_message(s), MessageClass::auto_reply);
}

TEST(MessageClassifier, PrecedenceAutoReplyBulkJunk) {
  for (const char* p : {"auto_reply", "bulk", "junk"}) {
    auto s = report_like();
    s.headers = {{"Precedence", p}};
    EXPECT_EQ(classify_message(s), MessageClass::auto_reply) << p;
  }
  auto s = report_like();
  s.headers = {{"Precedence", "list"}};
  EXPECT_EQ(classify_message(s), MessageClass::report);
}

TEST(MessageClassifier, XAutoreplyAndXAutorespondHeaders) {
  for (const char* h : {"X-Autoreply", "X-Autorespond"}) {
    auto s = report_like();
    s.headers = {{h, "yes"}};
    EXPECT_EQ(classify_message(s), MessageClass::auto_reply) << h;
  }
}

TEST(MessageClassifier, AutoReplySubjectsInSwedishAndEnglish) {
  for (const char* subj : {"Frånvaro: Personuppgiftsincident", "Autosvar: incident", "Automatiskt svar: 14 medarbetare",
                           "Out of Office: Data breach", "Automatic reply: Data breach report - 12 client files",
                           "Frånvarande: Rapport om personuppgiftsincident", "SV: Autosvar: x"}) {
    auto s = report_like();
    s.subject = subj;
    EXPECT_EQ(classify_message(s), MessageClass::auto_reply) << subj;
  }
}

TEST(MessageClassifier, ForwardedAutoReplySubjectIsAReport) {
  auto s = report_like();
  s.subject = "VB: Automatiskt svar: Personuppgiftsincident";
  EXPECT_EQ(classify_message(s), MessageClass::report);
}

TEST(MessageClassifier, BounceSubjects) {
  for (const char* subj : {"Undeliverable: Personuppgiftsincident", "Olevererbart: incident",
                           "Delivery Status Notification (Failure)", "Mail delivery failed: returning message",
                           "Returned mail: see transcript", "Non remis : incident", "Undelivered Mail Returned to Sender"}) {
    auto s = report_like();
    s.subject = subj;
    EXPECT_EQ(classify_message(s), MessageClass::bounce) << subj;
  }
}

TEST(MessageClassifier, MultipartReportIsBounce) {
  auto s = report_like();
  s.content_types = {"multipart/report", "text/plain", "message/rfc822", "text/plain"};
  EXPECT_EQ(classify_message(s), MessageClass::bounce);
}

TEST(MessageClassifier, DeliveryStatusPartIsBounce) {
  auto s = report_like();
  s.content_types = {"multipart/mixed", "text/plain", "message/delivery-status"};
  EXPECT_EQ(classify_message(s), MessageClass::bounce);
}

TEST(MessageClassifier, MailerDaemonAndPostmasterSenders) {
  for (const char* from : {"MAILER-DAEMON@mx1.x.example", "postmaster@x.example"}) {
    auto s = report_like();
    s.from_address = from;
    EXPECT_EQ(classify_message(s), MessageClass::bounce) << from;
  }
}

TEST(MessageClassifier, BounceWinsOverAutoSubmitted) {
  auto s = report_like();
  s.headers = {{"Auto-Submitted", "auto-replied"}};
  s.content_types = {"multipart/report"};
  EXPECT_EQ(classify_message(s), MessageClass::bounce);
}

TEST(MessageClassifier, OutOfOfficeWordingInFirstLines) {
  for (const char* body : {"Hej!\n\nJag är på semester till och med den 9 augusti.\n",
                           "Jag är tjänstledig till och med 1 mars.\n", "Jag har semester vecka 29-31.\n",
                           "Thank you for your e-mail.\n\nI am out of the office until Monday.\n",
                           "Tack för ditt mejl!\n\nJag är föräldraledig till och med den 31 januari.\n",
                           "Hej, jag är ledig och åter den 3 augusti.\n"}) {
    auto s = report_like();
    s.subject = "Rapport";
    s.body_text = body;
    EXPECT_EQ(classify_message(s), MessageClass::auto_reply) << body;
  }
}

TEST(MessageClassifier, QuotedOutOfOfficeInsideReportIsNotASign) {
  auto s = report_like();
  s.body_text =
      "Hej,\nVi skickade en lista med 40 elever till fel vårdnadshavare igår.\n\n"
      "-----Ursprungligt meddelande-----\nJag är på semester till och med den 9 augusti.\n";
  EXPECT_EQ(classify_message(s), MessageClass::report);
  s.body_text = "> Jag är på semester till och med den 9 augusti.\nSkickade mejl till fel mottagare.\n";
  EXPECT_EQ(classify_message(s), MessageClass::report);
}

TEST(MessageClassifier, ReturnDateAloneIsNotASign) {
  auto s = report_like();
  s.body_text = "Datorn lämnades på reparation och är åter den 3 maj.\n";
  EXPECT_EQ(classify_message(s), MessageClass::report);
}

TEST(MessageClassifier, BreachSubjectWithAutoReplySignStaysAutoReply) {
  auto s = report_like();
  s.subject = "Personuppgiftsincident – 14 medarbetares lönebesked";
  s.headers = {{"Auto-Submitted", "auto-generated"}};
  EXPECT_EQ(classify_message(s), MessageClass::auto_reply);
}

}  // namespace
}  // namespace gdprd::parsers
