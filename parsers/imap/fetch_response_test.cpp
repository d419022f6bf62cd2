#include "parsers/imap/fetch_response.hpp"

#include <gtest/gtest.h>

#include <string>

namespace gdprd::parsers {
namespace {

std::string fetch_line(int seq, int64_t uid, const std::string& body) {
  return "* " + std::to_string(seq) + " FETCH (UID " + std::to_string(uid) + " BODY[] {" +
         std::to_string(body.size()) + "}\r\n" + body + ")\r\n";
}

std::vector<FetchedMessage> split_all(FetchResponseSplitter& s, const std::string& stream, size_t chunk) {
  std::vector<FetchedMessage> out;
  for (size_t i = 0; i < stream.size(); i += chunk) {
    s.feed(std::string_view(stream).substr(i, chunk));
    for (auto& m : s.take_messages()) out.push_back(std::move(m));
  }
  return out;
}

TEST(FetchResponseSplitter, LiteralHoldingATaggedLineAndAFetchLookalikeStaysOneMessage) {
  std::string hostile = "Subject: x\r\n\r\ng1 OK fake end\r\n* 9 FETCH (UID 99 BODY[] {3}\r\nxyz)\r\n";
  std::string stream = fetch_line(1, 5, hostile) + fetch_line(2, 6, "second\r\n") + "g1 OK Fetch completed.\r\n";
  FetchResponseSplitter s("g1");
  ASSERT_TRUE(s.feed(stream)) << s.error();
  auto msgs = s.take_messages();
  ASSERT_EQ(msgs.size(), 2u);
  EXPECT_EQ(msgs[0].uid, 5);
  EXPECT_EQ(msgs[0].bytes, hostile);
  EXPECT_EQ(msgs[1].uid, 6);
  EXPECT_EQ(msgs[1].bytes, "second\r\n");
  EXPECT_TRUE(s.finished());
  EXPECT_EQ(s.status(), "OK");
  EXPECT_EQ(s.status_text(), "Fetch completed.");
}

TEST(FetchResponseSplitter, EveryChunkingGivesTheSameBytes) {
  std::string binary("a\0b\r\n\xff\xfe lone LF\n and a 200 KB line ", 34);
  binary += std::string(200 * 1024, 'B') + "\r\nno final newline";
  std::string stream = "* 3 EXISTS\r\n" + fetch_line(1, 10, binary) + fetch_line(2, 11, "") + "g2 OK done\r\n";
  FetchResponseLimits limits;
  limits.max_line_bytes = 1024;  // lines outside literals only: a long line inside one is fine
  for (size_t chunk : {size_t{1}, size_t{2}, size_t{7}, size_t{4096}, stream.size()}) {
    FetchResponseSplitter s("g2", limits);
    auto msgs = split_all(s, stream, chunk);
    ASSERT_FALSE(s.failed()) << chunk << ": " << s.error();
    ASSERT_EQ(msgs.size(), 2u) << chunk;
    EXPECT_EQ(msgs[0].bytes, binary) << chunk;
    EXPECT_EQ(msgs[1].uid, 11);
    EXPECT_EQ(msgs[1].bytes, "");
    EXPECT_TRUE(s.finished());
  }
}

TEST(FetchResponseSplitter, DeclaredLiteralAboveTheLimitFailsBeforeAllocating) {
  FetchResponseLimits limits;
  limits.max_literal_bytes = 1000;
  FetchResponseSplitter s("g3", limits);
  EXPECT_FALSE(s.feed("* 1 FETCH (UID 1 BODY[] {18446744073709551615}\r\n"));
  EXPECT_TRUE(s.failed());
  EXPECT_FALSE(s.feed(fetch_line(2, 2, "ok") + "g3 OK\r\n"));  // nothing after a failure
  EXPECT_TRUE(s.take_messages().empty());
  FetchResponseSplitter t("g3", limits);
  EXPECT_FALSE(t.feed("* 1 FETCH (UID 1 BODY[] {1001}\r\n"));
}

TEST(FetchResponseSplitter, ResponseGrowingPastItsLimitFails) {
  FetchResponseLimits limits;
  limits.max_literal_bytes = 100;
  limits.max_response_bytes = 150;
  FetchResponseSplitter s("g4", limits);
  // Two literals of 100 in one response: each fits, together they do not.
  EXPECT_FALSE(s.feed("* 1 FETCH (UID 1 BODY[] {100}\r\n" + std::string(100, 'x') + " X {100}\r\n"));
  EXPECT_NE(s.error().find("response"), std::string::npos);
}

TEST(FetchResponseSplitter, EndlessLineWithoutNewlineFails) {
  FetchResponseLimits limits;
  limits.max_line_bytes = 64;
  FetchResponseSplitter s("g5", limits);
  EXPECT_TRUE(s.feed(std::string(60, 'x')));
  EXPECT_FALSE(s.feed(std::string(10, 'x')));
}

TEST(FetchResponseSplitter, ItemsInAnyOrderAndUnsolicitedFlagsChanges) {
  std::string stream =
      "* 1 FETCH (FLAGS (\\Seen \\Recent))\r\n"                    // no body: nothing
      "* 2 FETCH (BODY[] {4}\r\nbody UID 42 FLAGS (\\Seen))\r\n"    // UID after the literal
      "* 3 fetch (uid 43 body[] \"quoted \\\"body\\\"\")\r\n"        // quoted, lower case
      "* 4 FETCH (UID 44 BODY[] NIL)\r\n"                          // no body
      "g6 NO [SERVERBUG] some failed\r\n";
  FetchResponseSplitter s("g6");
  ASSERT_TRUE(s.feed(stream)) << s.error();
  auto msgs = s.take_messages();
  ASSERT_EQ(msgs.size(), 2u);
  EXPECT_EQ(msgs[0].uid, 42);
  EXPECT_EQ(msgs[0].bytes, "body");
  EXPECT_EQ(msgs[1].uid, 43);
  EXPECT_EQ(msgs[1].bytes, "quoted \"body\"");
  EXPECT_EQ(s.status(), "NO");
}

TEST(FetchResponseSplitter, BodyWithoutUidFails) {
  FetchResponseSplitter s("g7");
  EXPECT_FALSE(s.feed("* 1 FETCH (BODY[] {2}\r\nab)\r\n"));
  EXPECT_FALSE(FetchResponseSplitter("g7").feed("* 1 FETCH (UID 0 BODY[] {2}\r\nab)\r\n"));
}

TEST(FetchResponseSplitter, DataAfterTheTaggedLineFails) {
  FetchResponseSplitter s("g8");
  EXPECT_FALSE(s.feed("g8 OK done\r\n* 1 FETCH (UID 1 BODY[] {2}\r\nab)\r\n"));
  EXPECT_TRUE(s.finished());
  EXPECT_TRUE(s.failed());
}

TEST(FetchResponseSplitter, StreamCutInsideALiteralIsNotFinished) {
  FetchResponseSplitter s("g9");
  EXPECT_TRUE(s.feed("* 1 FETCH (UID 1 BODY[] {10}\r\nabc"));
  EXPECT_FALSE(s.finished());
  EXPECT_TRUE(s.take_messages().empty());
}

TEST(FetchResponseSplitter, OtherTagsAndSectionsWithSpacesAreNotOurs) {
  std::string stream =
      "g1 OK not our tag\r\n"
      "* 1 FETCH (UID 7 BODY[HEADER.FIELDS (FROM)] {5}\r\nFrom:)\r\n"  // another section: ignored
      "g10 OK done\r\n";
  FetchResponseSplitter s("g10");
  ASSERT_TRUE(s.feed(stream)) << s.error();
  EXPECT_TRUE(s.take_messages().empty());
  EXPECT_TRUE(s.finished());
}

}  // namespace
}  // namespace gdprd::parsers
