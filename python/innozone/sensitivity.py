"""Which assumptions matter: one-at-a-time (tornado), Morris screening and Sobol' indices.

All three run any :class:`~innozone.outcomes.OutcomeModel` (built-in or a Python subclass)
over a :class:`~innozone.outcomes.ParameterSet`; the loops run in the compiled core.

Morris screening follows Morris (1991): ``n_trajectories`` one-at-a-time trajectories on a
``levels``-level grid, each input moved once by p / (2 (p - 1)) of the grid, with the mean
absolute effect mu* of Campolongo, Cariboni & Saltelli (2007). The grid lives on each
input's probability (CDF) scale: bounded inputs (uniform, triangular, PERT, beta,
empirical, fixed) use the standard levels j / (p - 1), so both ends of the support are
reached; unbounded ones (normal, log-normal, gamma, Poisson, negative binomial) use the
midpoints (j + 1/2) / p of p equal-probability bins. Effects are changes of the output per
unit of probability of the moved input: for a uniform input this is SALib's effect on its
[0, 1]-scaled input, so mu, mu* and sigma equal SALib's on the same trajectories.

Sobol' indices use the Saltelli design with the first-order estimator of Saltelli et al.
(2010, Comput. Phys. Commun. 181:259-270) and Jansen's (1999) total-effect estimator, the
same pair SALib's ``sobol.analyze`` uses, and percentile bootstrap intervals. By default
(``centered=True``) f(B) in the first-order estimator is centred on the mean of all model
runs, as SALib does by standardising its outputs: the indices then equal SALib's on the same
outputs; ``centered=False`` is the textbook form (same expectation, more variance when the
output's mean is large against its spread). The indices split the output variance into
shares only when the inputs are independent, so a parameter set with correlations is refused
(use :func:`tornado` or :func:`morris`, or group correlated inputs).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from . import _core
from ._errors import InvalidInputError, NotFoundError
from ._labels import label, label_or
from ._results import Result, format_number
from ._validate import (
    ProgressLike,
    check_count,
    check_fraction,
    progress_callback,
    resolve_lang,
    resolve_seed,
    resolve_threads,
)
from .outcomes import OutcomeModel, ParameterSet

__all__ = [
    "MorrisResult",
    "SobolResult",
    "TornadoResult",
    "morris",
    "morris_from_outputs",
    "sobol",
    "sobol_from_outputs",
    "tornado",
]


def __dir__() -> list[str]:  # tab completion lists the public names only
    return list(__all__)


def _column(model: OutcomeModel, indicator: str | None, year: int | None) -> tuple[int, str, int]:
    indicators = list(model.indicator_names())
    years = list(model.years())
    indicator = indicator if indicator is not None else indicators[0]
    year = year if year is not None else years[-1]
    if indicator not in indicators:
        raise NotFoundError(
            f"indicator {indicator!r} is not produced by the model; it produces: "
            f"{', '.join(indicators)}"
        )
    if year not in years:
        raise NotFoundError(f"year {year} is not projected by the model ({years[0]}-{years[-1]})")
    return indicators.index(indicator) * len(years) + years.index(year), indicator, year


def _names(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``frame`` with its index (input names) in ``lang``.

    The registry's names of the zone model's inputs; a user model's own names as they are.
    """
    renamed: pd.DataFrame = frame.rename(
        index=lambda name: label_or(f"input.{name}", str(name), lang)
    )
    return renamed


def _output(indicator: str, year: int, lang: str) -> str:
    """An output (indicator, year) in ``lang`` (the registry's names of model outputs)."""
    return f"{label_or(f'model.{indicator}', indicator, lang)} {year}"


def _level(level: float) -> float:
    return check_fraction(level, "level", low_open=True, high_open=True)


def _z(level: float) -> float:
    return (
        1.959963984540054
        if abs(level - 0.95) < 1e-12
        else float(_core.normal_quantile(0.5 + level / 2))
    )


# --------------------------------------------------------------------------------------
# tornado


