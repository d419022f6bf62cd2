// The system-call allow-list the parse worker confines itself with
// (daemon/parse_worker.hpp), installed with prctl() directly: equivalent to a
// libseccomp allow-list without a new build dependency, and small enough to
// read in full here.
//   allowed: memory management, read/write on the descriptors it already has,
//            futex, signals' return, time, exit;
//   fatal:   execve, socket/connect, ptrace, process creation, kill (calls
//            that reach outside the process kill it: SIGSYS);
//   others:  fail with EPERM (open, stat, ...), which the document libraries
//            (fontconfig under poppler) take as "not there".
#pragma once

namespace gdprd::daemon {

// True when the filter is in force. False on an unknown architecture or when
// the kernel refused it; the caller then refuses to parse.
bool install_parse_seccomp_filter();

// True in an AddressSanitizer build, whose runtime needs a few more calls and
// cannot live with an RLIMIT_AS.
bool built_with_address_sanitizer();

}  // namespace gdprd::daemon
