#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what is missing, builds twice
# (RelWithDebInfo, and with AddressSanitizer + UBSan), runs every ctest suite
# in both (unit, corpus, fuzz replay, end-to-end against a private Dovecot
# and SMTP server on 127.0.0.1), and meanwhile builds the Debian package with
# dpkg-buildpackage and installs and purges it in an empty root
# (scripts/package-test.sh). Each phase prints how long it took.
#
# Env: GDPRD_SKIP_SANITIZE=1 or GDPRD_SKIP_PACKAGE=1 leave out a phase (for a
# quick local run; CI runs all three).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

jobs=$(nproc)
run_suite() {
  local dir=$1; shift
  local filter=()
  if [ "${1:-}" = "--exclude" ]; then filter=(-E "$2"); shift 2; fi
  cmake -S . -B "$dir" -DGDPRD_BUILD_TESTS=ON "$@" >/dev/null
  cmake --build "$dir" -j"$jobs"
  ctest --test-dir "$dir" --output-on-failure -j"$jobs" --timeout 600 "${filter[@]}"
}

phase_start=$SECONDS
phase_done() { echo "== $1: $((SECONDS - phase_start)) s =="; phase_start=$SECONDS; }

# The Debian package (dpkg-buildpackage, lintian, install and purge in an
# empty root: scripts/package-test.sh) compiles the project once more. It
# runs in the background at the lowest priority from the moment the first
# build is done, so it takes the CPU the end-to-end tests leave idle while
# they wait on servers and timers, and never slows a test down; its result
# is checked at the end.
package_pid=""
package_log=$(mktemp /tmp/gdprd-package-test.XXXXXX.log)
start_package_test() {
  [ "${GDPRD_SKIP_PACKAGE:-0}" != 1 ] || return 0
  echo "== Debian package: building in the background (nice 19), log $package_log =="
  # Its own process group (set -m) so that it can be stopped as a whole; not
  # its own session (setsid): with the kernel's autogroup scheduling a new
  # session is a new scheduling group, and nice 19 would then count for
  # nothing against the tests.
  set -m
  GDPRD_JOBS=$jobs nice -n 19 bash scripts/package-test.sh >"$package_log" 2>&1 &
  package_pid=$!
  set +m
}
# A failing test pass ends this script; the package build must not outlive it.
stop_package_test() {
  if [ -n "$package_pid" ] && kill -0 "$package_pid" 2>/dev/null; then
    kill -TERM -- "-$package_pid" 2>/dev/null || true
  fi
  rm -f "$package_log"
}
trap stop_package_test EXIT

# -g1 (line tables, enough for a backtrace) instead of -g: at -O2 GCC's
# variable tracking for full debug info makes a compile ~1.5x slower.
plain=(-DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG")
echo "== build and test (RelWithDebInfo) =="
cmake -S . -B build-test -DGDPRD_BUILD_TESTS=ON "${plain[@]}" >/dev/null
cmake --build build-test -j"$jobs"
start_package_test
run_suite build-test "${plain[@]}"
phase_done "RelWithDebInfo build and test"

if [ "${GDPRD_SKIP_SANITIZE:-0}" != 1 ]; then
  echo "== build and test (ASan + UBSan) =="
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  # Everything runs under ASan+UBSan except the end-to-end tests (real
  # servers, real binaries, timing; the plain pass above runs them). The
  # sandboxed parser runs here too: it sets no RLIMIT_AS under ASan (whose
  # shadow memory is terabytes of address space) and lets the sanitizers'
  # own syscalls through its seccomp filter (daemon/parse_sandbox.cpp).
  run_suite build-asan --exclude 'e2e_' \
    -DCMAKE_BUILD_TYPE=Debug -DGDPRD_SANITIZE=ON
  phase_done "ASan+UBSan build and test"
fi

if [ -n "$package_pid" ]; then
  echo "== Debian package: waiting for the build started after the first compile =="
  package_status=0
  wait "$package_pid" || package_status=$?
  cat "$package_log"
  [ $package_status -eq 0 ] || { echo "== Debian package test FAILED ==" >&2; exit 1; }
  phase_done "Debian package (what remained after the test passes)"
fi