class TornadoResult(Result):
    """One-at-a-time swings of one output (indicator, year).

    Attributes
    ----------
    base : float
        The output with every input at its median.
    indicator, year
        The output studied.
    low, high : float
        Quantile levels of the swings.
    raw : innozone._core.TornadoResult
        Every output of every run (all indicators and years).
    """

    def __init__(
        self, frame: pd.DataFrame, raw: Any, indicator: str, year: int, low: float, high: float
    ) -> None:
        self.frame = frame
        self.raw = raw
        self.base = float(frame["base"].iloc[0]) if len(frame) else float("nan")
        self.indicator = indicator
        self.year = year
        self.low = low
        self.high = high

    def to_frame(self) -> pd.DataFrame:
        """Input x (low_value, high_value, low, high, base, swing), largest swing first."""
        table: pd.DataFrame = self.frame.copy()
        return table

    def summary(self) -> pd.DataFrame:
        """Input x (low, high, swing): the output at each end of the swing."""
        table: pd.DataFrame = self.frame[["low", "high", "swing"]].copy()
        return table

    def plot(self, ax: Any = None, lang: str | None = None) -> Any:
        """Tornado chart: bars from the low to the high swing around the base value."""
        from . import plotting

        lang = resolve_lang(lang)
        return plotting.tornado(
            _names(self.frame, lang),
            base=self.base,
            title=_output(self.indicator, self.year, lang),
            ax=ax,
            lang=lang,
        )

    def _title(self) -> str:
        return f"Tornado of {self.indicator} in {self.year}"

    def _notes(self) -> list[str]:
        return [
            (
                f"Each input alone at its {self.low:.0%} and {self.high:.0%} quantile, the others "
                f"at their medians; base {format_number(self.base)}."
            )
        ]

    def _headline(self) -> str:
        if self.frame.empty:
            return "no inputs"
        top = self.frame.index[0]
        return f"base={format_number(self.base)}, largest swing {top}={format_number(self.frame['swing'].iloc[0])}"


def tornado(
    model: OutcomeModel,
    parameters: ParameterSet,
    indicator: str | None = None,
    year: int | None = None,
    *,
    low: float = 0.1,
    high: float = 0.9,
    executor: Any = None,
    n_threads: int | None = None,
    progress: ProgressLike = False,
) -> TornadoResult:
    """Move each input alone to its ``low`` and ``high`` quantile (others at their medians).

    Parameters
    ----------
    model : OutcomeModel
    parameters : ParameterSet
    indicator, year : optional
        The output studied (default: the model's first indicator in its last year).
    low, high : float
        Quantile levels of the swing, 0 < low < high < 1.
    n_threads : int, optional
        Threads for the 1 + 2 x inputs model runs (None means ``innozone.options.n_threads``;
        Python models run on one thread). The result does not depend on it.
    progress : bool or callable
        True for a progress bar, or a callable ``(done, total)`` that may return False to
        stop.
    executor : dask.distributed.Client, optional
        Evaluate the model on a Dask worker (its 1 + 2 d runs form one block, as here);
        the result equals the local one (see :mod:`innozone.distributed`).

    Returns
    -------
    TornadoResult
    """
    col, indicator, year = _column(model, indicator, year)
    low = check_fraction(low, "low", low_open=True, high_open=True)
    high = check_fraction(high, "high", low_open=True, high_open=True)
    if not low < high:
        raise InvalidInputError(f"tornado: need low < high, got low={low:g}, high={high:g}")
    space = parameters.to_space()
    if executor is not None:
        from . import distributed

        raw = distributed.analyse_rows(
            distributed.resolve_executor(executor, "tornado"),
            model,
            lambda m, _: _core.tornado(m, space, low, high),
            expected_rows=1 + 2 * len(model.input_names()),
            block_size=None,
            n_threads=None,
            progress=progress,
            label="tornado",
        )
    else:
        threads = resolve_threads(n_threads)
        with progress_callback(progress, "tornado") as callback:
            raw = _core.tornado(model, space, low, high, threads, callback)
    names = list(model.input_names())
    out = np.asarray(raw.outputs)[:, col]
    frame = pd.DataFrame(
        {
            "low_value": np.asarray(raw.low_values),
            "high_value": np.asarray(raw.high_values),
            "low": out[1::2],
            "high": out[2::2],
        },
        index=pd.Index(names, name="input"),
    )
    frame["base"] = float(out[0])
    frame["swing"] = (frame["high"] - frame["low"]).abs()
    frame = frame.sort_values("swing", ascending=False, kind="stable")
    return TornadoResult(frame, raw, indicator, year, low, high)


