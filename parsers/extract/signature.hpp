// Reads the author's signature at the end of a mail part: name, title (role
// dpo when the title says dataskyddsombud / data protection officer, else
// other), phone as written (never a switchboard "växel"), e-mail, and the
// organisation name and unit lines. Pure, never throws.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gdprd::parsers {

struct Signature {
  std::optional<std::string> name;
  std::optional<std::string> title;
  std::optional<std::string> role;  // "dpo" | "other", set when a name was found
  std::optional<std::string> phone;
  std::optional<std::string> email;
  std::optional<std::string> organisation;  // "... kommun", "... Region ...", company
  std::optional<std::string> unit;          // förvaltning, skola, enhet, avdelning
  size_t begin = std::string_view::npos;    // offset where the signature starts (closing greeting or name line)
};

// The signature of text (the part's own body). begin = npos and all fields
// empty when none is found.
Signature read_signature(std::string_view text);

}  // namespace gdprd::parsers
