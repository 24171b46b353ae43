#!/usr/bin/env bash
# Measures `cxj check` in a release build on generated journeys of several sizes: wall time,
# throughput, peak memory (maximum resident set size) and how time grows with size.
#
#   Benchmarks/run.sh [SIZES_IN_MB...]       default: 5 10 20
#
# Needs GNU time (/usr/bin/time). Results are printed as a table; nothing is written to the repo.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-5 10 20}")
[ $# -eq 0 ] && sizes=(5 10 20)
swift build -c release --product cxj >/dev/null
swift build -c release --product cxj-bench >/dev/null
bin=.build/release
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf '%-8s %10s %9s %11s %10s %8s\n' "size" "bytes" "seconds" "MB/s" "peak RSS" "RSS/in"
for size in "${sizes[@]}"; do
  file="$work/journey-$size.cxj"
  "$bin/cxj-bench" generate "$size" "$file" >/dev/null
  bytes=$(stat -c %s "$file")
  best=""
  rss=0
  for _ in 1 2 3; do
    /usr/bin/time -f '%e %M' -o "$work/time" "$bin/cxj" check --diagnostics short "$file" >/dev/null 2>&1 || true
    read -r elapsed kilobytes < "$work/time"
    if [ -z "$best" ] || awk "BEGIN{exit !($elapsed < $best)}"; then best=$elapsed; fi
    [ "$kilobytes" -gt "$rss" ] && rss=$kilobytes
  done
  awk -v s="$size" -v b="$bytes" -v t="$best" -v r="$rss" 'BEGIN {
    printf "%-8s %10d %9.3f %11.1f %8.1fMB %7.2fx\n", s "MB", b, t, b / 1e6 / (t > 0 ? t : 0.001), r / 1024, r * 1024 / b }'
done
echo
echo "In-process stage timings for the largest size:"
"$bin/cxj-bench" stages "$work/journey-${sizes[-1]}.cxj" 3
