#!/usr/bin/env bash
# Compares one `cxj check` over a directory of many small journeys (release build, all
# cores, then one core) with one `cxj check` per file, as a naive CI script would run it, and
# gives issue 14's ratio of one core to all: medians of RUNS runs alternating run by run,
# each started without a shell (`Benchmarks/alternate.py`); and the peak memory of `check` and
# `compile --to json` over the folder (GNU time, when /usr/bin/time is there).
#
#   Benchmarks/many.sh [COUNT] [RUNS]      defaults: 1000 and 30
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000}
source Benchmarks/release.sh
"$bin/cxj-bench" many "$count" "$work/journeys" >/dev/null
cd "$work"
echo "$count journeys ($(du -sh journeys | cut -f1)), $(nproc) cores"

now() { date +%s.%N; }
start=$(now); "$bin/cxj" check --diagnostics short journeys >/dev/null 2>&1 || true; end=$(now)
one_run=$(echo "$end - $start" | bc)
start=$(now); taskset -c 0 "$bin/cxj" check --diagnostics short journeys >/dev/null 2>&1 || true; end=$(now)
one_core=$(echo "$end - $start" | bc)
start=$(now)
for file in journeys/journey-*.cxj; do "$bin/cxj" check --diagnostics short "$file" >/dev/null 2>&1 || true; done
end=$(now)
separate=$(echo "$end - $start" | bc)
printf "one run, all cores:     %8.3f s\n" "$one_run"
printf "one run, one core:      %8.3f s\n" "$one_core"
printf "%d separate runs:     %8.3f s  (%.0f× slower than one run)\n" "$count" "$separate" "$(echo "$separate / $one_run" | bc -l)"
runs=${2:-30}
medians=$(python3 "$OLDPWD/Benchmarks/alternate.py" "$runs" "exec $bin/cxj check --diagnostics short journeys" \
    "exec taskset -c 0 $bin/cxj check --diagnostics short journeys")
echo "$medians"
echo "$medians" | awk '{ m[NR] = $2 } END { printf "one core against all, medians of %d alternating runs: %.2f×\n", '"$runs"', m[2] / m[1] }'
# Peak memory (maximum resident set size, KiB), median of 5, beside that of `cxj --version`.
peak() {
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null 2>&1 || true
    cat "$work/rss"
  done | sort -n | sed -n 3p
}
if [ -x /usr/bin/time ]; then
  echo "peak memory: check $(peak "$bin/cxj" check --diagnostics short journeys) KiB," \
    "compile --to json $(peak "$bin/cxj" compile --to json journeys) KiB, --version $(peak "$bin/cxj" --version) KiB" \
    "(input $(du -sk --apparent-size journeys | cut -f1) KiB)"
fi
# Same output, in the same order, every time.
a=$("$bin/cxj" check --diagnostics short journeys 2>&1 || true)
b=$("$bin/cxj" check --diagnostics short journeys 2>&1 || true)
[ "$a" = "$b" ] && echo "output identical across runs ($(echo "$a" | wc -l) lines)" || { echo "output differs between runs"; exit 1; }
