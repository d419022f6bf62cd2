// read_report in a throw-away process, so that a parser bug (crash, endless
// loop, runaway allocation) or a parser taken over by a hostile mail costs one
// mail a human review instead of the daemon. Each mail is read by a fresh
// child of gdprincident-parse, the parse worker (daemon/parse_worker.hpp: why
// a program of its own and not a fork of the daemon, the protocol, and the
// confinement each child puts itself under). The daemon starts the worker with
// posix_spawn (its socket as the only descriptor it inherits, signals at
// their defaults, no environment but the sanitizers' options), hands it each
// mail as a sealed memfd, reads the result from a pipe with a wall-clock
// deadline (poll) and SIGKILLs the child when it passes. Any failure (worker
// missing, crash, timeout, OOM, truncated or malformed JSON) gives a
// ReadResult with needs_human and a `limit_exceeded` warning that says what
// happened; the caller has already kept the raw mail.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "core/limits.hpp"
#include "daemon/parse_result_wire.hpp"
#include "parsers/report_reader.hpp"

namespace gdprd::daemon {

struct SandboxSettings {
  // The worker program; empty: default_parse_worker_path().
  std::string worker_path;
  // Added to the worker's own size once it is loaded, so the budget is the
  // parser's and does not depend on the libraries'.
  size_t address_space_bytes = 512u * 1024 * 1024;
  int cpu_seconds = 10;
  std::chrono::milliseconds wall_timeout{20000};
  bool seccomp = true;
  // Arguments put before the worker's own (the test worker's --fault=NAME).
  std::vector<std::string> leading_arguments;
};

// How the worker ended; `ok` when its JSON was read back.
enum class SandboxOutcome { ok, crashed, timed_out, bad_output, not_started };

struct SandboxedRead {
  parsers::ReadResult result;
  SandboxOutcome outcome = SandboxOutcome::ok;
  std::string detail;  // for the log: signal, exit status, parse error
  // CPU time the child used (outcome ok only; for benchmarks and logs).
  std::chrono::microseconds child_cpu{0};
};

// The daemon's end of one parse worker (started on the first read, restarted
// when it breaks, stopped by the destructor). One per thread that parses:
// reads are one at a time.
class ParseSandbox {
 public:
  explicit ParseSandbox(SandboxSettings settings = {});
  ~ParseSandbox();
  ParseSandbox(const ParseSandbox&) = delete;
  ParseSandbox& operator=(const ParseSandbox&) = delete;

  // Never throws. With outcome != ok, result is a report-class record with
  // needs_human and a limit_exceeded warning naming the failure.
  SandboxedRead read(std::string_view raw, const Limits& limits = {});

  // The worker's pid, -1 when none runs (for tests and diagnostics).
  pid_t worker_pid() const { return worker_; }

 private:
  SandboxedRead read_once(std::string_view raw, const Limits& limits);
  bool start_worker(std::string& error);
  void stop_worker();

  SandboxSettings settings_;
  pid_t worker_ = -1;
  int socket_ = -1;
};

// One read with a worker of its own, started and stopped for it.
SandboxedRead read_report_sandboxed(std::string_view raw, const Limits& limits = {},
                                   const SandboxSettings& settings = {});

std::string_view sandbox_outcome_name(SandboxOutcome o);

// Where the worker is: beside the running program (a build tree), else in
// ../libexec/gdprincidentd/ from it (an installed tree, also under a
// DESTDIR or dpkg --root), else the path configured at build time.
std::string default_parse_worker_path();

// Runs the worker on a built-in report, confined as for a real mail. Empty
// when it gave the expected record, else why not (for --check-config and the
// daemon's start: a missing or broken worker is an installation error to
// report at once, not a reason to flag every mail for a human).
std::string check_parse_worker(const SandboxSettings& settings = {});

}  // namespace gdprd::daemon
