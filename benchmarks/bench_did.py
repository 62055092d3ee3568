"""Benchmark: Callaway & Sant'Anna on mpdta with 999 multiplier-bootstrap draws, innozone vs csdid.

Both tools run the same workflow in the same process on the same data:
ATT(g,t) (doubly robust, never-treated comparison units) with a 999-draw multiplier
bootstrap and uniform bands, then the four aggregations (simple, group, dynamic,
calendar), each with bootstrap standard errors and bands. The script prints the median
wall time of each, their ratio, and how far the answers are apart:

* point estimates and analytic standard errors must agree to rounding error (same
  estimator);
* bootstrap standard errors agree to Monte Carlo error only (different random draws).

Run:  python benchmarks/bench_did.py [--repeat-csdid 5] [--repeat-innozone 50] [--covariates]
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
        fit = ATTgt(yname="lemp", gname="first.treat", idname="countyreal", tname="year",
                    xformla=xformla, data=df, biters=biters, cband=True)
        fit = fit.fit(est_method="dr", bstrap=True)
        aggs = {}
        for typ in ("simple", "group", "dynamic", "calendar"):
            fit.aggte(typec=typ, bstrap=True, biters=biters, cband=True)
            aggs[typ] = dict(fit.atte)
    return fit.results, aggs


def run_innozone(did, df: pd.DataFrame, covariates, biters: int, seed: int):
    res = did.callaway_santanna(df, unit="countyreal", time="year", outcome="lemp",
                                group="first.treat", covariates=covariates, n_boot=biters, seed=seed)
    return res, {t: res.aggregate(t) for t in ("simple", "group", "dynamic", "calendar")}


def timed(fn, repeat: int) -> tuple[float, object]:
    times = []
    out = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat-csdid", type=int, default=5)
    parser.add_argument("--repeat-innozone", type=int, default=50)
    parser.add_argument("--biters", type=int, default=999)
    parser.add_argument("--covariates", action="store_true", help="condition on lpop (xformla ~lpop)")
    args = parser.parse_args()

    did = _import_innozone()
    df = pd.read_csv(REPO / "tests" / "data" / "mpdta.csv", comment="#")
    xformla = "lemp~lpop" if args.covariates else "lemp~1"
    covariates = ["lpop"] if args.covariates else None

    from importlib.metadata import version

    run_csdid(df, xformla, 49)  # warm-up (imports, caches)
    run_innozone(did, df, covariates, 49, 1)
    t_csdid, (ref_gt, ref_aggs) = timed(lambda: run_csdid(df, xformla, args.biters), args.repeat_csdid)
    t_inno, (res, aggs) = timed(lambda: run_innozone(did, df, covariates, args.biters, 7),
                                args.repeat_innozone)

    print(f"Callaway & Sant'Anna on mpdta (500 counties x 5 years), dr, {args.biters} bootstrap "
          f"draws, uniform bands, att_gt + 4 aggregations, covariates: {covariates or 'none'}")
    print(f"  csdid {version('csdid')}: {t_csdid * 1e3:9.1f} ms  (median of {args.repeat_csdid})")
    print(f"  innozone      : {t_inno * 1e3:9.2f} ms  (median of {args.repeat_innozone}, "
          f"threads: {os.cpu_count()})")
    print(f"  ratio csdid / innozone: {t_csdid / t_inno:.0f}x")

    gt = res.att_gt
    att_diff = np.max(np.abs(gt["att"].to_numpy() - np.asarray(ref_gt["att"], float)))
    se_rel = np.nanmax(np.abs(gt["se"].to_numpy() / np.asarray(ref_gt["se"], float) - 1.0))
    print(f"  agreement, ATT(g,t): max |diff| = {att_diff:.2e}; bootstrap s.e. max rel. diff = {100 * se_rel:.1f}%")
    def scalar(value) -> float:
        return float(np.asarray(value, dtype=float).ravel()[0])

    for typ, agg in aggs.items():
        ref = {k: ref_aggs[typ][k] for k in ("overall_att", "overall_se", "att_egt")}
        ref["overall_att"], ref["overall_se"] = scalar(ref["overall_att"]), scalar(ref["overall_se"])
        d_overall = abs(agg.overall_att - float(ref["overall_att"]))
        line = f"  agreement, {typ:8s}: overall ATT {agg.overall_att:+.4f} vs {float(ref['overall_att']):+.4f} " \
               f"(|diff| {d_overall:.1e}), s.e. {agg.overall_se:.4f} vs {float(ref['overall_se']):.4f}"
        if typ != "simple":
            d = np.max(np.abs(agg.table["att"].to_numpy() - np.asarray(ref["att_egt"], float)))
            line += f"; per-{agg.table.index.name} max |diff| {d:.1e}"
        print(line)


if __name__ == "__main__":
    main()