# --------------------------------------------------------------------------------------
# Morris


class MorrisResult(Result):
    """Morris elementary-effect statistics of one output.

    Attributes
    ----------
    indicator, year
        The output studied (None for :func:`morris_from_outputs`).
    raw : innozone._core.MorrisResult
        The design (``design`` in probability, ``inputs`` in values), every output, the
        elementary effects and the statistics of every output column.
    """

    def __init__(
        self, frame: pd.DataFrame, raw: Any, indicator: str | None, year: int | None
    ) -> None:
        self.frame = frame
        self.raw = raw
        self.indicator = indicator
        self.year = year

    @property
    def n_trajectories(self) -> int:
        """Number of Morris trajectories."""
        return int(self.raw.trajectories)

    @property
    def levels(self) -> int:
        """Number of grid levels of the Morris design."""
        return int(self.raw.levels)

    def to_frame(self) -> pd.DataFrame:
        """Input x (mu, mu_star, sigma, mu_star_conf, step, grid), by decreasing mu_star.

        ``mu``, ``mu_star`` and ``sigma`` are per unit of probability of the input;
        ``mu_star_conf`` is the bootstrap half-width of mu* (SALib's ``mu_star_conf``);
        ``step`` the probability step and ``grid`` ``"j/(p-1)"`` (bounded input) or
        ``"(j+1/2)/p"`` (unbounded input).
        """
        table: pd.DataFrame = self.frame.copy()
        return table

    def summary(self) -> pd.DataFrame:
        """Input x (mu_star, mu_star_conf, mu, sigma), by decreasing mu_star."""
        table: pd.DataFrame = self.frame[["mu_star", "mu_star_conf", "mu", "sigma"]].copy()
        return table

    def plot(self, ax: Any = None, lang: str | None = None) -> Any:
        """mu* against sigma, one labelled point per input."""
        from . import plotting

        lang = resolve_lang(lang)
        with plotting.style():
            ax = plotting.new_axes(ax)
            ax.scatter(self.frame["mu_star"], self.frame["sigma"])
            for name, row in _names(self.frame, lang).iterrows():
                ax.annotate(
                    str(name),
                    (row["mu_star"], row["sigma"]),
                    fontsize=8,
                    xytext=(3, 3),
                    textcoords="offset points",
                )
            ax.set_xlabel(label("morris.mu_star", lang))
            ax.set_ylabel("σ")
            if self.indicator is None or self.year is None:
                ax.set_title(label("morris.title", lang))
            else:
                what = _output(self.indicator, int(self.year), lang)
                ax.set_title(label("morris.title_of", lang, output=what))
            return plotting._finish(ax)

    def _title(self) -> str:
        what = "" if self.indicator is None else f" of {self.indicator} in {self.year}"
        return f"Morris screening{what}"

    def _notes(self) -> list[str]:
        return [
            (
                f"{self.n_trajectories} trajectories on a {self.levels}-level grid; effects per unit "
                "of probability of each input (for a uniform input: per unit of its range scaled to "
                "[0, 1], as in SALib)."
            )
        ]

    def _headline(self) -> str:
        if self.frame.empty:
            return "no inputs"
        top = self.frame.index[0]
        return (
            f"r={self.n_trajectories}, p={self.levels}, top mu* {top}="
            f"{format_number(self.frame['mu_star'].iloc[0])}"
        )


