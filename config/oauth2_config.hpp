// The [oauth2] table: client credentials for XOAUTH2 logins to Microsoft 365
// (or any OAuth2 token endpoint), used by [mailbox] and [smtp] when their
// auth is "oauth2". The client secret, like every secret, comes only from a
// file (client_secret_file) or the 'oauth2-client-secret' credential.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"

namespace gdprd::config {

// The table names this module reads (for the top-level "unknown table" check).
inline constexpr std::string_view kOAuth2Tables[] = {"oauth2"};

struct OAuth2ConfigResult {
  std::optional<OAuth2Config> config;  // set when the table is present and valid
  std::vector<std::string> errors;     // "FILE:LINE: message"
};

// The default token endpoint of an Entra ID tenant (name or GUID).
std::string microsoft_token_url(const std::string& tenant);

// Parses [oauth2] out of a whole config TEXT (other tables are ignored; a
// TOML syntax error is reported by the main parser, not here). `required`:
// some auth = "oauth2" needs it, so a missing table is an error. Relative
// file names are resolved against PATH's directory. Never throws.
OAuth2ConfigResult parse_oauth2_config(std::string_view text, const std::string& path,
                                       const Environment& env, bool required);

}  // namespace gdprd::config
