// Fuzz target over ImapResponseReader: any bytes, fed whole and in two
// chunks split at a point the input chooses, give the same responses and the
// same failed state, within the limits, without crashing or throwing.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "parsers/imap/imap_response_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using gdprd::parsers::ImapReaderLimits;
  using gdprd::parsers::ImapResponseReader;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  ImapReaderLimits limits;
  limits.max_line_bytes = 4096;
  limits.max_response_bytes = 8192;
  limits.max_literal_bytes = 1 << 20;

  ImapResponseReader whole(limits);
  auto a = whole.feed(in);
  ImapResponseReader split(limits);
  size_t cut = size == 0 ? 0 : data[0] % size;
  auto b = split.feed(in.substr(0, cut));
  auto b2 = split.feed(in.substr(cut));
  b.insert(b.end(), b2.begin(), b2.end());

  if (a.size() != b.size() || whole.failed() != split.failed()) std::abort();
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].text != b[i].text || a[i].keyword != b[i].keyword || a[i].tag != b[i].tag) std::abort();
    if (a[i].text.size() > limits.max_response_bytes) std::abort();
  }
  return 0;
}
