// read_report in a throw-away process, so that a parser bug (crash, endless
// loop, runaway allocation) or a parser taken over by a hostile mail costs one
// mail a human review instead of the daemon. Each mail gets a fresh
// gdprincident-parse (daemon/parse_worker.hpp: why a program of its own and
// not a fork, the protocol, and the confinement it puts itself under):
// posix_spawn with the mail in a sealed memfd on its standard input, its
// standard output a pipe, no other descriptor, signals at their defaults and
// no environment but the sanitizers' options. The daemon reads the result
// with a wall-clock deadline (poll) and SIGKILLs the worker when it passes.
// Any failure (worker missing, crash, timeout, OOM, truncated or malformed
// JSON) gives a ReadResult with needs_human and a `limit_exceeded` warning
// that says what happened; the caller has already kept the raw mail.
#pragma once

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
};

// Never throws. With outcome != ok, result is a report-class record with
// needs_human and a limit_exceeded warning naming the failure.
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
