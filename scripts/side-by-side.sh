#!/usr/bin/env bash
# Two Sift binaries and Kingfisher, alternating, N rounds of a `--full` rescan of CORPUS into a kept
# workspace per binary (with plaintext exports, as scripts/bench-peers.py runs Sift), then medians of
# wall and CPU time (user + sys, /usr/bin/time), peak memory, and Kingfisher's CPU over the second
# binary's, per round and of the medians. Alternating rounds are what compare on a shared machine.
#
#   scripts/side-by-side.sh OLD_SIFT NEW_SIFT CORPUS [ROUNDS] [KINGFISHER]
#   scripts/side-by-side.sh /tmp/old/sift .build/release/sift /tmp/pystd 15 /tmp/peers/bin/kingfisher
#
# A copied sift binary needs its Sift_SiftBuiltinPacks.resources directory beside it.
set -euo pipefail
old=$1 new=$2 corpus=$3 rounds=${4:-7} kingfisher=${5:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for tool in old new; do
    binary=${!tool}
    "$binary" settings set includePlaintextInExports=true --workspace "$work/ws-$tool" >/dev/null
    # A first scan (not timed): the workspace and its caches exist before the rounds.
    "$binary" scan "$corpus" --full --workspace "$work/ws-$tool" --format jsonl --output "$work/$tool.jsonl" \
        --parallel 0 >/dev/null 2>&1 || true
done
for ((i = 1; i <= rounds; i++)); do
    for tool in old new; do
        binary=${!tool}
        /usr/bin/time -f "$tool %e %U %S %M" -a -o "$work/times" "$binary" scan "$corpus" --full \
            --workspace "$work/ws-$tool" --format jsonl --output "$work/$tool.jsonl" --parallel 0 >/dev/null 2>&1 || true
    done
    if [[ -n $kingfisher ]]; then
        /usr/bin/time -f "kingfisher %e %U %S %M" -a -o "$work/times" "$kingfisher" scan "$corpus" --no-validate \
            --git-history none --max-file-size 0 --format json --output "$work/k.json" >/dev/null 2>&1 || true
    fi
done
if cmp -s <(sort "$work/old.jsonl") <(sort "$work/new.jsonl"); then
    echo "findings: the same ($(wc -l < "$work/new.jsonl"))"
else
    echo "findings differ: $(wc -l < "$work/old.jsonl") (old) vs $(wc -l < "$work/new.jsonl") (new)"
fi
python3 - "$work/times" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    p = line.split()
    if len(p) == 5 and p[0] in ("old", "new", "kingfisher"):
        runs[p[0]].append((float(p[1]), float(p[2]) + float(p[3]), int(p[4])))
for tool, values in runs.items():
    print(f"{tool:10s} wall {statistics.median(v[0] for v in values):.3f} s  CPU {statistics.median(v[1] for v in values):.3f} s"
          f"  peak {statistics.median(v[2] for v in values) / 1024:.0f} MiB   CPU per round: "
          + " ".join(f"{v[1]:.2f}" for v in values))
if runs.get("kingfisher") and runs.get("new"):
    ratios = [k[1] / n[1] for n, k in zip(runs["new"], runs["kingfisher"])]
    print("kingfisher / new, per round: " + " ".join(f"{r:.2f}" for r in ratios) + f"  median {statistics.median(ratios):.2f}")
    print(f"kingfisher / new, medians: {statistics.median(v[1] for v in runs['kingfisher']) / statistics.median(v[1] for v in runs['new']):.2f}")
PY
