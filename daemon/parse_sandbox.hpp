// read_report in a throw-away child process, so that a parser bug (crash,
// endless loop, runaway allocation) costs one mail a human review instead of
// the daemon. The child is fork()ed (the mail is already in its memory; no
// input channel is needed), then confines itself before parsing:
//   - setrlimit: RLIMIT_AS (address space), RLIMIT_CPU, RLIMIT_FSIZE 0 (no
//     file can grow), RLIMIT_NOFILE 8 (no new descriptors beyond the pipe),
//     RLIMIT_CORE 0 (a crash leaves no core file with personal data);
//   - a seccomp-BPF filter installed with prctl() directly (equivalent to a
//     libseccomp allow-list, without a new build dependency): memory
//     management, read/write, futex, signals' return, time and exit are
//     allowed; execve, socket/connect, ptrace and process creation kill the
//     child; any other call (open, stat, ...) fails with EPERM, which the
//     document libraries (fontconfig under poppler) treat as "not there".
// The child writes the result as JSON to a pipe and _exit()s; the parent reads
// with a wall-clock deadline (poll) and SIGKILLs the child when it passes.
// Any failure (crash, timeout, OOM, truncated or malformed JSON) gives a
// ReadResult with needs_human and a `limit_exceeded` warning that says what
// happened; the caller has already kept the raw mail.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "core/limits.hpp"
#include "parsers/report_reader.hpp"

namespace gdprd::daemon {

struct SandboxSettings {
  // Added to what the child inherits from the daemon (thread stacks, arenas),
  // so the budget is the parser's own and does not depend on the daemon's size.
  size_t address_space_bytes = 512u * 1024 * 1024;
  int cpu_seconds = 10;
  std::chrono::milliseconds wall_timeout{20000};
  bool seccomp = true;
  // Test hook: runs in the child after confinement, before read_report
  // (e.g. abort() or spin to simulate a parser crash or hang).
  std::function<void()> child_hook;
};

// How the child ended; `ok` when its JSON was read back.
enum class SandboxOutcome { ok, crashed, timed_out, bad_output, fork_failed };

struct SandboxedRead {
  parsers::ReadResult result;
  SandboxOutcome outcome = SandboxOutcome::ok;
  std::string detail;  // for the log: signal, exit status, parse error
};

// Never throws. With outcome != ok, result is a report-class record with
// needs_human and a limit_exceeded warning naming the failure.
SandboxedRead read_report_sandboxed(std::string_view raw, const Limits& limits = {},
                                   const SandboxSettings& settings = {});

// The wire format between child and parent (exposed for tests): record JSON,
// mail facts and needs_human in one object. from_json throws
// nlohmann::json::exception on malformed input.
std::string sandbox_result_to_json(const parsers::ReadResult& result);
parsers::ReadResult sandbox_result_from_json(std::string_view json);

std::string_view sandbox_outcome_name(SandboxOutcome o);

}  // namespace gdprd::daemon
