"""Benchmark: Monte Carlo of the Gimhae phase-2 model at scale.

Four measurements, each printed with its ratio from the same run (the machine is noisy):

1. Throughput on one thread, 1,000,000 draws of the model's 11 uncertain inputs through the
   5-year zone model (13 indicators x 5 years), with every summary (mean, sd, 5/25/50/75/95 %
   quantiles of all 65 outputs) and the probabilities of 4 illustrative targets (defined in
   this script, ``ILLUSTRATIVE_TARGETS``; not published targets):
   - innozone end to end (``simulate`` + ``summary`` + ``probabilities``, plain MC, streaming);
   - a native tight C++ loop of the same model (``native_zone_loop.cpp``, compiled here with
     the engine's flags): same random numbers, inline model, running sums only -- the ceiling;
   - a vectorised NumPy implementation of the same model and summaries (NumPy's generator).
   Goals (issue 15): innozone >= 70 % of the native loop's throughput, >= 10x NumPy.
2. Latin hypercube against plain MC at 10,000,000 draws (all cores). Goal: LHS as fast.
3. Scaling: 1e6, 1e7 and 1e8 draws (LHS, all cores, summaries and target probabilities), each
   in a fresh interpreter; wall time, draws per second and peak resident memory. Goal: memory
   flat in draws (1e8 draws would need 62 GB if every draw and input were stored).
4. For reference, the stored-draws path (``keep_draws=True`` and exact quantiles).

The model is the zone model calibrated from the embedded data file
(``innozone.zone_model(innozone.load("gimhae").program("gimhae-gangso"))``): the NumPy
reference and the native loop take its budget, phase-1 figures and input distributions from
that calibration, never from figures written here.

Before any time is printed the results are checked: the native loop's means equal innozone's
(same draws) to 1e-9; NumPy's means agree within 5 standard errors (independent draws).

    python benchmarks/bench_montecarlo.py [--draws 1000000] [--lhs-draws 10000000]
                                          [--scaling 1e6,1e7,1e8] [--rounds 3] [--seed 2025]

Times are printed as wall and CPU seconds; ratios use CPU time (the process's own user +
system time), which other processes on a busy machine disturb much less than wall time.

Set INNOZONE_DEV_BUILD to a build directory to use an uninstalled build (as the tests do).
Needs a C++17 compiler (``$CXX`` or ``c++``) for the native loop.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from _devbuild import REPO, import_innozone

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

KINDS = {"uniform": 0, "triangular": 1, "lognormal": 2, "fixed": 3}

_CALIBRATION: list[Any] = []


def gimhae_calibration() -> Any:
    """Gimhae's phase-2 zone model calibrated from the embedded gimhae.json (cached)."""
    if not _CALIBRATION:
        import innozone

        _CALIBRATION.append(innozone.zone_model(innozone.load("gimhae").program("gimhae-gangso")))
    return _CALIBRATION[0]


def illustrative_targets() -> list[Any]:
    """Targets of this benchmark: illustrative values chosen here, NOT published targets
    (Gimhae's file has no phase-2 targets)."""
    from innozone import Target

    note = "illustrative target of bench_montecarlo.py (not a published target)"
    return [
        Target("cum_companies", 2029, 100.0, "higher", note),
        Target("cum_investment", 2029, 850.0, "higher", note),
        Target("firms_alive", 2029, 180.0, "higher", note),
        Target("jobs", 2029, 2000.0, "higher", note),
    ]


# ----------------------------------------------------------------------------- NumPy reference
def numpy_zone_model(x: dict[str, np.ndarray]) -> np.ndarray:
    """The Gimhae phase-2 zone model vectorised over draws: (n, 13 indicators, 5 years).

    Budget, phase-1 cohorts and transfers come from the calibration of gimhae.json."""
    cal = gimhae_calibration()
    n = len(x["phase1_budget"])
    years = list(cal.years)
    budget = cal.budget.to_numpy(dtype=float)
    init_years = list(cal.phase1_years)
    init_ric = [cal.cohorts["ric"][y] for y in init_years]
    init_su = [cal.cohorts["startups"][y] for y in init_years]
    ny = len(years)
    b0 = x["phase1_budget"] / len(init_years)
    t0 = cal.phase1["transfers"] / len(init_years)
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


def numpy_reference(assumptions: list[Any], targets: list[Any], n: int, seed: int) -> dict:
    """NumPy's generator for the inputs, the vectorised model, and the same summaries."""
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
    years = list(gimhae_calibration().years)
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
    return summary


# ----------------------------------------------------------------------------- native loop
def build_native(workdir: Path) -> Path:
    """Compile native_zone_loop.cpp with the engine's release flags (no -march)."""
    compiler = os.environ.get("CXX") or shutil.which("c++") or shutil.which("g++")
    if not compiler:
        raise SystemExit("no C++ compiler found (set CXX)")
    exe = workdir / "native_zone_loop"
    common = sorted(str(p) for p in (REPO / "cpp" / "src" / "common").glob("*.cpp"))
    cmd = [
        compiler,
        "-O3",
        "-DNDEBUG",
        "-std=c++17",
        "-I",
        str(REPO / "cpp" / "include"),
        str(REPO / "benchmarks" / "native_zone_loop.cpp"),
        *common,
        "-pthread",
        "-o",
        str(exe),
    ]
    subprocess.run(cmd, check=True)
    return exe


