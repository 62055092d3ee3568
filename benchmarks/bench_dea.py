"""Benchmark: data envelopment analysis and its Simar-Wilson bootstrap, innozone against
the same computation done by looping scipy's ``linprog`` (HiGHS).

Run by hand (not a test), from the repository root, with innozone installed (or with
``INNOZONE_DEV_BUILD=build/<dir>``)::

    python benchmarks/bench_dea.py                  # scipy bootstrap timed on 40 replicates
    python benchmarks/bench_dea.py --peer-reps 2000 # the whole scipy bootstrap (minutes)

Data: 100 units, 2 inputs, 2 outputs from a known VRS frontier with half-normal input
inefficiency (seeded). What is timed, in one run:

1. DEA of every unit as ``innozone.dea`` computes it: the radial score under constant,
   variable and non-increasing returns (scale efficiency, returns to scale) and the
   second-phase maximal slacks of the chosen model (BCC, input-oriented): 4 LPs per unit.
   scipy: the same 4 ``linprog`` calls per unit.
2. The Simar & Wilson (1998) bootstrap, 2,000 replicates: each replicate draws smoothed,
   reflected distances, builds the pseudo-data and scores all 100 units against them
   (100 LPs). scipy: the same algorithm in NumPy with one ``linprog`` per unit and
   replicate. Because the scipy loop takes minutes, it is timed on ``--peer-reps``
   replicates and scaled to 2,000 (every replicate is the same work); the line says so.

Both sides run the LPs on one thread; innozone is also timed on ``--threads`` threads.
Answers are checked in the same run: scores to 1e-6, and the pseudo-data LPs of the timed
scipy replicates against innozone's solver on the same pseudo-data.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd
from scipy.optimize import linprog

from _devbuild import import_innozone

innozone = import_innozone()
_ef = innozone._core.efficiency


def make_data(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    xf = rng.uniform(1.0, 10.0, (n, 2))
    y = np.column_stack([(xf[:, 0] * xf[:, 1]) ** 0.35, xf[:, 0] ** 0.5 * rng.uniform(0.5, 1.5, n)])
    x = xf * np.exp(np.abs(rng.normal(0.0, 0.3, n)))[:, None]
    return x, y


def lp_score(xr, yr, xo, yo, rts):
    """Input-oriented radial score of (xo, yo) against reference (xr, yr)."""
    n = len(xr)
    c = np.zeros(n + 1)
    c[0] = 1.0
    a_ub = np.vstack(
        [
            np.column_stack([-xo[:, None], xr.T]),
            np.column_stack([np.zeros((yr.shape[1], 1)), -yr.T]),
        ]
    )
    b_ub = np.r_[np.zeros(xr.shape[1]), -yo]
    a_eq = b_eq = None
    if rts == "vrs":
        a_eq, b_eq = np.r_[0.0, np.ones(n)][None, :], [1.0]
    elif rts == "nirs":
        a_ub = np.vstack([a_ub, np.r_[0.0, np.ones(n)]])
        b_ub = np.r_[b_ub, 1.0]
    res = linprog(
        c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=[(0, None)] * (n + 1), method="highs"
    )
    return res.x[0] if res.status == 0 else np.nan


def lp_slacks(x, y, o, theta):
    n, m = x.shape
    s = y.shape[1]
    a_eq = np.vstack(
        [
            np.column_stack([x.T, np.eye(m), np.zeros((m, s))]),
            np.column_stack([y.T, np.zeros((s, m)), -np.eye(s)]),
            np.r_[np.ones(n), np.zeros(m + s)][None, :],
        ]
    )
    b_eq = np.r_[theta * x[o], y[o], 1.0]
    c = np.r_[np.zeros(n), -np.ones(m + s)]
    return linprog(c, A_eq=a_eq, b_eq=b_eq, bounds=[(0, None)] * (n + m + s), method="highs")


def scipy_dea(x, y):
    out = np.empty(len(x))
    for o in range(len(x)):
        scores = {rts: lp_score(x, y, x[o], y[o], rts) for rts in ("crs", "vrs", "nirs")}
        lp_slacks(x, y, o, scores["vrs"])
        out[o] = scores["vrs"]
    return out


def bandwidth(delta):
    return float(_ef.bootstrap_bandwidth(delta))


def scipy_bootstrap(x, y, scores, reps, seed):
    """The Simar-Wilson algorithm with NumPy draws and one linprog per unit and replicate."""
    rng = np.random.default_rng(seed)
    n = len(x)
    delta = 1.0 / scores
    h = bandwidth(delta)
    reflected = np.r_[delta, 2.0 - delta]
    shrink = 1.0 / np.sqrt(1.0 + h * h / reflected.var(ddof=1))
    out = np.empty((reps, n))
    pseudo = []
    for b in range(reps):
        beta = rng.choice(reflected, n)
        star = beta.mean() + shrink * (beta + h * rng.standard_normal(n) - beta.mean())
        star = np.where(star < 1.0, 2.0 - star, star)
        xs = x * (star / delta)[:, None]
        pseudo.append(xs)
        out[b] = [lp_score(xs, y, x[o], y[o], "vrs") for o in range(n)]
    return out, pseudo


def best_of(repeat, fn):
    times = []
    value = None
    for _ in range(repeat):
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return min(times), value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--n-boot", type=int, default=2000)
    parser.add_argument(
        "--peer-reps",
        type=int,
        default=40,
        help="bootstrap replicates timed for scipy (scaled to --n-boot)",
    )
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3, help="best of N for innozone")
    args = parser.parse_args()

    x, y = make_data(args.units, 20250121)
    frame = {"x1": x[:, 0], "x2": x[:, 1], "y1": y[:, 0], "y2": y[:, 1]}
    data = pd.DataFrame(frame)
    print(
        f"innozone {innozone.__version__} ({_ef.lp_solver_version()}); {args.units} units, "
        "2 inputs, 2 outputs, BCC input-oriented"
    )

    # 1. DEA of every unit
    t_iz, res = best_of(
        args.repeat,
        lambda: innozone.dea(data, ["x1", "x2"], ["y1", "y2"], model="bcc", n_threads=1),
    )
    start = time.perf_counter()
    ref = scipy_dea(x, y)
    t_sp = time.perf_counter() - start
    err = float(np.max(np.abs(res.scores.to_numpy() - ref)))
    print(
        f"DEA ({4 * args.units} LPs)      innozone {t_iz * 1e3:8.1f} ms   scipy {t_sp * 1e3:8.1f} ms"
        f"   ratio {t_sp / t_iz:6.1f}x   max |score diff| {err:.1e}"
    )

    # 2. Simar-Wilson bootstrap
    scores = res.scores.to_numpy()
    t_boot1, boot = best_of(
        1, lambda: _ef.bootstrap(x, y, scores, model="bcc", n_boot=args.n_boot, seed=1, n_threads=1)
    )
    t_bootk, _ = best_of(
        1,
        lambda: _ef.bootstrap(
            x, y, scores, model="bcc", n_boot=args.n_boot, seed=1, n_threads=args.threads
        ),
    )
    reps = min(args.peer_reps, args.n_boot)
    start = time.perf_counter()
    sp_scores, pseudo = scipy_bootstrap(x, y, scores, reps, seed=1)
    t_sp_part = time.perf_counter() - start
    t_sp_boot = t_sp_part * args.n_boot / reps
    scaled = (
        ""
        if reps == args.n_boot
        else f" (timed on {reps} replicates, scaled x{args.n_boot / reps:g})"
    )
    # the same pseudo-data through innozone's solver
    same = max(
        float(np.nanmax(np.abs(_ef.scores_against(xs, y, x, y, model="bcc") - 1.0 / sp)))
        for xs, sp in zip(pseudo, 1.0 / sp_scores)
    )
    n_lp = args.n_boot * args.units
    print(f"bootstrap {args.n_boot} x {args.units} ({n_lp:,} LPs)")
    print(
        f"  innozone 1 thread  {t_boot1:8.2f} s   scipy {t_sp_boot:8.1f} s{scaled}"
        f"   ratio {t_sp_boot / t_boot1:6.1f}x"
    )
    print(
        f"  innozone {args.threads} threads {t_bootk:8.2f} s   ratio {t_sp_boot / t_bootk:6.1f}x;"
        f" {args.threads} threads vs 1: {t_boot1 / t_bootk:.2f}x"
    )
    print(f"  same pseudo-data, innozone vs scipy scores: max |diff| {same:.1e}")
    bc = 1.0 / np.asarray(boot.bias_corrected)
    bc_sp = 2.0 / scores - (1.0 / sp_scores).mean(axis=0)
    print(
        f"  bias-corrected distance, innozone ({args.n_boot} reps) vs scipy ({reps} reps): "
        f"mean |diff| {np.mean(np.abs(bc - bc_sp)):.3f} (Monte Carlo noise)"
    )


if __name__ == "__main__":
    main()