def _morris_frame(raw: Any, names: Sequence[str], col: int) -> pd.DataFrame:
    bounded = list(raw.bounded) if len(raw.bounded) else [True] * len(names)
    step = np.asarray(raw.step) if len(raw.step) else np.full(len(names), np.nan)
    frame = pd.DataFrame(
        {
            "mu": np.asarray(raw.mu)[:, col],
            "mu_star": np.asarray(raw.mu_star)[:, col],
            "sigma": np.asarray(raw.sigma)[:, col],
            "mu_star_conf": np.asarray(raw.mu_star_conf)[:, col],
            "step": step,
            "grid": ["j/(p-1)" if b else "(j+1/2)/p" for b in bounded],
        },
        index=pd.Index(list(names), name="input"),
    )
    table: pd.DataFrame = frame.sort_values("mu_star", ascending=False, kind="stable")
    return table


def morris(
    model: OutcomeModel,
    parameters: ParameterSet,
    indicator: str | None = None,
    year: int | None = None,
    *,
    n_trajectories: int = 20,
    levels: int = 4,
    n_boot: int = 1000,
    level: float = 0.95,
    seed: int | None = None,
    n_threads: int | None = None,
    progress: ProgressLike = False,
    executor: Any = None,
    block_size: int | None = None,
) -> MorrisResult:
    """Morris elementary effects (Morris 1991) with mu* (Campolongo et al. 2007).

    Parameters
    ----------
    model : OutcomeModel
    parameters : ParameterSet
    indicator, year : optional
        The output studied (default: the model's first indicator in its last year).
    n_trajectories : int
        Trajectories r (>= 2); the model runs r (d + 1) times.
    levels : int
        Grid levels p, even (4 is the usual choice and SALib's default).
    n_boot : int
        Bootstrap resamples of the trajectories for ``mu_star_conf`` (0: none).
    level : float
        Confidence level of ``mu_star_conf`` (a fraction).
    seed : int, optional
        Seed of the design and the bootstrap; None means ``innozone.options.seed``.
    n_threads : int, optional
        Threads (None: ``innozone.options.n_threads``); results do not depend on it.
    progress : bool or callable
        True for a progress bar, or a callable ``(done, total)``.
    executor : dask.distributed.Client, optional
        Evaluate the design on a Dask cluster in blocks of ``block_size`` rows (a multiple of
        1,024; None: about four blocks per worker thread); the statistics are computed here
        and equal the local ones bit for bit (see :mod:`innozone.distributed`).
    block_size : int, optional
        Design rows per block with ``executor``.

    Returns
    -------
    MorrisResult
        Effects are per unit of probability of each input: see the module docstring for
        the grid of bounded and unbounded inputs.
    """
    col, indicator, year = _column(model, indicator, year)
    n_trajectories = check_count(n_trajectories, "n_trajectories", minimum=2)
    levels = check_count(levels, "levels", minimum=2)
    if levels % 2:
        raise InvalidInputError(f"levels must be an even number (4, 6, ...), got {levels}")
    n_boot = check_count(n_boot, "n_boot", minimum=0)
    level = _level(level)
    if executor is not None:
        from . import distributed

        space = parameters.to_space()
        seed_value = resolve_seed(seed)
        raw = distributed.analyse_rows(
            distributed.resolve_executor(executor, "morris"),
            model,
            lambda m, recording: _core.morris(
                m,
                space,
                n_trajectories,
                levels,
                seed_value,
                0 if recording else n_boot,
                level,
                resolve_threads(n_threads),
                None,
            ),
            expected_rows=n_trajectories * (len(model.input_names()) + 1),
            block_size=block_size,
            n_threads=n_threads,
            progress=progress,
            label="morris",
        )
        return MorrisResult(
            _morris_frame(raw, list(model.input_names()), col), raw, indicator, year
        )
    with progress_callback(progress, "Morris") as callback:
        raw = _core.morris(
            model,
            parameters.to_space(),
            n_trajectories,
            levels,
            resolve_seed(seed),
            n_boot,
            level,
            resolve_threads(n_threads),
            callback,
        )
    return MorrisResult(_morris_frame(raw, list(model.input_names()), col), raw, indicator, year)


