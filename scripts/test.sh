#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what is missing, builds twice
# (RelWithDebInfo, and with AddressSanitizer + UBSan), runs every ctest suite
# in both (unit, corpus, fuzz replay, end-to-end against a private Dovecot
# and SMTP server on 127.0.0.1), then builds the Debian package with
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

echo "== build and test (RelWithDebInfo) =="
run_suite build-test -DCMAKE_BUILD_TYPE=RelWithDebInfo
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

if [ "${GDPRD_SKIP_PACKAGE:-0}" != 1 ]; then
  echo "== Debian package: dpkg-buildpackage, lintian, install and purge =="
  GDPRD_JOBS=$jobs bash scripts/package-test.sh
  phase_done "Debian package"
fi
