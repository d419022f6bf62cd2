#include "daemon/imap_client.hpp"

#include <curl/curl.h>

#include "daemon/imap_client_stream.hpp"
#include "parsers/imap/fetch_response.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <mutex>
#include <sstream>

namespace gdprd::daemon {
namespace {

// A batch holds mails the listing said are small; a literal above this is a
// lying or hostile server, and the batch falls back to per-UID fetches.
constexpr size_t kMaxBatchLiteralBytes = 64u * 1024 * 1024;

size_t append_body(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string url_decode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int v = 0;
      auto [p, ec] = std::from_chars(s.data() + i + 1, s.data() + i + 3, v, 16);
      if (ec == std::errc() && p == s.data() + i + 3) {
        out.push_back(static_cast<char>(v));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

std::vector<std::string> lines_of(const std::string& body) {
  std::vector<std::string> out;
  std::istringstream in(body);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out.push_back(line);
  }
  return out;
}

}  // namespace

std::string uid_set(std::vector<int64_t> uids) {
  std::sort(uids.begin(), uids.end());
  uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
  std::string out;
  for (size_t i = 0; i < uids.size();) {
    size_t j = i;
    while (j + 1 < uids.size() && uids[j + 1] == uids[j] + 1) ++j;
    if (!out.empty()) out.push_back(',');
    out += std::to_string(uids[i]);
    if (j > i) out += ":" + std::to_string(uids[j]);
    i = j + 1;
  }
  return out;
}

std::string imap_quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    if (c == '\r' || c == '\n') continue;  // never lets a name end the command
    out.push_back(c);
  }
  return out + "\"";
}

ImapClient::ImapClient(ImapOptions options) : options_(std::move(options)) {
  global_init();
  auto scheme_end = options_.url.find("://");
  auto path_start = scheme_end == std::string::npos ? std::string::npos
                                                    : options_.url.find('/', scheme_end + 3);
  base_url_ = options_.url.substr(0, path_start);
  std::string path = path_start == std::string::npos ? "" : options_.url.substr(path_start + 1);
  if (auto semicolon = path.find(';'); semicolon != std::string::npos) path.resize(semicolon);
  while (!path.empty() && path.back() == '/') path.pop_back();
  if (path.empty()) path = "INBOX";
  mailbox_ = url_decode(path);
  mailbox_url_ = base_url_ + "/" + path;
  curl_ = curl_easy_init();
  if (options_.bearer_token) {
    // Both connections ask for tokens, the bulk one from the poller's fetch
    // thread: one at a time, whatever the token source does inside.
    auto source = std::move(options_.bearer_token);
    auto lock = std::make_shared<std::mutex>();
    options_.bearer_token = [source, lock](bool refresh) {
      std::lock_guard<std::mutex> held(*lock);
      return source(refresh);
    };
  }
  stream_ = std::make_unique<ImapClientStream>(options_);
}

ImapClient::~ImapClient() {
  stream_.reset();
  if (curl_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

void apply_session_options(void* curl, const ImapOptions& options, std::string& bearer) {
  CURL* c = static_cast<CURL*>(curl);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "imap,imaps");
  curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!options.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, options.ca_file.c_str());
  curl_easy_setopt(c, CURLOPT_USERNAME, options.user.c_str());
  if (options.bearer_token) {
    bearer = options.bearer_token(false);
    curl_easy_setopt(c, CURLOPT_XOAUTH2_BEARER, bearer.c_str());
    curl_easy_setopt(c, CURLOPT_LOGIN_OPTIONS, "AUTH=XOAUTH2");
  } else {
    curl_easy_setopt(c, CURLOPT_PASSWORD, options.password.c_str());
  }
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(options.connect_timeout.count()));
}

