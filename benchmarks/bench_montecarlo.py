"""Benchmark: Monte Carlo of the Gimhae phase-2 model, innozone against vectorised NumPy.

Both sides do the same work in the same run: draw 1,000,000 samples of the model's 11
uncertain inputs (uniform, triangular, log-normal), evaluate the 5-year zone model
(budget response -> funnel -> Weibull cohorts incl. phase-1 firms -> jobs, revenue,
investment; 10 indicators x 5 years), then summarise every indicator and year (mean, sd,
5/25/50/75/95 % quantiles) and compute P(target) for the example targets.

The NumPy reference is a straightforward vectorised implementation of the same model with
NumPy's own generator. Its means must agree with innozone's within Monte Carlo error
(checked before any time is printed).

Targets (issue 4): innozone on one thread >= 10x faster than NumPy; two threads >= 1.8x
faster than one.

    python benchmarks/bench_montecarlo.py [--draws 1000000] [--repeat 3]

Set INNOZONE_DEV_BUILD to a build directory to use an uninstalled build (as the tests do).
"""

from __future__ import annotations

import argparse
import time
from typing import Any

import numpy as np

from _devbuild import import_innozone


_import_innozone = import_innozone

QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95]


INDICATORS = [
    "transfers",
    "ric_founded",
    "startups_founded",
    "firms_alive",
    "jobs",
    "revenue",
    "investment",
    "cum_companies",
    "cum_investment",
    "cum_revenue",
    "cum_transfers",
    "cum_ric",
    "cum_startups",
]


def numpy_zone_model(x: dict[str, np.ndarray]) -> np.ndarray:
    """The Gimhae phase-2 zone model vectorised over draws: (n, 13 indicators, 5 years)."""
    from innozone import gimhae_model as gm

    n = len(x["phase1_budget"])
    years = gm.PHASE2_BUDGET["years"]
    budget = np.asarray(gm.PHASE2_BUDGET["yearly"])
    init_years = gm.PHASE1["years"]
    init_ric = gm.PHASE1["ric_by_year"]
    init_su = gm.PHASE1["startups_by_year"]
    ny = len(years)
    b0 = x["phase1_budget"] / 5.0
    t0 = gm.PHASE1["transfers"] / 5.0
    n_ages = years[-1] - init_years[0] + 1
    log_ratio = np.log((np.arange(n_ages) + 0.5) / 5.0)
    ratio = np.exp(x["weibull_shape"][:, None] * log_ratio[None, :])  # (n, ages)
    s_ric = np.exp(np.log(x["ric_survival_5y"])[:, None] * ratio)
    s_su = np.exp(np.log(x["startup_survival_5y"])[:, None] * ratio)
    transfers = (
        x["productivity"][:, None]
        * t0
        * (budget[None, :] / b0[:, None]) ** x["elasticity"][:, None]
    )
    ric = x["ric_per_transfer"][:, None] * transfers
    su = x["startups_per_transfer"][:, None] * transfers
    alive = np.zeros((n, ny))
    for u in range(ny):
        for c, yc in enumerate(init_years):
            age = years[u] - yc
            alive[:, u] += init_ric[c] * s_ric[:, age] + init_su[c] * s_su[:, age]
        for c in range(u + 1):
            alive[:, u] += ric[:, c] * s_ric[:, u - c] + su[:, c] * s_su[:, u - c]
    founded = ric + su
    revenue = alive * x["revenue_per_firm"][:, None]
    investment = founded * x["investment_per_new_firm"][:, None]
    return np.stack(
        [
            transfers,
            ric,
            su,
            alive,
            alive * x["jobs_per_firm"][:, None],
            revenue,
            investment,
            np.cumsum(founded, axis=1),
            np.cumsum(investment, axis=1),
            np.cumsum(revenue, axis=1),
            np.cumsum(transfers, axis=1),
            np.cumsum(ric, axis=1),
            np.cumsum(su, axis=1),
        ],
        axis=1,
    )


