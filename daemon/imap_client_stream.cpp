#include "daemon/imap_client_stream.hpp"

#include <curl/curl.h>
#include <poll.h>

#include <chrono>

namespace gdprd::daemon {
namespace {

// Waits until the socket is readable (or writable); false on timeout.
bool wait_socket(curl_socket_t socket, bool for_read, std::chrono::milliseconds timeout) {
  pollfd p{socket, static_cast<short>(for_read ? POLLIN : POLLOUT), 0};
  int r = ::poll(&p, 1, static_cast<int>(timeout.count()));
  return r > 0;
}

}  // namespace

ImapClientStream::ImapClientStream(const ImapOptions& options) : options_(options) {}

ImapClientStream::~ImapClientStream() { close(); }

void ImapClientStream::close() {
  if (curl_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(curl_));
  curl_ = nullptr;
}

ImapResult<Unit> ImapClientStream::fail(std::string message) {
  close();
  return ImapResult<Unit>::failure({ImapError::Scope::server, true, std::move(message)});
}

std::string ImapClientStream::next_tag() { return "g" + std::to_string(++counter_); }

ImapResult<Unit> ImapClientStream::connect() {
  if (curl_ != nullptr) return ImapResult<Unit>::success({});
  CURL* c = curl_easy_init();
  if (c == nullptr) return fail("curl_easy_init failed");
  curl_ = c;
  auto scheme_end = options_.url.find("://");
  auto path_start = scheme_end == std::string::npos ? std::string::npos : options_.url.find('/', scheme_end + 3);
  std::string base = options_.url.substr(0, path_start) + "/";
  char error_buffer[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_URL, base.c_str());
  apply_session_options(c, options_, bearer_);  // as ImapClient's: TLS required, verified
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(c, CURLOPT_CONNECT_ONLY, 1L);  // curl logs in, then hands the connection over
  CURLcode code = curl_easy_perform(c);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, nullptr);
  if (code != CURLE_OK) {
    std::string message = error_buffer[0] != '\0' ? std::string(error_buffer) : curl_easy_strerror(code);
    bool permanent = code == CURLE_LOGIN_DENIED || code == CURLE_PEER_FAILED_VERIFICATION ||
                     code == CURLE_SSL_CACERT_BADFILE || code == CURLE_USE_SSL_FAILED;
    close();
    return ImapResult<Unit>::failure({ImapError::Scope::server, !permanent, std::move(message)});
  }
  return ImapResult<Unit>::success({});
}

ImapResult<Unit> ImapClientStream::exchange(const std::string& tag, const std::string& command,
                                            const std::function<bool(std::string_view)>& sink) {
  auto connected_now = connect();
  if (!connected_now.ok()) return connected_now;
  CURL* c = static_cast<CURL*>(curl_);
  curl_socket_t socket = CURL_SOCKET_BAD;
  if (curl_easy_getinfo(c, CURLINFO_ACTIVESOCKET, &socket) != CURLE_OK || socket == CURL_SOCKET_BAD)
    return fail("the IMAP connection is gone");
  const auto timeout = std::chrono::duration_cast<std::chrono::milliseconds>(options_.timeout);

  std::string line = tag + " " + command + "\r\n";
  size_t sent_total = 0;
  while (sent_total < line.size()) {
    size_t sent = 0;
    CURLcode r = curl_easy_send(c, line.data() + sent_total, line.size() - sent_total, &sent);
    if (r == CURLE_AGAIN) {
      if (!wait_socket(socket, false, timeout)) return fail("timeout sending to the IMAP server");
      continue;
    }
    if (r != CURLE_OK) return fail(std::string("sending to the IMAP server: ") + curl_easy_strerror(r));
    sent_total += sent;
  }

  std::string buffer(256 * 1024, '\0');
  for (;;) {
    size_t got = 0;
    CURLcode r = curl_easy_recv(c, buffer.data(), buffer.size(), &got);
    if (r == CURLE_AGAIN) {
      if (!wait_socket(socket, true, timeout)) return fail("timeout waiting for the IMAP server");
      continue;
    }
    if (r != CURLE_OK) return fail(std::string("reading from the IMAP server: ") + curl_easy_strerror(r));
    if (got == 0) return fail("the IMAP server closed the connection");
    if (!sink(std::string_view(buffer.data(), got))) return ImapResult<Unit>::success({});
  }
}

}  // namespace gdprd::daemon
