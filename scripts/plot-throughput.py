#!/usr/bin/env python3
"""Plot throughput (MB/s of wall time) against corpus size for Sift and its peers.

    scripts/bench-peers.py --json out/peers-64.json  --manifest E64/manifest.json  E64
    scripts/bench-peers.py --json out/peers-256.json --manifest E256/manifest.json E256
    …
    scripts/plot-throughput.py out/peers-*.json --output docs/throughput.png

Needs matplotlib (pip install matplotlib).
"""
import argparse, json

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

parser = argparse.ArgumentParser()
parser.add_argument("results", nargs="+")
parser.add_argument("--output", default="throughput.png")
parser.add_argument("--title", default="Generated Confluence exports: throughput against size")
args = parser.parse_args()

runs = sorted((json.load(open(path)) for path in args.results), key=lambda r: r["bytes"])
tools = sorted({tool for run in runs for tool in run["tools"]})
fig, ax = plt.subplots(figsize=(7, 4.2), dpi=120)
for tool in tools:
    points = [(run["bytes"] / 1e6, run["bytes"] / 1e6 / run["tools"][tool]["wall"]) for run in runs if tool in run["tools"]]
    ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=tool)
ax.set_xscale("log")
ax.set_xlabel("export size on disk (MB)")
ax.set_ylabel("MB/s (wall time, median)")
ax.set_title(args.title, fontsize=10)
ax.grid(True, which="both", alpha=0.3)
ax.legend()
fig.tight_layout()
fig.savefig(args.output)
print(f"wrote {args.output}")
