"""Print how long ``import innozone`` takes in a fresh interpreter.

Usage: python import-time.py [repeats]   (default 5). Reports the best run's wall time from
``python -X importtime`` (the cumulative line of ``innozone``) and its CPU time (user +
system, less sensitive to other load on a shared machine), and which heavy modules the
import loaded (pandas and matplotlib are expected to be absent).
"""

from __future__ import annotations

import subprocess
import sys

repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
code = (
    "import resource, sys\n"
    "def cpu():\n"
    "    r = resource.getrusage(resource.RUSAGE_SELF)\n"
    "    return r.ru_utime + r.ru_stime\n"
    "before = cpu()\n"
    "import innozone\n"
    "print(cpu() - before)\n"
    "print(','.join(m for m in ('numpy', 'pandas', 'matplotlib') if m in sys.modules))\n"
)
walls: list[float] = []
cpus: list[float] = []
loaded = ""
for _ in range(repeats):
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, check=True
    )
    for line in run.stderr.splitlines():
        fields = [f.strip() for f in line.removeprefix("import time:").split("|")]
        if len(fields) == 3 and fields[2] == "innozone":
            walls.append(int(fields[1]) / 1e6)
    cpu_text, loaded = (run.stdout.splitlines() + ["", ""])[:2]
    cpus.append(float(cpu_text))
print(
    f"    import innozone: {min(walls):.3f} s wall, {min(cpus):.3f} s CPU (best of {repeats}, "
    f"python -X importtime); heavy modules loaded: {loaded or 'none'}"
)
