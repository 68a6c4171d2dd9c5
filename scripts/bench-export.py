#!/usr/bin/env python3
"""End-to-end scans of a generated Confluence export (not part of CI).

    scripts/bench-export.py [--mb 1024] [--dir /tmp/sift-export-1024] [--runs 3] [--zip]

Builds sift and Benchmarks' export-gen in release mode, generates the export once (deterministic;
kept for the next run), then measures, alternating, with a fresh workspace each time:
  - `sift scan` with the built-in packs on 1 and on 2 workers;
  - reading and extraction alone (a rule pack whose one rule never matches) on 1 worker;
  - a rescan of the same workspace with nothing changed (autoScan skips every version);
  - with --zip, the same export as a .zip (deflated) on 2 workers.
Prints median wall time, CPU time, peak memory and MB/s (of the export's bytes on disk), and the
recall on the export's manifest.
"""
import argparse, json, os, shutil, statistics, subprocess, sys, tempfile, time, zipfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
SIFT = os.path.join(ROOT, ".build", "release", "sift")
NEVER_PACK = """pack: never
version: 1
description: One rule that never matches, to time reading and extraction alone.
patterns:
  - id: NEVER_MATCHES
    name: Never matches
    description: A literal no generated text contains.
    category: benchmark
    severity: info
    regex: 'zq9xj-never-[0-9]{40}'
    examples: ['zq9xj-never-0000000000000000000000000000000000000000']
    negativeExamples: ['zq9xj-never-1']
"""


def measure(command):
    start = time.perf_counter()
    with open(os.devnull, "w") as null:
        proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=null, stderr=subprocess.PIPE)
        stderr = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{' '.join(command)} failed ({code}):\n{stderr.decode(errors='replace')[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def size_of(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs if f != "manifest.json")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=1024)
    parser.add_argument("--dir")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--zip", action="store_true")
    args = parser.parse_args()
    export = args.dir or f"/tmp/sift-export-{args.mb}"

    subprocess.run(["swift", "build", "-c", "release", "--product", "sift"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    bench = os.path.join(ROOT, "Benchmarks")
    if not os.path.exists(os.path.join(export, "manifest.json")):
        subprocess.run(["swift", "build", "-c", "release", "--product", "export-gen"], cwd=bench, check=True, stdout=subprocess.DEVNULL)
        subprocess.run([os.path.join(bench, ".build", "release", "export-gen"), "--mb", str(args.mb), "--out", export], check=True)
    inputs = {"directory": export}
    if args.zip:
        archive = export + ".zip"
        if not os.path.exists(archive):
            with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
                for d, _, files in os.walk(export):
                    for f in files:
                        if f != "manifest.json":
                            full = os.path.join(d, f)
                            z.write(full, os.path.relpath(full, export))
        inputs["zip"] = archive
    megabytes = size_of(export) / 1e6

    work = tempfile.mkdtemp()
    never = os.path.join(work, "never.yaml")
    open(never, "w").write(NEVER_PACK)

    def scan(workspace, source, workers, *extra):
        return [SIFT, "scan", source, "--workspace", workspace, "--parallel", str(workers), "--format", "jsonl",
                "--output", os.devnull, *extra]

    configs = {
        "scan, 1 worker": lambda ws: scan(ws, export, 1),
        "scan, 2 workers": lambda ws: scan(ws, export, 2),
        "read + extract only, 1 worker": lambda ws: scan(ws, export, 1, "--rules", never),
    }
    if args.zip:
        configs["scan of the .zip, 2 workers"] = lambda ws: scan(ws, inputs["zip"], 2)
    results = {name: [] for name in configs}
    rescans = []
    for run in range(args.runs):
        for name, command in configs.items():
            workspace = os.path.join(work, "ws")
            shutil.rmtree(workspace, ignore_errors=True)
            results[name].append(measure(command(workspace)))
            print(f"run {run + 1} {name}: {results[name][-1][0]:.1f} s", file=sys.stderr)
            if name == "scan, 2 workers":
                rescans.append(measure([SIFT, "scan", export, "--workspace", workspace, "--parallel", "2",
                                        "--format", "jsonl", "--output", os.devnull]))

    # Recall on the manifest, from one more scan with plaintext secrets in the report.
    workspace = os.path.join(work, "ws-recall")
    subprocess.run([SIFT, "settings", "set", "includePlaintextInExports=true", "--workspace", workspace], check=True,
                   stdout=subprocess.DEVNULL)
    report = os.path.join(work, "findings.jsonl")
    subprocess.run([SIFT, "scan", export, "--workspace", workspace, "--format", "jsonl", "--output", report],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    planted = json.load(open(os.path.join(export, "manifest.json")))["planted"]
    findings = [json.loads(line) for line in open(report) if line.strip()]
    found = attributed = 0
    for p in planted:
        needle = p["value"].split("\n")[1 if p["value"].startswith("-----") else 0][:60]
        hits = [f for f in findings if needle in (f.get("matchText") or "") + (f.get("secret") or "") + (f.get("line") or "")
                or len(f.get("secret") or "") >= 6 and f["secret"] in p["value"]]
        found += bool(hits)
        attributed += any(str(f.get("versionContentId")) == str(p["contentId"]) and f.get("version") == p["version"] for f in hits)

    print(f"export: {export} ({megabytes:.0f} MB on disk); median of {args.runs} runs, configurations alternating")
    print(f"{'configuration':32} {'wall s':>8} {'CPU s':>8} {'MB/s':>8} {'peak MiB':>9}")
    for name, rows in results.items():
        wall = statistics.median(r[0] for r in rows)
        cpu = statistics.median(r[1] for r in rows)
        rss = statistics.median(r[2] for r in rows)
        print(f"{name:32} {wall:8.1f} {cpu:8.1f} {megabytes / wall:8.1f} {rss:9.0f}")
    rescan = statistics.median(r[0] for r in rescans)
    first = statistics.median(r[0] for r in results["scan, 2 workers"])
    print(f"{'rescan, nothing changed':32} {rescan:8.1f} {statistics.median(r[1] for r in rescans):8.1f} "
          f"{'':>8} {statistics.median(r[2] for r in rescans):9.0f}   ({100 * rescan / first:.1f} % of the first scan)")
    print(f"recall on the manifest: {found}/{len(planted)} planted values found, "
          f"{attributed}/{len(planted)} attributed to the right content version")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
