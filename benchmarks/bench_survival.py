"""Benchmark: parametric survival fits, innozone against lifelines, in one run.

Weibull, log-normal and log-logistic fits (maximum likelihood, standard errors, AIC,
median) to right-censored durations: the Rossi recidivism data (432 units, shipped in
tests/data/survival) and synthetic firm registers of 10,000 and 100,000 units. lifelines
minimises with scipy (Nelder-Mead, then L-BFGS-B with autograd gradients); innozone runs
Newton's method with analytic derivatives in C++. Parameters are checked to agree (5e-5
relative) before any time is printed; the ratio is lifelines' time over innozone's.

lifelines pins pandas < 3, so it is not in the test extra; run this in an environment that
has it, e.g.

    python -m venv /tmp/ll && /tmp/ll/bin/pip install lifelines tqdm
    INNOZONE_DEV_BUILD=build/dev /tmp/ll/bin/python benchmarks/bench_survival.py
"""

from __future__ import annotations

import argparse
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from _devbuild import REPO, import_innozone


def best_of(repeat: int, fn: Any) -> tuple[float, Any]:
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def register(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Log-logistic closure ages, censored by the end of observation."""
    rng = np.random.default_rng(seed)
    age = np.exp(1.6 + 0.7 * rng.logistic(size=n))
    end = rng.uniform(1.0, 12.0, n)
    return np.minimum(age, end), (age <= end).astype(int)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    innozone = import_innozone()
    from lifelines import LogLogisticFitter, LogNormalFitter, WeibullFitter

    fitters = {
        "weibull": WeibullFitter,
        "lognormal": LogNormalFitter,
        "loglogistic": LogLogisticFitter,
    }
    rossi = pd.read_csv(Path(REPO) / "tests" / "data" / "survival" / "rossi.csv")
    data = {"Rossi (432)": (rossi["week"].to_numpy(float), rossi["arrest"].to_numpy(int))}
    for n in (10_000, 100_000):
        data[f"firms ({n:,})"] = register(n, 7)
    print(
        "Parametric survival fits: lifelines time / innozone time (best of "
        f"{args.repeat}; lifelines once for 100,000 units)"
    )
    for label, (t, e) in data.items():
        cells = []
        for model, cls in fitters.items():
            t_iz, ours = best_of(
                args.repeat,
                lambda t=t, e=e, model=model: innozone.fit_survival(t, event=e, model=model),
            )
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                repeat = 1 if len(t) > 50_000 else args.repeat
                t_ll, ref = best_of(repeat, lambda cls=cls, t=t, e=e: cls().fit(t, e))
            mine = ours.parameters["estimate"].to_numpy()
            theirs = ref.summary["coef"].to_numpy()
            np.testing.assert_allclose(mine, theirs, rtol=5e-5)
            cells.append(f"{model} {t_ll / t_iz:6.1f}x ({t_iz * 1e3:.2f} ms)")
        print(f"  {label:<18} " + "   ".join(cells))


if __name__ == "__main__":
    main()
