#!/usr/bin/env bash
# Findings per 100 MB of ordinary source code and documentation: the noise of the built-in packs.
# Default corpus: this machine's Python standard library (clean code and docs, no real secrets).
#   scripts/noise.sh [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
stdlib="$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')"
corpus="${1:-$stdlib}"
# The standard library without the third-party packages installed next to it.
inputs=()
if [[ "$corpus" == "$stdlib" ]]; then
    for entry in "$stdlib"/*; do [[ "$(basename "$entry")" == site-packages ]] || inputs+=("$entry"); done
else
    inputs=("$corpus")
fi
swift build -c release --static-swift-stdlib --product sift >/dev/null
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
.build/release/sift scan "${inputs[@]}" --workspace "$work/ws" --format jsonl >"$work/findings.jsonl" 2>"$work/summary.txt" || true
python3 - "$work/findings.jsonl" "${inputs[@]}" <<'PY'
import collections, json, os, sys
path, inputs = sys.argv[1], sys.argv[2:]
corpus = os.path.commonpath(inputs) if len(inputs) > 1 else inputs[0]
def size_of(p):
    if os.path.isfile(p): return os.path.getsize(p)
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(p) for f in fs
               if not os.path.islink(os.path.join(d, f)))
size = sum(size_of(p) for p in inputs)
rules = collections.Counter(json.loads(line)["ruleName"] for line in open(path))
total = sum(rules.values())
print(f"corpus: {corpus} without site-packages ({size / 1e6:.1f} MB)" if len(inputs) > 1 else f"corpus: {corpus} ({size / 1e6:.1f} MB)")
print(f"findings: {total} = {total / (size / 1e8):.1f} per 100 MB")
for rule, n in rules.most_common():
    print(f"  {n:6d}  {n / (size / 1e8):8.1f}/100MB  {rule}")
PY
