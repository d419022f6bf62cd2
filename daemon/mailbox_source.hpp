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

// One message of a mailbox listing: its UID and RFC822.SIZE (0: unknown).
struct MailboxEntry {
  int64_t uid = 0;
  int64_t size = 0;
};

struct FetchedMail {
  int64_t uid = 0;
  std::string raw;  // exactly as the server sent it
};

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

  // Batched forms (one request for many UIDs). The defaults fall back to the
  // per-UID calls, so a source may implement only those.
  // UIDs >= first_uid with their sizes, ascending.
  virtual ImapResult<std::vector<MailboxEntry>> list_from(int64_t first_uid) {
    auto uids = uids_from(first_uid);
    if (!uids.ok()) return ImapResult<std::vector<MailboxEntry>>::failure(uids.error);
    std::vector<MailboxEntry> out;
    for (int64_t uid : *uids.value) out.push_back({uid, 0});
    return ImapResult<std::vector<MailboxEntry>>::success(std::move(out));
  }
  // The mails of UIDS that still exist, in the order of UIDS; a UID missing
  // from the result is gone or failed alone (a message-scope error). An error
  // result means none could be fetched.
  virtual ImapResult<std::vector<FetchedMail>> fetch_many(const std::vector<int64_t>& uids) {
    std::vector<FetchedMail> out;
    for (int64_t uid : uids) {
      auto r = fetch(uid);
      if (r.ok()) {
        out.push_back({uid, std::move(*r.value)});
      } else if (r.error.scope != ImapError::Scope::message) {
        return ImapResult<std::vector<FetchedMail>>::failure(r.error);
      }
    }
    return ImapResult<std::vector<FetchedMail>>::success(std::move(out));
  }
  virtual ImapResult<Unit> mark_seen_many(const std::vector<int64_t>& uids) {
    for (int64_t uid : uids)
      if (auto r = mark_seen(uid); !r.ok()) return r;
    return ImapResult<Unit>::success({});
  }
  virtual ImapResult<Unit> move_many(const std::vector<int64_t>& uids, const std::string& folder) {
    for (int64_t uid : uids)
      if (auto r = move(uid, folder); !r.ok()) return r;
    return ImapResult<Unit>::success({});
  }
  // UIDs <= last_uid still in the mailbox; with unseen_only, only those
  // without \Seen. (What a crash between commit and flag can leave behind.)
  virtual ImapResult<std::vector<int64_t>> uids_upto(int64_t last_uid, bool unseen_only) = 0;
};


}  // namespace gdprd::daemon