def native_input(n: int, seed: int) -> str:
    cal = gimhae_calibration()
    lines = [f"{n} {seed}"]
    model = cal.model
    by_name = {a.name: a for a in cal.inputs}
    names = model.input_names()
    lines.append(str(len(names)))
    for name in names:
        d = by_name[name].distribution
        p = list(d.params) + [0.0] * (3 - len(d.params))
        lines.append(f"{KINDS[d.name]} {p[0]!r} {p[1]!r} {p[2]!r}")
    years = list(cal.years)
    lines.append(f"{len(years)} " + " ".join(map(str, years)))
    lines.append(" ".join(repr(float(b)) for b in cal.budget.to_numpy(dtype=float)))
    lines.append(f"{float(cal.phase1['transfers'])!r} {len(cal.phase1_years)}")
    cohorts = [
        (y, float(cal.cohorts["ric"][y]), float(cal.cohorts["startups"][y]))
        for y in cal.phase1_years
    ]
    lines.append(str(len(cohorts)))
    lines.extend(f"{y} {r!r} {s!r}" for y, r, s in cohorts)
    return "\n".join(lines) + "\n"


def run_native(exe: Path, n: int, seed: int) -> tuple[tuple[float, float], np.ndarray]:
    """(wall, CPU) seconds of the loop and the means of its 10 indicators x years."""
    out = subprocess.run(
        [str(exe)], input=native_input(n, seed), capture_output=True, text=True, check=True
    )
    values = [float(v) for v in out.stdout.split()]
    return (values[0], values[1]), np.array(values[2:])


# ----------------------------------------------------------------------------- innozone
def run_innozone(
    iz: Any, n: int, seed: int, threads: int, sampler: str = "mc", keep: bool = False
) -> tuple[Any, Any, list[float]]:
    """simulate + summary + target probabilities (exact quantiles from the draws if kept)."""
    cal = gimhae_calibration()
    result = iz.simulate(
        cal.model,
        cal.parameters,
        n_draws=n,
        seed=seed,
        sampler=sampler,
        targets=illustrative_targets(),
        n_threads=threads,
        keep_draws=keep,
    )
    summary = result.summary(QUANTILES, exact=keep, n_threads=threads)
    probs = result.probabilities()["probability"].tolist()
    return result, summary, probs


def timed(fn: Any) -> tuple[tuple[float, float], Any]:
    """((wall, CPU) seconds, value) of one call; CPU is this process's user + system time."""
    start, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return (time.perf_counter() - start, time.process_time() - cpu), value


def best(times: list[tuple[float, float]]) -> tuple[float, float]:
    """Shortest wall and shortest CPU time of several rounds."""
    return min(t[0] for t in times), min(t[1] for t in times)


SCALING_SCRIPT = """
import sys, time
sys.path.insert(0, {bench!r})
from _devbuild import import_innozone
iz = import_innozone()
from bench_montecarlo import gimhae_calibration, illustrative_targets
def peak_mb():  # VmHWM of this address space (ru_maxrss would include the parent's at fork)
    return int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) / 1024
n = int(float(sys.argv[1]))
rss0 = peak_mb()
cal = gimhae_calibration()
start = time.perf_counter()
r = iz.simulate(cal.model, cal.parameters, n_draws=n, seed=2025, sampler="lhs",
                targets=illustrative_targets(), n_threads=0)
s = r.summary()
p = r.probabilities()
wall = time.perf_counter() - start
rss = peak_mb()
print(wall, rss0, rss, s.loc[("cum_companies", 2029), "p50"], p["probability"].iloc[0])
"""


