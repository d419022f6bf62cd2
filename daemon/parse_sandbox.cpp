#include "daemon/parse_sandbox.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <optional>
#include <vector>

#include "core/vocabulary.hpp"
#include "daemon/fd_write.hpp"
#include "daemon/parse_worker.hpp"

extern char** environ;

#ifndef GDPRD_PARSE_WORKER_PATH
#define GDPRD_PARSE_WORKER_PATH "/usr/libexec/gdprincidentd/gdprincident-parse"
#endif

namespace gdprd::daemon {
namespace {

// Worker output above this is garbage by definition: a record is bounded by
// max_text_bytes of text plus structure.
constexpr size_t kMaxOutputBytes = 64u * 1024 * 1024;

// The mail as a sealed, anonymous in-memory file: the worker reads it at its
// own pace (no pipe to keep fed, no deadlock with a worker that stops
// reading) and cannot change it. -1 with errno on failure.
int mail_memfd(std::string_view raw) {
  const int fd = ::memfd_create("gdprd-mail", MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (fd < 0) return -1;
  if (!write_all(fd, raw) || ::lseek(fd, 0, SEEK_SET) != 0 ||
      ::fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) != 0) {
    const int e = errno;
    ::close(fd);
    errno = e;
    return -1;
  }
  return fd;
}

// Only the sanitizers' options reach the worker: the daemon's environment
// (CREDENTIALS_DIRECTORY, proxies, locale) is none of its business.
std::vector<std::string> worker_environment() {
  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e) {
    const std::string_view v(*e);
    if (v.rfind("ASAN_OPTIONS=", 0) == 0 || v.rfind("UBSAN_OPTIONS=", 0) == 0 || v.rfind("LSAN_OPTIONS=", 0) == 0)
      env.emplace_back(v);
  }
  return env;
}

std::vector<char*> c_strings(std::vector<std::string>& v) {
  std::vector<char*> out;
  for (auto& s : v) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// Starts the worker with `socket_fd` as its descriptor 3, /dev/null as its
// standard input and output. -1 and `error` when it could not be started.
pid_t spawn_worker(const SandboxSettings& s, int socket_fd, std::string& error) {
  const std::string path = s.worker_path.empty() ? default_parse_worker_path() : s.worker_path;
  std::vector<std::string> args{path};
  args.insert(args.end(), s.leading_arguments.begin(), s.leading_arguments.end());
  WorkerOptions o;
  o.address_space_bytes = s.address_space_bytes;
  o.cpu_seconds = s.cpu_seconds;
  o.seccomp = s.seccomp;
  for (auto& a : worker_arguments(o)) args.push_back(std::move(a));
  std::vector<std::string> env = worker_environment();
  auto argv = c_strings(args);
  auto envp = c_strings(env);

  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_init(&attr);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, socket_fd, kWorkerSocketFd);
  // Whatever the daemon has open (the database, the IMAP socket, a careless
  // library's descriptor without O_CLOEXEC) stays out of the worker's reach.
  posix_spawn_file_actions_addclosefrom_np(&actions, kWorkerSocketFd + 1);
  // The daemon blocks signals for its event loop; the worker's children need
  // SIGXCPU (their CPU limit) and the rest at their defaults.
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t pid = -1;
  const int rc = ::posix_spawn(&pid, path.c_str(), &actions, &attr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    error = path + ": " + std::strerror(rc);
    return -1;
  }
  return pid;
}

// Sends the limits with the mail and the result pipe attached.
bool send_request(int sock, const std::string& text, int mail_fd, int result_fd) {
  char control[CMSG_SPACE(sizeof(int) * 2)] = {};
  iovec iov{const_cast<char*>(text.data()), text.size()};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  cmsghdr* c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int) * 2);
  const int fds[2] = {mail_fd, result_fd};
  std::memcpy(CMSG_DATA(c), fds, sizeof fds);
  for (;;) {
    const ssize_t n = ::sendmsg(sock, &msg, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    return n == static_cast<ssize_t>(text.size());
  }
}

// One reply of the worker ("pid N", "status S", "error TEXT") within `wait`;
// empty when none came (the worker is gone or stuck).
std::string receive_reply(int sock, std::chrono::milliseconds wait) {
  pollfd p{sock, POLLIN, 0};
  int n;
  do {
    n = ::poll(&p, 1, static_cast<int>(wait.count()));
  } while (n < 0 && errno == EINTR);
  if (n <= 0) return {};
  char buf[512];
  ssize_t got;
  do {
    got = ::recv(sock, buf, sizeof buf, 0);
  } while (got < 0 && errno == EINTR);
  return got > 0 ? std::string(buf, static_cast<size_t>(got)) : std::string();
}

