// Reads IMAP server responses (RFC 3501 §7, RFC 9051 §7) off a connection:
// bytes go in as they arrive (any chunking, down to one byte), complete
// responses come out. Pure and incremental. It understands what a control
// connection (greeting, STARTTLS, LOGIN/AUTHENTICATE, EXAMINE, IDLE) needs:
// status responses with their response code, CAPABILITY, numeric untagged
// data (EXISTS, EXPUNGE, RECENT, FETCH) and continuation requests. Literals
// (`{n}`, `~{n}`) are skipped by byte count and never buffered; a response
// that carries one keeps a `{n}` placeholder in its text.
// Hostile input: every line, literal and response is bounded by
// ImapReaderLimits; malformed or oversized input puts the reader into a
// failed state (error() says why) in which later input is ignored. Never
// throws, never allocates beyond the limits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gdprd::parsers {

struct ImapResponse {
  enum class Kind { tagged, untagged, continuation };
  Kind kind = Kind::untagged;
  std::string tag;  // tagged only
  // Upper-cased: OK, NO, BAD, BYE, PREAUTH for status responses; EXISTS,
  // EXPUNGE, RECENT, FETCH after a number; CAPABILITY, FLAGS, LIST, SEARCH,
  // ... otherwise. Empty for a continuation.
  std::string keyword;
  std::optional<uint32_t> number;  // `* 23 EXISTS` → 23
  // The response code of a status response, name upper-cased ("CAPABILITY",
  // "UIDVALIDITY", "ALERT") and its arguments as sent ("IMAP4rev1 IDLE").
  std::string code;
  std::string code_args;
  // Status: the human-readable text. Continuation: the text after "+ ".
  // Other data: the rest of the line after the keyword.
  std::string text;
  // From `* CAPABILITY ...` or a `[CAPABILITY ...]` code, upper-cased.
  std::vector<std::string> capabilities;

  bool is_status() const {
    return keyword == "OK" || keyword == "NO" || keyword == "BAD" || keyword == "BYE" ||
           keyword == "PREAUTH";
  }
  bool has_capability(std::string_view name) const;  // name upper-case
};

struct ImapReaderLimits {
  size_t max_line_bytes = 64 * 1024;             // one line outside literals
  size_t max_literal_bytes = 64u * 1024 * 1024;  // one literal (skipped, not stored)
  size_t max_response_bytes = 256 * 1024;        // kept text of one response (lines only)
  size_t max_literals_per_response = 10000;
};

class ImapResponseReader {
 public:
  explicit ImapResponseReader(ImapReaderLimits limits = {});

  // Consumes BYTES and returns the responses they complete, in order. Once
  // failed() nothing more is returned (responses completed earlier in the
  // same call are still returned).
  std::vector<ImapResponse> feed(std::string_view bytes);

  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }
  // True when bytes of an unfinished response are held (after STARTTLS's OK
  // this must be false: bytes sent before the TLS handshake are an attack).
  bool mid_response() const { return !line_.empty() || !text_.empty() || literal_left_ > 0; }

 private:
  void fail(std::string why);
  void end_of_line(std::vector<ImapResponse>& out);
  std::optional<ImapResponse> parse(std::string_view text);

  ImapReaderLimits limits_;
  std::string line_;        // the current line, without its line end
  std::string text_;        // the response so far (lines, `{n}` for literals)
  uint64_t literal_left_ = 0;
  size_t literals_ = 0;
  std::string error_;
};

}  // namespace gdprd::parsers
