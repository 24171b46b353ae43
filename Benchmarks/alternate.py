#!/usr/bin/env python3
"""Times shell commands run alternately, for comparing two builds on a noisy machine.

usage: alternate.py RUNS "COMMAND A" "COMMAND B" [...]

hyperfine runs all of one command's runs, then all of the next one's, so a slow spell of this
virtual machine (±20-30% from minute to minute) can land on one command alone. Here each round
runs every command once, in turns (forwards, then backwards), after three warm-up runs each.
Prints the median, the first quartile and the best wall time of each command, in milliseconds,
including the shell that starts it (`exec` in the command keeps that to one process). A command
that starts with `exec ` and has no other shell syntax runs without a shell, as `hyperfine -N`
runs it: the shell's start-up (about a millisecond) is the same for every command and made ratios
of two commands (two cores against one) smaller than they are. Such a command may set
environment variables first, without a shell too: `exec NAME=value cxj check big.cxj`.

    python3 Benchmarks/alternate.py 30 "exec old/cxj check big.cxj" "exec .build/release/cxj check big.cxj"

With `--pause SECONDS` before RUNS, it waits that long before every timed run, as a CI job or an
editor's save runs cxj: alone. On the benchmark machine the kernel reports free 2 MiB blocks to
the hypervisor after about two seconds, so a run made right after another reuses memory the
host still backs, and one made after a pause does not (README, "A twenty-first round").

    python3 Benchmarks/alternate.py --pause 2.5 8 "exec old/cxj check big.cxj" "exec .build/release/cxj check big.cxj"
"""
import os
import shlex
import statistics
import subprocess
import sys
import time

arguments = sys.argv[1:]
pause = 0.0
if arguments[:1] == ["--pause"]:
    pause = float(arguments[1])
    arguments = arguments[2:]
runs = int(arguments[0])
commands = arguments[1:]
times = [[] for _ in commands]


def runnable(command):
    """The command as an argument list when it needs no shell, else the command for `sh -c`;
    and the environment to run it in (None: this one's)."""
    if command.startswith("exec ") and not any(mark in command for mark in "|&;<>()$`\\\"'*?[]{}~"):
        words = shlex.split(command[5:])
        settings = {}
        while words and "=" in words[0]:
            name, value = words.pop(0).split("=", 1)
            settings[name] = value
        if words:
            return words, False, (dict(os.environ, **settings) if settings else None)
    return command, True, None


runnables = [runnable(command) for command in commands]
for arguments, needs_shell, environment in runnables:
    for _ in range(3):
        subprocess.run(arguments, shell=needs_shell, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for round_number in range(runs):
    order = range(len(commands)) if round_number % 2 == 0 else reversed(range(len(commands)))
    for index in order:
        if pause > 0:
            time.sleep(pause)
        start = time.perf_counter()
        arguments, needs_shell, environment = runnables[index]
        subprocess.run(arguments, shell=needs_shell, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times[index].append(time.perf_counter() - start)
for command, measured in zip(commands, times):
    measured.sort()
    print("median %.1f ms  p25 %.1f  min %.1f  %s" % (statistics.median(measured) * 1000, measured[len(measured) // 4] * 1000,
                                                     measured[0] * 1000, command))
