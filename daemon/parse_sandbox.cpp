#include "daemon/parse_sandbox.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <filesystem>
#include <vector>

#include "core/vocabulary.hpp"
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

bool write_all(int fd, std::string_view s) {
  while (!s.empty()) {
    const ssize_t w = ::write(fd, s.data(), s.size());
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    s.remove_prefix(static_cast<size_t>(w));
  }
  return true;
}

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

// Starts the worker on `mail_fd`; its output comes on the returned pipe end.
// -1 and `error` when it could not be started.
pid_t spawn_worker(const std::string& path, int mail_fd, int out_fd, const Limits& limits,
                   const SandboxSettings& s, std::string& error) {
  std::vector<std::string> args{path};
  args.insert(args.end(), s.leading_arguments.begin(), s.leading_arguments.end());
  WorkerOptions o;
  o.limits = limits;
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
  posix_spawn_file_actions_adddup2(&actions, mail_fd, 0);
  posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
  // Whatever the daemon has open (the database, the IMAP socket, a careless
  // library's descriptor without O_CLOEXEC) stays out of the worker's reach.
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
  // The daemon blocks signals for its event loop; the worker needs SIGXCPU
  // (its CPU limit) and the rest at their defaults.
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

SandboxedRead read_report_sandboxed(std::string_view raw, const Limits& limits, const SandboxSettings& settings) {
  const std::string path = settings.worker_path.empty() ? default_parse_worker_path() : settings.worker_path;
  const int mail_fd = mail_memfd(raw);
  if (mail_fd < 0) return failed(SandboxOutcome::not_started, std::string("memfd: ") + std::strerror(errno));
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    const int e = errno;
    ::close(mail_fd);
    return failed(SandboxOutcome::not_started, std::string("pipe: ") + std::strerror(e));
  }
  std::string spawn_error;
  const pid_t pid = spawn_worker(path, mail_fd, fds[1], limits, settings, spawn_error);
  ::close(mail_fd);
  ::close(fds[1]);
  if (pid < 0) {
    ::close(fds[0]);
    return failed(SandboxOutcome::not_started, spawn_error);
  }
  std::string out;
  bool timed_out = false, too_big = false;
  const auto deadline = std::chrono::steady_clock::now() + settings.wall_timeout;
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
    if (got <= 0) break;  // EOF: the worker is done (or dead)
    out.append(buf, static_cast<size_t>(got));
    if (out.size() > kMaxOutputBytes) {
      too_big = true;
      break;
    }
  }
  ::close(fds[0]);
  if (timed_out || too_big) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out) return failed(SandboxOutcome::timed_out, "no result within " +
                                                              std::to_string(settings.wall_timeout.count()) + " ms");
  if (too_big) return failed(SandboxOutcome::bad_output, "output over " + std::to_string(kMaxOutputBytes) + " bytes");
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
    return r;
  } catch (const std::exception& e) {
    return failed(SandboxOutcome::bad_output, e.what());
  }
}

}  // namespace gdprd::daemon
