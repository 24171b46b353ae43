#!/usr/bin/env python3
"""Times shell commands run alternately, for comparing two builds on a noisy machine.

usage: alternate.py RUNS "COMMAND A" "COMMAND B" [...]

hyperfine runs all of one command's runs, then all of the next one's, so a slow spell of this
virtual machine (±20-30% from minute to minute) can land on one command alone. Here each round
runs every command once, in turns (forwards, then backwards), after three warm-up runs each.
Prints the median, the first quartile and the best wall time of each command, in milliseconds,
including the shell that starts it (`exec` in the command keeps that to one process).

    python3 Benchmarks/alternate.py 30 "exec old/cxj check big.cxj" "exec .build/release/cxj check big.cxj"
"""
import statistics
import subprocess
import sys
import time

runs = int(sys.argv[1])
commands = sys.argv[2:]
times = [[] for _ in commands]
for command in commands:
    for _ in range(3):
        subprocess.run(command, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for round_number in range(runs):
    order = range(len(commands)) if round_number % 2 == 0 else reversed(range(len(commands)))
    for index in order:
        start = time.perf_counter()
        subprocess.run(commands[index], shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times[index].append(time.perf_counter() - start)
for command, measured in zip(commands, times):
    measured.sort()
    print("median %.1f ms  p25 %.1f  min %.1f  %s" % (statistics.median(measured) * 1000, measured[len(measured) // 4] * 1000,
                                                     measured[0] * 1000, command))
