// The parse worker: the separate program (gdprincident-parse, installed in
// /usr/libexec/gdprincidentd/) that builds the mails' records for the daemon
// (daemon/parse_sandbox.hpp starts it and talks to it).
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
// one it is given.
//
// It is a zygote: started once (exec()ed by the daemon, so it begins clean and
// single-threaded), it loads the libraries and what they read from disk on
// first use, then fork()s a fresh child for each mail. Forking a
// single-threaded process is safe, each mail gets a pristine copy that no
// earlier mail has touched, and the ~5 ms of dynamic linking a program start
// costs (poppler alone brings 30 libraries) is paid once, not per mail.
//
// The protocol, over the AF_UNIX SOCK_SEQPACKET socket on descriptor 3:
//   daemon -> worker  the limits as text (encode_limits), with two descriptors
//                     attached (SCM_RIGHTS): the mail (a sealed memfd, read to
//                     its end) and the write end of the result pipe;
//   worker -> daemon  "pid N" once the child runs (or "error TEXT"), then
//                     "status S U" once it has ended: its wait status and the
//                     CPU time it used, in microseconds.
// The child writes the result (daemon/parse_result_wire.hpp) to the pipe.
// Before it reads a byte of the mail the child confines itself: every
// descriptor above 2 closed (the socket too), setrlimit RLIMIT_AS (its size
// now plus the budget), RLIMIT_CPU, RLIMIT_FSIZE 0, RLIMIT_NOFILE, RLIMIT_CORE
// 0, and the seccomp filter of daemon/seccomp_filter.hpp. The worker ends
// when the daemon closes the socket.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/limits.hpp"

namespace gdprd::daemon {

struct WorkerOptions {
  // Added to the worker's own size once loaded, so the budget is the parser's.
  size_t address_space_bytes = 512u * 1024 * 1024;
  int cpu_seconds = 10;
  bool seccomp = true;
};

// Exit statuses of the worker other than 0.
inline constexpr int kWorkerExitUsage = 64;
inline constexpr int kWorkerExitConfinement = 70;  // refused to parse unconfined
inline constexpr int kWorkerExitException = 71;

inline constexpr int kWorkerSocketFd = 3;
inline constexpr size_t kMaxRequestBytes = 4096;

// The command line (without the program name) that gives `o` to the worker.
std::vector<std::string> worker_arguments(const WorkerOptions& o);

// The inverse of worker_arguments; nullopt and `error` on anything else.
std::optional<WorkerOptions> parse_worker_arguments(const std::vector<std::string>& args, std::string& error);

// A request's text: every limit as "name=value" lines, and back. decode
// wants each limit of core/limits.hpp, positive; nullopt and `error` otherwise.
std::string encode_limits(const Limits& limits);
std::optional<Limits> decode_limits(std::string_view text, std::string& error);

// The whole worker: arguments, then requests until the socket closes.
// `after_confinement` runs in each child once confined, before the mail is
// read (a test hook: the test worker simulates a crash, a hang or a forbidden
// call there). Returns the exit status.
int parse_worker_main(int argc, char** argv, const std::function<void()>& after_confinement = {});

}  // namespace gdprd::daemon
