#include "daemon/parse_worker.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iterator>
#include <string_view>

#include "daemon/fd_write.hpp"
#include "daemon/parse_result_wire.hpp"
#include "daemon/seccomp_filter.hpp"
#include "parsers/docs/pdf_reader.hpp"
#include "parsers/report_reader.hpp"

namespace gdprd::daemon {
namespace {

constexpr std::string_view kAddressSpace = "--address-space-bytes=";
constexpr std::string_view kCpuSeconds = "--cpu-seconds=";
constexpr std::string_view kNoSeccomp = "--no-seccomp";

std::optional<size_t> positive(std::string_view s) {
  size_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v == 0) return std::nullopt;
  return v;
}

size_t virtual_size_bytes() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmSize:", 0) == 0) return static_cast<size_t>(std::atol(line.c_str() + 7)) * 1024;
  return 0;
}

void set_limit(int resource, rlim_t soft, rlim_t hard) {
  rlimit r{soft, hard};
  ::setrlimit(resource, &r);
}

// Everything before the mail is read. Exits on a confinement it was asked for
// and could not get: parsing unconfined is worse than not parsing.
void confine(const WorkerOptions& o) {
  ::syscall(SYS_close_range, 3u, ~0u, 0u);  // only the mail and the result pipe (0, 1) and stderr
  set_limit(RLIMIT_CORE, 0, 0);  // a crash leaves no core file with personal data
  // Not under AddressSanitizer: it reserves terabytes of shadow address space
  // up front, so any RLIMIT_AS the worker could live with is already exceeded.
  // Its own allocator limits stand in there.
  if (!built_with_address_sanitizer()) {
    // Measured now, loaded: the budget is the parser's own, not the libraries'.
    const size_t vm = virtual_size_bytes();
    if (vm == 0) ::_exit(kWorkerExitConfinement);
    const auto as = static_cast<rlim_t>(vm + o.address_space_bytes);
    set_limit(RLIMIT_AS, as, as);
  }
  set_limit(RLIMIT_CPU, static_cast<rlim_t>(o.cpu_seconds), static_cast<rlim_t>(o.cpu_seconds + 1));
  set_limit(RLIMIT_FSIZE, 0, 0);
  set_limit(RLIMIT_NOFILE, 8, 8);
  if (o.seccomp && !install_parse_seccomp_filter()) ::_exit(kWorkerExitConfinement);
}

// The mail, to the end of descriptor 0, at most max bytes (the daemon never
// hands over more than max_message_bytes).
std::string read_mail(size_t max) {
  std::string raw;
  char buf[65536];
  for (;;) {
    const ssize_t got = ::read(0, buf, sizeof buf);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    raw.append(buf, static_cast<size_t>(got));
    if (raw.size() > max) break;
  }
  return raw;
}

}  // namespace

std::vector<std::string> worker_arguments(const WorkerOptions& o) {
  std::vector<std::string> args;
  args.push_back(std::string(kAddressSpace) + std::to_string(o.address_space_bytes));
  args.push_back(std::string(kCpuSeconds) + std::to_string(o.cpu_seconds));
  if (!o.seccomp) args.emplace_back(kNoSeccomp);
  return args;
}

std::optional<WorkerOptions> parse_worker_arguments(const std::vector<std::string>& args, std::string& error) {
  WorkerOptions o;
  for (const std::string& a : args) {
    const std::string_view v(a);
    if (v.rfind(kAddressSpace, 0) == 0) {
      auto n = positive(v.substr(kAddressSpace.size()));
      if (!n) return error = "bad " + a, std::nullopt;
      o.address_space_bytes = *n;
    } else if (v.rfind(kCpuSeconds, 0) == 0) {
      auto n = positive(v.substr(kCpuSeconds.size()));
      if (!n || *n > 3600) return error = "bad " + a, std::nullopt;
      o.cpu_seconds = static_cast<int>(*n);
    } else if (v == kNoSeccomp) {
      o.seccomp = false;
    } else {
      return error = "unknown argument " + a, std::nullopt;
    }
  }
  return o;
}

std::string encode_limits(const Limits& limits) {
  std::string out;
  for (const LimitField& f : kLimitFields) out += std::string(f.name) + "=" + std::to_string(limits.*(f.member)) + "\n";
  return out;
}

std::optional<Limits> decode_limits(std::string_view text, std::string& error) {
  Limits limits;
  size_t seen = 0;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    const size_t eq = line.find('=');
    const LimitField* field = nullptr;
    for (const LimitField& f : kLimitFields)
      if (eq != std::string_view::npos && line.substr(0, eq) == f.name) field = &f;
    auto n = field ? positive(line.substr(eq + 1)) : std::nullopt;
    if (!n) return error = "bad limit '" + std::string(line) + "'", std::nullopt;
    limits.*(field->member) = *n;
    ++seen;
  }
  if (seen != std::size(kLimitFields)) return error = "limits incomplete", std::nullopt;
  return limits;
}

