#!/usr/bin/env bash
# Ingest benchmark (issue 9): how fast mail comes out of an IMAPS mailbox, by
# tool, each measured as a whole process (wall time, peak RSS, CPU %):
#   openssl s_client (the IMAPS ceiling), mbsync, curl per UID, and
#   gdprincidentd --once (fetch, parse, store, acknowledge), plus the parser
#   alone; then delivery-to-acknowledgment latency with the daemon running.
#
#   bench/run.sh [N]          N mails, default 10000; LATENCY=100 mails for latency;
#                             BUILD=dir to build elsewhere than build-bench/
#
# Installs what is missing, builds Release (-O2) into build-bench/, starts a
# private Dovecot and SMTP server on 127.0.0.1 (tests/e2e/harness.py), prints
# one table and writes bench/results.md and bench/results.json. Every step is
# bounded in time; the servers are always stopped (trap), also on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
latency=${LATENCY:-100}
build=${BUILD:-build-bench}  # BUILD=dir: another Release dir (parallel engineers share the machine)
out=bench
# Debian's interpreter: the harness's SMTP server needs python3-aiosmtpd, which
# another python3 earlier on PATH (pyenv and the like) does not have.
py=/usr/bin/python3
[ -x "$py" ] || py=python3

bash scripts/install-deps.sh

driver_pid=
stop_all() {
  # The driver stops its servers itself on TERM; these are the backstops, by pid,
  # for the case where it could not (killed, or stuck past its own bounds).
  if [ -n "$driver_pid" ] && kill -0 "$driver_pid" 2>/dev/null; then
    kill -TERM "$driver_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$driver_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$driver_pid" 2>/dev/null || true
  fi
  if [ -f "$out/.pids" ]; then
    for pid in $(cat "$out/.pids"); do kill -TERM "$pid" 2>/dev/null || true; done
    rm -f "$out/.pids"
  fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM HUP

cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" \
  -DGDPRD_BUILD_TESTS=OFF >/dev/null
targets=()
[ -f daemon/main_gdprincidentd.cpp ] && targets+=(gdprincidentd)
[ -f parsers/report_reader.cpp ] && targets+=(gdprd_parse_bench)
if [ ${#targets[@]} -gt 0 ]; then
  # A build that fails (someone else's work in progress) still lets the tools
  # that need no project binary be measured; the table says what is missing.
  timeout 3600 cmake --build "$build" --target "${targets[@]}" -j2 ||
    echo "run.sh: build of ${targets[*]} failed; measuring what exists" >&2
fi

mails=$build/bench-mails-$n
lat_mails=$build/bench-mails-latency-$latency
if [ "$(find "$mails" -maxdepth 1 -name '*.eml' 2>/dev/null | wc -l)" != "$n" ]; then
  timeout 1800 "$py" bench/gen_mails.py "$n" "$mails"
fi
if [ "$(find "$lat_mails" -maxdepth 1 -name '*.eml' 2>/dev/null | wc -l)" != "$latency" ]; then
  timeout 600 "$py" bench/gen_mails.py "$latency" "$lat_mails" --seed gdprd-bench-latency
fi

args=(--mails "$mails" --latency-mails "$lat_mails" --latency "$latency" --out "$out")
[ -x "$build/daemon/gdprincidentd" ] && args+=(--daemon "$build/daemon/gdprincidentd")
[ -x "$build/bench/gdprd_parse_bench" ] && args+=(--parse-bench "$build/bench/gdprd_parse_bench")

# The driver bounds each step itself; this bounds the whole (steps + setup).
timeout -k 30 $((1800 + n)) "$py" bench/ingest_bench.py "${args[@]}" &
driver_pid=$!
rc=0
wait "$driver_pid" || rc=$?
driver_pid=
exit "$rc"