def scaling(sizes: list[float]) -> list[tuple[float, float, float, float, float, float]]:
    rows = []
    script = SCALING_SCRIPT.format(bench=str(Path(__file__).parent))
    for n in sizes:
        out = subprocess.run(
            [sys.executable, "-c", script, str(n)], capture_output=True, text=True, check=True
        )
        wall, rss0, rss, median, prob = (float(v) for v in out.stdout.split())
        rows.append((n, wall, rss0, rss, median, prob))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=1_000_000)
    parser.add_argument("--lhs-draws", type=int, default=10_000_000)
    parser.add_argument("--scaling", default="1e6,1e7,1e8")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    iz = import_innozone()
    n = args.draws
    assumptions = gimhae_calibration().inputs
    targets = illustrative_targets()
    # Rounds interleave the native loop and innozone so that both see the same machine load;
    # the best of the rounds is kept for each.
    native_times, iz_times = [], []
    with tempfile.TemporaryDirectory() as tmp:
        exe = build_native(Path(tmp))
        for _ in range(args.rounds):
            t, native_means = run_native(exe, n, args.seed)
            native_times.append(t)
            t, (_res1, sum1, probs1) = timed(lambda: run_innozone(iz, n, args.seed, 1))
            iz_times.append(t)
    t_native, t1 = best(native_times), best(iz_times)
    t_np, ref = timed(lambda: numpy_reference(assumptions, targets, n, args.seed))
    t_keep, (_res_keep, sum_keep, _p) = timed(lambda: run_innozone(iz, n, args.seed, 1, keep=True))

    # Checks before timing is reported.
    mean = sum1["mean"].to_numpy()
    # The native loop computes the first 10 indicators (not cum_transfers/ric/startups).
    native_part = mean[: native_means.size]
    assert np.allclose(native_means, native_part, rtol=1e-9, atol=0), (
        "native loop and innozone differ"
    )
    se = sum1["sd"].to_numpy() / np.sqrt(n) + ref["sd"] / np.sqrt(n)
    worst = np.max(np.abs(mean - ref["mean"]) / np.maximum(se, 1e-12))
    assert worst < 5.0, f"innozone and NumPy means disagree ({worst:.1f} standard errors)"
    p_tol = 5.0 * np.sqrt(2 * 0.25 / n)
    assert np.allclose(probs1, ref["p"], atol=p_tol), (probs1, ref["p"], p_tol)
    exact = sum_keep[[f"p{round(q * 100):02d}" for q in QUANTILES]].to_numpy()
    sketch = sum1[[f"p{round(q * 100):02d}" for q in QUANTILES]].to_numpy()
    rel = float(np.max(np.abs(sketch - exact) / np.abs(exact)))
    assert rel <= iz.outcomes.QUANTILE_RELATIVE_ERROR * 1.01, rel

    print(
        f"Gimhae phase-2 Monte Carlo: {n:,} draws x 11 inputs x (13 indicators x 5 years), "
        f"summaries of all 65 outputs and {len(targets)} illustrative target probabilities; "
        "one thread."
    )
    print(
        "  Seconds as wall / CPU time (CPU: the process's own user + system time, which other\n"
        f"  processes on a busy machine disturb less); native and innozone best of {args.rounds} "
        "interleaved rounds.\n"
    )

    def line(label: str, t: tuple[float, float], extra: str = "") -> None:
        print(
            f"  {label:<34}: {t[0]:7.3f} / {t[1]:7.3f} s  {n / t[1] / 1e6:5.2f} M draws/CPU-s  {extra}"
        )

    line("native tight C++ loop (ceiling)", t_native)
    line(
        "innozone end to end (streaming)",
        t1,
        f"{t_native[1] / t1[1]:6.1%} of native (CPU; wall {t_native[0] / t1[0]:.1%}); goal >= 70 %",
    )
    line(
        "NumPy vectorised reference",
        t_np,
        f"innozone {t_np[1] / t1[1]:5.1f}x faster (CPU; wall {t_np[0] / t1[0]:.1f}x); goal >= 10x",
    )
    line(
        "innozone, draws kept + exact q.",
        t_keep,
        f"streaming {t_keep[1] / t1[1]:4.2f}x faster; sketch quantiles within {rel:.1e} relative",
    )
    print(
        f"  agreement: native means = innozone means to 1e-9; NumPy within {worst:.2f} standard "
        f"errors; P(targets) innozone {np.round(probs1, 4).tolist()} vs NumPy "
        f"{np.round(ref['p'], 4).tolist()}"
    )

    m = args.lhs_draws
    mc_times, lhs_times = [], []
    for _ in range(args.rounds):
        mc_times.append(timed(lambda: run_innozone(iz, m, args.seed, 0, sampler="mc"))[0])
        lhs_times.append(timed(lambda: run_innozone(iz, m, args.seed, 0, sampler="lhs"))[0])
    t_mc, t_lhs = best(mc_times), best(lhs_times)
    print(
        f"\nLatin hypercube vs plain MC, {m:,} draws, all cores, best of {args.rounds} interleaved "
        f"rounds: LHS {t_lhs[0]:.2f} / {t_lhs[1]:.2f} s, MC {t_mc[0]:.2f} / {t_mc[1]:.2f} s "
        f"(wall / CPU); LHS takes {t_lhs[1] / t_mc[1]:4.2f}x the CPU time of MC "
        f"(wall {t_lhs[0] / t_mc[0]:4.2f}x); goal about 1x"
    )

    sizes = [float(s) for s in args.scaling.split(",") if s]
    if sizes:
        print("\nScaling (LHS, all cores, summaries + 4 target probabilities, fresh interpreter):")
        print(
            "    draws     wall s   M draws/s   peak RSS MB   (at start MB)   median cum_companies"
        )
        rows = scaling(sizes)
        for size, wall, rss0, rss, median, _prob in rows:
            print(
                f"  {size:9.0e}  {wall:8.2f}   {size / wall / 1e6:8.2f}   {rss:10.0f}   "
                f"({rss0:6.0f})          {median:8.3f}"
            )
        grow = rows[-1][3] - rows[0][3]
        print(
            f"  peak memory from {rows[0][0]:.0e} to {rows[-1][0]:.0e} draws: {grow:+.0f} MB "
            f"(storing draws and inputs would need {(rows[-1][0] - rows[0][0]) * 488 / 1e6:,.0f} MB)"
        )


if __name__ == "__main__":
    main()
