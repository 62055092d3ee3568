"""Write the lifelines reference values used by tests/python/test_survival.py.

Run in an environment with lifelines 0.30.3 (it pins pandas < 3, so it is not part of the
test extra; the values are stored instead):

    python -m venv /tmp/ll && /tmp/ll/bin/pip install lifelines==0.30.3
    /tmp/ll/bin/python tests/data/survival/make_lifelines_reference.py

Data sets (written next to this script):
- rossi.csv: weeks to re-arrest of 432 released prisoners, censored at 52 weeks (Rossi,
  Berk & Lenihan 1980, "Money, Work and Crime"; distributed as ``Rossi`` in R's carData and
  as ``load_rossi`` in lifelines). Only the columns ``week`` and ``arrest`` are kept.
- firms.csv: a synthetic firm register (seeded): ages at closure or at the end of
  observation, age at which each firm entered the register (left truncation) and a case
  weight.
"""

from __future__ import annotations

import json
from pathlib import Path

import lifelines
import numpy as np
import pandas as pd
from lifelines import LogLogisticFitter, LogNormalFitter, WeibullFitter
from lifelines.datasets import load_rossi

HERE = Path(__file__).resolve().parent
TIMES = [0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 40.0, 52.0]
FITTERS = {"weibull": WeibullFitter, "lognormal": LogNormalFitter, "loglogistic": LogLogisticFitter}


def firms() -> pd.DataFrame:
    rng = np.random.default_rng(20250121)
    n = 600
    age = np.exp(1.6 + 0.7 * rng.logistic(size=n))  # years until closure
    entry = np.where(rng.uniform(size=n) < 0.4, rng.uniform(0.0, 3.0, n), 0.0)
    keep = age > entry  # firms that closed before the register started are never seen
    age, entry = age[keep], entry[keep]
    end = entry + rng.uniform(1.0, 12.0, age.size)  # end of observation
    duration = np.minimum(age, end)
    event = (age <= end).astype(int)
    weight = rng.choice([1.0, 2.0, 0.5], size=age.size)
    return pd.DataFrame(
        {"duration": duration.round(6), "event": event, "entry": entry.round(6), "weight": weight}
    )


def reference(fitter: object, times: list[float]) -> dict[str, object]:
    """Fitted with ``timeline=times``, so the survival band is given at those times."""
    summary = fitter.summary
    t = np.asarray(times, dtype=float)
    band = fitter.confidence_interval_survival_function_
    return {
        "parameters": {name: float(summary.loc[name, "coef"]) for name in summary.index},
        "se": {name: float(summary.loc[name, "se(coef)"]) for name in summary.index},
        "lower": {name: float(summary.loc[name, "coef lower 95%"]) for name in summary.index},
        "upper": {name: float(summary.loc[name, "coef upper 95%"]) for name in summary.index},
        "log_likelihood": float(fitter.log_likelihood_),
        "aic": float(fitter.AIC_),
        "median": float(fitter.median_survival_time_),
        "times": times,
        "survival": [float(v) for v in fitter.survival_function_at_times(t)],
        "hazard": [float(v) for v in fitter.hazard_at_times(t)],
        "cumulative_hazard": [float(v) for v in fitter.cumulative_hazard_at_times(t)],
        "survival_lower_plain": [float(v) for v in band.iloc[:, 0]],
        "survival_upper_plain": [float(v) for v in band.iloc[:, 1]],
    }


def main() -> None:
    rossi = load_rossi()[["week", "arrest"]]
    rossi.to_csv(HERE / "rossi.csv", index=False)
    register = firms()
    register.to_csv(HERE / "firms.csv", index=False)
    out: dict[str, object] = {"lifelines": lifelines.__version__, "rossi": {}, "firms": {}}
    for name, cls in FITTERS.items():
        f = cls().fit(rossi["week"], rossi["arrest"], timeline=TIMES)
        out["rossi"][name] = reference(f, TIMES)  # type: ignore[index]
        short = [t for t in TIMES if t <= 20.0]
        g = cls().fit(
            register["duration"],
            register["event"],
            entry=register["entry"],
            weights=register["weight"],
            timeline=short,
        )
        out["firms"][name] = reference(g, short)  # type: ignore[index]
    (HERE / "lifelines_reference.json").write_text(
        json.dumps(out, indent=1) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
