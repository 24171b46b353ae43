# Sourced by the benchmark scripts: builds cxj and cxj-bench in release mode (showing the log
# only when the build fails), sets `bin` to their directory and `work` to a temporary directory
# removed on exit. Run from the repository root.
build() { swift build -c release --product "$1" > "${TMPDIR:-/tmp}/cxj-bench-build.log" 2>&1 || { cat "${TMPDIR:-/tmp}/cxj-bench-build.log"; exit 1; }; }
build cxj
build cxj-bench
bin=$PWD/.build/release
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
