"""Benchmark: synthetic control and synthetic DiD, innozone against the Python peers.

Run by hand (not a test), from the repository root, with innozone installed (or with
``INNOZONE_DEV_BUILD=build/<dir>`` pointing at a build with the synth area)::

    pip install pysyncon                                   # synthetic control peer
    pip install --no-deps --target /tmp/peers/synthdid_py synthdid-py   # SDID peer
    python benchmarks/bench_synth.py --synthdid-py /tmp/peers/synthdid_py
    # pysyncon needs minutes per Prop 99 fit: time some placebos and extrapolate
    python benchmarks/bench_synth.py --synthdid-py /tmp/peers/synthdid_py --peer-budget 300

The ``synthdid-py`` port installs a package named ``synthdid`` (as does the older d2cml
``synthdid``), so it is imported in a subprocess with its own ``PYTHONPATH``. The d2cml
``synthdid`` 0.10.1 is not benchmarked: it pins numpy 1.23 / pandas 1.5, and without its
pins it fails on pandas >= 2 (``KeyError: 'unit'`` inside its group-by).

What is timed, in the same run and with the same number of workers (``--workers``):

1. Synthetic control with full in-space placebo inference (every donor refitted with its
   own V search), on Prop 99 (ADH 2010 specification, 38 placebos) and on the Basque data
   (Abadie & Gardeazabal specification, 16 placebos): ``innozone.synthetic_control`` vs
   pysyncon ``Synth.fit`` + ``PlaceboTest.fit`` (processes).
2. Synthetic DiD on Prop 99 with a 200-replication placebo standard error:
   ``innozone.synthdid(se="placebo")`` vs synthdid-py ``synthdid_estimate`` + ``vcov(
   method="placebo", replications=200)``.
   And the staggered design (Nevada treated from 1992 and Utah from 1995 beside
   California; ``--staggered-reps`` placebo replications): ``innozone.synthdid`` vs
   synthdid-py ``staggered_synthdid_estimate`` + ``se(method="placebo")``.
3. Donors scaling (``--donors 10,20,40,80``): one synthetic-control fit (no placebos) on a
   simulated factor-model panel with J donors, 20 pre-periods and 5 outcome predictors;
   innozone on 1 and on 2 threads (the V-search starts of a single fit run in parallel)
   against pysyncon ``Synth.fit`` (Nelder-Mead from equal V), each size in the same run.

Each pair prints the wall time, the ratio (peer / innozone) and the answers side by side.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import subprocess
import sys
import textwrap
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from _devbuild import import_innozone

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"


_import_innozone = import_innozone

ADH_PREDICTORS = ["lnincome", "age15to24", "retprice"]
BASQUE_PREDICTORS = [
    "school.illit",
    "school.prim",
    "school.med",
    "school.high",
    "school.post.high",
    "invest",
]
BASQUE_SECTORS = [
    "sec.agriculture",
    "sec.energy",
    "sec.industry",
    "sec.construction",
    "sec.services.venta",
    "sec.services.nonventa",
]
BASQUE = "Basque Country (Pais Vasco)"


def load():
    smoking = pd.read_csv(DATA / "prop99_smoking_covariates.csv", comment="#")
    smoking["year"] = smoking["year"].astype(int)
    basque = pd.read_csv(DATA / "basque.csv", comment="#")
    basque["year"] = basque["year"].astype(int)
    prop99 = pd.read_csv(DATA / "california_prop99.csv", sep=";", comment="#")
    return smoking, basque, prop99


def innozone_sc(iz, smoking, basque, workers):
    out = {}
    t = time.perf_counter()
    res = iz.synthetic_control(
        smoking,
        unit="state",
        time="year",
        outcome="cigsale",
        treated={"California": 1989},
        predictors=ADH_PREDICTORS,
        predictor_years=range(1980, 1989),
        special_predictors=[
            ("beer", range(1984, 1989)),
            ("cigsale", [1975]),
            ("cigsale", [1980]),
            ("cigsale", [1988]),
        ],
        optimize_years=range(1970, 1989),
        placebo=True,
        seed=1,
        n_threads=workers,
    )
    out["prop99"] = (
        time.perf_counter() - t,
        res.weights["California"],
        res.p_values["California"],
        res.loss_v["California"],
    )
    t = time.perf_counter()
    res = iz.synthetic_control(
        basque,
        unit="regionname",
        time="year",
        outcome="gdpcap",
        treated={BASQUE: 1975},
        exclude=["Spain (Espana)"],
        predictors=BASQUE_PREDICTORS,
        predictor_years=range(1964, 1970),
        special_predictors=[("gdpcap", range(1960, 1970))]
        + [(c, range(1961, 1970, 2)) for c in BASQUE_SECTORS]
        + [("popdens", [1969])],
        optimize_years=range(1960, 1970),
        placebo=True,
        seed=1,
        n_threads=workers,
    )
    out["basque"] = (
        time.perf_counter() - t,
        res.weights[BASQUE],
        res.p_values[BASQUE],
        res.loss_v[BASQUE],
    )
    return out


def _pysyncon_pvalue(placebo, treated_gap: pd.Series, treatment_time: int) -> float:
    # ADH RMSPE-ratio p-value from pysyncon's placebo gaps (the treated unit included).
    gaps = placebo.gaps

    def ratio(g):
        pre = g[g.index < treatment_time]
        post = g[g.index >= treatment_time]
        return np.sqrt((post**2).mean()) / np.sqrt((pre**2).mean())

    r_treated = ratio(treated_gap)
    ratios = [ratio(gaps[c]) for c in gaps.columns]
    return (1 + sum(r >= r_treated for r in ratios)) / (1 + len(ratios))


def pysyncon_sc(
    smoking,
    basque,
    workers,
    peer_placebos=None,
    report=None,
    peer_budget=None,
    datasets=("basque", "prop99"),
):
    from pysyncon import Dataprep, Synth
    from pysyncon.utils import PlaceboTest

    out = {}
    states = sorted(smoking["state"].unique())
    dp = Dataprep(
        foo=smoking,
        predictors=ADH_PREDICTORS,
        predictors_op="mean",
        time_predictors_prior=range(1980, 1989),
        special_predictors=[
            ("beer", range(1984, 1989), "mean"),
            ("cigsale", [1975], "mean"),
            ("cigsale", [1980], "mean"),
            ("cigsale", [1988], "mean"),
        ],
        dependent="cigsale",
        unit_variable="state",
        time_variable="year",
        treatment_identifier="California",
        controls_identifier=[s for s in states if s != "California"],
        time_optimize_ssr=range(1970, 1989),
    )
    regions = [r for r in basque["regionname"].unique() if r not in (BASQUE, "Spain (Espana)")]
    db = Dataprep(
        foo=basque,
        predictors=BASQUE_PREDICTORS,
        predictors_op="mean",
        time_predictors_prior=range(1964, 1970),
        special_predictors=[("gdpcap", range(1960, 1970), "mean")]
        + [(c, range(1961, 1970, 2), "mean") for c in BASQUE_SECTORS]
        + [("popdens", [1969], "mean")],
        dependent="gdpcap",
        unit_variable="regionname",
        time_variable="year",
        treatment_identifier=BASQUE,
        controls_identifier=regions,
        time_optimize_ssr=range(1960, 1970),
    )
    opts = {"optim_method": "Nelder-Mead", "optim_initial": "equal"}
    for key, prep, start, years in (
        ("basque", db, 1975, range(1955, 1998)),
        ("prop99", dp, 1989, range(1970, 2001)),
    ):
        if key not in datasets:
            continue
        t = time.perf_counter()
        synth = Synth()
        synth.fit(dataprep=prep, **opts)
        t_treated = time.perf_counter() - t
        z0, z1 = prep.make_outcome_mats(time_period=years)
        treated_gap = z1 - z0 @ synth.W
        controls = list(prep.controls_identifier)
        print(f"        ({key}: pysyncon treated fit {t_treated:.1f} s)", flush=True)
        if peer_budget is not None:
            # Run placebos one by one until the time budget is spent (at least one), then
            # scale the mean time per placebo to all of them on `workers` processes.
            t = time.perf_counter()
            done = 0
            for unit, others in PlaceboTest.placebo_iter(controls):
                sub = copy.copy(prep)
                sub.treatment_identifier = unit
                sub.controls_identifier = others
                PlaceboTest._single_placebo(dataprep=sub, scm=Synth(), scm_options=opts)
                done += 1
                if time.perf_counter() - t > peer_budget:
                    break
            per = (time.perf_counter() - t) / done
            elapsed = t_treated + per * len(controls) / workers
            p_value = float("nan")
            note = f"extrapolated from {done} of {len(controls)} placebos"
        elif peer_placebos is None or peer_placebos >= len(controls):
            t = time.perf_counter()
            placebo = PlaceboTest()
            placebo.fit(
                dataprep=prep, scm=Synth(), scm_options=opts, max_workers=workers, verbose=False
            )
            elapsed = t_treated + time.perf_counter() - t
            p_value = _pysyncon_pvalue(placebo, treated_gap, start)
            note = "measured"
        else:
            # Time a subset of the placebos one by one and scale to all of them run on
            # `workers` processes (pysyncon's placebo loop is near-linear in processes).
            t = time.perf_counter()
            for unit, others in list(PlaceboTest.placebo_iter(controls))[:peer_placebos]:
                sub = copy.copy(prep)
                sub.treatment_identifier = unit
                sub.controls_identifier = others
                PlaceboTest._single_placebo(dataprep=sub, scm=Synth(), scm_options=opts)
            per = (time.perf_counter() - t) / peer_placebos
            elapsed = t_treated + per * len(controls) / workers
            p_value = float("nan")
            note = f"extrapolated from {peer_placebos} of {len(controls)} placebos"
        out[key] = (elapsed, synth.weights(round=6), p_value, float(synth.loss_V), note)
        if report is not None:
            report(key, out[key])
    return out


PEER_SDID = textwrap.dedent(
    """
    import json, sys, time
    import numpy as np, pandas as pd
    from synthdid import panel_matrices, synthdid_estimate
    df = pd.read_csv(sys.argv[1], sep=";", comment="#")
    reps = int(sys.argv[2])
    t = time.perf_counter()
    setup = panel_matrices(df, unit="State", time="Year", outcome="PacksPerCapita",
                           treatment="treated")
    est = synthdid_estimate(setup.Y, setup.N0, setup.T0)
    t_fit = time.perf_counter() - t
    se = float(np.sqrt(est.vcov(method="placebo", replications=reps)).ravel()[0])
    print(json.dumps({"seconds": time.perf_counter() - t, "fit_seconds": t_fit,
                      "estimate": float(est), "se": se}))
    """
)


PEER_STAGGERED = textwrap.dedent(
    """
    import json, sys, time
    import numpy as np, pandas as pd
    from synthdid.staggered import staggered_synthdid_estimate
    df = pd.read_csv(sys.argv[1], sep=";", comment="#")
    df.loc[(df.State == "Nevada") & (df.Year >= 1992), "treated"] = 1
    df.loc[(df.State == "Utah") & (df.Year >= 1995), "treated"] = 1
    reps = int(sys.argv[2])
    t = time.perf_counter()
    est = staggered_synthdid_estimate(df, unit="State", time="Year", outcome="PacksPerCapita",
                                      treatment="treated")
    se = float(est.se(method="placebo", replications=reps, random_state=1))
    print(json.dumps({"seconds": time.perf_counter() - t, "estimate": float(est.att), "se": se}))
    """
)


def peer_sdid(path: str | None, reps: int, script: str = PEER_SDID):
    env = dict(os.environ)
    if path:
        env["PYTHONPATH"] = path + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.run(
        [sys.executable, "-c", script, str(DATA / "california_prop99.csv"), str(reps)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"synthdid-py run failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def sdid_block(iz, prop99, args) -> None:
    t = time.perf_counter()
    res = iz.synthdid(
        prop99,
        unit="State",
        time="Year",
        outcome="PacksPerCapita",
        treatment="treated",
        se="placebo",
        n_placebo=args.reps,
        seed=1,
        n_threads=args.workers,
    )
    t_ours = time.perf_counter() - t
    peer = peer_sdid(args.synthdid_py, args.reps)
    print(f"\n== SDID + {args.reps}-replication placebo SE (Prop 99): innozone vs synthdid-py")
    print(
        f"innozone {t_ours:7.2f} s   synthdid-py {peer['seconds']:7.2f} s   "
        f"ratio {peer['seconds'] / t_ours:6.1f}x"
    )
    print(
        f"estimate innozone {res.estimate:.5f} | synthdid-py {peer['estimate']:.5f} "
        f"(R: -15.60383); placebo se innozone {res.se:.3f} | synthdid-py {peer['se']:.3f} "
        f"(R Table 1: 8.4; Monte Carlo draws, sd about 0.5 at 200 replications)",
        flush=True,
    )
    # Staggered adoption: three cohorts, each against the 36 never-treated states.
    staggered = prop99.copy()
    staggered.loc[(staggered.State == "Nevada") & (staggered.Year >= 1992), "treated"] = 1
    staggered.loc[(staggered.State == "Utah") & (staggered.Year >= 1995), "treated"] = 1
    t = time.perf_counter()
    res = iz.synthdid(
        staggered,
        unit="State",
        time="Year",
        outcome="PacksPerCapita",
        treatment="treated",
        se="placebo",
        n_placebo=args.staggered_reps,
        seed=1,
        n_threads=args.workers,
    )
    t_ours = time.perf_counter() - t
    peer = peer_sdid(args.synthdid_py, args.staggered_reps, PEER_STAGGERED)
    print(
        f"\n== Staggered SDID (3 cohorts) + {args.staggered_reps}-replication placebo SE: "
        "innozone vs synthdid-py"
    )
    print(
        f"innozone {t_ours:7.2f} s   synthdid-py {peer['seconds']:7.2f} s   "
        f"ratio {peer['seconds'] / t_ours:6.1f}x"
    )
    print(
        f"ATT innozone {res.estimate:.6f} | synthdid-py {peer['estimate']:.6f}; placebo se "
        f"innozone {res.se:.3f} | synthdid-py {peer['se']:.3f} (Monte Carlo draws)",
        flush=True,
    )


def _factor_panel(n_donors: int, seed: int = 0) -> pd.DataFrame:
    """A balanced panel of n_donors + 1 units over 30 periods from a 3-factor model."""
    rng = np.random.default_rng(seed)
    t, n = 30, n_donors + 1
    factors = rng.normal(size=(t, 3)).cumsum(axis=0)
    loadings = rng.uniform(0.2, 1.0, size=(3, n))
    y = 50 + factors @ loadings + rng.normal(scale=0.5, size=(t, n))
    y[20:, 0] -= 3.0  # unit 0 treated from period 20
    units = [f"u{i:03d}" for i in range(n)]
    return pd.DataFrame(
        {"unit": np.repeat(units, t), "time": np.tile(np.arange(t), n), "y": y.T.ravel()}
    )


def donors_scaling(iz, sizes, peer: bool, budget: float) -> None:
    print(
        "\n== Donors scaling: one synthetic-control fit (5 predictors, 8 V-search starts);"
        " best of 5 (innozone), 1 run (pysyncon)"
    )
    print(
        f"{'donors':>7s} {'engine 1 thr':>12s} {'2 thr':>8s} {'2 vs 1':>7s} "
        f"{'call (2 thr)':>12s} {'pysyncon':>9s} {'ratio':>8s}   V-loss innozone | pysyncon"
    )
    special = [("y", [p]) for p in (3, 7, 11, 15, 19)]
    kw = {
        "unit": "unit",
        "time": "time",
        "outcome": "y",
        "treated": {"u000": 20},
        "special_predictors": special,
        "optimize_years": range(20),
        "placebo": False,
        "n_random_starts": 6,
        "seed": 1,
    }
    skip_peer = not peer
    for j in sizes:
        df = _factor_panel(j)
        # The engine alone (the V search of one fit), on 1 and 2 threads.
        y = df.pivot(index="time", columns="unit", values="y").to_numpy()
        x, z = y[[p for _, (p,) in special], :], y[:20, :]
        engine = {}
        for threads in (1, 2):
            best = float("inf")
            for _ in range(5):
                t0 = time.perf_counter()
                iz._core.synth.fit_synthetic_control(
                    x[:, 0],
                    x[:, 1:],
                    z[:, 0],
                    z[:, 1:],
                    n_random_starts=6,
                    seed=1,
                    n_threads=threads,
                )
                best = min(best, time.perf_counter() - t0)
            engine[threads] = best
        # The whole call (panel checks, predictors, result tables) on 2 threads.
        best = float("inf")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # disagreeing starts are reported in the loss column
            for _ in range(5):
                t0 = time.perf_counter()
                res = iz.synthetic_control(df, **kw, n_threads=2)
                best = min(best, time.perf_counter() - t0)
        loss = float(res.loss_v["u000"])
        peer_time, peer_loss = float("nan"), float("nan")
        if not skip_peer:
            from pysyncon import Dataprep, Synth

            prep = Dataprep(
                foo=df,
                predictors=[],
                predictors_op="mean",
                time_predictors_prior=range(20),
                special_predictors=[("y", p, "mean") for _, p in special],
                dependent="y",
                unit_variable="unit",
                time_variable="time",
                treatment_identifier="u000",
                controls_identifier=[u for u in df["unit"].unique() if u != "u000"],
                time_optimize_ssr=range(20),
            )
            t0 = time.perf_counter()
            synth = Synth()
            synth.fit(dataprep=prep, optim_method="Nelder-Mead", optim_initial="equal")
            peer_time = time.perf_counter() - t0
            peer_loss = float(synth.loss_V)
            skip_peer = peer_time > budget  # larger sizes would take longer still
        ratio = peer_time / best if np.isfinite(peer_time) else float("nan")
        print(
            f"{j:7d} {engine[1] * 1e3:10.1f}ms {engine[2] * 1e3:6.1f}ms "
            f"{engine[1] / engine[2]:6.2f}x {best * 1e3:10.1f}ms {peer_time:8.2f}s "
            f"{ratio:7.0f}x   {loss:.5g} | {peer_loss:.5g}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="threads / processes for both")
    parser.add_argument("--reps", type=int, default=200, help="SDID placebo replications")
    parser.add_argument(
        "--staggered-reps",
        type=int,
        default=50,
        help="placebo replications of the staggered SDID comparison",
    )
    parser.add_argument(
        "--synthdid-py",
        default=None,
        help="directory holding the synthdid-py package (pip --target)",
    )
    parser.add_argument("--skip-pysyncon", action="store_true")
    parser.add_argument(
        "--peer-budget",
        type=float,
        default=None,
        help="seconds of pysyncon placebos to time one by one before "
        "extrapolating (default: run all of them)",
    )
    parser.add_argument(
        "--datasets",
        default="basque,prop99",
        help="synthetic-control datasets to compare (comma-separated)",
    )
    parser.add_argument("--skip-sdid", action="store_true")
    parser.add_argument(
        "--skip-sc",
        action="store_true",
        help="skip the Prop 99 / Basque synthetic-control comparison",
    )
    parser.add_argument(
        "--donors", default="10,20,40,80", help="donor-pool sizes of the scaling rows ('' to skip)"
    )
    parser.add_argument(
        "--donors-budget",
        type=float,
        default=60.0,
        help="stop timing pysyncon at larger sizes once one fit takes longer",
    )
    parser.add_argument(
        "--peer-placebos",
        type=int,
        default=None,
        help="time only this many pysyncon placebos and extrapolate (default: run all of them)",
    )
    args = parser.parse_args()
    iz = _import_innozone()
    smoking, basque, prop99 = load()
    print(f"innozone {iz.__version__}; workers = {args.workers}")

    # -- synthetic DiD with a placebo standard error
    if not args.skip_sdid:
        sdid_block(iz, prop99, args)

    # -- donors scaling of a single fit
    if args.donors:
        donors_scaling(
            iz, [int(j) for j in args.donors.split(",")], not args.skip_pysyncon, args.donors_budget
        )

    # -- synthetic control with placebo inference
    if args.skip_sc:
        return
    ours = innozone_sc(iz, smoking, basque, args.workers)
    if not args.skip_pysyncon:
        import pysyncon

        print(
            f"\n== Synthetic control + in-space placebos: innozone vs pysyncon {pysyncon.__version__}",
            flush=True,
        )

        def report(key, theirs):
            t_ours, w_ours, p_ours, loss_ours = ours[key]
            t_theirs, w_theirs, p_theirs, loss_theirs, note = theirs
            print(
                f"{key:7s} innozone {t_ours:7.2f} s   pysyncon {t_theirs:7.2f} s ({note})   "
                f"ratio {t_theirs / t_ours:6.1f}x"
            )
            top = w_ours.sort_values(ascending=False).head(5)
            print(
                "        weights (innozone | pysyncon): "
                + ", ".join(f"{k} {v:.3f}|{w_theirs.get(k, 0.0):.3f}" for k, v in top.items())
            )
            print(
                f"        V-loss (MSPE) innozone {loss_ours:.6g} | pysyncon {loss_theirs:.6g}; "
                f"placebo p-value innozone {p_ours:.4f} | pysyncon {p_theirs:.4f}",
                flush=True,
            )

        pysyncon_sc(
            smoking,
            basque,
            args.workers,
            args.peer_placebos,
            report,
            args.peer_budget,
            tuple(args.datasets.split(",")),
        )


if __name__ == "__main__":
    main()
