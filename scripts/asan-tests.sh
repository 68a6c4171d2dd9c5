#!/usr/bin/env bash
# Runs the whole test suite under AddressSanitizer, in its own scratch path (.build-asan, ignored
# by .gitignore's `.build-*/`) so that it never disturbs the normal debug build.
#
#   scripts/asan-tests.sh                 # every test
#   scripts/asan-tests.sh --filter SiftConfluenceTests
#
# Extra arguments go to `swift test`. See docs/hostile-input.md.
set -euo pipefail
cd "$(dirname "$0")/.."
# Leak checking is off: Foundation, Dispatch and the system libraries keep global allocations
# that LeakSanitizer reports at exit; the fuzz harnesses (scripts/fuzz.sh) check Sift's own leaks.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:halt_on_error=1}
exec swift test --sanitize=address --scratch-path .build-asan "$@"
