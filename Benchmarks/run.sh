#!/usr/bin/env bash
# Measures `cxj check` in a release build on generated journeys of several sizes: wall time,
# throughput, peak memory (maximum resident set size) and how time grows with size.
#
#   Benchmarks/run.sh [SIZES_IN_MB...]       default: 5 10 20
#
# Times are hyperfine means when hyperfine is installed (apt-get install hyperfine), otherwise
# the best of three runs of GNU time (10 ms resolution). Peak memory comes from GNU time;
# "above base" subtracts the peak of checking a one-line file (the Swift runtime's share).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(5 10 20)
source Benchmarks/release.sh

peak_kb() {
  /usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null 2>&1 || true
  cat "$work/rss"
}

echo 'team care "Customer care"' > "$work/tiny.cxj"
base=$(peak_kb "$bin/cxj" check "$work/tiny.cxj")

printf '%-7s %10s %9s %9s %10s %8s %11s\n' "size" "bytes" "seconds" "MB/s" "peak RSS" "RSS/in" "above base"
for size in "${sizes[@]}"; do
  file="$work/journey-$size.cxj"
  "$bin/cxj-bench" generate "$size" "$file" >/dev/null
  bytes=$(stat -c %s "$file")
  if command -v hyperfine >/dev/null; then
    hyperfine -N -w 2 -r 15 --export-json "$work/h.json" "$bin/cxj check --diagnostics short $file" >/dev/null 2>&1 || true
    seconds=$(python3 -c "import json; print(json.load(open('$work/h.json'))['results'][0]['mean'])")
  else
    seconds=""
    for _ in 1 2 3; do
      /usr/bin/time -f '%e' -o "$work/time" "$bin/cxj" check --diagnostics short "$file" >/dev/null 2>&1 || true
      elapsed=$(cat "$work/time")
      if [ -z "$seconds" ] || awk "BEGIN{exit !($elapsed < $seconds)}"; then seconds=$elapsed; fi
    done
  fi
  rss=$(peak_kb "$bin/cxj" check --diagnostics short "$file")
  awk -v s="$size" -v b="$bytes" -v t="$seconds" -v r="$rss" -v base="$base" 'BEGIN {
    printf "%-7s %10d %9.3f %9.1f %8.1fMB %7.2fx %10.2fx\n", s "MB", b, t, b / 1e6 / t, r / 1024, r * 1024 / b, (r - base) * 1024 / b }'
done
echo
echo "In-process stage timings for the largest size (best of 3):"
"$bin/cxj-bench" stages "$work/journey-${sizes[-1]}.cxj" 3 | grep -E "^(input|lex|full)"