def numpy_reference(
    assumptions: list[Any], targets: list[Any], n: int, seed: int
) -> tuple[np.ndarray, dict]:
    """NumPy's generator for the inputs, the vectorised model, and the same summaries."""
    from innozone import gimhae_model as gm

    rng = np.random.default_rng(seed)
    x = {}
    for a in assumptions:
        d = a.distribution
        p = d.params
        if d.name == "uniform":
            x[a.name] = rng.uniform(p[0], p[1], n)
        elif d.name == "triangular":
            x[a.name] = rng.triangular(p[0], p[1], p[2], n)
        elif d.name == "lognormal":
            x[a.name] = rng.lognormal(p[0], p[1], n)
        else:
            raise SystemExit(f"reference has no sampler for {d.name}")
    out = numpy_zone_model(x)
    years = gm.PHASE2_BUDGET["years"]
    flat = out.reshape(n, -1)
    summary = {
        "mean": flat.mean(axis=0),
        "sd": flat.std(axis=0, ddof=1),
        "quantiles": np.quantile(flat, QUANTILES, axis=0),
    }
    summary["p"] = [
        float(np.mean(out[:, INDICATORS.index(t.indicator), years.index(t.year)] >= t.value))
        for t in targets
    ]
    return out, summary


def run_innozone(iz: Any, n: int, seed: int, threads: int) -> tuple[Any, Any, list[float]]:
    from innozone import gimhae_model as gm

    result = iz.simulate(
        gm.gimhae_model(),
        gm.gimhae_parameters(),
        n_draws=n,
        seed=seed,
        sampler="mc",
        n_threads=threads,
        keep_inputs=False,
    )
    summary = result.summary(QUANTILES, n_threads=threads)
    probs = [result.probability(t) for t in gm.EXAMPLE_TARGETS]
    return result, summary, probs


def best_of(repeat: int, fn: Any) -> tuple[float, Any]:
    best = float("inf")
    value = None
    for _ in range(repeat):
        start = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - start)
    return best, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    iz = _import_innozone()
    from innozone import gimhae_model as gm

    n = args.draws
    assumptions = gm.gimhae_assumptions()
    targets = gm.EXAMPLE_TARGETS

    t_np, (ref_out, ref_summary) = best_of(
        args.repeat, lambda: numpy_reference(assumptions, targets, n, args.seed)
    )
    del ref_out
    t1, (res1, sum1, probs1) = best_of(args.repeat, lambda: run_innozone(iz, n, args.seed, 1))
    t2, (res2, _sum2, _probs2) = best_of(args.repeat, lambda: run_innozone(iz, n, args.seed, 2))

    # Checks before timing is reported: identical results on 1 and 2 threads; means within
    # 5 standard errors of the NumPy reference (independent random streams).
    assert np.array_equal(res1.draws, res2.draws), "1- and 2-thread results differ"
    mean = sum1["mean"].to_numpy()
    se = sum1["sd"].to_numpy() / np.sqrt(n) + ref_summary["sd"] / np.sqrt(n)
    worst = np.max(np.abs(mean - ref_summary["mean"]) / np.maximum(se, 1e-12))
    assert worst < 5.0, f"innozone and NumPy means disagree ({worst:.1f} standard errors)"
    # two independent estimates of a probability: allow 5 standard errors of their difference
    p_tol = 5.0 * np.sqrt(2 * 0.25 / n)
    assert np.allclose(probs1, ref_summary["p"], atol=p_tol), (probs1, ref_summary["p"], p_tol)

    print(
        f"Gimhae phase-2 Monte Carlo: {n:,} draws x 11 inputs x (13 indicators x 5 years), "
        f"with summaries and {len(targets)} target probabilities; best of {args.repeat}"
    )
    print(f"  NumPy vectorised reference  : {t_np:8.3f} s")
    print(
        f"  innozone, 1 thread          : {t1:8.3f} s   ratio vs NumPy {t_np / t1:6.1f}x  (target >= 10x)"
    )
    print(
        f"  innozone, 2 threads         : {t2:8.3f} s   ratio vs NumPy {t_np / t2:6.1f}x; "
        f"2 vs 1 thread {t1 / t2:4.2f}x  (target >= 1.8x)"
    )
    print(
        f"  agreement: max |mean difference| = {worst:.2f} standard errors; P(targets) innozone "
        f"{np.round(probs1, 4).tolist()} vs NumPy {np.round(ref_summary['p'], 4).tolist()}"
    )


if __name__ == "__main__":
    main()
