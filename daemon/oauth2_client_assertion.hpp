// Certificate credentials for the OAuth2 client-credentials grant: the
// signed JWT of RFC 7523 §2.2 that Microsoft Entra ID accepts in place of a
// client secret (client_assertion_type
// urn:ietf:params:oauth:client-assertion-type:jwt-bearer).
#pragma once

#include <string>

#include "core/clock.hpp"

namespace gdprd::daemon {

// The application's certificate (uploaded to the app registration) and its
// private key, both PEM. The key must not be encrypted. Never logged.
struct ClientCertificate {
  std::string certificate_pem;
  std::string private_key_pem;
};

struct ClientAssertion {
  std::string jwt;    // header.payload.signature, base64url; empty on failure
  std::string error;  // why the key or certificate could not be used
  bool ok() const { return error.empty(); }
};

// An RS256 JWT with header {alg, typ, x5t: base64url SHA-1 of the DER
// certificate} and claims aud = token_url, iss = sub = client_id, jti (128
// random bits), nbf = iat = now, exp = now + 10 min. Never throws.
ClientAssertion make_client_assertion(const ClientCertificate& credentials, const std::string& client_id,
                                      const std::string& token_url, TimePoint now);

// base64url without padding (RFC 7515 §2); exposed for tests.
std::string base64url(const std::string& bytes);

}  // namespace gdprd::daemon