// The numbers after `word` in a reply ("pid 42" -> {42}); nullopt unless
// the reply is `word` and exactly `count` numbers.
std::optional<std::vector<long>> reply_numbers(const std::string& reply, std::string_view word, size_t count) {
  if (reply.size() <= word.size() + 1 || reply.compare(0, word.size(), word) != 0 || reply[word.size()] != ' ')
    return std::nullopt;
  std::vector<long> out;
  const char* p = reply.c_str() + word.size();
  while (*p == ' ') {
    char* end = nullptr;
    out.push_back(std::strtol(p + 1, &end, 10));
    if (end == p + 1) return std::nullopt;
    p = end;
  }
  if (*p != '\0' || out.size() != count) return std::nullopt;
  return out;
}

// How long the worker may take to answer "pid" or, after the child ended or
// was killed, "status": it does nothing else meanwhile, so only a worker that
// is stuck or gone takes this long (generous: CI machines run at load 14).
constexpr std::chrono::milliseconds kReplyWait{10000};

SandboxedRead failed(SandboxOutcome outcome, std::string detail) {
  SandboxedRead r;
  r.outcome = outcome;
  r.detail = std::move(detail);
  r.result.record = empty_record("report");
  r.result.record.warn(std::string(vocab::kLimitExceeded),
                       "the parser process " + std::string(sandbox_outcome_name(outcome)) + " (" + r.detail +
                           "); the raw mail is stored for a human");
  r.result.needs_human = true;
  return r;
}

constexpr std::string_view kSampleReport =
    "From: Test Person <test.person@kommun.example>\r\nTo: gdprincident@kommun.example\r\n"
    "Subject: Personuppgiftsincident\r\nMessage-ID: <worker-check@kommun.example>\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
    "Ig\xc3\xa5r skickade jag av misstag elevlistan till fel mottagare.\r\n";

}  // namespace

std::string_view sandbox_outcome_name(SandboxOutcome o) {
  switch (o) {
    case SandboxOutcome::ok: return "ok";
    case SandboxOutcome::crashed: return "crashed";
    case SandboxOutcome::timed_out: return "timed out";
    case SandboxOutcome::bad_output: return "gave unreadable output";
    case SandboxOutcome::not_started: return "could not be started";
  }
  return "?";
}

std::string default_parse_worker_path() {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (const fs::path& candidate : {self.parent_path() / "gdprincident-parse",
                                      self.parent_path() / "../libexec/gdprincidentd/gdprincident-parse"})
      if (::access(candidate.c_str(), X_OK) == 0) return candidate.lexically_normal().string();
  }
  return GDPRD_PARSE_WORKER_PATH;
}

std::string check_parse_worker(const SandboxSettings& settings) {
  const SandboxedRead r = read_report_sandboxed(kSampleReport, {}, settings);
  if (r.outcome != SandboxOutcome::ok)
    return "parse worker " + std::string(sandbox_outcome_name(r.outcome)) + ": " + r.detail;
  if (r.result.facts.message_id != "worker-check@kommun.example")
    return "parse worker gave a record that does not match its input";
  return {};
}

ParseSandbox::ParseSandbox(SandboxSettings settings) : settings_(std::move(settings)) {}

ParseSandbox::~ParseSandbox() { stop_worker(); }

void ParseSandbox::stop_worker() {
  if (socket_ >= 0) ::close(socket_);  // the worker's end of stream: it exits
  socket_ = -1;
  if (worker_ > 0) {
    // It exits at once on the closed socket unless it is stuck; do not wait
    // for that.
    ::kill(worker_, SIGKILL);
    while (::waitpid(worker_, nullptr, 0) < 0 && errno == EINTR) {
    }
  }
  worker_ = -1;
}

bool ParseSandbox::start_worker(std::string& error) {
  if (worker_ > 0) return true;
  int pair[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0) {
    error = std::string("socketpair: ") + std::strerror(errno);
    return false;
  }
  const pid_t pid = spawn_worker(settings_, pair[1], error);
  ::close(pair[1]);
  if (pid < 0) {
    ::close(pair[0]);
    return false;
  }
  worker_ = pid;
  socket_ = pair[0];
  return true;
}

