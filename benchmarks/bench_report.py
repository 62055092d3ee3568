"""Benchmark: the main job, ``python -m innozone report gimhae``, and where its time goes.

Three measurements in one run:

1. The command itself, as a user runs it (a new Python process each time, ``--lang ko``,
   default 20,000 draws): wall-clock and CPU seconds, median of ``--repeat`` runs, with
   the Hangul font cache warm (the usual case) and cold (a fresh cache folder: the first
   report on a machine). Target (issue 15): under 2 s.
2. ``import innozone`` alone in a new process (what every command pays first).
3. In one process, a breakdown of ``build_report``: each section (computation plus
   drawing), the figures' rendering to PNG, the font subset and the page, plus the
   figures rendered the old way (``savefig`` with ``bbox_inches="tight"`` on a figure with
   constrained layout, which draws each figure two to three times) for the same figures,
   as a ratio.

The machine is shared and noisy: compare ratios and CPU seconds, not single wall times.

    python benchmarks/bench_report.py [--repeat 3] [--draws 20000] [--lang ko]
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _devbuild import REPO, import_innozone


def _child_env(cache: str | None) -> dict[str, str]:
    env = dict(os.environ)
    if cache is not None:
        env["INNOZONE_CACHE_DIR"] = cache
    return env


def _python_prelude() -> str:
    """Code that imports innozone the way this script does (dev build or installed)."""
    if os.environ.get("INNOZONE_DEV_BUILD"):
        return (
            f"import sys; sys.path.insert(0, {str(REPO / 'tests' / 'python')!r}); import conftest; "
        )
    return ""


def run_command(args: list[str], cache: str | None, installed: bool = False) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) of one run of ``python -c ...``; with
    ``installed`` the package installed in this Python, not the development build."""
    prelude = "" if installed else _python_prelude()
    code = prelude + f"from innozone.cli import main; raise SystemExit(main({args!r}))"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=_child_env(cache),
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"the command failed:\n{done.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def run_import(cache: str | None) -> tuple[float, float]:
    code = _python_prelude() + "import innozone"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=_child_env(cache), check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def breakdown(lang: str, draws: int) -> dict[str, Any]:
    """Time the parts of one build_report in this process (CPU seconds of this process)."""
    import_innozone()
    from innozone import plotting as P
    from innozone import report as R

    clock = time.process_time
    times: dict[str, float] = {}
    figures: list[Any] = []

    def wrap(name: str, fn: Any) -> Any:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = clock()
            try:
                return fn(*args, **kwargs)
            finally:
                times[name] = times.get(name, 0.0) + clock() - start

        return timed

    real_build_section = R._build_section

    def build_section(ctx: Any, index: int, entry: Any) -> Any:
        return wrap(f"section {entry[0]}", real_build_section)(ctx, index, entry)

    R._build_section = build_section
    # Sections are built in forked processes by default; here all in this process, so
    # that every part is timed (the command above measures the forked build).
    R._can_fork = lambda: False  # type: ignore[attr-defined]
    real_render_png = P.render_png

    def render_png(fig: Any, **kwargs: Any) -> bytes:
        figures.append(fig)
        start = clock()
        try:
            return real_render_png(fig, **kwargs)
        finally:
            times["render figures"] = times.get("render figures", 0.0) + clock() - start

    P.render_png = render_png  # type: ignore[assignment]
    R.embedded_font_css = wrap("font subset", R.embedded_font_css)
    R._page = wrap("page (incl. font)", R._page)
    start = clock()
    rep = R.build_report("gimhae", lang=lang, n_draws=draws)
    total = clock() - start
    P.render_png = real_render_png  # type: ignore[assignment]
    # The same figures the old way: savefig(bbox_inches="tight") on constrained layout,
    # against one draw with the fast layout (each figure gets constrained layout back).
    start = clock()
    for fig in figures:
        fig.set_layout_engine("constrained")
        fig.savefig(io.BytesIO(), format="png", dpi=110, bbox_inches="tight")
    old = clock() - start
    start = clock()
    for fig in figures:
        fig.set_layout_engine("constrained")
        P.render_png(fig, dpi=110, fast_layout=True)
    new = clock() - start
    return {
        "total": total,
        "times": times,
        "n_figures": len(figures),
        "old_render": old,
        "new_render": new,
        "sections": len(rep.sections),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--draws", type=int, default=20_000)
    parser.add_argument("--lang", choices=["ko", "en"], default="ko")
    parser.add_argument(
        "--compare-installed",
        action="store_true",
        help="also run the command with the innozone installed in this Python (e.g. the "
        "previous version) and print the CPU ratio",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "gimhae-report.html")
        command = [
            "report",
            "gimhae",
            "-o",
            out,
            "--lang",
            args.lang,
            "--draws",
            str(args.draws),
            "--no-progress",
        ]
        warm = str(Path(tmp) / "cache-warm")
        run_command(command, warm)  # fills the font cache
        warm_runs = [run_command(command, warm) for _ in range(args.repeat)]
        cold_runs = [
            run_command(command, str(Path(tmp) / f"cache-cold-{i}")) for i in range(args.repeat)
        ]
        import_runs = [run_import(warm) for _ in range(args.repeat)]
        size = Path(out).stat().st_size
        installed_runs = []
        if args.compare_installed:
            other = str(Path(tmp) / "installed.html")
            old = [
                "report",
                "gimhae",
                "-o",
                other,
                "--lang",
                args.lang,
                "--draws",
                str(args.draws),
                "--no-progress",
            ]
            run_command(old, warm, installed=True)
            installed_runs = [run_command(old, warm, installed=True) for _ in range(args.repeat)]

    def med(runs: list[tuple[float, float]], i: int) -> float:
        return statistics.median(r[i] for r in runs)

    print(
        f"python -m innozone report gimhae --lang {args.lang} --draws {args.draws} "
        f"(median of {args.repeat}; page {size / 1e6:.2f} MB)"
    )
    print(f"  {'':34s} {'wall s':>8s} {'CPU s':>8s}")
    print(f"  {'report, font cache warm':34s} {med(warm_runs, 0):8.2f} {med(warm_runs, 1):8.2f}")
    print(f"  {'report, font cache cold':34s} {med(cold_runs, 0):8.2f} {med(cold_runs, 1):8.2f}")
    print(f"  {'import innozone alone':34s} {med(import_runs, 0):8.2f} {med(import_runs, 1):8.2f}")
    if installed_runs:
        print(
            f"  {'same command, installed innozone':34s} {med(installed_runs, 0):8.2f} "
            f"{med(installed_runs, 1):8.2f}"
        )
        print(
            f"  CPU ratio installed / this build: {med(installed_runs, 1) / med(warm_runs, 1):.2f}x"
        )
    goal = med(warm_runs, 0)
    print(f"  goal < 2 s wall (warm): {'met' if goal < 2.0 else 'NOT met'} ({goal:.2f} s)")

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["INNOZONE_CACHE_DIR"] = tmp
        breakdown(args.lang, args.draws)  # warm the font cache and imports
        parts = breakdown(args.lang, args.draws)
    print(
        f"\nbuild_report('gimhae') in one process: {parts['total']:.2f} CPU s of this process "
        "(sections include rendering their figures; all in this process), "
        f"{parts['sections']} sections, {parts['n_figures']} figures"
    )
    sections = {k: v for k, v in parts["times"].items() if k.startswith("section")}
    for name, seconds in sorted(sections.items(), key=lambda kv: -kv[1]):
        print(f"  {name:34s} {seconds:6.2f} s  {100 * seconds / parts['total']:5.1f} %")
    for name in ("page (incl. font)", "font subset"):
        seconds = parts["times"].get(name, 0.0)
        print(f"  {name:34s} {seconds:6.2f} s  {100 * seconds / parts['total']:5.1f} %")
    t = parts["times"]
    seconds = t.get("render figures", 0.0)
    print(
        f"  {'render figures (in the sections)':34s} {seconds:6.2f} s  "
        f"{100 * seconds / parts['total']:5.1f} %"
    )
    print(
        f"\nrendering the same {parts['n_figures']} figures: savefig(bbox='tight') "
        f"{parts['old_render']:.2f} s, one draw, fast layout (render_png) "
        f"{parts['new_render']:.2f} s: "
        f"{parts['old_render'] / parts['new_render']:.2f}x"
    )


if __name__ == "__main__":
    main()
