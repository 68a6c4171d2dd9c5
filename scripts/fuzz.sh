#!/usr/bin/env bash
# Builds Sift's libFuzzer harnesses (Fuzz/, a package of its own) and runs each for SECONDS
# (default 60), on a scratch copy of its committed seed corpus (Fuzz/Corpus/<harness>/), so that
# the committed corpus is never polluted. Reports crashes, leaks, timeouts and out-of-memory.
#
#   scripts/fuzz.sh                       # every harness, 60 s each
#   scripts/fuzz.sh 300 regex entities    # two harnesses, 5 minutes each
#
# Harnesses: storage-format entities regex pack object-expression attachment.
# Environment: FUZZ_ARGS adds libFuzzer flags (e.g. "-jobs=2 -workers=2"); FUZZ_NO_BUILD=1 skips
# the build. Results go to Fuzz/.build/fuzz-runs/<harness>/ (log, corpus, artifacts); the exit
# status is 1 if any harness found something. See docs/hostile-input.md.
set -uo pipefail
cd "$(dirname "$0")/../Fuzz"

all=(storage-format entities regex pack object-expression attachment)
seconds=60
if [[ $# -gt 0 && $1 =~ ^[0-9]+$ ]]; then seconds=$1; shift; fi
harnesses=("$@")
[[ ${#harnesses[@]} -eq 0 ]] && harnesses=("${all[@]}")
for h in "${harnesses[@]}"; do
    [[ " ${all[*]} " == *" $h "* ]] || { echo "unknown harness '$h' (one of: ${all[*]})" >&2; exit 2; }
done

flags=(-c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library)
if [[ -z ${FUZZ_NO_BUILD:-} ]]; then
    echo "== building the harnesses (release, -sanitize=fuzzer,address)"
    # SwiftPM reuses its cached build plan when only a path dependency's files changed, so a
    # source file added to the main package went unseen ("cannot find … in scope"): re-plan.
    rm -f .build/release.yaml .build/*/release/description.json
    swift build "${flags[@]}" || exit 2
fi
bin=$(swift build "${flags[@]}" --show-bin-path)

# libxml2 and friends are not instrumented; keep ASan's leak checker on, but quiet about the
# one-time allocations of libraries' global state.
# Swift traps: let libFuzzer report the signal, not the Swift backtracer (which ASan trips over).
export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}

found=0
summary=()
for h in "${harnesses[@]}"; do
    run=.build/fuzz-runs/$h
    rm -rf "$run"
    mkdir -p "$run/corpus" "$run/artifacts"
    cp Corpus/"$h"/* "$run/corpus/" 2>/dev/null
    echo "== fuzz-$h for ${seconds}s"
    # -timeout: one input taking over 10 s is a hang; -rss_limit_mb: a 2 GB process is a bomb.
    "$bin/fuzz-$h" "$run/corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$run/artifacts/" -print_final_stats=1 ${FUZZ_ARGS:-} >"$run/log" 2>&1
    status=$?
    execs=$(grep -m1 '^stat::number_of_executed_units' "$run/log" | awk '{print $2}')
    cov=$(grep -E '^#[0-9]+' "$run/log" | tail -1 | grep -oE 'cov: [0-9]+' | awk '{print $2}')
    artifacts=$(ls "$run/artifacts" 2>/dev/null)
    if [[ $status -ne 0 || -n $artifacts ]]; then
        found=1
        kind=$(grep -m1 -oE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer): [a-z-]+|Fatal error: .*' "$run/log")
        summary+=("fuzz-$h: FOUND ${kind:-exit $status} after ${execs:-?} execs; artifacts: $(echo $artifacts); log: Fuzz/$run/log")
    else
        summary+=("fuzz-$h: ok, ${execs:-?} execs in ${seconds}s, cov ${cov:-?}, corpus $(ls "$run/corpus" | wc -l) inputs")
    fi
    echo "   ${summary[-1]}"
done
echo
printf '%s\n' "${summary[@]}"
exit $found
