// The token logic against a scripted transport (the real HTTPS path is
// exercised by tests/e2e/oauth2_e2e.py against a local token endpoint).
#include "daemon/oauth2_token_source.hpp"

#include <gtest/gtest.h>

#include <deque>

namespace gdprd::daemon {
namespace {

using namespace std::chrono_literals;

struct Request {
  std::string url;
  std::string body;
};

// Answers each POST with the next scripted reply and records the request.
class ScriptedTransport final : public TokenTransport {
 public:
  ScriptedTransport(std::deque<HttpReply>* replies, std::vector<Request>* seen)
      : replies_(replies), seen_(seen) {}
  HttpReply post_form(const std::string& url, const std::string& body) override {
    seen_->push_back({url, body});
    if (replies_->empty()) return {0, "", "no scripted reply"};
    HttpReply r = replies_->front();
    replies_->pop_front();
    return r;
  }

 private:
  std::deque<HttpReply>* replies_;
  std::vector<Request>* seen_;
};

HttpReply granted(const std::string& token, int expires_in) {
  return {200,
          R"({"token_type":"Bearer","expires_in":)" + std::to_string(expires_in) +
              R"(,"ext_expires_in":3599,"access_token":")" + token + R"("})",
          ""};
}

OAuth2Settings settings() {
  OAuth2Settings s;
  s.token_url = "https://login.example/tenant/oauth2/v2.0/token";
  s.client_id = "11111111-2222-3333-4444-555555555555";
  s.client_secret = "s3cr3t~with&special=chars";
  s.scope = "https://outlook.office365.com/.default";
  return s;
}

class TokenSourceTest : public ::testing::Test {
 protected:
  OAuth2TokenSource make(OAuth2Settings s = settings()) {
    return OAuth2TokenSource(std::move(s), clock_,
                             std::make_unique<ScriptedTransport>(&replies_, &seen_));
  }
  FakeClock clock_{TimePoint{} + 1'800'000'000s};
  std::deque<HttpReply> replies_;
  std::vector<Request> seen_;
};

TEST(ClientCredentialsBody, EncodesEveryValueSoASecretCannotAddParameters) {
  EXPECT_EQ(client_credentials_body(settings()),
            "grant_type=client_credentials&client_id=11111111-2222-3333-4444-555555555555"
            "&client_secret=s3cr3t~with%26special%3Dchars"
            "&scope=https%3A%2F%2Foutlook.office365.com%2F.default");
}

TEST(ClientCredentialsBody, AssertionReplacesTheSecret) {
  std::string body = client_credentials_body(settings(), "h.p.s");
  EXPECT_EQ(body,
            "grant_type=client_credentials&client_id=11111111-2222-3333-4444-555555555555"
            "&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"
            "&client_assertion=h.p.s&scope=https%3A%2F%2Foutlook.office365.com%2F.default");
  EXPECT_EQ(body.find("client_secret"), std::string::npos);
}

TEST(ParseTokenReply, ExpiresInAsAStringOfDigitsIsAccepted) {
  auto r = parse_token_reply(200, R"({"access_token":"abc","token_type":"bearer","expires_in":"3599"})");
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.access_token, "abc");
  EXPECT_EQ(r.expires_in, 3599s);
}

TEST(ParseTokenReply, MissingExpiresInMeansAnHour) {
  auto r = parse_token_reply(200, R"({"access_token":"abc"})");
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.expires_in, 3600s);
}

TEST(ParseTokenReply, EntraErrorBecomesOneLine) {
  auto r = parse_token_reply(
      401, R"({"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.\r\nTrace ID: x"})");
  EXPECT_EQ(r.access_token, "");
  EXPECT_EQ(r.error,
            "HTTP 401 invalid_client: AADSTS7000215: Invalid client secret provided.  Trace ID: x");
}

TEST(ParseTokenReply, ErrorFieldWithStatus200IsStillAnError) {
  auto r = parse_token_reply(200, R"({"error":"invalid_scope","access_token":"abc"})");
  EXPECT_EQ(r.access_token, "");
  EXPECT_EQ(r.error, "HTTP 200 invalid_scope");
}

TEST(ParseTokenReply, HtmlErrorPageIsQuotedNotParsed) {
  auto r = parse_token_reply(502, "<html><body>Bad gateway</body></html>");
  EXPECT_EQ(r.error, "HTTP 502 (not JSON): <html><body>Bad gateway</body></html>");
}

TEST(ParseTokenReply, TruncatedJsonIsAnError) {
  auto r = parse_token_reply(200, R"({"access_token":"abc","expires_in":36)");
  EXPECT_EQ(r.access_token, "");
  EXPECT_NE(r.error.find("not JSON"), std::string::npos) << r.error;
}

TEST(ParseTokenReply, TokenWithControlCharacterCannotReachTheSaslString) {
  auto r = parse_token_reply(200, "{\"access_token\":\"abc\\u0001user=admin\",\"expires_in\":60}");
  EXPECT_EQ(r.access_token, "");
  EXPECT_NE(r.error.find("not a bearer token"), std::string::npos);
  auto spaced = parse_token_reply(200, R"({"access_token":"abc def"})");
  EXPECT_EQ(spaced.access_token, "");
}

TEST(ParseTokenReply, NonBearerTokenTypeIsRefused) {
  auto r = parse_token_reply(200, R"({"access_token":"abc","token_type":"mac"})");
  EXPECT_EQ(r.access_token, "");
  EXPECT_EQ(r.error, "token_type is 'mac', not Bearer");
}

TEST(ParseTokenReply, NegativeOrWordyExpiresInIsRefused) {
  EXPECT_NE(parse_token_reply(200, R"({"access_token":"a","expires_in":-5})").error, "");
  EXPECT_NE(parse_token_reply(200, R"({"access_token":"a","expires_in":"soon"})").error, "");
  EXPECT_NE(parse_token_reply(200, R"({"access_token":"a","expires_in":null})").error, "");
}

TEST(ParseTokenReply, JsonThatIsNotAnObjectIsAnError) {
  EXPECT_NE(parse_token_reply(200, R"(["access_token"])").error, "");
  EXPECT_NE(parse_token_reply(200, "").error, "");
}

TEST_F(TokenSourceTest, TokenIsCachedUntilTheMarginBeforeExpiry) {
  replies_ = {granted("first", 3600), granted("second", 3600)};
  auto source = make();
  EXPECT_EQ(source.token(false).token, "first");
  clock_.advance(3600s - 300s - 1s);
  EXPECT_EQ(source.token(false).token, "first");
  EXPECT_EQ(source.requests(), 1);
  clock_.advance(1s);  // exactly the margin left
  EXPECT_EQ(source.token(false).token, "second");
  EXPECT_EQ(source.requests(), 2);
}

TEST_F(TokenSourceTest, ShortLivedTokenIsKeptForHalfItsLifetime) {
  replies_ = {granted("short", 20), granted("next", 20)};
  auto source = make();
  EXPECT_EQ(source.token(false).token, "short");
  clock_.advance(9s);
  EXPECT_EQ(source.token(false).token, "short");
  clock_.advance(1s);
  EXPECT_EQ(source.token(false).token, "next");
}

TEST_F(TokenSourceTest, RefreshAfterAServerRefusedTheTokenAsksAgainAtOnce) {
  replies_ = {granted("revoked", 3600), granted("fresh", 3600)};
  auto source = make();
  EXPECT_EQ(source.token(false).token, "revoked");
  EXPECT_EQ(source.token(true).token, "fresh");
  EXPECT_EQ(source.token(false).token, "fresh");
  EXPECT_EQ(source.requests(), 2);
}

TEST_F(TokenSourceTest, RequestIsAClientCredentialsPostToTheEndpoint) {
  replies_ = {granted("t", 3600)};
  auto source = make();
  ASSERT_TRUE(source.token(false).ok());
  ASSERT_EQ(seen_.size(), 1u);
  EXPECT_EQ(seen_[0].url, settings().token_url);
  EXPECT_EQ(seen_[0].body, client_credentials_body(settings()));
}

TEST_F(TokenSourceTest, RefusedCredentialsGiveOneClearMessageWithoutTheSecret) {
  auto s = settings();
  s.client_secret = "TopSecretValue";
  // An endpoint that echoes the secret back must not get it into the log.
  replies_ = {{401, R"({"error":"invalid_client","error_description":"secret TopSecretValue is wrong"})", ""}};
  auto source = make(s);
  auto r = source.token(false);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.token, "");
  EXPECT_EQ(r.error,
            "token endpoint https://login.example/tenant/oauth2/v2.0/token refused client "
            "11111111-2222-3333-4444-555555555555: HTTP 401 invalid_client: secret *** is wrong");
}

