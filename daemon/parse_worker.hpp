// The parse worker: the separate program (gdprincident-parse, installed in
// /usr/libexec/gdprincidentd/) that builds one mail's record for the daemon
// (daemon/parse_sandbox.hpp starts it, once per mail).
//
// Why a program of its own, exec()ed, and not a fork() of the daemon: the
// daemon has threads (the next batch downloads while this one is parsed), and
// after fork() only the forking thread exists in the child, so every lock the
// other threads held (allocator, libcurl, OpenSSL, the C++ runtime's) stays
// locked there for ever. A forked child that needs one hangs until the wall
// clock kills it, and a good mail lands on a human's desk (seen in CI: the
// first mail of a batch under AddressSanitizer, whose allocator lock glibc's
// fork does not take). A fresh program has no such state, no copy of the
// daemon's memory (its secrets, its other mails), and no descriptor but the
// two it is given.
//
// The protocol: the mail on descriptor 0 (a sealed memfd, read to its end),
// the result on descriptor 1 (the JSON of daemon/parse_sandbox.hpp's wire
// format), exit status 0. The limits come on the command line
// (worker_arguments). Before it reads a byte of the mail the worker confines
// itself: setrlimit RLIMIT_AS (its size now plus the budget), RLIMIT_CPU,
// RLIMIT_FSIZE 0, RLIMIT_NOFILE, RLIMIT_CORE 0; every descriptor above 2
// closed; the seccomp filter of daemon/seccomp_filter.hpp.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/limits.hpp"

namespace gdprd::daemon {

struct WorkerOptions {
  Limits limits;
  // Added to the worker's own size once loaded, so the budget is the parser's.
  size_t address_space_bytes = 512u * 1024 * 1024;
  int cpu_seconds = 10;
  bool seccomp = true;
};

// Exit statuses of the worker other than 0.
inline constexpr int kWorkerExitUsage = 64;
inline constexpr int kWorkerExitConfinement = 70;  // refused to parse unconfined
inline constexpr int kWorkerExitException = 71;

// The command line (without the program name) that gives `o` to the worker.
std::vector<std::string> worker_arguments(const WorkerOptions& o);

// The inverse of worker_arguments; nullopt and `error` on anything else.
std::optional<WorkerOptions> parse_worker_arguments(const std::vector<std::string>& args, std::string& error);

// The whole worker: arguments, confinement, read, parse, write. `after_confinement`
// runs once confined, before the mail is read (a test hook: the test worker
// simulates a crash, a hang or a forbidden call there). Returns the exit status.
int parse_worker_main(int argc, char** argv, const std::function<void()>& after_confinement = {});

}  // namespace gdprd::daemon
