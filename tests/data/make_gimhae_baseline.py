"""Write tests/data/gimhae-projection-baseline.json: the Gimhae phase-2 projection of the
hand-written model (innozone.gimhae_model at commit 670b3dc, before the generic
calibration replaced it).

The module ``innozone.gimhae_model`` this script calls was removed after that commit, so
the script runs only in a checkout of 670b3dc (``git worktree add /tmp/baseline 670b3dc``),
from its root, with a dev build of that commit:

    INNOZONE_DEV_BUILD=build/dev python tests/data/make_gimhae_baseline.py

Plain Monte Carlo sampling (sampler="mc") so that the standard error of a mean is
sd / sqrt(n_draws); tests/python/test_zonemodel.py compares the calibrated model with
these means within that error.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if os.environ.get("INNOZONE_DEV_BUILD"):
    sys.path.insert(0, str(ROOT / "tests" / "python"))
    import conftest  # noqa: F401  (registers the development build's innozone._core)

N_DRAWS = 200_000
SEED = 20_250_121


def main() -> None:
    from innozone import _core, gimhae_model, outcomes

    result = outcomes.simulate(
        gimhae_model.gimhae_model(),
        gimhae_model.gimhae_parameters(),
        n_draws=N_DRAWS,
        seed=SEED,
        sampler="mc",
        n_threads=2,
    )
    summary = result.summary(quantiles=(0.05, 0.5, 0.95))
    table = {}
    for (indicator, year), row in summary.iterrows():
        table.setdefault(indicator, {})[str(year)] = {k: float(v) for k, v in row.items()}
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    out = {
        "what": "Gimhae phase-2 projection of the hand-written model (innozone.gimhae_model)",
        "commit": commit,
        "core_version": _core.__version__,
        "command": "INNOZONE_DEV_BUILD=build/dev python tests/data/make_gimhae_baseline.py",
        "sampler": "mc",
        "n_draws": N_DRAWS,
        "seed": SEED,
        "inputs": gimhae_model.assumptions_frame()[["distribution", "mean"]]
        .reset_index()
        .to_dict(orient="records"),
        "summary": table,
    }
    path = ROOT / "tests" / "data" / "gimhae-projection-baseline.json"
    path.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
