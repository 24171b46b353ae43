#!/usr/bin/env python3
"""Latency of `cxj lsp` on a 5,000-line journey, driven over stdio like an editor.

    python3 Benchmarks/lsp_latency.py [CXJ_BINARY] [EDITS]

Sends `didChange` edits (incremental, at several points of the file) one at a time and waits
for the `publishDiagnostics` of that version; times completion requests; reads the server's
resident memory after 100 edits and after all of them. Prints median and p99.
"""
import json
import os
import statistics
import subprocess
import sys
import time

binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/release/cxj")
edits = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000


def journey(lines):
    out = ['team care "Care"', 'channel app "App" { kind digital }', 'journey big "A long journey" {', "  allow no-repeat-loop"]
    stage = 0
    while len(out) < lines - 2:
        out += [f'  stage s{stage} "Stage {stage}" {{', "    customer {",
                f'      step a{stage} "Step {stage}" {{ emotion 1; channel app }}',
                f'      step b{stage} "Other step {stage}" {{ emotion 0 }}', "    }", "    organization {",
                f'      action x{stage} "Action {stage}" {{ owner care; channel app }}', "    }",
                f"    touchpoint a{stage}, b{stage} <-> x{stage} {{ via app; claimed 4; perceived 3.5 }}", "  }"]
        stage += 1
    out.append("}")
    return "\n".join(out) + "\n"


class Client:
    def __init__(self):
        self.process = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 0

    def send(self, message):
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def receive(self):
        header = b""
        while not header.endswith(b"\r\n\r\n"):
            header += self.process.stdout.read(1)
        length = int(header.split(b"Content-Length:")[1].split(b"\r\n")[0])
        return json.loads(self.process.stdout.read(length))

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            message = self.receive()
            if message.get("id") == self.next_id:
                return message

    def wait_for_version(self, uri, version):
        while True:
            message = self.receive()
            params = message.get("params", {})
            if message.get("method") == "textDocument/publishDiagnostics" and params.get("uri") == uri and params.get("version") == version:
                return params

    def rss_kb(self):
        with open(f"/proc/{self.process.pid}/status") as status:
            return int(next(line for line in status if line.startswith("VmRSS")).split()[1])


text = journey(5000)
lines = text.split("\n")
path = "/tmp/cxj-lsp-bench/big.cxj"
uri = "file://" + path
client = Client()
client.request("initialize", {"capabilities": {}})
client.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
client.send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
             "params": {"textDocument": {"uri": uri, "languageId": "cxj", "version": 1, "text": text}}})
client.wait_for_version(uri, 1)
emotion_lines = [i for i, line in enumerate(lines) if "emotion 1;" in line]
latencies = []
memory_at_100 = None
for n in range(edits):
    line = emotion_lines[(n * 7919) % len(emotion_lines)]
    column = lines[line].index("emotion ") + len("emotion ")
    width = lines[line].index(";", column) - column
    new = str((n % 3) - 1)
    started = time.perf_counter()
    client.send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": n + 2},
        "contentChanges": [{"range": {"start": {"line": line, "character": column}, "end": {"line": line, "character": column + width}},
                            "text": new}]}})
    lines[line] = lines[line][:column] + new + lines[line][column + width:]
    client.wait_for_version(uri, n + 2)
    latencies.append((time.perf_counter() - started) * 1000)
    if n == 99:
        memory_at_100 = client.rss_kb()
memory_at_end = client.rss_kb()
completions = []
owner_line = next(i for i, line in enumerate(lines) if "owner care" in line)
for _ in range(200):
    started = time.perf_counter()
    client.request("textDocument/completion", {"textDocument": {"uri": uri},
                                               "position": {"line": owner_line, "character": lines[owner_line].index("owner") + 6}})
    completions.append((time.perf_counter() - started) * 1000)
client.request("shutdown", None)
client.send({"jsonrpc": "2.0", "method": "exit"})
client.process.wait(5)


def p99(values):
    return sorted(values)[max(0, int(len(values) * 0.99) - 1)]


print(f"journey: {len(text.splitlines())} lines, {len(text)} bytes; {edits} edits")
print(f"edit to diagnostics: median {statistics.median(latencies):.2f} ms, p99 {p99(latencies):.2f} ms")
print(f"completion: median {statistics.median(completions):.2f} ms, p99 {p99(completions):.2f} ms")
if memory_at_100:
    print(f"resident memory: {memory_at_100 / 1024:.1f} MB after 100 edits, {memory_at_end / 1024:.1f} MB after {edits} "
          f"({(memory_at_end / memory_at_100 - 1) * 100:+.1f}%)")
