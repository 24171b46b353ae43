#!/usr/bin/env python3
"""Writes the order in which the linker lays out a release `cxj`'s functions.

usage: symbol_order.py BINARY OUT.txt CALLGRIND_OUT... [--also PREFIXES.txt]
       symbol_order.py --check BINARY ORDER.txt

Reads the functions each callgrind run executed (their mangled names: run callgrind with
`--demangle=no`) and writes those the binary defines, one per line: the ones more runs executed
first, those the same runs executed together, then by name. lld places them in that order at
the start of `.text` (`--symbol-ordering-file`, `Sources/cxj/Linking/link-static-pie`), so the
code of a run lies on few pages: a page of code is resident, and counted in the peak memory,
once any byte of it, or of the 64 KiB the kernel maps around a fault, is executed. (The
standard library's local functions share one section of 1.6 MB, `.text` of libswiftCore.a's
Swift.o: it moves whole, to where its commonest function's rank puts it.)
"""
import re
import subprocess
import sys


def functions(binary):
    """The binary's functions: name → address (the first, for a name defined twice). `i` is a
    C library function chosen at start-up (memcpy, strlen): callgrind names its chooser so."""
    addresses = {}
    listing = subprocess.run(["nm", "--defined-only", binary], capture_output=True, text=True, check=True).stdout
    for line in listing.splitlines():
        fields = line.split()
        if len(fields) == 3 and fields[1] in "tTwWi":
            addresses.setdefault(fields[2], int(fields[0], 16))
    return addresses


def check(binary, order_file):
    """With --check: fails unless the order was applied (its first function the binary defines
    opens `.text`) and at least three quarters of its names are still defined (else it is stale:
    run Benchmarks/symbol_order.sh)."""
    addresses = functions(binary)
    order = [line.strip() for line in open(order_file) if line.strip()]
    present = [symbol for symbol in order if symbol in addresses]
    share = len(present) / max(1, len(order))
    print(f"{len(present)} of the {len(order)} functions in {order_file} are defined ({share:.0%})")
    sections = subprocess.run(["readelf", "-SW", binary], capture_output=True, text=True, check=True).stdout
    text = next((int(line.split()[3], 16) for line in sections.replace("[ ", "[").splitlines()
                 if len(line.split()) > 3 and line.split()[1] == ".text"), None)
    if not present or addresses[present[0]] != text:
        sys.exit(f"the order was not applied: `.text` opens at {text and hex(text)}, not with {present[:1]}")
    if share < 0.75:
        sys.exit("the order is stale: run Benchmarks/symbol_order.sh")


if sys.argv[1] == "--check":
    check(sys.argv[2], sys.argv[3])
    sys.exit(0)
arguments = sys.argv[1:]
also = []
if "--also" in arguments:
    at = arguments.index("--also")
    also = [line.strip() for line in open(arguments[at + 1]) if line.strip() and not line.startswith("#")]
    del arguments[at:at + 2]
binary, out, profiles = arguments[0], arguments[1], arguments[2:]
defined = set(functions(binary))
runs = {}
# Which runs executed each function, one bit a run.
signatures = {}
name = re.compile(r"^c?fn=\(\d+\) (.+)$")
for index, profile in enumerate(profiles):
    executed = set()
    with open(profile, errors="replace") as handle:
        for line in handle:
            match = name.match(line)
            if match and match.group(1).strip() in defined:
                executed.add(match.group(1).strip())
    for symbol in executed:
        runs[symbol] = runs.get(symbol, 0) + 1
        signatures[symbol] = signatures.get(symbol, 0) | 1 << index
# Among functions that as many runs executed, those that the same runs executed lie together:
# sorted by name alone, a command's own functions (the JSON emitter's, executed by the six runs
# that write JSON) were spread among others' executed by as many runs, and a run kept a 64 KiB
# stretch of code for each few of them.
order = sorted(runs, key=lambda symbol: (-runs[symbol], signatures[symbol], symbol))
# Then the functions no profile can show (`--also`: lines of name prefixes), by name.
listed = set(order)
order += sorted(symbol for symbol in defined if symbol not in listed and any(symbol.startswith(prefix) for prefix in also))
with open(out, "w") as handle:
    handle.write("".join(symbol + "\n" for symbol in order))
print(f"{len(order)} functions from {len(profiles)} runs written to {out}")
