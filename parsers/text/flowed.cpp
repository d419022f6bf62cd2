#include "parsers/text/flowed.hpp"

namespace gdprd::parsers {

std::string unflow(std::string_view text, bool delsp) {
  std::string out;
  out.reserve(text.size());
  bool continuing = false;  // the previous line was soft-broken
  size_t prev_depth = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    bool last = nl == std::string_view::npos;
    std::string_view line = text.substr(pos, last ? std::string_view::npos : nl - pos);
    if (last && line.empty()) break;
    size_t depth = 0;
    while (depth < line.size() && line[depth] == '>') ++depth;
    std::string_view content = line.substr(depth);
    if (!content.empty() && content[0] == ' ') content.remove_prefix(1);  // stuffing
    if (continuing && depth != prev_depth) {
      out.push_back('\n');  // quote depth changed: the paragraph ended (RFC 3676 4.5)
      continuing = false;
    }
    if (!continuing && depth > 0) {
      out.append(depth, '>');
      out.push_back(' ');
    }
    bool soft = !content.empty() && content.back() == ' ' && content != "-- ";
    if (soft && delsp) content.remove_suffix(1);
    out.append(content);
    if (!soft) out.push_back('\n');
    continuing = soft;
    prev_depth = depth;
    if (last) break;
    pos = nl + 1;
  }
  if (continuing) out.push_back('\n');
  return out;
}

}  // namespace gdprd::parsers
