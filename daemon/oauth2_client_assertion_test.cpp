// The RFC 7523 client assertion: its shape, its claims and a signature that
// verifies with the certificate's public key (key and certificate made with
// the openssl CLI in a temporary folder).
#include "daemon/oauth2_client_assertion.hpp"

#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace gdprd::daemon {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string unbase64url(std::string s) {
  for (char& c : s) c = c == '-' ? '+' : c == '_' ? '/' : c;
  while (s.size() % 4 != 0) s.push_back('=');
  std::string out(s.size(), '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(s.data()), static_cast<int>(s.size()));
  if (n < 0) return {};
  out.resize(static_cast<size_t>(n) - (s.size() - s.find_last_not_of('=') - 1));
  return out;
}

// An RSA key and a self-signed certificate for it, as an admin makes them
// for the app registration.
class TestCertificate {
 public:
  TestCertificate() {
    std::string tmpl = (fs::temp_directory_path() / "gdprd-jwt-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) return;
    dir_ = tmpl;
    std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=gdprincidentd -keyout " +
                      (dir_ / "key.pem").string() + " -out " + (dir_ / "cert.pem").string() + " >/dev/null 2>&1";
    ok_ = std::system(cmd.c_str()) == 0;
    if (ok_) credentials_ = {slurp(dir_ / "cert.pem"), slurp(dir_ / "key.pem")};
  }
  ~TestCertificate() {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }
  bool ok() const { return ok_; }
  const ClientCertificate& credentials() const { return credentials_; }

 private:
  fs::path dir_;
  bool ok_ = false;
  ClientCertificate credentials_;
};

bool verifies(const std::string& jwt, const std::string& certificate_pem) {
  auto last_dot = jwt.rfind('.');
  std::string signing_input = jwt.substr(0, last_dot);
  std::string signature = unbase64url(jwt.substr(last_dot + 1));
  BIO* bio = BIO_new_mem_buf(certificate_pem.data(), static_cast<int>(certificate_pem.size()));
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  EVP_PKEY* key = X509_get_pubkey(cert);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok = EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1 &&
            EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                             reinterpret_cast<const unsigned char*>(signing_input.data()),
                             signing_input.size()) == 1;
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(key);
  X509_free(cert);
  return ok;
}

TEST(Base64Url, HasNoPaddingAndTheUrlAlphabet) {
  EXPECT_EQ(base64url(""), "");
  EXPECT_EQ(base64url("f"), "Zg");
  EXPECT_EQ(base64url("fo"), "Zm8");
  EXPECT_EQ(base64url("foo"), "Zm9v");
  EXPECT_EQ(base64url("\xfb\xff\xbf"), "-_-_");
}

TEST(ClientAssertion, IsASignedJwtWithTheClaimsEntraIdChecks) {
  TestCertificate cert;
  if (!cert.ok()) GTEST_SKIP() << "openssl CLI not available";
  const TimePoint now = TimePoint{} + 1'800'000'000s;
  auto a = make_client_assertion(cert.credentials(), "client-id", "https://login.example/t/oauth2/v2.0/token", now);
  ASSERT_TRUE(a.ok()) << a.error;
  ASSERT_EQ(std::count(a.jwt.begin(), a.jwt.end(), '.'), 2);
  auto header = nlohmann::json::parse(unbase64url(a.jwt.substr(0, a.jwt.find('.'))));
  EXPECT_EQ(header["alg"], "RS256");
  EXPECT_EQ(header["typ"], "JWT");
  EXPECT_EQ(unbase64url(header["x5t"].get<std::string>()).size(), 20u);  // a SHA-1 thumbprint
  auto first_dot = a.jwt.find('.');
  auto claims = nlohmann::json::parse(unbase64url(a.jwt.substr(first_dot + 1, a.jwt.rfind('.') - first_dot - 1)));
  EXPECT_EQ(claims["aud"], "https://login.example/t/oauth2/v2.0/token");
  EXPECT_EQ(claims["iss"], "client-id");
  EXPECT_EQ(claims["sub"], "client-id");
  EXPECT_EQ(claims["nbf"], 1'800'000'000);
  EXPECT_EQ(claims["exp"], 1'800'000'600);
  EXPECT_EQ(claims["jti"].get<std::string>().size(), 32u);
  EXPECT_TRUE(verifies(a.jwt, cert.credentials().certificate_pem));
}

TEST(ClientAssertion, EveryAssertionHasItsOwnId) {
  TestCertificate cert;
  if (!cert.ok()) GTEST_SKIP() << "openssl CLI not available";
  auto a = make_client_assertion(cert.credentials(), "c", "https://x/token", TimePoint{});
  auto b = make_client_assertion(cert.credentials(), "c", "https://x/token", TimePoint{});
  EXPECT_NE(a.jwt, b.jwt);  // replay protection at the endpoint
}

TEST(ClientAssertion, KeyOfAnotherCertificateIsRefused) {
  TestCertificate one, two;
  if (!one.ok() || !two.ok()) GTEST_SKIP() << "openssl CLI not available";
  ClientCertificate mixed{one.credentials().certificate_pem, two.credentials().private_key_pem};
  auto a = make_client_assertion(mixed, "c", "https://x/token", TimePoint{});
  EXPECT_EQ(a.jwt, "");
  EXPECT_EQ(a.error, "the client key does not belong to the client certificate");
}

TEST(ClientAssertion, GarbageInsteadOfPemIsAnErrorNotACrash) {
  auto a = make_client_assertion({"not a certificate", "not a key"}, "c", "https://x/token", TimePoint{});
  EXPECT_EQ(a.error, "the client certificate is not a PEM certificate");
  TestCertificate cert;
  if (!cert.ok()) GTEST_SKIP() << "openssl CLI not available";
  auto b = make_client_assertion({cert.credentials().certificate_pem, "-----BEGIN PRIVATE KEY-----\nAAAA\n"}, "c",
                                 "https://x/token", TimePoint{});
  EXPECT_EQ(b.error, "the client key is not an unencrypted PEM private key");
}

}  // namespace
}  // namespace gdprd::daemon