ImapClient::Response ImapClient::perform(const std::string& url, const std::string& custom_request) {
  Response r;
  CURL* c = static_cast<CURL*>(curl_);
  if (c == nullptr) {
    r.curl_code = CURLE_FAILED_INIT;
    r.error = "curl_easy_init failed";
    return r;
  }
  char error_buffer[CURL_ERROR_SIZE] = {0};
  curl_easy_reset(c);  // keeps the connection cache, forgets the previous options
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  apply_session_options(c, options_, bearer_);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(options_.timeout.count()));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &r.body);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_buffer);
  if (!custom_request.empty()) curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, custom_request.c_str());
  CURLcode code = curl_easy_perform(c);
  if (code == CURLE_LOGIN_DENIED && options_.bearer_token) {
    // The token may have been revoked or expired early: one new token, one more try.
    bearer_ = options_.bearer_token(true);
    curl_easy_setopt(c, CURLOPT_XOAUTH2_BEARER, bearer_.c_str());
    r.body.clear();
    error_buffer[0] = '\0';
    code = curl_easy_perform(c);
  }
  long new_connections = 0;
  curl_easy_getinfo(c, CURLINFO_NUM_CONNECTS, &new_connections);
  if (new_connections > 0 || code != CURLE_OK) read_only_ = false;  // a fresh session: unknown state
  r.curl_code = code;
  if (code != CURLE_OK) {
    r.error = error_buffer[0] != '\0' ? std::string(error_buffer) : curl_easy_strerror(code);
  }
  return r;
}

ImapError ImapClient::to_error(const Response& r, ImapError::Scope command_scope) const {
  ImapError e;
  e.message = r.error;
  switch (static_cast<CURLcode>(r.curl_code)) {
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_USE_SSL_FAILED:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      e.scope = ImapError::Scope::server;
      e.transient = false;  // configuration: retrying the same will not help
      break;
    case CURLE_LOGIN_DENIED:
      e.scope = ImapError::Scope::server;
      e.transient = false;
      break;
    case CURLE_QUOTE_ERROR:          // the server answered NO/BAD to our command
    case CURLE_REMOTE_FILE_NOT_FOUND:
    case CURLE_WEIRD_SERVER_REPLY:
      e.scope = command_scope;
      e.transient = false;
      break;
    default:  // connection, timeout, TLS handshake, send/receive
      e.scope = ImapError::Scope::server;
      e.transient = true;
      break;
  }
  return e;
}

ImapResult<Unit> ImapClient::command(const std::string& request) {
  // The base URL names no mailbox, so curl sends REQUEST as is and does not
  // SELECT anything first.
  Response r = perform(base_url_ + "/", request);
  if (r.curl_code != CURLE_OK) return ImapResult<Unit>::failure(to_error(r, ImapError::Scope::mailbox));
  return ImapResult<Unit>::success({});
}

ImapResult<Unit> ImapClient::reopen(bool read_only) {
  auto r = command(std::string(read_only ? "EXAMINE " : "SELECT ") + imap_quote(mailbox_));
  if (r.ok()) read_only_ = read_only;
  return r;
}

ImapResult<int64_t> ImapClient::open_mailbox() {
  // A request on the mailbox URL makes curl log in and SELECT it (and
  // remember it as selected, so a later ;UID= fetch does not SELECT again).
  Response selected = perform(mailbox_url_, "NOOP");
  if (selected.curl_code != CURLE_OK) {
    return ImapResult<int64_t>::failure(to_error(selected, ImapError::Scope::mailbox));
  }
  // Then the same mailbox read-only, so that fetching does not set \Seen.
  Response examined = perform(base_url_ + "/", "EXAMINE " + imap_quote(mailbox_));
  if (examined.curl_code != CURLE_OK) {
    return ImapResult<int64_t>::failure(to_error(examined, ImapError::Scope::mailbox));
  }
  read_only_ = true;
  exists_ = 0;
  for (const auto& line : lines_of(examined.body)) {
    if (line.rfind("* ", 0) == 0 && line.ends_with(" EXISTS")) {
      int64_t n = 0;
      auto [p, ec] = std::from_chars(line.data() + 2, line.data() + line.size(), n);
      if (ec == std::errc() && n >= 0) exists_ = n;
    }
  }
  for (const auto& line : lines_of(examined.body)) {
    auto pos = line.find("[UIDVALIDITY ");
    if (pos == std::string::npos) continue;
    int64_t v = 0;
    const char* begin = line.data() + pos + 13;
    auto [p, ec] = std::from_chars(begin, line.data() + line.size(), v);
    if (ec == std::errc() && v > 0) return ImapResult<int64_t>::success(v);
  }
  return ImapResult<int64_t>::failure(
      {ImapError::Scope::mailbox, false, "the server sent no UIDVALIDITY for " + mailbox_});
}

