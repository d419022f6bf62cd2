#include "parsers/imap/imap_response_reader.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace gdprd::parsers {
namespace {

using Kind = ImapResponse::Kind;

// What a Dovecot session for IDLE sends, from greeting to the end of an IDLE.
const std::string kTranscript =
    "* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ AUTH=PLAIN] "
    "Dovecot ready.\r\n"
    "a1 OK [CAPABILITY IMAP4rev1 IDLE SORT MOVE] Logged in\r\n"
    "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
    "* OK [PERMANENTFLAGS ()] Read-only mailbox.\r\n"
    "* 3 EXISTS\r\n"
    "* 0 RECENT\r\n"
    "* OK [UIDVALIDITY 1764547200] UIDs valid\r\n"
    "a2 OK [READ-ONLY] Examine completed (0.001 + 0.000 secs).\r\n"
    "+ idling\r\n"
    "* 4 EXISTS\r\n"
    "* 1 RECENT\r\n"
    "* 2 EXPUNGE\r\n"
    "a3 OK Idle completed (0.001 + 9.998 + 9.997 secs).\r\n"
    "* BYE Server shutting down.\r\n";

std::vector<ImapResponse> read_all(const std::string& bytes, size_t chunk, ImapReaderLimits limits = {}) {
  ImapResponseReader reader(limits);
  std::vector<ImapResponse> out;
  for (size_t i = 0; i < bytes.size(); i += chunk) {
    for (auto& r : reader.feed(std::string_view(bytes).substr(i, chunk))) out.push_back(std::move(r));
  }
  EXPECT_FALSE(reader.failed()) << reader.error();
  EXPECT_FALSE(reader.mid_response());
  return out;
}

std::string describe(const ImapResponse& r) {
  return std::to_string(static_cast<int>(r.kind)) + "|" + r.tag + "|" + r.keyword + "|" +
         (r.number ? std::to_string(*r.number) : "-") + "|" + r.code + "|" + r.code_args + "|" + r.text;
}

TEST(ImapResponseReader, DovecotIdleSessionIsReadResponseByResponse) {
  auto rs = read_all(kTranscript, kTranscript.size());
  ASSERT_EQ(rs.size(), 14u);
  EXPECT_EQ(rs[0].kind, Kind::untagged);
  EXPECT_EQ(rs[0].keyword, "OK");
  EXPECT_EQ(rs[0].code, "CAPABILITY");
  EXPECT_TRUE(rs[0].has_capability("IDLE"));
  EXPECT_TRUE(rs[0].has_capability("AUTH=PLAIN"));
  EXPECT_FALSE(rs[0].has_capability("STARTTLS"));
  EXPECT_EQ(rs[0].text, "Dovecot ready.");
  EXPECT_EQ(rs[1].kind, Kind::tagged);
  EXPECT_EQ(rs[1].tag, "a1");
  EXPECT_TRUE(rs[1].has_capability("MOVE"));
  EXPECT_EQ(rs[2].keyword, "FLAGS");
  EXPECT_EQ(rs[2].text, "(\\Answered \\Flagged \\Deleted \\Seen \\Draft)");
  EXPECT_EQ(rs[3].code, "PERMANENTFLAGS");
  EXPECT_EQ(rs[3].code_args, "()");
  EXPECT_EQ(rs[4].keyword, "EXISTS");
  EXPECT_EQ(rs[4].number, 3u);
  EXPECT_EQ(rs[5].keyword, "RECENT");
  EXPECT_EQ(rs[5].number, 0u);
  EXPECT_EQ(rs[6].code, "UIDVALIDITY");
  EXPECT_EQ(rs[6].code_args, "1764547200");
  EXPECT_EQ(rs[7].code, "READ-ONLY");
  EXPECT_EQ(rs[7].code_args, "");
  EXPECT_EQ(rs[8].kind, Kind::continuation);
  EXPECT_EQ(rs[8].text, "idling");
  EXPECT_EQ(rs[9].number, 4u);
  EXPECT_EQ(rs[11].keyword, "EXPUNGE");
  EXPECT_EQ(rs[11].number, 2u);
  EXPECT_EQ(rs[12].tag, "a3");
  EXPECT_EQ(rs[13].keyword, "BYE");
  EXPECT_TRUE(rs[13].is_status());
}

TEST(ImapResponseReader, InputFedByteByByteGivesTheSameResponses) {
  auto whole = read_all(kTranscript, kTranscript.size());
  for (size_t chunk : {1u, 2u, 3u, 7u, 64u}) {
    auto pieces = read_all(kTranscript, chunk);
    ASSERT_EQ(pieces.size(), whole.size()) << "chunk " << chunk;
    for (size_t i = 0; i < whole.size(); ++i) EXPECT_EQ(describe(pieces[i]), describe(whole[i]));
  }
}

TEST(ImapResponseReader, BareLineFeedsReadLikeCrlf) {
  std::string lf = kTranscript;
  for (size_t p; (p = lf.find("\r\n")) != std::string::npos;) lf.erase(p, 1);
  auto a = read_all(kTranscript, 5);
  auto b = read_all(lf, 5);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(describe(a[i]), describe(b[i]));
}

TEST(ImapResponseReader, ContinuationWithoutTextIsStillAContinuation) {
  auto rs = read_all("+\r\n+ \r\n", 100);
  ASSERT_EQ(rs.size(), 2u);
  EXPECT_EQ(rs[0].kind, Kind::continuation);
  EXPECT_EQ(rs[0].text, "");
  EXPECT_EQ(rs[1].text, "");
}

TEST(ImapResponseReader, UntaggedCapabilityListIsUpperCased) {
  auto rs = read_all("* CAPABILITY imap4rev1 StartTLS idle auth=xoauth2\r\n", 100);
  ASSERT_EQ(rs.size(), 1u);
  EXPECT_EQ(rs[0].keyword, "CAPABILITY");
  EXPECT_EQ(rs[0].capabilities,
            (std::vector<std::string>{"IMAP4REV1", "STARTTLS", "IDLE", "AUTH=XOAUTH2"}));
}

TEST(ImapResponseReader, LiteralThatLooksLikeATaggedResponseIsSkipped) {
  // A FETCH literal whose content holds a fake tagged OK and a fake EXISTS.
  std::string body = "a3 OK fake\r\n* 99 EXISTS\r\n";
  std::string in = "* 5 FETCH (UID 9 BODY[] {" + std::to_string(body.size()) + "}\r\n" + body +
                   ")\r\na3 OK done\r\n";
  for (size_t chunk : {size_t{1}, size_t{4}, in.size()}) {
    auto rs = read_all(in, chunk);
    ASSERT_EQ(rs.size(), 2u) << "chunk " << chunk;
    EXPECT_EQ(rs[0].keyword, "FETCH");
    EXPECT_EQ(rs[0].number, 5u);
    EXPECT_EQ(rs[0].text, "(UID 9 BODY[] {" + std::to_string(body.size()) + "})");
    EXPECT_EQ(rs[1].tag, "a3");
    EXPECT_EQ(rs[1].text, "done");
  }
}

TEST(ImapResponseReader, NonSynchronisingAndBinaryLiteralsAreSkippedToo) {
  auto rs = read_all("* 1 FETCH (BINARY[] ~{3}\r\nabc BODY[1] {2+}\r\nxy)\r\n", 3);
  ASSERT_EQ(rs.size(), 1u);
  EXPECT_EQ(rs[0].text, "(BINARY[] ~{3} BODY[1] {2+})");
}

TEST(ImapResponseReader, ZeroLengthLiteralIsAccepted) {
  auto rs = read_all("* 1 FETCH (BODY[] {0}\r\n)\r\n", 1);
  ASSERT_EQ(rs.size(), 1u);
  EXPECT_EQ(rs[0].text, "(BODY[] {0})");
}

TEST(ImapResponseReader, LiteralAboveTheLimitFailsBeforeItsBytesArrive) {
  ImapReaderLimits limits;
  limits.max_literal_bytes = 100;
  ImapResponseReader reader(limits);
  auto rs = reader.feed("* OK fine\r\n* 2 FETCH (BODY[] {101}\r\n");
  ASSERT_EQ(rs.size(), 1u);  // what came before the failure is still returned
  EXPECT_TRUE(reader.failed());
  EXPECT_NE(reader.error().find("literal"), std::string::npos);
  EXPECT_TRUE(reader.feed("a1 OK later\r\n").empty());  // ignored once failed
}

TEST(ImapResponseReader, LiteralSizeThatOverflowsFails) {
  ImapResponseReader reader;
  reader.feed("* 1 FETCH (BODY[] {99999999999999999999999}\r\n");
  EXPECT_TRUE(reader.failed());
}

TEST(ImapResponseReader, EndlessLineFailsAtTheLineLimit) {
  ImapReaderLimits limits;
  limits.max_line_bytes = 1000;
  ImapResponseReader reader(limits);
  std::string junk(999, 'x');
  EXPECT_TRUE(reader.feed("* OK " + junk.substr(0, 990)).empty());
  EXPECT_FALSE(reader.failed());
  EXPECT_TRUE(reader.mid_response());
  reader.feed(junk);
  EXPECT_TRUE(reader.failed());
  EXPECT_NE(reader.error().find("line"), std::string::npos);
}

TEST(ImapResponseReader, ManyShortLinesJoinedByLiteralsFailAtTheResponseLimit) {
  ImapReaderLimits limits;
  limits.max_response_bytes = 1000;
  ImapResponseReader reader(limits);
  for (int i = 0; i < 100 && !reader.failed(); ++i) reader.feed("* 1 FETCH (X {1}\r\nz");
  EXPECT_TRUE(reader.failed());
  EXPECT_NE(reader.error().find("response"), std::string::npos);
}

TEST(ImapResponseReader, TooManyLiteralsInOneResponseFail) {
  ImapReaderLimits limits;
  limits.max_literals_per_response = 5;
  ImapResponseReader reader(limits);
  for (int i = 0; i < 6; ++i) reader.feed("{0}\r\n");
  EXPECT_TRUE(reader.failed());
}

TEST(ImapResponseReader, MalformedLinesPutTheReaderInTheFailedState) {
  const char* bad[] = {
      "\r\n",                         // empty line
      "a1 EXISTS\r\n",                // tagged but not a status
      "a1 BYE gone\r\n",              // BYE is never tagged
      "(x OK\r\n",                    // tag with an atom-special
      "* 12x EXISTS\r\n",             // malformed number
      "* 99999999999 EXISTS\r\n",     // number beyond 32 bits
      "* 3 OK hm\r\n",                // status with a number
      "* OK [ALERT no close\r\n",     // response code without ']'
      "* (garbage)\r\n",              // keyword not an atom
      "a1\r\n",                       // tag only
  };
  for (const char* line : bad) {
    ImapResponseReader reader;
    auto rs = reader.feed(line);
    EXPECT_TRUE(rs.empty()) << line;
    EXPECT_TRUE(reader.failed()) << line;
  }
  ImapResponseReader nul;
  nul.feed(std::string_view("* OK a\0b\r\n", 10));
  EXPECT_TRUE(nul.failed());
}

TEST(ImapResponseReader, RandomBytesNeverCrashOrGrowPastTheLimits) {
  std::mt19937 rng(20261201);
  ImapReaderLimits limits;
  limits.max_line_bytes = 512;
  limits.max_response_bytes = 2048;
  limits.max_literal_bytes = 4096;
  const std::string alphabet = "* +{}0123456789OKNOBADEXISTS[]\r\n\0a~";
  for (int round = 0; round < 2000; ++round) {
    ImapResponseReader reader(limits);
    std::string in;
    size_t len = rng() % 400;
    for (size_t i = 0; i < len; ++i) in.push_back(alphabet[rng() % alphabet.size()]);
    size_t pos = 0;
    while (pos < in.size()) {
      size_t n = 1 + rng() % 17;
      for (const auto& r : reader.feed(std::string_view(in).substr(pos, n))) {
        EXPECT_LE(r.text.size(), limits.max_response_bytes);
        if (r.kind == Kind::tagged) {
          EXPECT_FALSE(r.tag.empty());
        }
      }
      pos += n;
    }
  }
}

}  // namespace
}  // namespace gdprd::parsers
