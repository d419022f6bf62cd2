#include "daemon/parse_sandbox.hpp"

#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <vector>

#include "core/record_json.hpp"
#include "core/vocabulary.hpp"

namespace gdprd::daemon {
namespace {

// Child output above this is garbage by definition: a record is bounded by
// max_text_bytes of text plus structure.
constexpr size_t kMaxOutputBytes = 64u * 1024 * 1024;

[[maybe_unused]] size_t virtual_size_bytes() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmSize:", 0) == 0) return static_cast<size_t>(std::atol(line.c_str() + 7)) * 1024;
  return 0;
}

#if defined(__SANITIZE_ADDRESS__)
#define GDPRD_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GDPRD_UNDER_ASAN 1
#endif
#endif
#ifndef GDPRD_UNDER_ASAN
#define GDPRD_UNDER_ASAN 0
#endif

#if defined(__x86_64__)
constexpr unsigned kAuditArch = AUDIT_ARCH_X86_64;
#elif defined(__aarch64__)
constexpr unsigned kAuditArch = AUDIT_ARCH_AARCH64;
#else
constexpr unsigned kAuditArch = 0;  // unknown: no filter, rlimits only
#endif

// Allow-list filter. Unknown calls fail with EPERM rather than killing, so a
// library probing for a config file degrades instead of crashing; calls that
// could reach outside the process kill it.
bool install_seccomp() {
  if (kAuditArch == 0) return false;
  const int allowed[] = {
      SYS_read, SYS_write, SYS_mmap, SYS_munmap, SYS_mremap, SYS_brk, SYS_madvise, SYS_mprotect, SYS_futex,
      SYS_rt_sigreturn, SYS_rt_sigprocmask, SYS_exit, SYS_exit_group, SYS_clock_gettime, SYS_gettimeofday,
      SYS_getrandom, SYS_close, SYS_sched_yield, SYS_getpid, SYS_gettid, SYS_lseek, SYS_fstat,
      SYS_newfstatat, SYS_restart_syscall,
#if GDPRD_UNDER_ASAN
      // AddressSanitizer's runtime in the child: its signal handlers and
      // alternate stack, limits and CPU set it reads, its shadow probing.
      SYS_sigaltstack, SYS_rt_sigaction, SYS_prlimit64, SYS_getrlimit, SYS_sched_getaffinity, SYS_mincore,
      // The sanitizers test whether memory is readable by writing it into a
      // pipe of their own; refused, UBSan's vptr check took every virtual
      // call (a shared_ptr's release) for one on an invalid object and
      // halted the child.
      SYS_pipe2,
#ifdef SYS_pipe
      SYS_pipe,
#endif
#endif
  };
  const int fatal[] = {
      SYS_execve, SYS_execveat, SYS_socket, SYS_connect, SYS_ptrace, SYS_clone, SYS_clone3,
#ifdef SYS_fork
      SYS_fork, SYS_vfork,
#endif
      SYS_kill, SYS_tkill, SYS_tgkill,
  };
  std::vector<sock_filter> prog;
  prog.push_back(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)));
  prog.push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, kAuditArch, 1, 0));
  prog.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS));
  prog.push_back(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)));
  for (int nr : allowed) {
    prog.push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, static_cast<unsigned>(nr), 0, 1));
    prog.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
  }
  for (int nr : fatal) {
    prog.push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, static_cast<unsigned>(nr), 0, 1));
    prog.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS));
  }
  prog.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA)));
  sock_fprog fprog{static_cast<unsigned short>(prog.size()), prog.data()};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return false;
  return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog) == 0;
}

void write_all(int fd, std::string_view s) {
  while (!s.empty()) {
    const ssize_t w = ::write(fd, s.data(), s.size());
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return;
    s.remove_prefix(static_cast<size_t>(w));
  }
}

