#!/bin/sh
# Builds every *_fuzz.cpp target with clang (libFuzzer + ASan + UBSan) and
# runs each for SECONDS (default 60) from its seeds (tests/fuzz/<target>/ and
# tests/corpus/) with its dictionary (<target>.dict next to the source), then
# prints executions, coverage and findings per target.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Env: BUILD_DIR (default build-fuzz), JOBS (default 2), RUNS (stop a target
# after this many executions, e.g. 10000000; default: only the time limit),
# TIMEOUT (seconds of wall clock one input may take, default 10; libFuzzer
# measures wall time, so on a loaded machine a fuzzer at low priority reports
# starved inputs as timeouts: replay them alone before calling them hangs),
# CPU_LIMIT (stop a target once its process has used this many CPU seconds,
# e.g. 3600: on a shared machine SECONDS of wall clock give a niced fuzzer
# much less than that of CPU, so a campaign passes a large SECONDS and
# CPU_LIMIT=3600 to give each target its hour). New inputs found go to
# $BUILD_DIR/fuzz-work/<target>/ (never into the source tree); crashes to
# $BUILD_DIR/fuzz-findings/<target>/. Exit status 1 when anything was found.
set -eu

SECONDS_PER_TARGET=${1:-60}
[ $# -gt 0 ] && shift
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$SRC/build-fuzz}
JOBS=${JOBS:-2}

if ! command -v clang++ >/dev/null 2>&1; then
  echo "fuzz.sh: installing clang (libFuzzer ships with it)" >&2
  apt-get install -y --no-install-recommends clang libclang-rt-dev >/dev/null || \
    apt-get install -y --no-install-recommends clang >/dev/null
fi

TARGETS=${*:-$(find "$SRC" -name '*_fuzz.cpp' -not -path '*/build*' -exec basename {} .cpp \; | sort)}

# fuzzer-no-link on everything: without it only the *_fuzz.cpp harness is
# coverage-instrumented and libFuzzer is blind inside the libraries.
CC=clang CXX=clang++ cmake -S "$SRC" -B "$BUILD_DIR" -DGDPRD_FUZZ=ON -DGDPRD_SANITIZE=ON \
  -DGDPRD_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link >/dev/null
# shellcheck disable=SC2086
cmake --build "$BUILD_DIR" --target $TARGETS -j"$JOBS" >"$BUILD_DIR/fuzz-build.log" 2>&1 || {
  echo "fuzz.sh: build failed, see $BUILD_DIR/fuzz-build.log" >&2; tail -20 "$BUILD_DIR/fuzz-build.log" >&2; exit 2; }

found=0
# cpu_seconds PID: user+system CPU time the process has used so far.
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%d", ($12 + $13) / hz }' "/proc/$1/stat" 2>/dev/null
}

printf '%-24s %12s %8s %8s %6s %6s %s\n' target execs exec/s cov corpus cpu_s findings
for t in $TARGETS; do
  bin=$(find "$BUILD_DIR" -type f -name "$t" -perm -u+x | head -1)
  [ -n "$bin" ] || { echo "$t: no binary" >&2; continue; }
  work="$BUILD_DIR/fuzz-work/$t"; art="$BUILD_DIR/fuzz-findings/$t/"
  mkdir -p "$work" "$art"
  seeds=""
  [ -d "$SRC/tests/fuzz/$t" ] && seeds="$SRC/tests/fuzz/$t"
  dict=$(find "$SRC" -name "$t.dict" -not -path '*/build*' | head -1)
  log="$BUILD_DIR/fuzz-$t.log"
  # One run per target at a time: a second fuzz.sh (a quick RUNS=1 check
  # beside a campaign) would truncate the running one's log and share its
  # corpus directory. fd 9 stays open, so the lock lasts this target's run.
  exec 9>"$BUILD_DIR/fuzz-$t.lock"
  if ! flock -n 9; then
    printf '%-24s %s\n' "$t" "skipped: another fuzz.sh is running it"
    continue
  fi
  # rss_limit and malloc_limit: an input that needs > 2 GB is a finding too.
  # shellcheck disable=SC2086
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  "$bin" -max_total_time="$SECONDS_PER_TARGET" ${RUNS:+-runs=$RUNS} ${dict:+-dict=$dict} -print_final_stats=1 -rss_limit_mb=2048 -malloc_limit_mb=2048 \
    -timeout="${TIMEOUT:-10}" -artifact_prefix="$art" "$work" $seeds "$SRC/tests/corpus" >"$log" 2>&1 &
  pid=$!
  cpu=0
  # libFuzzer prints its final stats on SIGINT too, so a CPU-limited stop
  # reports like a timed one.
  while kill -0 "$pid" 2>/dev/null; do
    sleep 5
    cpu=$(cpu_seconds "$pid" || echo "$cpu"); cpu=${cpu:-0}
    if [ -n "${CPU_LIMIT:-}" ] && [ "$cpu" -ge "$CPU_LIMIT" ]; then kill -INT "$pid" 2>/dev/null || true; fi
  done
  wait "$pid" || true
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  # -a: a log can hold NUL bytes (a process writing past a truncation).
  cov=$(grep -ao 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  corp=$(grep -ao 'corp: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  n=$(find "$art" -type f | wc -l)
  [ "$n" -gt 0 ] && found=1
  printf '%-24s %12s %8s %8s %6s %6s %s\n' "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${corp:-?}" "$cpu" \
    "$n$( [ "$n" -gt 0 ] && printf ' (%s)' "$(ls "$art" | head -3 | tr '\n' ' ')")"
  exec 9>&-
done
exit $found
