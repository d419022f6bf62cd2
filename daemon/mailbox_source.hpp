// What ImapPoller needs from a mailbox: ImapClient in production, a scripted
// fake in tests (for the error paths a real server will not produce on cue).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gdprd::daemon {

// Where the fault lies and whether retrying can help (after isync's
// DRV_MSG_BAD / DRV_BOX_BAD / DRV_STORE_BAD and FAIL_TEMP / FAIL_FINAL).
struct ImapError {
  enum class Scope { message, mailbox, server };
  Scope scope = Scope::server;
  bool transient = true;
  std::string message;  // curl's error text; never contains the password
};

// A value or an ImapError.
template <class T>
struct ImapResult {
  std::optional<T> value;
  ImapError error;
  bool ok() const { return value.has_value(); }
  static ImapResult success(T v) { return {std::move(v), {}}; }
  static ImapResult failure(ImapError e) { return {std::nullopt, std::move(e)}; }
};

struct Unit {};

// One mailbox on a server. Contracts as in ImapClient.
class MailboxSource {
 public:
  virtual ~MailboxSource() = default;
  virtual const std::string& mailbox() const = 0;
  virtual ImapResult<int64_t> open_mailbox() = 0;
  virtual ImapResult<std::vector<int64_t>> uids_from(int64_t first_uid) = 0;
  virtual ImapResult<std::string> fetch(int64_t uid) = 0;
  virtual ImapResult<Unit> mark_seen(int64_t uid) = 0;
  virtual ImapResult<Unit> move(int64_t uid, const std::string& folder) = 0;
};

}  // namespace gdprd::daemon
