#!/usr/bin/env bash
# A first scan into a new workspace (what a new user runs: default output, secrets redacted), with
# the user's plan and pack caches warm and with them off (SIFT_CACHE_DIR=), alternating, ROUNDS
# times each; prints the medians of CPU time (user + sys) and checks both found the same.
#
#   scripts/first-scan.sh SIFT CORPUS [ROUNDS]
#   scripts/first-scan.sh .build/release/sift /tmp/pystd 7
#
# A copied sift binary needs its Sift_SiftBuiltinPacks.resources directory beside it.
set -euo pipefail
sift=$1 corpus=$2 rounds=${3:-7}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SIFT_CACHE_DIR="$work/cache"
"$sift" bench "$corpus" --format json >/dev/null 2>&1   # fills the user cache
for ((i = 1; i <= rounds; i++)); do
    for mode in cached off; do
        rm -rf "$work/ws"
        cache=$SIFT_CACHE_DIR
        [[ $mode == off ]] && cache=
        SIFT_CACHE_DIR=$cache /usr/bin/time -f "$mode %e %U %S" -a -o "$work/times" \
            "$sift" scan "$corpus" --workspace "$work/ws" --format jsonl --output "$work/$mode.jsonl" >/dev/null 2>&1 || true
    done
done
python3 - "$work/times" <<'PY'
import sys, statistics, collections
cpu = collections.defaultdict(list)
for line in open(sys.argv[1]):
    p = line.split()
    if len(p) == 4: cpu[p[0]].append(float(p[2]) + float(p[3]))
for mode in ("cached", "off"):
    v = cpu[mode]
    print(f"{mode:7s} CPU median {statistics.median(v):.3f} s   per round: " + " ".join(f"{x:.2f}" for x in v))
PY
cmp -s "$work/cached.jsonl" "$work/off.jsonl" && echo "findings: the same ($(wc -l < "$work/cached.jsonl"))" \
    || echo "findings DIFFER"