// curl reads a custom command's untagged lines through a fixed buffer and
// clips a long one: a `* SEARCH` line listing a few thousand UIDs came back
// cut, and the UIDs past the cut were silently missing — mail that a later
// poll (which starts above the highest UID seen) would never fetch. So a
// search runs in slices of kSearchSlice sequence numbers (at most ~11 bytes
// per UID, far below the buffer), and a reply line longer than
// kMaxSearchLine is refused as untrustworthy instead of being half-read.
constexpr int64_t kSearchSlice = 200;
constexpr size_t kMaxSearchLine = 4000;

ImapResult<std::vector<int64_t>> ImapClient::search(const std::string& criteria, int64_t min_uid) {
  using Result = ImapResult<std::vector<int64_t>>;
  // A fresh EXAMINE each time: its EXISTS sizes the slices.
  auto opened = open_mailbox();
  if (!opened.ok()) return Result::failure(opened.error);
  // An empty mailbox has no sequence numbers to slice (and `1:*` names none).
  if (exists_ == 0) return search_once(criteria, min_uid);
  std::vector<int64_t> uids;
  for (int64_t first = 1;; first += kSearchSlice) {
    // The last slice is open-ended, so mail that arrived since EXAMINE counts.
    bool last = first + kSearchSlice > exists_;
    std::string range = std::to_string(first) + ":" + (last ? std::string("*") : std::to_string(first + kSearchSlice - 1));
    auto slice = search_once(range + " " + criteria, min_uid);
    if (!slice.ok()) return slice;
    uids.insert(uids.end(), slice.value->begin(), slice.value->end());
    if (last) break;
  }
  std::sort(uids.begin(), uids.end());
  uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
  return Result::success(std::move(uids));
}

ImapResult<std::vector<int64_t>> ImapClient::search_once(const std::string& criteria, int64_t min_uid) {
  Response r = perform(base_url_ + "/", "UID SEARCH " + criteria);
  if (r.curl_code != CURLE_OK) {
    return ImapResult<std::vector<int64_t>>::failure(to_error(r, ImapError::Scope::mailbox));
  }
  std::vector<int64_t> uids;
  for (const auto& line : lines_of(r.body)) {
    if (line.rfind("* SEARCH", 0) != 0) continue;
    if (line.size() > kMaxSearchLine) {
      return ImapResult<std::vector<int64_t>>::failure(
          {ImapError::Scope::mailbox, true,
           "UID SEARCH answered with a " + std::to_string(line.size()) + "-byte line; not trusted (clipping)"});
    }
    std::istringstream words(line.substr(8));
    int64_t uid = 0;
    while (words >> uid) {
      if (uid >= min_uid) uids.push_back(uid);
    }
  }
  std::sort(uids.begin(), uids.end());
  uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
  return ImapResult<std::vector<int64_t>>::success(std::move(uids));
}

ImapResult<std::vector<int64_t>> ImapClient::uids_from(int64_t first_uid) {
  if (first_uid < 1) first_uid = 1;
  return search("UID " + std::to_string(first_uid) + ":*", first_uid);
}

ImapResult<std::vector<int64_t>> ImapClient::uids_upto(int64_t last_uid, bool unseen_only) {
  if (last_uid < 1) return ImapResult<std::vector<int64_t>>::success({});
  auto found = search("UID 1:" + std::to_string(last_uid) + (unseen_only ? " UNSEEN" : ""), 1);
  if (found.ok()) std::erase_if(*found.value, [&](int64_t uid) { return uid > last_uid; });
  return found;
}