def morris_from_outputs(
    design: np.ndarray,
    outputs: np.ndarray,
    n_trajectories: int,
    *,
    names: Sequence[str] | None = None,
    n_boot: int = 0,
    level: float = 0.95,
    seed: int | None = None,
) -> MorrisResult:
    """Morris statistics from a design already run elsewhere (e.g. SALib's ``morris.sample``).

    Parameters
    ----------
    design : array, r (d + 1) x d
        The trajectories in probability scale (for uniform inputs on [a, b]:
        ``(x - a) / (b - a)``); consecutive rows of a trajectory differ in one input.
    outputs : array, r (d + 1) or r (d + 1) x m
        Model outputs of the design rows (the statistics use the first column).
    n_trajectories : int
    names : sequence of str, optional
        Input names (default ``x1 .. xd``).
    n_boot, level, seed
        Bootstrap of ``mu_star_conf`` as in :func:`morris`.
    """
    x = np.asarray(design, dtype=float)
    y = np.asarray(outputs, dtype=float)
    if y.ndim == 1:
        y = y[:, None]
    if x.ndim != 2:
        raise InvalidInputError(f"design must be a 2-D array, got shape {x.shape}")
    names = list(names) if names is not None else [f"x{i + 1}" for i in range(x.shape[1])]
    if len(names) != x.shape[1]:
        raise InvalidInputError(f"{len(names)} names for {x.shape[1]} design columns")
    raw = _core.morris_statistics(
        x,
        y,
        check_count(n_trajectories, "n_trajectories", minimum=2),
        check_count(n_boot, "n_boot", minimum=0),
        _level(level),
        resolve_seed(seed),
    )
    return MorrisResult(_morris_frame(raw, names, 0), raw, None, None)


# --------------------------------------------------------------------------------------
# Sobol'


class SobolResult(Result):
    """Sobol' first-order (S1) and total (ST) indices with bootstrap intervals.

    Attributes
    ----------
    raw : innozone._core.SobolResult
        Arrays input x output column, the output variances and the design sizes.
    """

    def __init__(self, frame: pd.DataFrame, raw: Any) -> None:
        self.frame = frame
        self.raw = raw

    @property
    def n_draws(self) -> int:
        """Base sample size N of the Saltelli design."""
        return int(self.raw.n_base)

    @property
    def n_evaluations(self) -> int:
        """Number of model evaluations (rows of the design)."""
        return int(self.raw.n_evaluations)

    @property
    def n_boot(self) -> int:
        """Number of bootstrap resamples behind the intervals."""
        return int(self.raw.n_boot)

    @property
    def level(self) -> float:
        """Level of the bootstrap percentile intervals (a fraction)."""
        return float(self.raw.level)

    def to_frame(self) -> pd.DataFrame:
        """Long table indexed by (indicator, year, input).

        S1, S1 interval, ST, ST interval, bootstrap standard errors and
        ``S1_conf``/``ST_conf`` half-widths (SALib's naming).
        """
        table: pd.DataFrame = self.frame.copy()
        return table

    def summary(self) -> pd.DataFrame:
        """S1 and ST with their bootstrap percentile intervals."""
        columns = ["S1", "S1_low", "S1_high", "ST", "ST_low", "ST_high"]
        table: pd.DataFrame = self.frame[columns].copy()
        return table

    def _outputs(self) -> list[tuple[str, int]]:
        """The (indicator, year) pairs computed, in order."""
        pairs: dict[tuple[str, int], None] = {}
        for indicator, year, _ in self.frame.index:
            pairs[(str(indicator), int(year))] = None
        return list(pairs)

    def indices(self, indicator: str | None = None, year: int | None = None) -> pd.DataFrame:
        """Input x indices for one output (default: the first one computed)."""
        keys = self._outputs()
        if indicator is None:
            indicator, year = keys[0]
        elif year is None:
            years = [y for i, y in keys if i == indicator]
            if not years:
                names = sorted({str(i) for i, _ in keys})
                raise NotFoundError(
                    f"no Sobol' indices for {indicator!r}; computed for: {', '.join(names)}"
                )
            year = max(years)
        mask = (self.frame.index.get_level_values("indicator") == indicator) & (
            self.frame.index.get_level_values("year") == year
        )
        if not mask.any():
            known = ", ".join(f"{i} {y}" for i, y in keys)
            raise NotFoundError(
                f"no Sobol' indices for {indicator!r} in {year}; computed for: {known}"
            )
        table: pd.DataFrame = self.frame[mask].droplevel(["indicator", "year"])
        return table

    def plot(
        self,
        ax: Any = None,
        lang: str | None = None,
        *,
        indicator: str | None = None,
        year: int | None = None,
    ) -> Any:
        """Bars of S1 and ST with their half-widths, for one output (default: the first)."""
        from . import plotting

        lang = resolve_lang(lang)
        frame = _names(self.indices(indicator, year), lang)
        return plotting.sobol_bars(frame[["S1", "ST", "S1_conf", "ST_conf"]], ax=ax, lang=lang)

    def _title(self) -> str:
        return "Sobol' indices"

    def _notes(self) -> list[str]:
        return [
            (
                f"N = {self.n_draws:,}, {self.n_evaluations:,} model runs, {self.n_boot} bootstrap "
                f"resamples, {self.level:.0%} percentile intervals."
            )
        ]

    def _headline(self) -> str:
        outputs = len(self._outputs())
        text = f"N={self.n_draws}, {outputs} output(s)"
        if len(self.frame) and self.frame["ST"].notna().any():
            position = int(np.nanargmax(self.frame["ST"].to_numpy(dtype=float)))
            indicator, year, name = self.frame.index[position]
            text += f", largest ST {name} ({indicator} {year})"
        return text


