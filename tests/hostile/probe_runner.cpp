#include "tests/hostile/probe_runner.hpp"

#include <poll.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "parsers/report_reader.hpp"

namespace gdprd::hostile {
namespace {

// A field of /proc/self/status in kB ("VmRSS", "VmHWM", "VmSize"); 0 if absent.
long status_kb(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const size_t n = std::strlen(field);
  while (std::getline(in, line))
    if (line.compare(0, n, field) == 0 && line.size() > n && line[n] == ':') return std::atol(line.c_str() + n + 1);
  return 0;
}

void write_all(int fd, const std::string& s) {
  size_t off = 0;
  while (off < s.size()) {
    const ssize_t w = ::write(fd, s.data() + off, s.size() - off);
    if (w <= 0) return;
    off += static_cast<size_t>(w);
  }
}

// Child side: one line per fact, "key value", so the parent needs no JSON.
[[noreturn]] void child(int fd, const std::string& raw, const Limits& limits, long budget_mb) {
  const long before_kb = status_kb("VmRSS");
  rlimit as{};
  as.rlim_cur = as.rlim_max = static_cast<rlim_t>(status_kb("VmSize") + budget_mb * 1024) * 1024;
  setrlimit(RLIMIT_AS, &as);
  rlimit cpu{30, 30};
  setrlimit(RLIMIT_CPU, &cpu);
  const auto t0 = std::chrono::steady_clock::now();
  const parsers::ReadResult r = parsers::read_report(raw, limits);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::ostringstream out;
  out << "seconds " << secs << "\nrss " << (status_kb("VmHWM") - before_kb) << "\nclass " << r.record.message_class
      << "\nhuman " << (r.needs_human ? 1 : 0) << "\n";
  for (const auto& w : r.record.warnings) out << "warning " << w.code << "\n";
  write_all(fd, out.str());
  ::_exit(0);
}

}  // namespace

bool ProbeOutcome::has_warning(std::string_view code) const {
  for (const auto& w : warning_codes)
    if (w == code) return true;
  return false;
}

ProbeOutcome run_probe(const std::string& raw, const Limits& limits, long budget_mb) {
  ProbeOutcome o;
  int fds[2];
  if (::pipe(fds) != 0) return o;
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    child(fds[1], raw, limits, budget_mb);
  }
  ::close(fds[1]);
  std::string text;
  char buf[4096];
  for (;;) {
    const ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n <= 0) break;
    text.append(buf, static_cast<size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (WIFSIGNALED(status)) o.signal = WTERMSIG(status);
  std::istringstream in(text);
  std::string key;
  while (in >> key) {
    if (key == "seconds") in >> o.seconds;
    else if (key == "rss") in >> o.rss_growth_kb;
    else if (key == "class") in >> o.message_class;
    else if (key == "human") { int h = 0; in >> h; o.needs_human = h != 0; }
    else if (key == "warning") { std::string c; in >> c; o.warning_codes.push_back(c); }
  }
  o.completed = WIFEXITED(status) && WEXITSTATUS(status) == 0 && !o.message_class.empty();
  return o;
}

}  // namespace gdprd::hostile