namespace {

// One mail, in the forked child. Never returns.
[[noreturn]] void serve_in_child(const WorkerOptions& o, const Limits& limits, int mail_fd, int result_fd,
                                 const std::function<void()>& after_confinement) {
  if (::dup2(mail_fd, 0) < 0 || ::dup2(result_fd, 1) < 0) ::_exit(kWorkerExitConfinement);
  confine(o);  // closes everything above 2, the zygote's socket included
  int status = 0;
  try {
    if (after_confinement) after_confinement();
    const std::string raw = read_mail(limits.max_message_bytes);
    if (!write_all(1, sandbox_result_to_json(parsers::read_report(raw, limits)))) status = kWorkerExitException;
  } catch (...) {
    status = kWorkerExitException;
  }
  ::_exit(status);
}

bool send_text(int sock, const std::string& text) {
  for (;;) {
    const ssize_t n = ::send(sock, text.data(), text.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    return n == static_cast<ssize_t>(text.size());
  }
}

// One request: its limits and the two descriptors (mail, result pipe).
// 0 at the end of the stream (the daemon closed it), -1 on a broken one.
int receive_request(int sock, std::string& text, int fds[2]) {
  char buf[kMaxRequestBytes];
  char control[CMSG_SPACE(sizeof(int) * 2)];
  iovec iov{buf, sizeof buf};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  ssize_t n;
  do {
    n = ::recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
  } while (n < 0 && errno == EINTR);
  if (n <= 0) return n == 0 ? 0 : -1;
  fds[0] = fds[1] = -1;
  for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
    if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
    const size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
    const int* got = reinterpret_cast<const int*>(CMSG_DATA(c));
    for (size_t i = 0; i < count; ++i) {
      if (i < 2 && fds[i] < 0) fds[i] = got[i];
      else ::close(got[i]);
    }
  }
  text.assign(buf, static_cast<size_t>(n));
  return (msg.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) ? -1 : 1;
}

}  // namespace

int parse_worker_main(int argc, char** argv, const std::function<void()>& after_confinement) {
  std::string error;
  auto options = parse_worker_arguments(std::vector<std::string>(argv + 1, argv + argc), error);
  if (!options || ::fcntl(kWorkerSocketFd, F_GETFD) < 0) {
    std::fprintf(stderr,
                 "gdprincident-parse: %s\n"
                 "This program is started by gdprincidentd, which sends it mails over descriptor %d;\n"
                 "it is not meant to be run by hand.\n",
                 options ? "no request socket" : error.c_str(), kWorkerSocketFd);
    return kWorkerExitUsage;
  }
  ::signal(SIGPIPE, SIG_IGN);
  set_limit(RLIMIT_CORE, 0, 0);
  // Loaded once here, inherited by every child: what the libraries would
  // otherwise read from disk on first use (after the child's seccomp filter
  // forbids opening files): iconv's tables for poppler, the time zone.
  parsers::prepare_pdf_reading();
  ::tzset();
  for (;;) {
    std::string text;
    int fds[2] = {-1, -1};
    const int got = receive_request(kWorkerSocketFd, text, fds);
    if (got == 0) return 0;  // the daemon is done with us
    if (got < 0) return kWorkerExitUsage;
    std::string bad;
    auto limits = decode_limits(text, bad);
    if (!limits || fds[0] < 0 || fds[1] < 0) {
      for (int fd : fds)
        if (fd >= 0) ::close(fd);
      if (!send_text(kWorkerSocketFd, "error " + (limits ? std::string("descriptors missing") : bad))) return 0;
      continue;
    }
    // Single-threaded: fork() is safe here, and each mail gets a pristine copy.
    const pid_t pid = ::fork();
    if (pid == 0) serve_in_child(*options, *limits, fds[0], fds[1], after_confinement);
    const int fork_errno = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    if (pid < 0) {
      if (!send_text(kWorkerSocketFd, std::string("error fork: ") + std::strerror(fork_errno))) return 0;
      continue;
    }
    if (!send_text(kWorkerSocketFd, "pid " + std::to_string(pid))) return 0;
    int status = 0;
    rusage usage{};
    while (::wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
    }
    const long cpu_us = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000000L + usage.ru_utime.tv_usec +
                        usage.ru_stime.tv_usec;
    if (!send_text(kWorkerSocketFd, "status " + std::to_string(status) + " " + std::to_string(cpu_us))) return 0;
  }
}

}  // namespace gdprd::daemon
