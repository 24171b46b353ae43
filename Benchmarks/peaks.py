#!/usr/bin/env python3
"""Peak memory of cxj builds side by side: the page cache dropped before every run.

usage: peaks.py CXJ[,CXJ...] RUNS "COMMAND" FILE [FILE...]

Runs each build's `cxj COMMAND FILE` RUNS times, the builds in turn, and prints the median
peak resident set (`/usr/bin/time -f %M`) of each, in MiB, beside `cxj --version`'s (the
runtime's base) and, per build, (peak - base) / input: the "x + base" of issue 14. The page
cache is dropped before every run (`/proc/sys/vm/drop_caches`, so run as root): which pages of
the executable a run keeps resident depends on what the cache holds (the kernel maps the 64 KiB
around a fault only from pages already cached). Even so, the same build's peaks move by a few
tenths of a MiB from one series to the next: compare builds within one series.

    python3 Benchmarks/peaks.py old/cxj,.build/release/cxj 7 "check" /tmp/dense1.cxj
    python3 Benchmarks/peaks.py .build/release/cxj 7 "compile --to json" /tmp/dense1.cxj /tmp/dense2.cxj

Files are made with `Benchmarks/dense_journey.py SIZE_MB OUT` or `cxj-bench generate`.
"""
import os
import statistics
import subprocess
import sys


def peak_mib(arguments):
    """One run's peak resident set, in MiB, after dropping the page cache."""
    with open("/proc/sys/vm/drop_caches", "w") as caches:
        caches.write("3\n")
    run = subprocess.run(["/usr/bin/time", "-f", "%M"] + arguments, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True)
    return int(run.stderr.strip().splitlines()[-1]) / 1024


def medians(builds, runs, arguments_of):
    """The median peak of each build, the builds run in turn."""
    peaks = {build: [] for build in builds}
    for _ in range(runs):
        for build in builds:
            peaks[build].append(peak_mib(arguments_of(build)))
    return {build: statistics.median(values) for build, values in peaks.items()}


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    builds = [os.path.abspath(build) for build in sys.argv[1].split(",")]
    runs = int(sys.argv[2])
    command = sys.argv[3].split()
    files = sys.argv[4:]
    base = medians(builds, runs, lambda build: [build, "--version"])
    names = [f"{os.path.basename(os.path.dirname(build))}/{os.path.basename(build)}" for build in builds]
    print("--version  " + "  ".join(f"{name} {base[build]:.2f}" for name, build in zip(names, builds)))
    for path in files:
        size = os.path.getsize(path) / (1 << 20)
        peaks = medians(builds, runs, lambda build: [build] + command + [path])
        def cell(name, build):
            ratio = f" ({(peaks[build] - base[build]) / size:.2f}x)" if size > 0 else ""
            return f"{name} {peaks[build]:.2f}{ratio}"
        cells = [cell(name, build) for name, build in zip(names, builds)]
        print(f"{' '.join(command)} {os.path.basename(path)}  " + "  ".join(cells))


if __name__ == "__main__":
    main()
