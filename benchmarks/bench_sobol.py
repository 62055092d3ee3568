"""Benchmark: Sobol' indices with bootstrap intervals, innozone against SALib, in one run.

For each model, both tools do the whole job at N = 2^14 base samples (Saltelli design,
N (d + 2) model runs, first-order and total indices, 100 bootstrap resamples):

* Ishigami (d = 3): SALib samples, evaluates ``SALib.test_functions.Ishigami`` (NumPy) and
  analyses; innozone runs its built-in Ishigami model.
* Gimhae phase-2 zone model (d = 11; outputs cum_companies and jobs in 2029): SALib samples
  the unit cube, maps it through the inputs' scipy.stats quantile functions, evaluates the
  vectorised NumPy model of ``bench_montecarlo.py`` and analyses; innozone runs its C++
  ZoneModel.

Target (issue 4): innozone >= 10x faster, and each tool's indices inside the other's 95 %
intervals (checked: |S_innozone - S_SALib| <= half-width_innozone + half-width_SALib).

Morris screening of Ishigami with 1,000 trajectories on 4 levels (4,000 runs) and 1,000
bootstrap resamples of mu*: SALib samples, evaluates and analyses; innozone runs the whole
design in C++. Both use the standard grid, so SALib's analyser on innozone's own
trajectories must reproduce innozone's mu* exactly (checked to 1e-9).

    python benchmarks/bench_sobol.py [--power 14] [--threads 0]
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _devbuild import import_innozone
from bench_montecarlo import INDICATORS, gimhae_calibration, numpy_zone_model


def timed(fn: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def salib_ishigami(n: int) -> dict[str, np.ndarray]:
    from SALib.analyze import sobol as analyze
    from SALib.sample import sobol as sample
    from SALib.test_functions import Ishigami

    problem = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-math.pi, math.pi]] * 3}
    x = sample.sample(problem, n, calc_second_order=False, seed=1)
    y = Ishigami.evaluate(x)
    res = analyze.analyze(problem, y, calc_second_order=False, num_resamples=100, seed=1)
    return {"S1": res["S1"], "ST": res["ST"], "S1_conf": res["S1_conf"], "ST_conf": res["ST_conf"]}


def salib_gimhae(
    n: int, assumptions: list[Any], outputs: list[tuple[str, int]]
) -> list[dict[str, np.ndarray]]:
    from SALib.analyze import sobol as analyze
    from SALib.sample import sobol as sample
    from scipy import stats

    names = [a.name for a in assumptions]
    problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
    u = sample.sample(problem, n, calc_second_order=False, seed=1)
    u = np.clip(u, 1e-12, 1 - 1e-12)
    x = {}
    for j, a in enumerate(assumptions):
        p = a.distribution.params
        if a.distribution.name == "uniform":
            dist = stats.uniform(p[0], p[1] - p[0])
        elif a.distribution.name == "triangular":
            dist = stats.triang((p[1] - p[0]) / (p[2] - p[0]), loc=p[0], scale=p[2] - p[0])
        elif a.distribution.name == "lognormal":
            dist = stats.lognorm(p[1], scale=math.exp(p[0]))
        else:
            raise SystemExit(f"no scipy mapping for {a.distribution.name}")
        x[a.name] = dist.ppf(u[:, j])
    out = numpy_zone_model(x)
    years = list(gimhae_calibration().years)
    results = []
    for indicator, year in outputs:
        y = np.ascontiguousarray(out[:, INDICATORS.index(indicator), years.index(year)])
        res = analyze.analyze(problem, y, calc_second_order=False, num_resamples=100, seed=1)
        results.append(
            {"S1": res["S1"], "ST": res["ST"], "S1_conf": res["S1_conf"], "ST_conf": res["ST_conf"]}
        )
    return results


def salib_morris(r: int) -> dict[str, np.ndarray]:
    from SALib.analyze import morris as analyze
    from SALib.sample import morris as sample
    from SALib.test_functions import Ishigami

    problem = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-math.pi, math.pi]] * 3}
    x = sample.sample(problem, r, num_levels=4, seed=1)
    y = Ishigami.evaluate(x)
    res = analyze.analyze(problem, x, y, num_levels=4, num_resamples=1000, seed=1)
    return {"mu_star": np.asarray(res["mu_star"]), "sigma": np.asarray(res["sigma"])}


def agreement(mine: Any, ref: dict[str, np.ndarray]) -> float:
    """Largest |difference| / (sum of the two 95 % half-widths) over S1 and ST (<= 1 means agreement)."""
    worst = 0.0
    for key in ("S1", "ST"):
        diff = np.abs(mine[key].to_numpy() - ref[key])
        allowed = mine[f"{key}_conf"].to_numpy() + ref[f"{key}_conf"]
        worst = max(worst, float(np.max(diff / np.maximum(allowed, 1e-12))))
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--power", type=int, default=14)
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args()
    iz = import_innozone()
    cal = gimhae_calibration()

    n = 2**args.power
    params = iz.ParameterSet(
        {f"x{i}": iz.Distribution.uniform(-math.pi, math.pi) for i in (1, 2, 3)}
    )
    t_iz, res = timed(
        lambda: iz.sobol(
            iz.outcomes.IshigamiModel(),
            params,
            n_draws=n,
            seed=1,
            n_boot=100,
            n_threads=args.threads,
        )
    )
    t_sa, ref = timed(lambda: salib_ishigami(n))
    ish = agreement(res.indices("y", 0), ref)

    outputs = [("cum_companies", 2029), ("jobs", 2029)]
    t_iz_g, res_g = timed(
        lambda: iz.sobol(
            cal.model,
            cal.parameters,
            outputs=outputs,
            n_draws=n,
            seed=1,
            n_boot=100,
            n_threads=args.threads,
        )
    )
    t_sa_g, ref_g = timed(lambda: salib_gimhae(n, cal.inputs, outputs))
    gim = max(agreement(res_g.indices(ind, yr), r) for (ind, yr), r in zip(outputs, ref_g))

    print(
        f"Sobol' indices, N = 2^{args.power} = {n:,}, first-order + total, 100 bootstrap resamples"
    )
    print(
        f"  Ishigami (d=3, {n * 5:,} runs):   SALib {t_sa:7.3f} s   innozone {t_iz:7.3f} s   "
        f"ratio {t_sa / t_iz:6.1f}x  (target >= 10x); agreement {ish:.2f} (<= 1: within each other's CIs)"
    )
    print(
        f"  Gimhae (d=11, {n * 13:,} runs, 2 outputs): SALib {t_sa_g:7.3f} s   innozone {t_iz_g:7.3f} s   "
        f"ratio {t_sa_g / t_iz_g:6.1f}x  (target >= 10x); agreement {gim:.2f}"
    )
    # ---- Morris
    from SALib.analyze import morris as salib_morris_analyze
    from SALib.test_functions import Ishigami

    r = 1000
    t_mo, mo = timed(
        lambda: iz.morris(
            iz.outcomes.IshigamiModel(),
            params,
            n_trajectories=r,
            n_boot=1000,
            seed=1,
            n_threads=args.threads,
        )
    )
    t_sm, sm = timed(lambda: salib_morris(r))
    problem = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-math.pi, math.pi]] * 3}
    x = np.asarray(mo.raw.inputs)
    same = salib_morris_analyze.analyze(
        problem, x, Ishigami.evaluate(x), num_levels=4, num_resamples=10, seed=1
    )
    frame = mo.to_frame().loc[problem["names"]]
    np.testing.assert_allclose(frame["mu_star"], same["mu_star"], rtol=1e-9)
    print(
        f"  Morris, Ishigami ({r:,} trajectories, 4 levels, 1,000 bootstrap resamples): "
        f"SALib {t_sm:7.3f} s   innozone {t_mo:7.3f} s   ratio {t_sm / t_mo:6.1f}x; "
        f"mu* innozone {np.round(frame['mu_star'].to_numpy(), 3).tolist()} "
        f"SALib (own trajectories) {np.round(sm['mu_star'], 3).tolist()}"
    )
    s1 = res.indices("y", 0)
    print(
        "  Ishigami S1 innozone",
        np.round(s1["S1"].to_numpy(), 4).tolist(),
        "SALib",
        np.round(ref["S1"], 4).tolist(),
        "analytic [0.3139, 0.4424, 0.0]",
    )
    print(
        "  Ishigami ST innozone",
        np.round(s1["ST"].to_numpy(), 4).tolist(),
        "SALib",
        np.round(ref["ST"], 4).tolist(),
        "analytic [0.5576, 0.4424, 0.2437]",
    )


if __name__ == "__main__":
    main()
