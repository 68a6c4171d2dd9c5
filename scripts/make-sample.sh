#!/usr/bin/env bash
# Rebuilds Samples/sample-space-export.zip from Samples/sample-space-export/ (deterministic order).
set -euo pipefail
cd "$(dirname "$0")/../Samples/sample-space-export"
rm -f ../sample-space-export.zip
python3 - <<'PY'
import os, zipfile
with zipfile.ZipFile("../sample-space-export.zip", "w", zipfile.ZIP_DEFLATED) as z:
    for base, _, files in sorted(os.walk(".")):
        for name in sorted(files):
            path = os.path.join(base, name)
            info = zipfile.ZipInfo(os.path.relpath(path, "."), date_time=(2026, 11, 24, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, open(path, "rb").read())
PY
echo "wrote Samples/sample-space-export.zip"