ImapResult<std::vector<MailboxEntry>> ImapClient::list_from(int64_t first_uid) {
  using Result = ImapResult<std::vector<MailboxEntry>>;
  auto uids = uids_from(first_uid);
  if (!uids.ok()) return Result::failure(uids.error);
  std::map<int64_t, int64_t> sizes;
  // libcurl 7.88 (Debian 12) counts a custom command's untagged lines
  // against its 300 KB limit for response headers, and counts them far more
  // than once when a long response arrives in one read: 200 size lines (9 KB)
  // from a Dovecot that had the sizes cached failed with "Too large response
  // headers" at 10,000 mails. So the sizes come in chunks of 25 UIDs (about
  // 1 KB), which stays far below the limit however the bytes arrive.
  constexpr size_t kChunk = 25;
  for (size_t i = 0; i < uids.value->size(); i += kChunk) {
    std::vector<int64_t> chunk(uids.value->begin() + static_cast<std::ptrdiff_t>(i),
                               uids.value->begin() + static_cast<std::ptrdiff_t>(std::min(i + kChunk, uids.value->size())));
    Response r = perform(base_url_ + "/", "UID FETCH " + uid_set(chunk) + " (RFC822.SIZE)");
    if (r.curl_code != CURLE_OK) return Result::failure(to_error(r, ImapError::Scope::mailbox));
    for (const auto& line : lines_of(r.body)) {
      if (line.rfind("* ", 0) != 0 || line.find(" FETCH (") == std::string::npos) continue;
      std::istringstream words(line.substr(line.find('(') + 1));
      std::string name;
      int64_t uid = 0, size = 0;
      while (words >> name) {
        std::string value;
        if (!(words >> value)) break;
        while (!value.empty() && value.back() == ')') value.pop_back();
        int64_t v = 0;
        auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
        if (ec != std::errc() || p != value.data() + value.size()) continue;
        if (name == "UID") uid = v;
        if (name == "RFC822.SIZE") size = v;
      }
      if (uid > 0) sizes[uid] = size;
    }
  }
  std::vector<MailboxEntry> out;
  out.reserve(uids.value->size());
  for (int64_t uid : *uids.value) {
    auto it = sizes.find(uid);
    out.push_back({uid, it == sizes.end() ? 0 : it->second});  // 0: expunged meanwhile, or unknown
  }
  return Result::success(std::move(out));
}

ImapResult<std::vector<FetchedMail>> ImapClient::fetch_many(const std::vector<int64_t>& uids) {
  using Result = ImapResult<std::vector<FetchedMail>>;
  if (uids.empty()) return Result::success({});
  if (!stream_->connected()) stream_examined_ = false;
  if (!stream_examined_) {
    // Read-only on this connection for good: nothing it fetches is ever \Seen.
    std::string tag = stream_->next_tag();
    parsers::FetchResponseSplitter answer(tag);
    auto r = stream_->exchange(tag, "EXAMINE " + imap_quote(mailbox_),
                               [&](std::string_view bytes) { return answer.feed(bytes) && !answer.finished(); });
    if (!r.ok()) return Result::failure(r.error);
    if (answer.failed() || answer.status() != "OK") {
      stream_->close();
      return Result::failure({ImapError::Scope::mailbox, false,
                              "EXAMINE " + mailbox_ + ": " + (answer.failed() ? answer.error() : answer.status_text())});
    }
    stream_examined_ = true;
  }
  std::set<int64_t> wanted(uids.begin(), uids.end());
  std::map<int64_t, std::string> got;
  std::string tag = stream_->next_tag();
  parsers::FetchResponseLimits limits;
  limits.max_literal_bytes = kMaxBatchLiteralBytes;
  limits.max_response_bytes = kMaxBatchLiteralBytes + 1024 * 1024;
  parsers::FetchResponseSplitter answer(tag, limits);
  auto r = stream_->exchange(tag, "UID FETCH " + uid_set(uids) + " (BODY.PEEK[])", [&](std::string_view bytes) {
    bool more = answer.feed(bytes) && !answer.finished();
    for (auto& m : answer.take_messages())  // anything not asked for (or twice) is dropped at once
      if (wanted.count(m.uid) && !got.count(m.uid)) got.emplace(m.uid, std::move(m.bytes));
    return more;
  });
  if (!r.ok()) return Result::failure(r.error);
  if (answer.failed()) {
    stream_->close();  // where the next response starts is unknown
    return Result::failure({ImapError::Scope::message, false, "batched FETCH: " + answer.error()});
  }
  if (answer.status() == "BAD") {
    return Result::failure({ImapError::Scope::message, false, "batched FETCH refused: " + answer.status_text()});
  }
  // NO (some UIDs expunged meanwhile): what came is good, the rest is missing.
  std::vector<FetchedMail> out;
  out.reserve(got.size());
  for (int64_t uid : uids) {
    auto it = got.find(uid);
    if (it == got.end()) continue;
    out.push_back({uid, std::move(it->second)});
    got.erase(it);
  }
  return Result::success(std::move(out));
}