// Everything the child does. Never returns.
[[noreturn]] void run_child(int out_fd, std::string_view raw, const Limits& limits, const SandboxSettings& s) {
  // Only the pipe stays open: the daemon's database and IMAP socket must be
  // out of reach of a parser that has been taken over.
  if (out_fd != 3) {
    ::dup2(out_fd, 3);
    out_fd = 3;
  }
  ::syscall(SYS_close_range, 4u, ~0u, 0u);
  ::signal(SIGPIPE, SIG_IGN);
  rlimit core{0, 0};
  ::setrlimit(RLIMIT_CORE, &core);
#if !GDPRD_UNDER_ASAN
  // Not under AddressSanitizer: it reserves terabytes of shadow address space
  // up front, so any RLIMIT_AS the child could live with is already exceeded
  // (every allocation would fail). Its own allocator limits stand in there.
  rlimit as{};
  as.rlim_cur = as.rlim_max = static_cast<rlim_t>(virtual_size_bytes() + s.address_space_bytes);
  ::setrlimit(RLIMIT_AS, &as);
#endif
  rlimit cpu{static_cast<rlim_t>(s.cpu_seconds), static_cast<rlim_t>(s.cpu_seconds + 1)};
  ::setrlimit(RLIMIT_CPU, &cpu);
  rlimit fsize{0, 0};
  ::setrlimit(RLIMIT_FSIZE, &fsize);
  rlimit nofile{8, 8};
  ::setrlimit(RLIMIT_NOFILE, &nofile);
  if (s.seccomp && !install_seccomp()) ::_exit(70);  // refuse to parse unconfined when confinement was asked for
  // Nothing may propagate out of the child: an exception would unwind into
  // the daemon's (or a test runner's) code in a second, confined copy of it.
  try {
    if (s.child_hook) s.child_hook();
    write_all(out_fd, sandbox_result_to_json(parsers::read_report(raw, limits)));
  } catch (...) {
    ::_exit(71);
  }
  ::_exit(0);
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

}  // namespace

std::string_view sandbox_outcome_name(SandboxOutcome o) {
  switch (o) {
    case SandboxOutcome::ok: return "ok";
    case SandboxOutcome::crashed: return "crashed";
    case SandboxOutcome::timed_out: return "timed out";
    case SandboxOutcome::bad_output: return "gave unreadable output";
    case SandboxOutcome::fork_failed: return "could not be started";
  }
  return "?";
}

std::string sandbox_result_to_json(const parsers::ReadResult& result) {
  const auto& f = result.facts;
  Json facts = {{"message_id", f.message_id},
                {"in_reply_to", f.in_reply_to},
                {"references", f.references},
                {"from_address", f.from_address},
                {"from_name", f.from_name},
                {"reply_to_address", f.reply_to_address},
                {"subject", f.subject},
                {"date", nullptr},
                {"cc_addresses", f.cc_addresses}};
  if (f.date) facts["date"] = static_cast<int64_t>(f.date->time_since_epoch().count());
  Json j = {{"record", to_json(result.record)}, {"facts", facts}, {"needs_human", result.needs_human}};
  // Invalid UTF-8 in a record must not make the dump throw: replace it.
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

parsers::ReadResult sandbox_result_from_json(std::string_view json) {
  const Json j = Json::parse(json);
  parsers::ReadResult r;
  r.record = record_from_json(j.at("record"));
  r.needs_human = j.at("needs_human").get<bool>();
  const Json& f = j.at("facts");
  r.facts.message_id = f.at("message_id").get<std::string>();
  r.facts.in_reply_to = f.at("in_reply_to").get<std::string>();
  r.facts.references = f.at("references").get<std::vector<std::string>>();
  r.facts.from_address = f.at("from_address").get<std::string>();
  r.facts.from_name = f.at("from_name").get<std::string>();
  r.facts.reply_to_address = f.at("reply_to_address").get<std::string>();
  r.facts.subject = f.at("subject").get<std::string>();
  r.facts.cc_addresses = f.at("cc_addresses").get<std::vector<std::string>>();
  if (!f.at("date").is_null()) r.facts.date = TimePoint(Duration(f.at("date").get<int64_t>()));
  return r;
}

SandboxedRead read_report_sandboxed(std::string_view raw, const Limits& limits, const SandboxSettings& settings) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return failed(SandboxOutcome::fork_failed, std::strerror(errno));
  const pid_t pid = ::fork();
  if (pid < 0) {
    const int e = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    return failed(SandboxOutcome::fork_failed, std::strerror(e));
  }
  if (pid == 0) {
    ::close(fds[0]);
    run_child(fds[1], raw, limits, settings);
  }
  ::close(fds[1]);

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
    if (got <= 0) break;  // EOF: the child is done (or dead)
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
