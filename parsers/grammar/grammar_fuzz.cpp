// Fuzz target for the grammar and the free-text reader: every public reader
// takes the same untrusted text and must neither crash nor hang. Under GCC
// it replays the corpus (tests/fuzz_replay_main.cpp).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/limits.hpp"
#include "parsers/extract/free_text_parser.hpp"
#include "parsers/extract/reply_chain.hpp"
#include "parsers/extract/signature.hpp"
#include "parsers/grammar/count_reader.hpp"
#include "parsers/grammar/match_text.hpp"
#include "parsers/grammar/personnummer.hpp"
#include "parsers/grammar/time_reader.hpp"
#include "parsers/grammar/vocabulary.hpp"
#include "parsers/text/mojibake.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gdprd::parsers;
  // The readers are only ever handed text up to the extractor's limit.
  if (size > gdprd::Limits{}.max_text_bytes) size = gdprd::Limits{}.max_text_bytes;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  gdprd::TimePoint ref{std::chrono::seconds{1779000000}};
  (void)fold(text);
  (void)repair_cp1252_mojibake(text);
  (void)split_sentences(text);
  (void)find_times(text, ref);
  (void)read_instant(text, ref);
  (void)read_count(text);
  (void)find_subject_count(text);
  (void)find_personnummer(text);
  (void)read_incident_type(text);
  (void)read_data_categories(text);
  (void)read_detected_by(text);
  (void)split_reply_chain(text, ref);
  (void)read_signature(text);
  ExtractContext ctx;
  ctx.message_date = ref;
  ctx.subject = std::string(text.substr(0, 200));
  gdprd::IncidentRecord record;
  parse_free_text(text, ctx, record);
  return 0;
}
