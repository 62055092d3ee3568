"""Print how long ``import innozone`` takes in a fresh interpreter (python -X importtime).

Usage: python import-time.py [repeats]   (default 5; the best run is reported, as the machine
is shared). Also prints which heavy modules the import loaded (none is expected).
"""

from __future__ import annotations

import subprocess
import sys

repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
code = "import sys, innozone; print(','.join(m for m in ('numpy', 'pandas', 'matplotlib') if m in sys.modules))"
best = None
for _ in range(repeats):
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, check=True
    )
    for line in run.stderr.splitlines():
        fields = [f.strip() for f in line.removeprefix("import time:").split("|")]
        if len(fields) == 3 and fields[2] == "innozone":
            cumulative = int(fields[1]) / 1e6
            best = cumulative if best is None else min(best, cumulative)
    loaded = run.stdout.strip() or "none"
print(
    f"    import innozone: {best:.3f} s (best of {repeats}, python -X importtime); "
    f"heavy modules loaded: {loaded}"
)