ImapResult<std::string> ImapClient::fetch(int64_t uid) {
  if (!read_only_) {
    // A new connection (or a failed command) left the state unknown: open the
    // mailbox again so that the fetch cannot set \Seen.
    auto opened = open_mailbox();
    if (!opened.ok()) return ImapResult<std::string>::failure(opened.error);
  }
  // curl's own FETCH handles the literal and delivers exactly its bytes
  // (a custom UID FETCH would hand over only the untagged line).
  Response r = perform(mailbox_url_ + "/;UID=" + std::to_string(uid), "");
  if (r.curl_code != CURLE_OK) {
    return ImapResult<std::string>::failure(to_error(r, ImapError::Scope::message));
  }
  if (r.body.empty()) {
    // Dovecot answers OK without data for a UID that is gone (expunged
    // meanwhile): that is no mail, not an empty one.
    return ImapResult<std::string>::failure(
        {ImapError::Scope::message, false, "no message with UID " + std::to_string(uid)});
  }
  return ImapResult<std::string>::success(std::move(r.body));
}

ImapResult<Unit> ImapClient::store_seen(const std::string& set) {
  auto selected = reopen(false);
  if (!selected.ok()) return selected;
  auto stored = command("UID STORE " + set + " +FLAGS.SILENT (\\Seen)");
  auto back = reopen(true);
  if (!stored.ok()) return stored;
  return back;
}

ImapResult<Unit> ImapClient::move_set(const std::string& set, const std::string& folder) {
  auto selected = reopen(false);
  if (!selected.ok()) return selected;
  auto moved = command("UID MOVE " + set + " " + imap_quote(folder));
  if (!moved.ok() && moved.error.scope != ImapError::Scope::server) {
    // No MOVE extension (or it failed): copy, then flag the original.
    moved = command("UID COPY " + set + " " + imap_quote(folder));
    if (moved.ok()) moved = command("UID STORE " + set + " +FLAGS.SILENT (\\Seen)");
  }
  auto back = reopen(true);
  if (!moved.ok()) return moved;
  return back;
}

ImapResult<Unit> ImapClient::mark_seen(int64_t uid) { return store_seen(std::to_string(uid)); }

ImapResult<Unit> ImapClient::move(int64_t uid, const std::string& folder) {
  return move_set(std::to_string(uid), folder);
}

ImapResult<Unit> ImapClient::mark_seen_many(const std::vector<int64_t>& uids) {
  if (uids.empty()) return ImapResult<Unit>::success({});
  return store_seen(uid_set(uids));
}

ImapResult<Unit> ImapClient::move_many(const std::vector<int64_t>& uids, const std::string& folder) {
  if (uids.empty()) return ImapResult<Unit>::success({});
  return move_set(uid_set(uids), folder);
}

ImapResult<std::set<std::string>> ImapClient::flags(int64_t uid) {
  if (!read_only_) {
    auto opened = open_mailbox();
    if (!opened.ok()) return ImapResult<std::set<std::string>>::failure(opened.error);
  }
  Response r = perform(base_url_ + "/", "UID FETCH " + std::to_string(uid) + " (FLAGS)");
  if (r.curl_code != CURLE_OK) {
    return ImapResult<std::set<std::string>>::failure(to_error(r, ImapError::Scope::message));
  }
  std::set<std::string> out;
  for (const auto& line : lines_of(r.body)) {
    auto open = line.find("FLAGS (");
    if (open == std::string::npos) continue;
    auto close = line.find(')', open);
    std::istringstream words(line.substr(open + 7, close - open - 7));
    std::string flag;
    while (words >> flag) out.insert(flag);
  }
  return ImapResult<std::set<std::string>>::success(std::move(out));
}

}  // namespace gdprd::daemon