SandboxedRead ParseSandbox::read(std::string_view raw, const Limits& limits) {
  // A worker that died or broke between two mails (killed by an admin, OOM)
  // is replaced once; the mail itself never reached it.
  SandboxedRead r = read_once(raw, limits);
  if (r.outcome == SandboxOutcome::not_started && worker_ < 0) r = read_once(raw, limits);
  return r;
}

SandboxedRead ParseSandbox::read_once(std::string_view raw, const Limits& limits) {
  std::string error;
  if (!start_worker(error)) return failed(SandboxOutcome::not_started, error);
  const int mail_fd = mail_memfd(raw);
  if (mail_fd < 0) return failed(SandboxOutcome::not_started, std::string("memfd: ") + std::strerror(errno));
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    const int e = errno;
    ::close(mail_fd);
    return failed(SandboxOutcome::not_started, std::string("pipe: ") + std::strerror(e));
  }
  const bool sent = send_request(socket_, encode_limits(limits), mail_fd, fds[1]);
  ::close(mail_fd);
  ::close(fds[1]);
  const std::string started = sent ? receive_reply(socket_, kReplyWait) : std::string();
  const auto pid_reply = reply_numbers(started, "pid", 1);
  if (!pid_reply || pid_reply->front() <= 0) {
    ::close(fds[0]);
    const std::string why = started.empty() ? "the worker did not answer" : "the worker said: " + started;
    stop_worker();
    return failed(SandboxOutcome::not_started, why);
  }

  std::string out;
  bool timed_out = false, too_big = false;
  const auto deadline = std::chrono::steady_clock::now() + settings_.wall_timeout;
  char buf[65536];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    const int n = ::poll(&p, 1, static_cast<int>(left.count()));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      timed_out = n == 0;
      break;
    }
    const ssize_t got = ::read(fds[0], buf, sizeof buf);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;  // EOF: the child is done (or dead)
    out.append(buf, static_cast<size_t>(got));
    if (out.size() > kMaxOutputBytes) {
      too_big = true;
      break;
    }
  }
  ::close(fds[0]);
  // The child is the worker's, not ours, but runs as our user: the kill is
  // allowed, and the worker reaps it and reports its status. It cannot be a
  // recycled pid: the worker reaps only after the child ended, and until the
  // "status" reply below it forks nothing new.
  if (timed_out || too_big) ::kill(static_cast<pid_t>(pid_reply->front()), SIGKILL);
  const auto status_reply = reply_numbers(receive_reply(socket_, kReplyWait), "status", 2);
  if (!status_reply) stop_worker();  // out of step with us: start afresh next time
  if (timed_out) return failed(SandboxOutcome::timed_out, "no result within " +
                                                              std::to_string(settings_.wall_timeout.count()) + " ms");
  if (too_big) return failed(SandboxOutcome::bad_output, "output over " + std::to_string(kMaxOutputBytes) + " bytes");
  if (!status_reply) return failed(SandboxOutcome::crashed, "the worker gave no exit status");
  const int status = static_cast<int>((*status_reply)[0]);
  const std::chrono::microseconds cpu((*status_reply)[1]);
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    // SIGXCPU is the CPU limit, SIGSYS the seccomp filter; SIGKILL/SEGV/ABRT
    // after a failed allocation under RLIMIT_AS is what an OOM looks like.
    return failed(sig == SIGXCPU ? SandboxOutcome::timed_out : SandboxOutcome::crashed,
                  std::string("signal ") + std::to_string(sig) + " (" + ::strsignal(sig) + ")");
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == kWorkerExitConfinement)
    return failed(SandboxOutcome::not_started, "it could not confine itself (seccomp or rlimits refused)");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return failed(SandboxOutcome::crashed, "exit status " + std::to_string(WEXITSTATUS(status)));
  try {
    SandboxedRead r;
    r.result = sandbox_result_from_json(out);
    r.child_cpu = cpu;
    return r;
  } catch (const std::exception& e) {
    return failed(SandboxOutcome::bad_output, e.what());
  }
}

SandboxedRead read_report_sandboxed(std::string_view raw, const Limits& limits, const SandboxSettings& settings) {
  ParseSandbox sandbox(settings);
  return sandbox.read(raw, limits);
}

}  // namespace gdprd::daemon
