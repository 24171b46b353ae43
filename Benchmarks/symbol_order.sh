#!/usr/bin/env bash
# Regenerates `Sources/cxj/Linking/symbol-order.txt`, the order in which the linker lays out a
# release `cxj`'s functions: every function that one of a set of typical runs executes
# (callgrind), the commonest first (`Benchmarks/symbol_order.py`). Run it after a change that
# renames or adds much code; a stale order still links (lld skips names it does not find), it
# only lays out the new code elsewhere. Then rebuild: the release build reads the file when it
# links.
#
#   Benchmarks/symbol_order.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "symbol_order.sh: valgrind is needed (apt-get install -y valgrind)" >&2; exit 1; }
source Benchmarks/release.sh
cxj=$bin/cxj
"$bin/cxj-bench" many 1000 "$work/many" >/dev/null
# The same folder where its real path is at most 15 bytes, a small string (see `@work` below).
short=$(mktemp -d /tmp/cxjXXXX)
trap 'rm -rf "$work" "$short"' EXIT
cp -R "$work/many" "$short/m"
"$bin/cxj-bench" generate 0.05 "$work/bench.cxj" >/dev/null
python3 Benchmarks/dense_journey.py 0.03 "$work/small.cxj" >/dev/null
python3 Benchmarks/dense_journey.py 0.5 "$work/parts.cxj" >/dev/null
python3 Benchmarks/dense_journey.py 1.1 "$work/hole.cxj" >/dev/null
python3 Benchmarks/dense_journey.py 4.5 "$work/large.cxj" >/dev/null
diagnostics=Tests/CXJTests/Fixtures/diagnostics
runs=(
    "--version"
    "--help"
    "check $work/small.cxj"
    "check $work/bench.cxj"
    "check $work/many"
    "@work check many"
    "check $short/m"
    "check $work/parts.cxj"
    "check Examples"
    "check $diagnostics/lexical.cxj $diagnostics/gaps.cxj $diagnostics/invalid-utf8.cxj"
    "check --diagnostics short $diagnostics/gaps.cxj"
    "check --diagnostics sarif $diagnostics/gaps.cxj"
    "check --diagnostics github $diagnostics/gaps.cxj"
    "compile --to json $work/small.cxj"
    "compile --to dot $work/small.cxj"
    "compile --to json $work/parts.cxj"
    "compile --to dot $work/parts.cxj"
    "compile --to json $work/many"
    "@work compile --to json many"
    "compile --to json $short/m"
    "compile --to dot $work/many"
    "compile --to report Examples/black-friday.cxj"
    "compile --to text Examples/black-friday.cxj"
    "compile --to mermaid Examples/black-friday.cxj"
    "fmt --check $work/small.cxj"
    "fmt --stdout $work/bench.cxj"
    "fmt --check $work/hole.cxj"
    "check $work/large.cxj"
    "compile --to json $work/large.cxj"
    "compile --to dot $work/large.cxj"
    "fmt --check $work/large.cxj"
)
# A run marked `@work` is made in the work folder, with a short relative path: a path of at
# most 15 bytes is a small string, whose bytes Swift hands to a closure by another path (for the
# names of a folder's files, and for their folder's real path: that code sat among cold code).
profiles=()
for index in "${!runs[@]}"; do
    profile=$work/callgrind.$index
    run=${runs[$index]}
    folder=.
    if [[ $run == "@work "* ]]; then folder=$work; run=${run#@work }; fi
    # shellcheck disable=SC2086
    (cd "$folder" && GLIBC_TUNABLES=glibc.malloc.hugetlb=0 valgrind --tool=callgrind --demangle=no \
        --callgrind-out-file="$profile" "$cxj" $run >/dev/null 2>&1) || true
    profiles+=("$profile")
done
# Some code runs natively only (on two threads at once, or given a vDSO): `symbol-order-native.txt`
# names it.
python3 Benchmarks/symbol_order.py "$cxj" Sources/cxj/Linking/symbol-order.txt "${profiles[@]}" \
    --also Benchmarks/symbol-order-native.txt