def _sobol_frame(raw: Any, k: int, index: pd.Index, level: float) -> pd.DataFrame:
    frame: pd.DataFrame = pd.DataFrame(
        {
            "S1": np.asarray(raw.first)[:, k],
            "S1_low": np.asarray(raw.first_low)[:, k],
            "S1_high": np.asarray(raw.first_high)[:, k],
            "S1_se": np.asarray(raw.first_se)[:, k],
            "ST": np.asarray(raw.total)[:, k],
            "ST_low": np.asarray(raw.total_low)[:, k],
            "ST_high": np.asarray(raw.total_high)[:, k],
            "ST_se": np.asarray(raw.total_se)[:, k],
        },
        index=index,
    )
    z = _z(level)
    frame["S1_conf"] = z * frame["S1_se"]
    frame["ST_conf"] = z * frame["ST_se"]
    return frame


def sobol(
    model: OutcomeModel,
    parameters: ParameterSet,
    outputs: Sequence[tuple[str, int]] | None = None,
    *,
    n_draws: int = 2**12,
    n_boot: int = 200,
    level: float = 0.95,
    sampler: str = "sobol",
    centered: bool = True,
    seed: int | None = None,
    n_threads: int | None = None,
    progress: ProgressLike = False,
    executor: Any = None,
    block_size: int | None = None,
) -> SobolResult:
    """Sobol' first-order and total indices.

    Parameters
    ----------
    model : OutcomeModel
    parameters : ParameterSet
        Independent inputs (correlated inputs are refused).
    outputs : list of (indicator, year), optional
        Outputs to analyse (default: every indicator in the last year).
    n_draws : int
        Base sample size N of the Saltelli design; the model runs N (d + 2) times. A power
        of two suits Sobol' points.
    n_boot : int
        Bootstrap resamples of the N base rows for the intervals (0: none).
    level : float
        Confidence level of the intervals (a fraction).
    sampler : {"sobol", "lhs", "mc"}
        Design of the 2d-dimensional base sample (scrambled Sobol' by default).
    centered : bool
        True (default): centre f(B) on the mean of all model runs in the first-order
        estimator, as SALib does (same indices as SALib on the same outputs). False: the
        textbook Saltelli (2010) form (same expectation, larger variance when the output's
        mean is large against its spread).
    seed, n_threads, progress, executor, block_size
        See :func:`morris`: with ``executor`` the N (d + 2) model runs happen on a Dask
        cluster and the indices equal the local ones bit for bit.

    Raises
    ------
    InvalidInputError
        If the parameter set has correlated inputs (the indices would not mean what they say).
    """
    years = list(model.years())
    if outputs is None:
        outputs = [(ind, years[-1]) for ind in model.indicator_names()]
    outputs = list(outputs)
    if not outputs:
        raise InvalidInputError("sobol: outputs is empty; name at least one (indicator, year)")
    columns = [_column(model, ind, yr)[0] for ind, yr in outputs]
    n_draws = check_count(n_draws, "n_draws", minimum=2)
    n_boot = check_count(n_boot, "n_boot", minimum=0)
    level = _level(level)
    if executor is not None:
        from . import distributed

        space = parameters.to_space()
        seed_value = resolve_seed(seed)
        raw = distributed.analyse_rows(
            distributed.resolve_executor(executor, "sobol"),
            model,
            lambda m, recording: _core.sobol_indices(
                m,
                space,
                n_draws,
                columns,
                sampler,
                seed_value,
                0 if recording else n_boot,
                level,
                bool(centered),
                resolve_threads(n_threads),
                None,
            ),
            expected_rows=n_draws * (len(model.input_names()) + 2),
            block_size=block_size,
            n_threads=n_threads,
            progress=progress,
            label="sobol",
        )
    else:
        with progress_callback(progress, "Sobol'") as callback:
            raw = _core.sobol_indices(
                model,
                parameters.to_space(),
                n_draws,
                columns,
                sampler,
                resolve_seed(seed),
                n_boot,
                level,
                bool(centered),
                resolve_threads(n_threads),
                callback,
            )
    names = list(model.input_names())
    frames = [
        _sobol_frame(
            raw,
            k,
            pd.MultiIndex.from_tuples(
                [(ind, yr, name) for name in names], names=["indicator", "year", "input"]
            ),
            level,
        )
        for k, (ind, yr) in enumerate(outputs)
    ]
    return SobolResult(pd.concat(frames), raw)


