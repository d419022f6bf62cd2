// The hostile probes, each through read_report in a measured child:
// under 2 s, under 256 MB of RSS growth, no crash, and limit_exceeded (or,
// where the mail is within the limits, a correct result).
#include <gtest/gtest.h>

#include "core/record_json.hpp"

#include <algorithm>
#include <cstdio>

#include "core/vocabulary.hpp"
#include "parsers/report_reader.hpp"
#include "tests/hostile/hostile_mail.hpp"
#include "tests/hostile/probe_runner.hpp"

namespace gdprd::hostile {
namespace {

constexpr double kMaxSeconds = 2.0;
constexpr long kMaxRssKb = 256 * 1024;

// Runs the probe, checks the common bounds, prints the figures (docs/hostile-input.md).
ProbeOutcome probe(const char* name, const std::string& raw) {
  const ProbeOutcome o = run_probe(raw);
  std::printf("PROBE %-28s %9zu bytes  %6.3f s  %7ld kB RSS growth  class=%s warnings=", name, raw.size(),
              o.seconds, o.rss_growth_kb, o.message_class.c_str());
  for (const auto& w : o.warning_codes) std::printf("%s,", w.c_str());
  std::printf("\n");
  EXPECT_TRUE(o.completed) << name << ": child ended by signal " << o.signal;
  EXPECT_LT(o.seconds, kMaxSeconds) << name;
  EXPECT_LT(o.rss_growth_kb, kMaxRssKb) << name;
  return o;
}

TEST(HostileProbes, SixtyThousandNestedMultipartsStopAtTheDepthLimit) {
  const auto o = probe("nested_multiparts_60000", nested_multiparts(60000));
  EXPECT_TRUE(o.has_warning(vocab::kLimitExceeded));
  EXPECT_TRUE(o.needs_human);
}

TEST(HostileProbes, EightMegabyteHeaderLineIsCutAtTheHeaderLimit) {
  const auto o = probe("header_line_8mb", long_header_line(8u << 20));
  EXPECT_TRUE(o.has_warning(vocab::kLimitExceeded));
}

TEST(HostileProbes, BoundaryStormOfEightMegabytesStopsAtThePartLimit) {
  const auto o = probe("boundary_storm_8mb", boundary_storm(8u << 20));
  EXPECT_TRUE(o.has_warning(vocab::kLimitExceeded));
}

TEST(HostileProbes, TwoHundredThousandPartsStopAtThePartLimit) {
  const auto o = probe("parts_200000", many_parts(200000));
  EXPECT_TRUE(o.has_warning(vocab::kLimitExceeded));
}

TEST(HostileProbes, FiftyMegabyteMailIsReadOrFlagged) {
  const auto o = probe("mail_50mb", big_mail(50u << 20));
  EXPECT_EQ(o.message_class, "report");
  // 50 MB is exactly the message limit; the attachment alone exceeds the
  // per-part decoded limit (30 MB), so the reader must say so.
  EXPECT_TRUE(o.has_warning(vocab::kLimitExceeded));
}

TEST(HostileProbes, ZipBombDocxIsNotInflated) {
  const auto o = probe("zip_bomb_docx_200mb", zip_bomb_docx_mail(200u << 20));
  EXPECT_TRUE(o.has_warning(vocab::kLimitExceeded));
  EXPECT_TRUE(o.needs_human);
}

TEST(HostileProbes, PdfWithOneHundredThousandObjectsStopsAtThePageLimit) {
  const auto o = probe("pdf_100000_objects", many_objects_pdf_mail(100000));
  EXPECT_TRUE(o.has_warning(vocab::kLimitExceeded));
}

TEST(HostileProbes, BillionLaughsInDocxDoesNotExpandEntities) {
  const std::string raw = billion_laughs_docx_mail();
  probe("billion_laughs_docx", raw);
  // Read without expansion (or refused): 10^9 "lol"s would break the time
  // and memory bounds above; the text must not hold even a few of them.
  const auto r = parsers::read_report(raw);
  const std::string text = r.record.description.value_or("");
  EXPECT_EQ(text.find("lollollollol"), std::string::npos) << text.substr(0, 200);
}

TEST(HostileProbes, Base64WithPipesDecodesLikeCleanBase64) {
  const std::string raw = base64_with_pipes_mail();
  const auto o = probe("base64_with_pipes", raw);
  EXPECT_EQ(o.message_class, "report");
  // RFC 2045 6.8: characters outside the alphabet are ignored, so the noisy
  // mail reads exactly like the clean one.
  std::string clean = raw;
  clean.erase(std::remove(clean.begin(), clean.end(), '|'), clean.end());
  EXPECT_EQ(parsers::read_report(raw).record, parsers::read_report(clean).record);
}

}  // namespace
}  // namespace gdprd::hostile
