#include "daemon/thread_match.hpp"

#include <gtest/gtest.h>

namespace gdprd::daemon {
namespace {

TEST(FindReference, ReplyToTheAcknowledgment) {
  EXPECT_EQ(find_reference("SV: [PUI-2026-0042] Mottagen: Fel mottagare"), "PUI-2026-0042");
  EXPECT_EQ(find_reference("Re: PUI-2026-12345 komplettering"), "PUI-2026-12345");
}

TEST(FindReference, NoReferenceGivesNothing) {
  EXPECT_FALSE(find_reference("Personuppgiftsincident – 12 elever"));
  EXPECT_FALSE(find_reference(""));
}

TEST(FindReference, ShortOrMalformedNumbersAreNotReferences) {
  EXPECT_FALSE(find_reference("PUI-2026-042"));
  EXPECT_FALSE(find_reference("PUI-26-0042"));
  EXPECT_FALSE(find_reference("PUI-2026-"));
  EXPECT_FALSE(find_reference("PUI-"));
}

TEST(FindReference, ReferenceInsideALongerTokenIsIgnored) {
  EXPECT_FALSE(find_reference("XPUI-2026-0042"));
  EXPECT_FALSE(find_reference("PUI-2026-0042abc"));
  EXPECT_EQ(find_reference("XPUI-2026-0001 och PUI-2026-0002"), "PUI-2026-0002");
}

}  // namespace
}  // namespace gdprd::daemon