def sobol_from_outputs(
    fa: np.ndarray,
    fb: np.ndarray,
    fab: np.ndarray,
    *,
    names: Sequence[str] | None = None,
    n_boot: int = 0,
    level: float = 0.95,
    seed: int | None = None,
    centered: bool = True,
    n_threads: int | None = None,
    progress: ProgressLike = False,
) -> SobolResult:
    """Indices from outputs already computed on a Saltelli design.

    ``fa`` and ``fb`` are the N outputs at matrices A and B; ``fab`` is d x N, row i the
    outputs at A with column i taken from B. Useful to compare with other tools on the very
    same samples: with ``centered=True`` (default) S1 and ST equal SALib's
    ``sobol.analyze`` on the same outputs; ``centered=False`` is the textbook estimator.
    The ``n_boot`` bootstrap replicates run on ``n_threads`` threads (the result does not
    depend on their number) with ``progress`` (True: a bar; or a callable).

    Returns
    -------
    SobolResult
        Indexed by (``"y"``, 0, input).
    """
    a = np.asarray(fa, dtype=float)
    b = np.asarray(fb, dtype=float)
    ab = np.asarray(fab, dtype=float)
    if ab.ndim != 2:
        raise InvalidInputError(f"fab must be a d x N array, got shape {ab.shape}")
    names = list(names) if names is not None else [f"x{i + 1}" for i in range(ab.shape[0])]
    if len(names) != ab.shape[0]:
        raise InvalidInputError(f"{len(names)} names for {ab.shape[0]} rows of fab")
    level = _level(level)
    replicates = check_count(n_boot, "n_boot", minimum=0)
    with progress_callback(progress, "Sobol' bootstrap") as callback:
        raw = _core.sobol_from_outputs(
            a,
            b,
            ab,
            replicates,
            level,
            resolve_seed(seed),
            bool(centered),
            resolve_threads(n_threads),
            callback,
        )
    index = pd.MultiIndex.from_tuples(
        [("y", 0, name) for name in names], names=["indicator", "year", "input"]
    )
    return SobolResult(_sobol_frame(raw, 0, index, level), raw)
