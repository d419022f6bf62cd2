// Splits the server's answer to one `UID FETCH <set> (BODY.PEEK[])` into the
// messages it carries. Pure and incremental: bytes go in as they arrive off
// the connection (any chunking), complete messages come out. IMAP literals
// (`{n}` before CRLF) are counted by bytes, so a message may contain any
// line, including one that looks like a tagged response or a FETCH.
// Hostile input: every line, literal and response is bounded by
// FetchResponseLimits, a declared size beyond them ends the stream with an
// error before anything is allocated for it, and nothing ever throws.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gdprd::parsers {

struct FetchedMessage {
  int64_t uid = 0;
  std::string bytes;  // BODY[] exactly as the server sent it
};

struct FetchResponseLimits {
  size_t max_line_bytes = 64 * 1024;              // one line outside literals
  size_t max_literal_bytes = 50u * 1024 * 1024;   // one literal (a message)
  size_t max_response_bytes = 51u * 1024 * 1024;  // one response: lines + literals
};

class FetchResponseSplitter {
 public:
  // TAG: the tag of our command ("g7"); its response line ends the stream.
  FetchResponseSplitter(std::string tag, FetchResponseLimits limits = {});

  // Consumes BYTES. False once the stream is malformed, over a limit or has
  // data after the tagged line (error() says which); later input is ignored.
  bool feed(std::string_view bytes);
  // The messages completed so far, in arrival order, moved out. A FETCH
  // response without BODY[] (e.g. an unsolicited FLAGS change) yields none.
  std::vector<FetchedMessage> take_messages();

  bool finished() const { return finished_; }        // the tagged line arrived
  const std::string& status() const { return status_; }  // OK | NO | BAD (when finished)
  const std::string& status_text() const { return status_text_; }
  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }

 private:
  struct Piece {
    bool literal = false;
    std::string data;  // a line without its CRLF, or a literal's bytes
  };
  bool fail(std::string why);
  bool end_of_line();
  void finish_response();
  bool parse_fetch(std::vector<Piece>& pieces);

  std::string tag_;
  FetchResponseLimits limits_;
  std::vector<Piece> pieces_;   // the response being read
  std::string line_;            // the line being read
  size_t literal_left_ = 0;     // > 0: reading a literal into pieces_.back()
  size_t response_bytes_ = 0;
  std::vector<FetchedMessage> done_;
  bool finished_ = false;
  std::string status_;
  std::string status_text_;
  std::string error_;
};

}  // namespace gdprd::parsers
