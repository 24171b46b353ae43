#!/usr/bin/env bash
# The throughput figures of issue 14, in a release build, on journeys from two generators:
# cxj-bench's (few wordy stages, multi-line blocks, CJK and emoji) and
# Benchmarks/dense_journey.py (many short one-line statements, a touchpoint per step).
#
#   Benchmarks/throughput.sh [SIZE_MB]          default: 20
#
# For each: `check`, `compile --to json`, `compile --to dot` and `fmt` with hyperfine (mean and
# minimum of 15 runs: this machine is noisy, so the minimum is quoted beside the mean), peak
# RSS from GNU time against the runtime's base (checking a one-line file), and, with
# CXJ_CALLGRIND=1, instructions per input byte from callgrind on a 2 MB journey of each shape.
# Callgrind runs one thread at a time; `--fair-sched=yes` alternates them as two cores would,
# so the split parse's second half keeps pace and is adopted, and the count repeats to within
# a few thousand instructions (without it, 204M, 235M or 262M for the same dense check).
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-20}
source Benchmarks/release.sh
"$bin/cxj-bench" generate "$size" "$work/bench.cxj" >/dev/null
python3 Benchmarks/dense_journey.py "$size" "$work/dense.cxj"
echo 'team care "Customer care"' > "$work/tiny.cxj"
/usr/bin/time -f '%M' -o "$work/rss" "$bin/cxj" check "$work/tiny.cxj" >/dev/null 2>&1 || true
base=$(cat "$work/rss")
printf '%-6s %-12s %9s %9s %9s %9s %10s %9s\n' shape command "mean s" "min s" "MB/s" "best MB/s" "peak RSS" "above base"
for shape in bench dense; do
  file="$work/$shape.cxj"
  bytes=$(stat -c %s "$file")
  for command in "check --diagnostics short FILE" "compile FILE --to json -o /dev/null" "compile FILE --to dot -o /dev/null" "fmt --stdout FILE"; do
    line=${command//FILE/$file}
    hyperfine -N -w 2 -r 15 --export-json "$work/h.json" "$bin/cxj $line" >/dev/null 2>&1 || true
    read -r mean min < <(python3 -c "import json; r=json.load(open('$work/h.json'))['results'][0]; print(r['mean'], r['min'])")
    /usr/bin/time -f '%M' -o "$work/rss" "$bin/cxj" $line >/dev/null 2>&1 || true
    rss=$(cat "$work/rss")
    name=$(echo "$command" | sed 's/ FILE//; s/ --diagnostics short//; s/ -o \/dev\/null//; s/compile --to/compile/; s/ --stdout//')
    awk -v s="$shape" -v n="$name" -v b="$bytes" -v m="$mean" -v t="$min" -v r="$rss" -v base="$base" 'BEGIN {
      printf "%-6s %-12s %9.3f %9.3f %9.1f %9.1f %8.1fMB %8.2fx\n", s, n, m, t, b/1e6/m, b/1e6/t, r/1024, (r-base)*1024/b }'
  done
done
echo "runtime base: $((base / 1024)) MB"
if [ "${CXJ_CALLGRIND:-0}" = 1 ] && command -v valgrind >/dev/null; then
  "$bin/cxj-bench" generate 2 "$work/bench2.cxj" >/dev/null
  python3 Benchmarks/dense_journey.py 2 "$work/dense2.cxj"
  for shape in bench2 dense2; do
    file="$work/$shape.cxj"
    bytes=$(stat -c %s "$file")
    for command in "check --diagnostics short FILE" "compile FILE --to json -o /dev/null" "compile FILE --to dot -o /dev/null" "fmt --stdout FILE"; do
      line=${command//FILE/$file}
      # hugetlb=0: a run over a large file would start itself again (HugePageHeap), outside valgrind.
      count=$(GLIBC_TUNABLES=glibc.malloc.hugetlb=0 valgrind --tool=callgrind --fair-sched=yes --callgrind-out-file=/dev/null "$bin/cxj" $line 2>&1 >/dev/null | sed -n 's/.*Collected : //p')
      awk -v s="$shape" -v c="$command" -v n="$count" -v b="$bytes" 'BEGIN { printf "callgrind %-7s %-40s %12d instructions  %6.1f per byte\n", s, c, n, n/b }'
    done
  done
fi
