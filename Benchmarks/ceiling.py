#!/usr/bin/env python3
"""How much faster two cores can make a run over many files on this machine, whatever cxj does.

usage: ceiling.py CXJ_BINARY FOLDER [RUNS]      (RUNS defaults to 40; Linux, two cores or more)

Issue 14 asks that `cxj check` over 1,000 files run 1.8× faster on two cores than on one. This
measures the best any split of that work could do here: the folder's journeys are shared out
between two halves (every other file, each half with the folder's catalogue files, the ones
whose name does not start with `journey-`), and two separate `cxj` processes check one half
each. Nothing is shared between them but the machine, so their ratio is the ceiling that
threads inside one process could reach, less what the two halves repeat (a process start and
the catalogue's parse: they make the ceiling look lower than it is, by about 1 ms).

Four commands, run in turns (forwards, then backwards) after three warm-up runs each, each
started with `os.posix_spawn` and timed from just before the first start to the end of the last:
- `cxj check` of the folder, free to use both cores, and kept to core 0 (`sched_setaffinity`);
- the two halves at once, one on core 0 and one on core 1, and one after the other on core 0.
Prints medians, first quartiles and minimums in milliseconds, and three ratios: cxj's (one core
against all), the two processes' (in turn against at once), and cxj on one core against the two
processes at once, which repeats nothing on the one-core side.
"""
import os
import shutil
import statistics
import sys
import tempfile
import time

binary, folder = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 40
if len(os.sched_getaffinity(0)) < 2:
    sys.exit("ceiling.py: this process may run on fewer than two cores")

work = tempfile.mkdtemp()
halves = [os.path.join(work, "a"), os.path.join(work, "b")]
for half in halves:
    os.mkdir(half)
journeys = 0
for name in sorted(name for name in os.listdir(folder) if name.endswith(".cxj")):
    if name.startswith("journey-"):
        shutil.copy(os.path.join(folder, name), os.path.join(halves[journeys % 2], name))
        journeys += 1
    else:
        for half in halves:
            shutil.copy(os.path.join(folder, name), os.path.join(half, name))

null = os.open(os.devnull, os.O_WRONLY)
everywhere = os.sched_getaffinity(0)


def spawn(folder, cores):
    os.sched_setaffinity(0, cores)
    try:
        return os.posix_spawn(binary, [binary, "check", "--diagnostics", "short", folder], os.environ,
                              file_actions=[(os.POSIX_SPAWN_DUP2, null, 1), (os.POSIX_SPAWN_DUP2, null, 2)])
    finally:
        os.sched_setaffinity(0, everywhere)


def whole_on_all():
    os.waitpid(spawn(folder, everywhere), 0)


def whole_on_one():
    os.waitpid(spawn(folder, {0}), 0)


def halves_at_once():
    first, second = spawn(halves[0], {0}), spawn(halves[1], {1})
    os.waitpid(first, 0)
    os.waitpid(second, 0)


def halves_in_turn():
    os.waitpid(spawn(halves[0], {0}), 0)
    os.waitpid(spawn(halves[1], {0}), 0)


commands = [("cxj, all cores", whole_on_all), ("cxj, core 0", whole_on_one),
            ("two halves at once, cores 0 and 1", halves_at_once), ("two halves in turn, core 0", halves_in_turn)]
times = {name: [] for name, _ in commands}
try:
    for _ in range(3):
        for _, command in commands:
            command()
    for round_number in range(runs):
        for name, command in (commands if round_number % 2 == 0 else commands[::-1]):
            start = time.perf_counter()
            command()
            times[name].append((time.perf_counter() - start) * 1000)
finally:
    os.close(null)
    shutil.rmtree(work)

medians = {}
for name, _ in commands:
    values = sorted(times[name])
    medians[name] = statistics.median(values)
    print(f"median {medians[name]:6.1f} ms  p25 {values[len(values) // 4]:6.1f}  min {values[0]:6.1f}  {name}")
print(f"cxj, one core against all: {medians['cxj, core 0'] / medians['cxj, all cores']:.2f}×")
print(f"two processes, in turn against at once (the ceiling): "
      f"{medians['two halves in turn, core 0'] / medians['two halves at once, cores 0 and 1']:.2f}×")
print(f"cxj on one core against the two halves at once (no process start or catalogue repeated on one core): "
      f"{medians['cxj, core 0'] / medians['two halves at once, cores 0 and 1']:.2f}×")
