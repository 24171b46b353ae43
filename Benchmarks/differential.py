#!/usr/bin/env python3
"""Holds a new build to an old one on damaged journeys: the same diagnostics, status and fmt.

usage: differential.py OLD_CXJ NEW_CXJ [CASES]        default: 600 cases

Each case is an example or test fixture with one to four random edits (a brace, a quote, a line
end, a keyword or arrow inserted; a few bytes deleted; a random byte inserted). Both binaries
check it (`--diagnostics json`) and format it (`fmt --stdout`); any difference in exit status or
output is a failure, and the case is kept in the temporary folder printed. Used for changes to
the parser that must not change what it builds. The seed is fixed, so a run can be repeated.
"""
import glob
import os
import random
import subprocess
import sys
import tempfile

old, new = sys.argv[1], sys.argv[2]
cases = int(sys.argv[3]) if len(sys.argv) > 3 else 600
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
files = sorted(glob.glob(os.path.join(root, "Examples", "**", "*.cxj"), recursive=True)
               + glob.glob(os.path.join(root, "Tests", "CXJTests", "Fixtures", "**", "*.cxj"), recursive=True))
pieces = [b"{", b"}", b'"', b"\n", b";", b'step x "X"', b"<->", b"{ }", b"\n}", b"stage", b"emotion 9", b'"""', b"#", b","]
random.seed(7)
work = tempfile.mkdtemp(prefix="cxj-differential-")
failures = 0
for number in range(cases):
    source = open(random.choice(files), "rb").read()
    for _ in range(random.randint(1, 4)):
        at = random.randrange(len(source) + 1)
        choice = random.random()
        if choice < 0.4:
            source = source[:at] + random.choice(pieces) + source[at:]
        elif choice < 0.8:
            source = source[:at] + source[at + random.randint(1, 8):]
        else:
            source = source[:at] + bytes([random.randrange(256)]) + source[at:]
    path = os.path.join(work, "case.cxj")
    with open(path, "wb") as handle:
        handle.write(source)
    results = []
    for binary in (old, new):
        checked = subprocess.run([binary, "check", "--diagnostics", "json", path], capture_output=True)
        formatted = subprocess.run([binary, "fmt", "--stdout", path], capture_output=True)
        results.append((checked.returncode, checked.stdout, checked.stderr, formatted.returncode, formatted.stdout))
    if results[0] != results[1]:
        failures += 1
        with open(os.path.join(work, f"differs-{failures}.cxj"), "wb") as handle:
            handle.write(source)
print(f"{cases} cases, {failures} differ" + (f" (kept in {work})" if failures else ""))
sys.exit(1 if failures else 0)