TEST_F(TokenSourceTest, FailureDropsTheCacheAndTheNextCallTriesAgain) {
  replies_ = {granted("old", 3600), {503, "", ""}, granted("back", 3600)};
  auto source = make();
  EXPECT_EQ(source.token(false).token, "old");
  auto failed = source.token(true);
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(failed.error,
            "token endpoint https://login.example/tenant/oauth2/v2.0/token refused client "
            "11111111-2222-3333-4444-555555555555: HTTP 503 without an OAuth2 error");
  EXPECT_EQ(source.token(false).token, "back");
}

TEST_F(TokenSourceTest, UnreachableEndpointIsReportedAsSuch) {
  replies_ = {{0, "", "Could not resolve host: login.example"}};
  auto source = make();
  auto r = source.token(false);
  EXPECT_EQ(r.error,
            "token endpoint https://login.example/tenant/oauth2/v2.0/token unreachable: Could not "
            "resolve host: login.example");
}

TEST_F(TokenSourceTest, PlainHttpEndpointIsRefusedBeforeTheSecretIsSent) {
  auto s = settings();
  s.token_url = "http://login.example/token";
  auto source = make(s);
  auto r = source.token(false);
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.error.find("must be https://"), std::string::npos);
  EXPECT_TRUE(seen_.empty());
}

