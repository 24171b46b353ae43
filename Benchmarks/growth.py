#!/usr/bin/env python3
"""Growth tests: time `cxj check` on inputs of size N and 10N and print the ratio.

A pass that is linear in its input grows about 10x; a quadratic one about 100x.

    python3 Benchmarks/growth.py [CXJ_BINARY]

Cases (from the hardening issue): one step in N touchpoints, N `allow`s in one block, an import
chain N files deep, N errors on one line with human output, and N unknown names among N names
(the "did you mean" of each). Best of 3 wall-clock runs.
"""
import os
import subprocess
import sys
import tempfile
import time

binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/release/cxj")
help_text = subprocess.run([binary, "check", "--help"], capture_output=True, text=True).stdout
unlimited = ["--max-diagnostics", "100000000"] if "--max-diagnostics" in help_text else []


def touchpoints(n, directory):
    lines = ['team care "Care"', 'journey j "J" {', '  stage s "S" {', '    customer { step a "A" }', "    organization {"]
    lines += [f'      action x{i} "X" {{ owner care }}' for i in range(n)]
    lines += ["    }"] + [f"    touchpoint a <-> x{i}" for i in range(n)] + ["  }", "}"]
    write(directory, "main.cxj", "\n".join(lines) + "\n")
    return ["main.cxj"]


def allows(n, directory):
    lines = ['journey j "J" {'] + ["  allow delivery-gap"] * n + ['  stage s "S" { phase recognize }', "}"]
    write(directory, "main.cxj", "\n".join(lines) + "\n")
    return ["main.cxj"]


def chain(n, directory):
    for i in range(n):
        write(directory, f"f{i}.cxj", f'import "f{i + 1}.cxj"\nteam t{i} "T{i}"\n')
    write(directory, f"f{n}.cxj", 'team last "Last"\n')
    return ["f0.cxj"]


def one_line_errors(n, directory):
    write(directory, "main.cxj", "@ " * n + "\n")
    return ["main.cxj"] + unlimited


def unknown_names(n, directory):
    lines = [f'team team{i} "T"' for i in range(n)] + ['journey j "J" {', '  stage s "S" {', "    organization {"]
    lines += [f'      action a{i} "A" {{ owner tema{i} }}' for i in range(n)] + ["    }", "  }", "}"]
    write(directory, "main.cxj", "\n".join(lines) + "\n")
    return ["main.cxj"]


def write(directory, name, text):
    with open(os.path.join(directory, name), "w", encoding="utf-8") as handle:
        handle.write(text)


def best_time(arguments, directory):
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([binary, "check", *arguments], cwd=directory, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


cases = [
    ("one step in N touchpoints", touchpoints, 10_000),
    ("N allows in one block", allows, 3_000),
    ("import chain N files deep", chain, 500),
    ("N errors on one line, human output", one_line_errors, 300),
    ("N unknown names among N names", unknown_names, 500),
]
print(f"{'case':40} {'N':>7} {'time N':>9} {'time 10N':>9} {'ratio':>7}")
for name, make, n in cases:
    times = []
    for size in (n, 10 * n):
        with tempfile.TemporaryDirectory() as directory:
            arguments = make(size, directory)
            times.append(best_time(arguments, directory))
    print(f"{name:40} {n:>7} {times[0]:>8.3f}s {times[1]:>8.3f}s {times[1] / times[0]:>6.1f}x")
