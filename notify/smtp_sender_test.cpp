#include "notify/smtp_sender.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <thread>

#include "notify/mail_composer.hpp"

namespace gdprd::notify {
namespace {

namespace fs = std::filesystem;

int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The aiosmtpd sink of smtp_sink.py, alive while this object is.
class SmtpSink {
 public:
  explicit SmtpSink(std::string host = "127.0.0.1", std::string extra_args = "") : host_(std::move(host)) {
    std::string tmpl = (fs::temp_directory_path() / "gdprd-smtp-XXXXXX").string();
    if (mkdtemp(tmpl.data())) dir_ = tmpl;
    port_ = free_port();
    std::string cmd = "exec /usr/bin/python3 " GDPRD_SOURCE_DIR "/notify/smtp_sink.py " + dir_.string() + " " +
                      std::to_string(port_) + " --host " + host_ + " " + extra_args;
    pipe_ = ::popen(cmd.c_str(), "w");
    for (int i = 0; i < 100 && pipe_ && !fs::exists(dir_ / "ready"); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ~SmtpSink() {
    if (pipe_) ::pclose(pipe_);  // EOF on its stdin stops the server
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  bool ready() const { return fs::exists(dir_ / "ready"); }
  const fs::path& dir() const { return dir_; }
  std::string url() const { return "smtp://" + host_ + ":" + std::to_string(port_); }
  std::string message(int n) const { return slurp(dir_ / (std::to_string(n) + ".eml")); }
  std::string envelope(int n) const { return slurp(dir_ / (std::to_string(n) + ".json")); }
  int count() const {
    int n = 0;
    while (fs::exists(dir_ / (std::to_string(n + 1) + ".eml"))) ++n;
    return n;
  }

 private:
  std::string host_;
  fs::path dir_;
  int port_ = 0;
  FILE* pipe_ = nullptr;
};

std::string composed() {
  MailComposer composer("kommun.example");
  OutgoingMail m;
  m.from = "pui@kommun.example";
  m.to = {"anna@kommun.example"};
  m.subject = "Mottagen: åtgärd";
  m.body = "Hej\n.\nEn rad som börjar med punkt ovan.\n";
  return composer.compose(m).mail->bytes;
}

SmtpOptions loopback(const SmtpSink& sink) {
  SmtpOptions o;
  o.url = sink.url();
  o.allow_plaintext_loopback_for_tests = true;
  o.connect_timeout = std::chrono::seconds(5);
  o.timeout = std::chrono::seconds(20);
  return o;
}

TEST(SmtpSender, DeliversComposedMailByteForByte) {
  SmtpSink sink;
  if (!sink.ready()) GTEST_SKIP() << "python3-aiosmtpd not available";
  SmtpSender sender(loopback(sink));
  std::string message = composed();
  auto r = sender.send("pui@kommun.example", {"anna@kommun.example", "dpo@kommun.example"}, message);
  ASSERT_TRUE(r.ok()) << r.message;
  ASSERT_EQ(sink.count(), 1);
  EXPECT_EQ(sink.message(1), message);  // dot-stuffing undone, nothing rewritten
  std::string env = sink.envelope(1);
  EXPECT_NE(env.find("\"mail_from\": \"pui@kommun.example\""), std::string::npos) << env;
  EXPECT_NE(env.find("dpo@kommun.example"), std::string::npos) << env;
}

TEST(SmtpSender, RecipientRejectedWith5xxIsPermanent) {
  SmtpSink sink;
  if (!sink.ready()) GTEST_SKIP() << "python3-aiosmtpd not available";
  SmtpSender sender(loopback(sink));
  auto r = sender.send("pui@kommun.example", {"reject-me@kommun.example"}, composed());
  EXPECT_EQ(r.status, SendResult::Status::permanent) << r.message;
  EXPECT_EQ(r.smtp_code, 550);
  EXPECT_EQ(sink.count(), 0);
}

TEST(SmtpSender, RecipientDeferredWith4xxIsTemporary) {
  SmtpSink sink;
  if (!sink.ready()) GTEST_SKIP() << "python3-aiosmtpd not available";
  SmtpSender sender(loopback(sink));
  auto r = sender.send("pui@kommun.example", {"tempfail@kommun.example"}, composed());
  EXPECT_EQ(r.status, SendResult::Status::temporary) << r.message;
  EXPECT_EQ(r.smtp_code, 451);
}

TEST(SmtpSender, ServerDownIsTemporary) {
  SmtpOptions o;
  o.url = "smtp://127.0.0.1:" + std::to_string(free_port());
  o.allow_plaintext_loopback_for_tests = true;
  o.connect_timeout = std::chrono::seconds(2);
  SmtpSender sender(o);
  auto r = sender.send("pui@kommun.example", {"anna@kommun.example"}, composed());
  EXPECT_EQ(r.status, SendResult::Status::temporary);
  EXPECT_FALSE(r.message.empty());
}

TEST(SmtpSender, PlainServerWithoutStartTlsIsRefusedByDefault) {
  SmtpSink sink;
  if (!sink.ready()) GTEST_SKIP() << "python3-aiosmtpd not available";
  SmtpOptions o = loopback(sink);
  o.allow_plaintext_loopback_for_tests = false;
  SmtpSender sender(o);
  auto r = sender.send("pui@kommun.example", {"anna@kommun.example"}, composed());
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status, SendResult::Status::temporary) << r.message;
  EXPECT_EQ(sink.count(), 0);
}

TEST(SmtpSender, PlaintextTestSwitchIsIgnoredForOtherHosts) {
  // 127.0.0.2 reaches the machine but is not one of the names the switch
  // accepts, so TLS stays required and nothing is sent in clear.
  SmtpSink sink("127.0.0.2");
  if (!sink.ready()) GTEST_SKIP() << "cannot listen on 127.0.0.2";
  SmtpSender sender(loopback(sink));
  auto r = sender.send("pui@kommun.example", {"anna@kommun.example"}, composed());
  EXPECT_EQ(r.status, SendResult::Status::temporary) << r.message;
  EXPECT_EQ(sink.count(), 0);
}

TEST(SmtpSender, DotLinesSurviveTransport) {
  SmtpSink sink;
  if (!sink.ready()) GTEST_SKIP() << "python3-aiosmtpd not available";
  SmtpSender sender(loopback(sink));
  std::string message = "From: pui@kommun.example\r\nTo: anna@kommun.example\r\nSubject: x\r\n\r\n.\r\n..two\r\nend\r\n";
  auto r = sender.send("pui@kommun.example", {"anna@kommun.example"}, message);
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(sink.message(1), message);
}

// A private CA and a server certificate for 127.0.0.1, made with the openssl CLI.
class TestPki {
 public:
  explicit TestPki(const fs::path& dir) : dir_(dir) {
    std::string d = dir.string();
    std::string cmd =
        "cd " + d + " && "
        "openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=gdprd-test-ca "
        ">/dev/null 2>&1 && "
        "openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=127.0.0.1 "
        ">/dev/null 2>&1 && "
        "printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\n' > san.ext && "
        "openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 "
        "-extfile san.ext >/dev/null 2>&1";
    ok_ = std::system(cmd.c_str()) == 0;
  }
  bool ok() const { return ok_; }
  std::string ca() const { return (dir_ / "ca.pem").string(); }
  std::string args() const {
    return "--starttls " + (dir_ / "server.pem").string() + " " + (dir_ / "server.key").string();
  }

 private:
  fs::path dir_;
  bool ok_ = false;
};

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "gdprd-pki-XXXXXX").string();
    if (mkdtemp(tmpl.data())) path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

TEST(SmtpSender, StartTlsWithCaFileAndAuthDelivers) {
  TempDir tmp;
  TestPki pki(tmp.path);
  if (!pki.ok()) GTEST_SKIP() << "openssl CLI not available";
  SmtpSink sink("127.0.0.1", pki.args() + " --auth sender s3cret");
  if (!sink.ready()) GTEST_SKIP() << "python3-aiosmtpd not available";
  SmtpOptions o;
  o.url = sink.url();
  o.ca_file = pki.ca();
  o.user = "sender";
  o.password = "s3cret";
  o.connect_timeout = std::chrono::seconds(5);
  o.timeout = std::chrono::seconds(20);
  SmtpSender sender(o);
  std::string message = composed();
  auto r = sender.send("pui@kommun.example", {"anna@kommun.example"}, message);
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(sink.message(1), message);
  std::string env = sink.envelope(1);
  EXPECT_NE(env.find("\"tls\": true"), std::string::npos) << env;
  EXPECT_NE(env.find("\"authenticated\": true"), std::string::npos) << env;
}

TEST(SmtpSender, WrongPasswordIsTemporarySoTheMailWaitsForAFixedConfig) {
  TempDir tmp;
  TestPki pki(tmp.path);
  if (!pki.ok()) GTEST_SKIP() << "openssl CLI not available";
  SmtpSink sink("127.0.0.1", pki.args() + " --auth sender s3cret");
  if (!sink.ready()) GTEST_SKIP() << "python3-aiosmtpd not available";
  SmtpOptions o;
  o.url = sink.url();
  o.ca_file = pki.ca();
  o.user = "sender";
  o.password = "wrong";
  o.timeout = std::chrono::seconds(5);
  SmtpSender sender(o);
  auto r = sender.send("pui@kommun.example", {"anna@kommun.example"}, composed());
  EXPECT_EQ(r.status, SendResult::Status::temporary) << r.message;
  EXPECT_EQ(sink.count(), 0);
  EXPECT_NE(r.message.find("Login denied"), std::string::npos) << r.message;
}

// A token function that hands out TOKENS in turn and records each call.
struct TokenScript {
  std::vector<std::string> tokens;
  std::vector<bool> calls;  // the refresh flag of each call
  std::function<std::string(bool)> hook() {
    return [this](bool refresh) {
      calls.push_back(refresh);
      return calls.size() <= tokens.size() ? tokens[calls.size() - 1] : std::string();
    };
  }
};

SmtpOptions xoauth2_options(const SmtpSink& sink, const TestPki& pki, TokenScript& script) {
  SmtpOptions o;
  o.url = sink.url();
  o.ca_file = pki.ca();
  o.user = "pui@kommun.example";
  o.bearer_token = script.hook();
  o.connect_timeout = std::chrono::seconds(5);
  o.timeout = std::chrono::seconds(20);
  return o;
}

TEST(SmtpSender, RevokedTokenIsRefreshedOnceAndTheMailGoesOut) {
  TempDir tmp;
  TestPki pki(tmp.path);
  if (!pki.ok()) GTEST_SKIP() << "openssl CLI not available";
  SmtpSink sink("127.0.0.1", pki.args() + " --xoauth2 pui@kommun.example fresh-token");
  if (!sink.ready()) GTEST_SKIP() << "python3-aiosmtpd not available";
  TokenScript script{{"revoked-token", "fresh-token"}, {}};
  SmtpSender sender(xoauth2_options(sink, pki, script));
  std::string message = composed();
  auto r = sender.send("pui@kommun.example", {"anna@kommun.example"}, message);
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(script.calls, (std::vector<bool>{false, true}));
  EXPECT_EQ(sink.message(1), message);
  EXPECT_EQ(slurp(sink.dir() / "xoauth2.log"), "revoked-token\nfresh-token\n");
  EXPECT_NE(sink.envelope(1).find("\"authenticated\": true"), std::string::npos);
}

TEST(SmtpSender, TokenRefusedTwiceIsTemporaryAfterExactlyOneRefresh) {
  TempDir tmp;
  TestPki pki(tmp.path);
  if (!pki.ok()) GTEST_SKIP() << "openssl CLI not available";
  SmtpSink sink("127.0.0.1", pki.args() + " --xoauth2 pui@kommun.example only-this");
  if (!sink.ready()) GTEST_SKIP() << "python3-aiosmtpd not available";
  TokenScript script{{"wrong-1", "wrong-2", "wrong-3"}, {}};
  SmtpSender sender(xoauth2_options(sink, pki, script));
  auto r = sender.send("pui@kommun.example", {"anna@kommun.example"}, composed());
  EXPECT_EQ(r.status, SendResult::Status::temporary) << r.message;
  EXPECT_NE(r.message.find("Login denied"), std::string::npos) << r.message;
  EXPECT_EQ(script.calls, (std::vector<bool>{false, true}));
  EXPECT_EQ(sink.count(), 0);
}

TEST(SmtpSender, NoTokenAtAllFailsTemporarilyWithoutConnecting) {
  TokenScript script;  // every call returns ""
  SmtpOptions o;
  o.url = "smtp://127.0.0.1:1";
  o.user = "pui@kommun.example";
  o.bearer_token = script.hook();
  SmtpSender sender(o);
  auto r = sender.send("pui@kommun.example", {"anna@kommun.example"}, "x");
  EXPECT_EQ(r.status, SendResult::Status::temporary);
  EXPECT_NE(r.message.find("no OAuth2 access token"), std::string::npos) << r.message;
  EXPECT_EQ(script.calls, std::vector<bool>{false});
}

TEST(SmtpSender, UntrustedCertificateIsRefused) {
  TempDir tmp;
  TestPki pki(tmp.path);
  if (!pki.ok()) GTEST_SKIP() << "openssl CLI not available";
  SmtpSink sink("127.0.0.1", pki.args());
  if (!sink.ready()) GTEST_SKIP() << "python3-aiosmtpd not available";
  SmtpOptions o;
  o.url = sink.url();  // no ca_file: the system store does not know the test CA
  o.timeout = std::chrono::seconds(20);
  SmtpSender sender(o);
  auto r = sender.send("pui@kommun.example", {"anna@kommun.example"}, composed());
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status, SendResult::Status::temporary) << r.message;
  EXPECT_EQ(sink.count(), 0);
}

TEST(SmtpSender, CertificateForAnotherNameIsRefused) {
  TempDir tmp;
  TestPki pki(tmp.path);
  if (!pki.ok()) GTEST_SKIP() << "openssl CLI not available";
  SmtpSink sink("127.0.0.2", pki.args());  // the certificate names 127.0.0.1 only
  if (!sink.ready()) GTEST_SKIP() << "cannot listen on 127.0.0.2";
  SmtpOptions o;
  o.url = sink.url();
  o.ca_file = pki.ca();
  o.timeout = std::chrono::seconds(20);
  SmtpSender sender(o);
  auto r = sender.send("pui@kommun.example", {"anna@kommun.example"}, composed());
  EXPECT_FALSE(r.ok()) << "host name must be verified";
  EXPECT_EQ(sink.count(), 0);
}

TEST(SmtpSender, EnvelopeInjectionIsRefusedBeforeConnecting) {
  SmtpOptions o;
  o.url = "smtp://127.0.0.1:1";
  SmtpSender sender(o);
  EXPECT_EQ(sender.send("pui@kommun.example", {"a@kommun.example>\r\nRCPT TO:<x@evil.example"}, "x").status,
            SendResult::Status::permanent);
  EXPECT_EQ(sender.send("pui@kommun.example\r\n", {"a@kommun.example"}, "x").status, SendResult::Status::permanent);
  EXPECT_EQ(sender.send("pui@kommun.example", {}, "x").status, SendResult::Status::permanent);
}

TEST(SmtpSender, NonSmtpUrlIsRefused) {
  SmtpOptions o;
  o.url = "file:///etc/passwd";
  SmtpSender sender(o);
  auto r = sender.send("pui@kommun.example", {"a@kommun.example"}, "x");
  EXPECT_FALSE(r.ok());
}

}  // namespace
}  // namespace gdprd::notify
