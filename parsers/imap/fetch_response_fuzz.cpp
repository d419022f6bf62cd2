// Fuzz target: FetchResponseSplitter on arbitrary server bytes, fed whole and
// in uneven chunks; both must agree (the splitter is chunking-independent).
// Under GCC it is a corpus replayer run by ctest (tests/fuzz_replay_main.cpp).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "parsers/imap/fetch_response.hpp"

namespace {

struct Outcome {
  std::vector<gdprd::parsers::FetchedMessage> messages;
  bool failed = false;
  bool finished = false;
};

Outcome run(std::string_view input, size_t chunk) {
  gdprd::parsers::FetchResponseLimits limits;
  limits.max_line_bytes = 4096;  // small limits so that the limit paths are reached often
  limits.max_literal_bytes = 1u << 16;
  limits.max_response_bytes = 1u << 17;
  gdprd::parsers::FetchResponseSplitter s("g1", limits);
  Outcome out;
  for (size_t i = 0; i < input.size(); i += chunk) {
    s.feed(input.substr(i, chunk));
    for (auto& m : s.take_messages()) out.messages.push_back(std::move(m));
  }
  out.failed = s.failed();
  out.finished = s.finished();
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  Outcome whole = run(input, input.size() + 1);
  Outcome pieces = run(input, 1 + size % 13);
  if (whole.failed != pieces.failed || whole.finished != pieces.finished ||
      whole.messages.size() != pieces.messages.size())
    __builtin_trap();
  for (size_t i = 0; i < whole.messages.size(); ++i) {
    if (whole.messages[i].uid != pieces.messages[i].uid || whole.messages[i].bytes != pieces.messages[i].bytes)
      __builtin_trap();
    if (whole.messages[i].uid <= 0 || whole.messages[i].bytes.size() > (1u << 16)) __builtin_trap();
  }
  return 0;
}