TEST_F(TokenSourceTest, UnusableCertificateIsReportedBeforeAnyRequest) {
  auto s = settings();
  s.certificate = {"not a certificate", "not a key"};
  auto source = make(s);
  auto r = source.token(false);
  EXPECT_EQ(r.error,
            "token endpoint https://login.example/tenant/oauth2/v2.0/token: the client certificate is not a "
            "PEM certificate");
  EXPECT_TRUE(seen_.empty());
}

TEST_F(TokenSourceTest, BearerHookReturnsEmptyOnFailureAndTheTokenOtherwise) {
  replies_ = {{400, R"({"error":"unauthorized_client"})", ""}, granted("ok", 3600)};
  auto source = make();
  auto hook = source.bearer_hook();
  EXPECT_EQ(hook(false), "");
  EXPECT_EQ(hook(false), "ok");
}

TEST(CurlTokenTransport, ClosedPortIsATransportError) {
  CurlTokenTransport transport("", 2s);
  HttpReply r = transport.post_form("https://127.0.0.1:1/token", "grant_type=client_credentials");
  EXPECT_EQ(r.status, 0);
  EXPECT_FALSE(r.error.empty());
}

TEST(CurlTokenTransport, NonHttpsSchemeIsNotFollowed) {
  CurlTokenTransport transport("", 2s);
  HttpReply r = transport.post_form("http://127.0.0.1:1/token", "x=1");
  EXPECT_EQ(r.status, 0);
  EXPECT_FALSE(r.error.empty());
}

}  // namespace
}  // namespace gdprd::daemon
