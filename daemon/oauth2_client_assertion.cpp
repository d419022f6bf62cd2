#include "daemon/oauth2_client_assertion.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/x509.h>

#include <memory>
#include <nlohmann/json.hpp>

namespace gdprd::daemon {
namespace {

using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;
using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Cert = std::unique_ptr<X509, decltype(&X509_free)>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

// An encrypted key would make OpenSSL ask for a passphrase on the terminal.
int refuse_passphrase(char*, int, int, void*) { return -1; }

Bio memory_bio(const std::string& pem) {
  return Bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
}

std::string hex(const unsigned char* data, size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out.push_back(digits[data[i] >> 4]);
    out.push_back(digits[data[i] & 15]);
  }
  return out;
}

}  // namespace

std::string base64url(const std::string& bytes) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                 static_cast<unsigned char>(bytes[i + 2]);
    out += {alphabet[v >> 18], alphabet[(v >> 12) & 63], alphabet[(v >> 6) & 63], alphabet[v & 63]};
  }
  if (i + 1 == bytes.size()) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    out += {alphabet[v >> 18], alphabet[(v >> 12) & 63]};
  } else if (i + 2 == bytes.size()) {
    unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8);
    out += {alphabet[v >> 18], alphabet[(v >> 12) & 63], alphabet[(v >> 6) & 63]};
  }
  return out;
}

ClientAssertion make_client_assertion(const ClientCertificate& credentials, const std::string& client_id,
                                      const std::string& token_url, TimePoint now) {
  Bio cert_bio = memory_bio(credentials.certificate_pem);
  Cert cert(cert_bio ? PEM_read_bio_X509(cert_bio.get(), nullptr, refuse_passphrase, nullptr) : nullptr, X509_free);
  if (!cert) return {{}, "the client certificate is not a PEM certificate"};
  Bio key_bio = memory_bio(credentials.private_key_pem);
  Key key(key_bio ? PEM_read_bio_PrivateKey(key_bio.get(), nullptr, refuse_passphrase, nullptr) : nullptr,
          EVP_PKEY_free);
  if (!key) return {{}, "the client key is not an unencrypted PEM private key"};
  if (EVP_PKEY_base_id(key.get()) != EVP_PKEY_RSA) return {{}, "the client key must be an RSA key (RS256)"};
  if (X509_check_private_key(cert.get(), key.get()) != 1) {
    return {{}, "the client key does not belong to the client certificate"};
  }

  unsigned char* der = nullptr;
  int der_len = i2d_X509(cert.get(), &der);
  if (der_len <= 0) return {{}, "the client certificate cannot be encoded"};
  unsigned char sha1[SHA_DIGEST_LENGTH];
  SHA1(der, static_cast<size_t>(der_len), sha1);
  OPENSSL_free(der);

  unsigned char nonce[16];
  if (RAND_bytes(nonce, sizeof nonce) != 1) return {{}, "no random bytes for the assertion id"};
  const long long iat = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();

  nlohmann::ordered_json header = {{"alg", "RS256"},
                                   {"typ", "JWT"},
                                   {"x5t", base64url(std::string(reinterpret_cast<char*>(sha1), sizeof sha1))}};
  nlohmann::ordered_json claims = {{"aud", token_url}, {"iss", client_id}, {"sub", client_id},
                                   {"jti", hex(nonce, sizeof nonce)}, {"nbf", iat}, {"iat", iat},
                                   {"exp", iat + 600}};
  const std::string signing_input = base64url(header.dump()) + "." + base64url(claims.dump());

  MdCtx ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  size_t sig_len = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &sig_len, reinterpret_cast<const unsigned char*>(signing_input.data()),
                     signing_input.size()) != 1) {
    return {{}, "signing the client assertion failed"};
  }
  std::string signature(sig_len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &sig_len,
                     reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size()) != 1) {
    return {{}, "signing the client assertion failed"};
  }
  signature.resize(sig_len);
  return {signing_input + "." + base64url(signature), {}};
}

}  // namespace gdprd::daemon
