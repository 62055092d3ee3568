"""Benchmark: Callaway & Sant'Anna on mpdta with 999 multiplier-bootstrap draws, innozone vs csdid.

Both tools run the same workflow in the same process on the same data:
ATT(g,t) (doubly robust, never-treated comparison units) with a 999-draw multiplier
bootstrap and uniform bands, then the four aggregations (simple, group, dynamic,
calendar), each with bootstrap standard errors and bands. The script prints the median
wall time of each, their ratio, and how far the answers are apart:

* point estimates and analytic standard errors must agree to rounding error (same
  estimator);
* bootstrap standard errors agree to Monte Carlo error only (different random draws).

Scaling rows (``--scaling``): the same Callaway & Sant'Anna workflow on simulated
mpdta-like panels of 25,000 and 250,000 rows (5 years, cohorts 2004/2006/2007 and never
treated), and a TWFE event study (unit and year effects, one dummy per relative period,
clustered by unit) on 50,000 and 500,000 rows (10 years) against pyfixest's
``feols("y ~ i(rel, ref=-1) | unit + year", vcov={"CRV1": "unit"})``. Every row prints
the two times of one run and their ratio, and checks that the answers agree.

Run:  python benchmarks/bench_did.py [--repeat-csdid 5] [--repeat-innozone 50] [--covariates]
      python benchmarks/bench_did.py --scaling [--rows-cs 25000 250000] [--rows-es 50000 500000]
(with INNOZONE_DEV_BUILD=build/<dir> to use a development build, as the tests do).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import statistics
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from _devbuild import import_innozone

REPO = Path(__file__).resolve().parents[1]


def _import_innozone():
    return import_innozone().did


def run_csdid(df: pd.DataFrame, xformla: str, biters: int):
    from csdid.att_gt import ATTgt

    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        fit = ATTgt(
            yname="lemp",
            gname="first.treat",
            idname="countyreal",
            tname="year",
            xformla=xformla,
            data=df,
            biters=biters,
            cband=True,
        )
        fit = fit.fit(est_method="dr", bstrap=True)
        aggs = {}
        for typ in ("simple", "group", "dynamic", "calendar"):
            fit.aggte(typec=typ, bstrap=True, biters=biters, cband=True)
            aggs[typ] = dict(fit.atte)
    return fit.results, aggs


def run_innozone(did, df: pd.DataFrame, covariates, biters: int, seed: int):
    res = did.callaway_santanna(
        df,
        unit="countyreal",
        time="year",
        outcome="lemp",
        first_treated="first.treat",
        covariates=covariates,
        n_boot=biters,
        seed=seed,
    )
    return res, {t: res.aggregate(t) for t in ("simple", "group", "dynamic", "calendar")}


def timed(fn, repeat: int) -> tuple[float, object]:
    times = []
    out = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def simulate_cs(rows: int, seed: int = 1) -> pd.DataFrame:
    """An mpdta-like balanced panel: rows / 5 counties x 2003-2007."""
    rng = np.random.default_rng(seed)
    units = rows // 5
    cohort = rng.choice([0, 2004, 2006, 2007], size=units, p=[0.6, 0.1, 0.15, 0.15])
    level = rng.normal(5.0, 1.5, size=units)
    years = np.arange(2003, 2008)
    unit = np.repeat(np.arange(units) + 1, 5)
    year = np.tile(years, units)
    g = np.repeat(cohort, 5)
    effect = np.where((g > 0) & (year >= g), -0.05 * (1 + year - g), 0.0)
    lemp = np.repeat(level, 5) + 0.02 * (year - 2003) + effect + rng.normal(0, 0.1, rows)
    return pd.DataFrame({"countyreal": unit, "year": year, "lemp": lemp, "first.treat": g})


def simulate_es(rows: int, seed: int = 2) -> pd.DataFrame:
    """rows / 10 units x 2011-2020 with staggered adoption (2014..2018) and never treated."""
    rng = np.random.default_rng(seed)
    units = rows // 10
    cohort = rng.choice([0, 2014, 2015, 2016, 2017, 2018], size=units)
    years = np.arange(2011, 2021)
    unit = np.repeat(np.arange(units), 10)
    year = np.tile(years, units)
    g = np.repeat(cohort, 10)
    effect = np.where((g > 0) & (year >= g), 0.5 + 0.1 * (year - g), 0.0)
    y = (
        np.repeat(rng.normal(size=units), 10)
        + 0.05 * (year - 2011)
        + effect
        + rng.normal(size=rows)
    )
    rel = np.where(g > 0, year - g, -1)
    return pd.DataFrame({"unit": unit, "year": year, "y": y, "first": g, "rel": rel})


def scaling(inno, args) -> None:
    from importlib.metadata import version

    did = inno.did
    print(
        "Scaling: Callaway & Sant'Anna (dr, 999 bootstrap draws, uniform bands, att_gt + 4 "
        f"aggregations) vs csdid {version('csdid')}; one run each, {os.cpu_count()} cores"
    )
    for rows in args.rows_cs:
        df = simulate_cs(rows)
        run_innozone(did, df, None, 49, 1)
        t_inno, (res, _) = timed(lambda df=df: run_innozone(did, df, None, args.biters, 7), 3)
        t_csdid, (ref_gt, _) = timed(lambda df=df: run_csdid(df, "lemp~1", args.biters), 1)
        d = np.max(np.abs(res.att_gt["att"].to_numpy() - np.asarray(ref_gt["att"], float)))
        print(
            f"  {rows:>9,} rows: csdid {t_csdid:8.2f} s, innozone {t_inno * 1e3:8.1f} ms "
            f"(median of 3): {t_csdid / t_inno:6.1f}x  (max |ATT diff| {d:.1e})"
        )
    import pyfixest as pf

    print(
        f"Scaling: TWFE event study vs pyfixest {version('pyfixest')} "
        "(feols y ~ i(rel, ref=-1) | unit + year, CRV1 by unit); one run each"
    )
    for rows in args.rows_es:
        df = simulate_es(rows)

        def ours(df=df):
            return did.event_study(df, unit="unit", time="year", outcome="y", first_treated="first")

        def theirs(df=df):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return pf.feols("y ~ i(rel, ref=-1) | unit + year", data=df, vcov={"CRV1": "unit"})

        ours()
        theirs()
        t_inno, es = timed(ours, 3)
        t_pf, fit = timed(theirs, 3)
        se_pf = fit.se().to_numpy()
        table = es.to_frame()
        se_ours = table.loc[table.index != -1, "se"].to_numpy()
        rel_diff = np.max(np.abs(se_ours / se_pf - 1.0))
        print(
            f"  {rows:>9,} rows: pyfixest {t_pf * 1e3:8.1f} ms, innozone {t_inno * 1e3:8.1f} ms "
            f"(medians of 3): {t_pf / t_inno:5.1f}x  (max rel. SE diff {rel_diff:.1e})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scaling", action="store_true", help="the scaling rows instead")
    parser.add_argument("--rows-cs", type=int, nargs="+", default=[25_000, 250_000])
    parser.add_argument("--rows-es", type=int, nargs="+", default=[50_000, 500_000])
    parser.add_argument("--repeat-csdid", type=int, default=5)
    parser.add_argument("--repeat-innozone", type=int, default=50)
    parser.add_argument("--biters", type=int, default=999)
    parser.add_argument(
        "--covariates", action="store_true", help="condition on lpop (xformla ~lpop)"
    )
    args = parser.parse_args()
    if args.scaling:
        scaling(import_innozone(), args)
        return

    did = _import_innozone()
    df = pd.read_csv(REPO / "tests" / "data" / "mpdta.csv", comment="#")
    xformla = "lemp~lpop" if args.covariates else "lemp~1"
    covariates = ["lpop"] if args.covariates else None

    from importlib.metadata import version

    run_csdid(df, xformla, 49)  # warm-up (imports, caches)
    run_innozone(did, df, covariates, 49, 1)
    t_csdid, (ref_gt, ref_aggs) = timed(
        lambda: run_csdid(df, xformla, args.biters), args.repeat_csdid
    )
    t_inno, (res, aggs) = timed(
        lambda: run_innozone(did, df, covariates, args.biters, 7), args.repeat_innozone
    )

    print(
        f"Callaway & Sant'Anna on mpdta (500 counties x 5 years), dr, {args.biters} bootstrap "
        f"draws, uniform bands, att_gt + 4 aggregations, covariates: {covariates or 'none'}"
    )
    print(f"  csdid {version('csdid')}: {t_csdid * 1e3:9.1f} ms  (median of {args.repeat_csdid})")
    print(
        f"  innozone      : {t_inno * 1e3:9.2f} ms  (median of {args.repeat_innozone}, "
        f"threads: {os.cpu_count()})"
    )
    print(f"  ratio csdid / innozone: {t_csdid / t_inno:.0f}x")

    gt = res.att_gt
    att_diff = np.max(np.abs(gt["att"].to_numpy() - np.asarray(ref_gt["att"], float)))
    se_rel = np.nanmax(np.abs(gt["se"].to_numpy() / np.asarray(ref_gt["se"], float) - 1.0))
    print(
        f"  agreement, ATT(g,t): max |diff| = {att_diff:.2e}; bootstrap s.e. max rel. diff = {100 * se_rel:.1f}%"
    )

    def scalar(value) -> float:
        return float(np.asarray(value, dtype=float).ravel()[0])

    for typ, agg in aggs.items():
        ref = {k: ref_aggs[typ][k] for k in ("overall_att", "overall_se", "att_egt")}
        ref["overall_att"], ref["overall_se"] = (
            scalar(ref["overall_att"]),
            scalar(ref["overall_se"]),
        )
        d_overall = abs(agg.overall_att - float(ref["overall_att"]))
        line = (
            f"  agreement, {typ:8s}: overall ATT {agg.overall_att:+.4f} vs {float(ref['overall_att']):+.4f} "
            f"(|diff| {d_overall:.1e}), s.e. {agg.overall_se:.4f} vs {float(ref['overall_se']):.4f}"
        )
        if typ != "simple":
            d = np.max(np.abs(agg.table["att"].to_numpy() - np.asarray(ref["att_egt"], float)))
            line += f"; per-{agg.table.index.name} max |diff| {d:.1e}"
        print(line)


if __name__ == "__main__":
    main()
