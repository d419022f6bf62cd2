#include "daemon/seccomp_filter.hpp"

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

#include <cerrno>
#include <cstddef>
#include <vector>

namespace gdprd::daemon {
namespace {

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
bool install() {
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

}  // namespace

bool install_parse_seccomp_filter() { return install(); }

bool built_with_address_sanitizer() { return GDPRD_UNDER_ASAN != 0; }

}  // namespace gdprd::daemon
