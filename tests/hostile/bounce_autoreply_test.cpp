// Non-delivery reports in the styles of the common mail servers, with and
// without multipart/report, must be `bounce`; Swedish and English automatic
// replies, with and without the machine headers, must be `auto_reply`. Both
// keep every other field empty (spec) so no incident is opened for them.
#include <gtest/gtest.h>

#include <string>

#include "parsers/report_reader.hpp"

namespace gdprd::hostile {
namespace {

struct NdrStyle {
  const char* name;
  const char* from;
  const char* subject;
  const char* human_text;  // the server's explanation, as that server words it
};

const NdrStyle kStyles[] = {
    {"exchange", "postmaster@kommun.example", "Undeliverable: Personuppgiftsincident",
     "Delivery has failed to these recipients or groups:\r\n\r\nfel.mottagare@extern.example\r\n"
     "The email address you entered couldn't be found.\r\n"},
    {"exchange_sv", "postmaster@kommun.example", "Olevererbart: Personuppgiftsincident",
     "Leveransen misslyckades till följande mottagare eller grupper:\r\n\r\nfel.mottagare@extern.example\r\n"},
    {"postfix", "MAILER-DAEMON@mx1.kommun.example", "Undelivered Mail Returned to Sender",
     "This is the mail system at host mx1.kommun.example.\r\n\r\nI'm sorry to have to inform you that your message "
     "could not\r\nbe delivered to one or more recipients.\r\n"},
    {"sendmail", "MAILER-DAEMON@relay.kommun.example", "Returned mail: see transcript for details",
     "The original message was received at Tue, 10 Nov 2026 08:47:12 +0100\r\n"
     "   ----- The following addresses had permanent fatal errors -----\r\n<fel@extern.example>\r\n"},
    {"exim", "Mailer-Daemon@mail.kommun.example", "Mail delivery failed: returning message to sender",
     "This message was created automatically by mail delivery software.\r\n\r\nA message that you sent could not "
     "be delivered to one or more of its\r\nrecipients. This is a permanent error.\r\n"},
    {"qmail", "MAILER-DAEMON@qmail.kommun.example", "failure notice",
     "Hi. This is the qmail-send program at qmail.kommun.example.\r\nI'm afraid I wasn't able to deliver your "
     "message to the following addresses.\r\n"},
    {"lotus_notes", "Postmaster@notes.kommun.example", "DELIVERY FAILURE: User fel not listed in Domino Directory",
     "Your message\r\n\r\n  Subject: Personuppgiftsincident\r\n\r\nwas not delivered to:\r\n\r\n  fel@extern.example\r\n"},
    {"gmail", "mailer-daemon@googlemail.com", "Delivery Status Notification (Failure)",
     "** Address not found **\r\n\r\nYour message wasn't delivered to fel@extern.example because the address "
     "couldn't be found.\r\n"},
};

// The original report, returned inside the bounce: it must not make the bounce a report.
const std::string kReturnedReport =
    "From: Test Person <test.person@kommun.example>\r\nSubject: Personuppgiftsincident\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n\r\nIgår skickade jag av misstag elevlistan till fel mottagare.\r\n";

std::string head(const NdrStyle& s, const std::string& content_type) {
  return std::string("From: Mail Delivery System <") + s.from + ">\r\nTo: test.person@kommun.example\r\nSubject: " +
         s.subject + "\r\nDate: Tue, 10 Nov 2026 08:50:00 +0100\r\nMessage-ID: <ndr@kommun.example>\r\n"
         "MIME-Version: 1.0\r\nContent-Type: " + content_type + "\r\n\r\n";
}

std::string with_report_part(const NdrStyle& s) {
  return head(s, "multipart/report; report-type=delivery-status; boundary=\"r\"") +
         "--r\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + s.human_text +
         "--r\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx1.kommun.example\r\n\r\n"
         "Final-Recipient: rfc822; fel@extern.example\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n"
         "--r\r\nContent-Type: message/rfc822\r\n\r\n" + kReturnedReport + "--r--\r\n";
}

std::string plain_ndr(const NdrStyle& s) {
  return head(s, "text/plain; charset=utf-8") + s.human_text + "\r\n------ This is a copy of the message ------\r\n\r\n" +
         kReturnedReport;
}

TEST(NonDeliveryReports, EveryServerStyleWithMultipartReportIsBounce) {
  for (const auto& s : kStyles) {
    const auto r = parsers::read_report(with_report_part(s));
    EXPECT_EQ(r.record.message_class, "bounce") << s.name;
    EXPECT_FALSE(r.record.description.has_value()) << s.name;
  }
}

TEST(NonDeliveryReports, EveryServerStyleAsPlainTextIsBounce) {
  for (const auto& s : kStyles) {
    const auto r = parsers::read_report(plain_ndr(s));
    EXPECT_EQ(r.record.message_class, "bounce") << s.name;
  }
}

TEST(NonDeliveryReports, LotusNotesRouterSenderIsRecognisedBySubject) {
  NdrStyle s = kStyles[6];
  s.from = "mailrouter@notes.kommun.example";  // Notes often sends from a router account
  EXPECT_EQ(parsers::read_report(plain_ndr(s)).record.message_class, "bounce");
}

std::string reply(const std::string& extra_headers, const std::string& subject, const std::string& body) {
  return "From: Kollega Exempel <kollega@kommun.example>\r\nTo: gdprincident@kommun.example\r\nSubject: " + subject +
         "\r\nDate: Tue, 10 Nov 2026 09:00:00 +0100\r\nMessage-ID: <ar@kommun.example>\r\n" + extra_headers +
         "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body;
}

TEST(AutoReplies, SwedishWithAutoSubmittedHeader) {
  const auto r = parsers::read_report(reply("Auto-Submitted: auto-replied\r\n", "Autosvar: Personuppgiftsincident",
                                            "Jag är ledig till och med 20 november.\r\n"));
  EXPECT_EQ(r.record.message_class, "auto_reply");
}

TEST(AutoReplies, SwedishExchangeHeadersOnly) {
  const auto r = parsers::read_report(reply("X-Auto-Response-Suppress: All\r\n", "Personuppgiftsincident",
                                            "Tack för ditt mejl.\r\n"));
  EXPECT_EQ(r.record.message_class, "auto_reply");
}

TEST(AutoReplies, SwedishWithoutHeadersBySubject) {
  const auto r = parsers::read_report(reply("", "Automatiskt svar: Personuppgiftsincident",
                                            "Hej! Jag läser inte min e-post just nu.\r\n"));
  EXPECT_EQ(r.record.message_class, "auto_reply");
}

TEST(AutoReplies, SwedishWithoutHeadersByBodyWording) {
  const auto r = parsers::read_report(reply("", "SV: Personuppgiftsincident",
                                            "Hej!\r\nJag är på semester och åter den 23 november. Vid brådskande "
                                            "ärenden kontakta växeln.\r\n"));
  EXPECT_EQ(r.record.message_class, "auto_reply");
}

TEST(AutoReplies, EnglishWithHeaders) {
  const auto r = parsers::read_report(reply("Auto-Submitted: auto-replied\r\nPrecedence: auto_reply\r\n",
                                            "Automatic reply: Personuppgiftsincident",
                                            "I am out of the office until 20 November.\r\n"));
  EXPECT_EQ(r.record.message_class, "auto_reply");
}

TEST(AutoReplies, EnglishWithoutHeadersByBodyWording) {
  const auto r = parsers::read_report(reply("", "Re: Personuppgiftsincident",
                                            "Hello,\r\nI am currently out of the office with limited access to "
                                            "email.\r\n"));
  EXPECT_EQ(r.record.message_class, "auto_reply");
}

TEST(AutoReplies, AutoSubmittedNoIsAPersonsReport) {
  const auto r = parsers::read_report(reply("Auto-Submitted: no\r\n", "Personuppgiftsincident",
                                            "Igår skickade jag av misstag elevlistan med vårdnadshavares "
                                            "telefonnummer till fel mottagare.\r\n"));
  EXPECT_EQ(r.record.message_class, "report");
}

}  // namespace
}  // namespace gdprd::hostile
