#!/usr/bin/env bash
# Fuzzes the whole pipeline with libFuzzer and AddressSanitizer for SECONDS (default 60).
#
#   Benchmarks/fuzz.sh 60
#
# The target (Benchmarks/Fuzz/FuzzTarget.swift) is compiled with the library's sources into one
# binary. The corpus starts from Examples/ and the test fixtures, with Benchmarks/Fuzz/cxj.dict.
# A crash leaves its input in Benchmarks/out/fuzz/ and exits non-zero; copy it into
# Tests/CXJTests/Fixtures/fuzz/ so that FuzzRegressionTests replays it from then on.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
out=Benchmarks/out/fuzz
mkdir -p "$out/corpus" "$out/bin"
sources=$(find Sources/CXJ -name '*.swift' | sort)
echo "== building the fuzzer"
# The C calls the library makes through its `CXJSystem` target (Sources/CXJSystem).
objects=""
for file in Sources/CXJSystem/*.c; do
  object="$out/bin/cxj-system-$(basename "$file" .c).o"
  clang -c -O2 -fsanitize=fuzzer-no-link,address "$file" -I Sources/CXJSystem/include -o "$object"
  objects="$objects $object"
done
# shellcheck disable=SC2086 # one word per object file
swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name CXJFuzz -swift-version 6 \
  -I Sources/CXJSystem/include $sources Benchmarks/Fuzz/FuzzTarget.swift $objects \
  -o "$out/bin/cxj-fuzz" 2>&1 | grep -v "Cannot export local symbol" || true
test -x "$out/bin/cxj-fuzz"
seeds=$(mktemp -d)
find Examples Tests/CXJTests/Fixtures -name '*.cxj' | sort | while read -r file; do
  cp "$file" "$seeds/$(echo "$file" | tr '/' '_')"
done
if [ -d Tests/CXJTests/Fixtures/fuzz ]; then cp Tests/CXJTests/Fixtures/fuzz/* "$seeds/" 2>/dev/null || true; fi
echo "== fuzzing for ${seconds}s"
status=0
"$out/bin/cxj-fuzz" "$out/corpus" "$seeds" -dict=Benchmarks/Fuzz/cxj.dict -max_total_time="$seconds" \
  -max_len=4096 -timeout=10 -rss_limit_mb=4096 -artifact_prefix="$out/" -print_final_stats=1 2> "$out/log.txt" || status=$?
tail -n 25 "$out/log.txt"
rm -rf "$seeds"
if [ "$status" -ne 0 ]; then
  echo "fuzz: crash found; the input is in $out/ (crash-*, timeout-* or oom-*)" >&2
  exit 1
fi
echo "fuzz: no crash in ${seconds}s"
