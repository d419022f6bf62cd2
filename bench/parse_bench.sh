#!/usr/bin/env bash
# Parse benchmark, as the README quotes it: builds gdprd_parse_bench in Release
# (-O2) into build-bench/, generates N fictitious report mails (default 2000) in
# the realistic mix, and times read_report() over them on one thread.
#
#   bench/parse_bench.sh [N]        REPEAT=K passes over the mails (default 3)
#   SANDBOXED=1 bench/parse_bench.sh [N]
#                                   each mail through the parse worker, as the
#                                   daemon reads it (the sandbox's cost is the
#                                   difference to a run without)
#
# Prints the benchmark's table; the last lines are the figures to quote (the
# per-CPU-second ones: the machine is shared). The JSON figures go to
# build-bench/parse_bench.json. To check that a speed change changed no record:
#   build-bench/bench/gdprd_parse_bench DIR --records before.txt   (old build)
#   build-bench/bench/gdprd_parse_bench DIR --records after.txt    (new build)
#   cmp before.txt after.txt
# bench/parse_profile.md has the profile and the before/after figures.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2000}
repeat=${REPEAT:-3}
build=build-bench
mails=$build/bench-mails-$n

if [ ! -f parsers/report_reader.cpp ]; then
  echo "parse_bench: parsers/report_reader.cpp does not exist yet; nothing to time" >&2
  exit 1
fi
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" \
  -DGDPRD_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target gdprd_parse_bench -j2

# The generator is deterministic: an existing directory with N mails is the same mails.
if [ "$(find "$mails" -maxdepth 1 -name '*.eml' 2>/dev/null | wc -l)" != "$n" ]; then
  python3 bench/gen_mails.py "$n" "$mails"
fi

echo "== $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(uname -m), $(g++ -dumpfullversion 2>/dev/null || echo g++) -O2"
extra=()
json=$build/parse_bench.json
if [ "${SANDBOXED:-0}" = 1 ]; then
  extra=(--sandboxed --worker "$build/daemon/gdprincident-parse")
  json=$build/parse_bench_sandboxed.json
fi
"$build/bench/gdprd_parse_bench" "$mails" --repeat "$repeat" --json "$json" "${extra[@]}"
