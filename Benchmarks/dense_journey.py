#!/usr/bin/env python3
"""A second journey generator for throughput measurements, deliberately unlike cxj-bench's.

usage: dense_journey.py SIZE_MB OUT.cxj

cxj-bench writes few, wordy stages (4 steps, multi-line blocks, long labels with CJK and
emoji). This writes many short stages (8 steps and 6 actions each) with one-line statements
(`step a1 "Opens the app" { channel app; emotion 1 }`), short ASCII and Thai labels, and a
touchpoint for every step: more statements and more touchpoints per byte. The journey is free
of errors and findings, so checking measures the pipeline, not the diagnostics.
"""
import sys

size = int(float(sys.argv[1]) * 1_000_000)
out = [
    'persona rider "Commuter"\n',
    'channel app "App" { kind digital }\n',
    'channel kiosk "Kiosk" { kind physical }\n',
    'channel desk "Desk" { kind human }\n',
    'team ops "Ops"\nteam crew "Crew"\nteam desk_team "Desk team"\n',
    'system ticketing "Ticketing" { owner ops }\n',
    'journey dense "Dense commute" {\n  persona rider\n  owner ops\n  allow no-repeat-loop "generated"\n',
]
total = sum(len(part.encode()) for part in out)
channels = ["app", "kiosk", "desk"]
teams = ["ops", "crew", "desk_team"]
labels = ["Opens the app", "Taps in", "Waits", "Boards", "รอรถ", "Changes line", "Taps out", "Rates trip"]
stage = 0
while total < size - 200:
    lines = [f'  stage t{stage} "Leg {stage}" {{\n', "    phase request\n", f"    reach {10_000_000 - stage}\n", "    customer {\n"]
    for step in range(8):
        channel = channels[(stage + step) % 3]
        lines.append(f'      step a{stage}_{step} "{labels[step]}" {{ channel {channel}; emotion {(stage + step) % 4 - 1} }}\n')
    lines.append("    }\n    organization {\n")
    for action in range(6):
        lines.append(f'      action b{stage}_{action} "Serves {action}" {{ owner {teams[action % 3]}; uses ticketing }}\n')
    lines.append("    }\n")
    for step in range(8):
        channel = channels[(stage + step) % 3]
        lines.append(f"    touchpoint a{stage}_{step} <-> b{stage}_{step % 6} {{ via {channel}; claimed 4; perceived 3.5 }}\n")
    lines.append(f'    kpi k{stage} "Wait" {{ actual 4min; target <= 5min }}\n  }}\n')
    text = "".join(lines)
    out.append(text)
    total += len(text.encode())
    stage += 1
out.append("}\n")
with open(sys.argv[2], "w", encoding="utf-8") as handle:
    handle.write("".join(out))
