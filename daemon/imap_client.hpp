// An IMAP client for one mailbox over libcurl, on one reused connection.
// TLS always: imaps:// is implicit TLS, imap:// must upgrade with STARTTLS
// (CURLUSESSL_ALL; Dovecot treats loopback as secure, so the client must be
// the one to insist). The certificate and host name are always verified.
//
// Mail is read from the mailbox opened read-only (EXAMINE), so fetching never
// sets \Seen: only mark_seen()/move() change the server, and only after the
// caller has committed the mail. Nothing here expunges or deletes.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "daemon/mailbox_source.hpp"

namespace gdprd::daemon {
class ImapClientStream;
}

namespace gdprd::daemon {

struct ImapOptions {
  std::string url;       // imaps://host:port/MAILBOX (MAILBOX defaults to INBOX)
  std::string user;
  std::string password;  // never logged
  // XOAUTH2 instead of the password when set: returns the current access
  // token; `refresh` asks for a new one (after the server refused the last).
  // Owned by whoever builds the options (daemon/oauth2_*); never logged.
  std::function<std::string(bool refresh)> bearer_token;
  std::string ca_file;   // PEM bundle; empty: the system trust store
  std::chrono::seconds connect_timeout{30};
  std::chrono::seconds timeout{300};  // one command, including a large FETCH
};

class ImapClient final : public MailboxSource {
 public:
  explicit ImapClient(ImapOptions options);
  ~ImapClient();
  ImapClient(const ImapClient&) = delete;
  ImapClient& operator=(const ImapClient&) = delete;

  // The mailbox name from the URL, decoded ("INBOX").
  const std::string& mailbox() const override { return mailbox_; }

  // Connects (or reuses the connection), opens the mailbox read-only and
  // returns its UIDVALIDITY.
  ImapResult<int64_t> open_mailbox() override;
  // UIDs >= first_uid, ascending. (UID SEARCH n:* always matches the last
  // message even when n is above every UID; such UIDs are dropped here.)
  ImapResult<std::vector<int64_t>> uids_from(int64_t first_uid) override;
  // The message's bytes exactly as the server sends them. Does not set \Seen.
  // A UID that no longer exists is a message-scope, non-transient error.
  ImapResult<std::string> fetch(int64_t uid) override;
  // UID STORE +FLAGS (\Seen).
  ImapResult<Unit> mark_seen(int64_t uid) override;
  // UID MOVE to folder; without MOVE support, COPY + \Seen (the original
  // stays, flagged). Never expunges.
  ImapResult<Unit> move(int64_t uid, const std::string& folder) override;
  // Batched forms (MailboxSource). list_from: UID SEARCH, then the sizes by
  // UID FETCH <set> (RFC822.SIZE) in chunks of 200 UIDs.
  ImapResult<std::vector<MailboxEntry>> list_from(int64_t first_uid) override;
  // May run in another thread than the other calls (its own connection).
  // One `UID FETCH <set> (BODY.PEEK[])` on a second connection that keeps the
  // mailbox EXAMINEd (so it never sets \Seen); the bytes are those the
  // per-UID fetch() returns. A malformed or over-limit answer is a
  // message-scope error: the caller fetches those UIDs one by one instead.
  ImapResult<std::vector<FetchedMail>> fetch_many(const std::vector<int64_t>& uids) override;
  // One UID STORE / UID MOVE for the whole set.
  ImapResult<Unit> mark_seen_many(const std::vector<int64_t>& uids) override;
  ImapResult<Unit> move_many(const std::vector<int64_t>& uids, const std::string& folder) override;
  ImapResult<std::vector<int64_t>> uids_upto(int64_t last_uid, bool unseen_only) override;
  // The flags of one message (for tests and diagnostics).
  ImapResult<std::set<std::string>> flags(int64_t uid);

 private:
  struct Response {
    int curl_code = 0;
    std::string body;
    std::string error;
  };
  Response perform(const std::string& url, const std::string& custom_request);
  ImapError to_error(const Response& r, ImapError::Scope command_scope) const;
  ImapResult<Unit> command(const std::string& request);
  ImapResult<Unit> reopen(bool read_only);
  ImapResult<Unit> store_seen(const std::string& set);
  ImapResult<Unit> move_set(const std::string& set, const std::string& folder);
  // UID SEARCH CRITERIA over the whole mailbox, in slices of message
  // sequence numbers (see search() for why), UIDs < MIN_UID dropped.
  ImapResult<std::vector<int64_t>> search(const std::string& criteria, int64_t min_uid);
  ImapResult<std::vector<int64_t>> search_once(const std::string& criteria, int64_t min_uid);

  ImapOptions options_;
  std::string base_url_;      // scheme://host:port
  std::string mailbox_;       // decoded
  std::string mailbox_url_;   // base_url_/MAILBOX (encoded as given)
  void* curl_ = nullptr;      // CURL*
  bool read_only_ = false;    // the server has the mailbox EXAMINEd
  int64_t exists_ = 0;        // messages in the mailbox at the last EXAMINE
  std::string bearer_;        // the token curl holds a pointer to for this request
  std::unique_ptr<ImapClientStream> stream_;  // bulk FETCH connection, opened on first use
  bool stream_examined_ = false;
};

// The settings every curl handle that talks to the mailbox gets (ImapClient
// and the bulk ImapClientStream alike), so that they cannot drift apart: IMAP
// only, TLS required, peer and host verified, the password or the current
// XOAUTH2 token (kept in BEARER, which curl points into), connect timeout.
// CURL is a CURL*.
void apply_session_options(void* curl, const ImapOptions& options, std::string& bearer);

// "1:3,7,9:10": an IMAP UID set for UIDS in any order (duplicates dropped).
std::string uid_set(std::vector<int64_t> uids);

// IMAP quoted string for a mailbox name ("INBOX", "Behandlade").
std::string imap_quote(const std::string& text);

}  // namespace gdprd::daemon
