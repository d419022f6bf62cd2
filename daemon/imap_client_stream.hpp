// A second, raw IMAP connection for bulk reads. curl cannot carry a
// multi-message FETCH: for a custom command it reads the answer line by line
// and clips long lines, so literals lose bytes. Here curl only connects,
// verifies TLS and logs in (CONNECT_ONLY: greeting, STARTTLS, LOGIN or
// XOAUTH2, exactly as for ImapClient's own requests); the commands are then
// written and their answers read as raw bytes, which the caller parses
// (parsers/imap/fetch_response.hpp counts literals by bytes).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "daemon/imap_client.hpp"

namespace gdprd::daemon {

class ImapClientStream {
 public:
  // Borrows OPTIONS; it must outlive the stream. Does not connect yet.
  explicit ImapClientStream(const ImapOptions& options);
  ~ImapClientStream();
  ImapClientStream(const ImapClientStream&) = delete;
  ImapClientStream& operator=(const ImapClientStream&) = delete;

  // Connects and logs in unless already connected. Errors are server-scope.
  ImapResult<Unit> connect();
  bool connected() const { return curl_ != nullptr; }
  // Drops the connection (after an error its state is unknown).
  void close();

  // A fresh tag for the next command ("g17").
  std::string next_tag();
  // Sends "TAG COMMAND\r\n", then hands every received byte to SINK until it
  // returns false (it has seen the tagged line, or given up). A silent
  // server is an error after options.timeout; a closed connection too.
  // Never throws. On error the connection is closed.
  ImapResult<Unit> exchange(const std::string& tag, const std::string& command,
                            const std::function<bool(std::string_view)>& sink);

 private:
  ImapResult<Unit> fail(std::string message);

  const ImapOptions& options_;
  void* curl_ = nullptr;  // CURL*, connected and logged in
  std::string bearer_;
  unsigned long counter_ = 0;
};

}  // namespace gdprd::daemon
