#include "daemon/parse_worker.hpp"

#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <string_view>

#include "daemon/parse_result_wire.hpp"
#include "daemon/seccomp_filter.hpp"
#include "parsers/docs/pdf_reader.hpp"
#include "parsers/report_reader.hpp"

namespace gdprd::daemon {
namespace {

constexpr std::string_view kAddressSpace = "--address-space-bytes=";
constexpr std::string_view kCpuSeconds = "--cpu-seconds=";
constexpr std::string_view kNoSeccomp = "--no-seccomp";
constexpr std::string_view kLimit = "--limit=";

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
  ::signal(SIGPIPE, SIG_IGN);
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
  // What the libraries would read from disk on first use, read now while
  // files can still be opened: iconv's tables for poppler, the time zone.
  parsers::prepare_pdf_reading();
  ::tzset();
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

bool write_all(int fd, std::string_view s) {
  while (!s.empty()) {
    const ssize_t w = ::write(fd, s.data(), s.size());
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    s.remove_prefix(static_cast<size_t>(w));
  }
  return true;
}

}  // namespace

std::vector<std::string> worker_arguments(const WorkerOptions& o) {
  std::vector<std::string> args;
  args.push_back(std::string(kAddressSpace) + std::to_string(o.address_space_bytes));
  args.push_back(std::string(kCpuSeconds) + std::to_string(o.cpu_seconds));
  if (!o.seccomp) args.emplace_back(kNoSeccomp);
  for (const LimitField& f : kLimitFields)
    args.push_back(std::string(kLimit) + f.name + "=" + std::to_string(o.limits.*(f.member)));
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
    } else if (v.rfind(kLimit, 0) == 0) {
      const std::string_view kv = v.substr(kLimit.size());
      const size_t eq = kv.find('=');
      const LimitField* field = nullptr;
      for (const LimitField& f : kLimitFields)
        if (eq != std::string_view::npos && kv.substr(0, eq) == f.name) field = &f;
      auto n = field ? positive(kv.substr(eq + 1)) : std::nullopt;
      if (!n) return error = "bad " + a, std::nullopt;
      o.limits.*(field->member) = *n;
    } else {
      return error = "unknown argument " + a, std::nullopt;
    }
  }
  return o;
}

int parse_worker_main(int argc, char** argv, const std::function<void()>& after_confinement) {
  std::string error;
  auto options = parse_worker_arguments(std::vector<std::string>(argv + 1, argv + argc), error);
  if (!options) {
    std::fprintf(stderr,
                 "gdprincident-parse: %s\n"
                 "This program is started by gdprincidentd, once per mail (the mail on standard input,\n"
                 "the record as JSON on standard output); it is not meant to be run by hand.\n",
                 error.c_str());
    return kWorkerExitUsage;
  }
  confine(*options);
  // Nothing may escape as an exception: the status is the whole report.
  try {
    if (after_confinement) after_confinement();
    const std::string raw = read_mail(options->limits.max_message_bytes);
    if (!write_all(1, sandbox_result_to_json(parsers::read_report(raw, options->limits)))) return kWorkerExitException;
  } catch (...) {
    return kWorkerExitException;
  }
  return 0;
}

}  // namespace gdprd::daemon
