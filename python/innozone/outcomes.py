"""Outcome models under uncertainty: growth fits, funnels, firm cohorts and Monte Carlo.

The heavy loops run in the compiled core (``innozone._core``); this module gives them a
pandas face. The pieces:

* :class:`ParameterSet` -- named uncertain inputs (a :class:`Distribution` each, with unit
  and source) and an optional correlation matrix (Gaussian copula).
* :func:`simulate` -- run any :class:`OutcomeModel` (built-in :class:`ZoneModel` or a Python
  subclass) on many draws; returns a :class:`MonteCarloResult` with means, quantiles, fan
  charts and the probability of reaching :class:`Target` values.
* :func:`compare_scenarios` -- named scenarios run on the same random numbers.
* :func:`fit_growth` / :func:`cagr` -- growth rates and exponential, logistic and Gompertz
  fits with standard errors and delta-method projection bands.
* :class:`SurvivalCurve`, :func:`survival_benchmark`, :func:`project_cohorts`,
  :class:`Funnel`, :func:`budget_response` -- the building blocks of zone models.

Writing a model in Python
-------------------------
Subclass :class:`OutcomeModel`, call ``super().__init__()``, and define ``input_names()``,
``indicator_names()``, ``years()`` and either ``evaluate(x)`` (one row of inputs -> an
``(n_indicators, n_years)`` array) or the faster ``evaluate_batch(X)`` (rows x inputs ->
``(rows, n_indicators, n_years)``). The engine calls it with the GIL held, one batch of up
to 1,024 rows at a time, so a Python model runs correctly at Python speed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pandas as pd

from . import _core, plotting
from . import distributed as _distributed  # noqa: F401  (models pickle for Dask workers)
from ._errors import InvalidInputError, NotFoundError
from ._labels import label, label_or
from ._results import Result, html_table
from ._validate import (
    ProgressLike,
    check_count,
    check_fraction,
    progress_callback,
    resolve_lang,
    resolve_seed,
    resolve_threads,
)

Distribution = _core.Distribution
ParameterSpace = _core.ParameterSpace
OutcomeModel = _core.OutcomeModel
ZoneModel = _core.ZoneModel
IshigamiModel = _core.IshigamiModel
SurvivalCurve = _core.SurvivalCurve
Funnel = _core.Funnel
budget_response = _core.budget_response

__all__ = [
    "BLOCK_ROWS",
    "QUANTILE_RELATIVE_ERROR",
    "CohortResult",
    "Distribution",
    "Funnel",
    "GrowthFitResult",
    "IshigamiModel",
    "MonteCarloResult",
    "OutcomeModel",
    "ParameterSet",
    "Scenario",
    "ScenarioComparison",
    "SurvivalCurve",
    "Target",
    "ZoneModel",
    "budget_response",
    "cagr",
    "compare_scenarios",
    "fit_growth",
    "kaplan_meier",
    "lognormal_from_mean_sd",
    "merge_states",
    "project_cohorts",
    "simulate",
    "simulate_range",
    "survival_benchmark",
    "survival_benchmarks",
    "uniform_design",
]


def __dir__() -> list[str]:  # tab completion lists the public names only
    return list(__all__)


DEFAULT_QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)


def _name(kind: str, name: str, lang: str) -> str:
    """A model's indicator, input or scenario name in ``lang`` from the label registry.

    ``kind`` is ``"model"`` (indicator), ``"input"`` or ``"scenario"``; a name the registry
    does not know (a user's own model) is shown as it is.
    """
    return label_or(f"{kind}.{name}", name, lang)


def lognormal_from_mean_sd(mean: float, sd: float) -> Distribution:
    """Log-normal distribution with the given mean and standard deviation (natural units)."""
    if not (mean > 0 and sd > 0):
        raise InvalidInputError(
            f"lognormal_from_mean_sd: mean and sd must be positive, got {mean}, {sd}"
        )
    sigma2 = np.log1p((sd / mean) ** 2)
    return Distribution.lognormal(float(np.log(mean) - sigma2 / 2), float(np.sqrt(sigma2)))


def uniform_design(
    sampler: str, n_draws: int, d: int, seed: int | None = None, scramble: bool = True
) -> np.ndarray:
    """An ``n_draws x d`` design of uniforms in (0, 1): ``'mc'``, ``'lhs'`` or ``'sobol'``.

    Sobol' points use the Joe & Kuo (2008) direction numbers (up to
    ``_core.sobol_max_dimensions()`` dimensions); ``scramble`` applies a random digital shift.
    Latin hypercube rows are stratified per dimension by keyed permutations evaluated row by
    row, so any range of rows is the same whatever the split. ``seed=None`` means
    ``innozone.options.seed``.
    """
    if not isinstance(sampler, str):
        raise InvalidInputError(f"sampler must be 'lhs', 'mc' or 'sobol', got {sampler!r}")
    return _core.uniform_design(
        sampler,
        check_count(n_draws, "n_draws"),
        check_count(d, "d"),
        resolve_seed(seed),
        bool(scramble),
    )


# --------------------------------------------------------------------------- parameters
@dataclass
class _Entry:
    distribution: Distribution
    unit: str = ""
    source: str = ""
    note: str = ""


class ParameterSet:
    """Named uncertain inputs of a model.

    Parameters
    ----------
    entries : mapping, optional
        ``name -> Distribution`` or ``name -> dict(distribution=..., unit=..., source=..., note=...)``.

    Examples
    --------
    >>> ps = ParameterSet({"x1": Distribution.uniform(-3.14, 3.14)})
    >>> ps.add("x2", Distribution.normal(0, 1), unit="-", source="assumption")
    """

    def __init__(self, entries: Mapping[str, Any] | None = None) -> None:
        self._entries: dict[str, _Entry] = {}
        self._correlation: pd.DataFrame | None = None
        for name, value in (entries or {}).items():
            if isinstance(value, Mapping):
                self.add(name, **value)
            else:
                self.add(name, value)

    def add(
        self,
        name: str,
        distribution: Distribution,
        unit: str = "",
        source: str = "",
        note: str = "",
    ) -> ParameterSet:
        """Add (or replace) an input; returns self for chaining."""
        if not isinstance(distribution, Distribution):
            raise InvalidInputError(
                f"parameter {name!r}: expected an innozone Distribution, got {type(distribution).__name__}"
            )
        self._entries[str(name)] = _Entry(distribution, unit, source, note)
        return self

    @property
    def names(self) -> list[str]:
        """The input names, in the order they were first added."""
        return list(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __getitem__(self, name: str) -> Distribution:
        return self._entries[name].distribution

    def copy(self) -> ParameterSet:
        """A copy with its own entries and correlation matrix (distributions are shared)."""
        out = ParameterSet()
        out._entries = {
            k: _Entry(v.distribution, v.unit, v.source, v.note) for k, v in self._entries.items()
        }
        out._correlation = None if self._correlation is None else self._correlation.copy()
        return out

    def with_overrides(self, overrides: Mapping[str, Distribution | float]) -> ParameterSet:
        """A copy with some inputs replaced (a number means a fixed value)."""
        out = self.copy()
        for name, value in overrides.items():
            if name not in out._entries:
                raise InvalidInputError(
                    f"override {name!r}: no such parameter (have {', '.join(out.names)})"
                )
            dist = value if isinstance(value, Distribution) else Distribution.fixed(float(value))
            entry = out._entries[name]
            out._entries[name] = _Entry(
                dist, entry.unit, entry.source, entry.note + " [overridden]"
            )
        return out

    def set_correlation(self, matrix: pd.DataFrame) -> ParameterSet:
        """Correlate inputs through a Gaussian copula.

        ``matrix`` is a square DataFrame whose index and columns name inputs; the values are
        correlations of the inputs' normal scores. It must be symmetric with a unit diagonal and
        positive semi-definite (checked when the space is built, with the smallest eigenvalue in
        the error).
        """
        if not isinstance(matrix, pd.DataFrame) or list(matrix.index) != list(matrix.columns):
            raise InvalidInputError(
                "correlation: pass a square DataFrame whose index equals its columns"
            )
        for name in matrix.index:
            if name not in self._entries:
                raise InvalidInputError(f"correlation: {name!r} is not a parameter")
        self._correlation = matrix.astype(float)
        self.to_space()  # validate now
        return self

    @property
    def correlation(self) -> pd.DataFrame | None:
        """The correlation matrix set by :meth:`set_correlation`, or ``None``."""
        return self._correlation

    def to_space(self) -> ParameterSpace:
        """The compiled parameter space."""
        space = ParameterSpace()
        for name, entry in self._entries.items():
            space.add(name, entry.distribution)
        if self._correlation is not None:
            names = [str(n) for n in self._correlation.index]
            space.set_correlation(names, self._correlation.to_numpy().ravel().tolist())
        return space

    def to_frame(self) -> pd.DataFrame:
        """One row per input: distribution, mean, sd, 5 % and 95 % quantiles, unit, source, note."""
        rows = []
        for name, e in self._entries.items():
            d = e.distribution
            q = d.quantile(np.array([0.05, 0.95]))
            rows.append(
                {
                    "parameter": name,
                    "distribution": repr(d),
                    "mean": d.mean(),
                    "sd": float(np.sqrt(d.variance())),
                    "p05": q[0],
                    "p95": q[1],
                    "unit": e.unit,
                    "source": e.source,
                    "note": e.note,
                }
            )
        table: pd.DataFrame = pd.DataFrame(rows).set_index("parameter")
        return table

    def summary(self) -> pd.DataFrame:
        """The same table as :meth:`to_frame`."""
        return self.to_frame()

    def _repr_html_(self) -> str:
        return str("<b>ParameterSet</b>" + self.to_frame().to_html())

    def plot(self, ax: Any = None, lang: str | None = None) -> Any:
        """Horizontal bars from the 5 % to the 95 % quantile of each input, scaled by its mean."""
        lang = resolve_lang(lang)
        with plotting.style():
            ax = plotting.new_axes(ax, figsize=(6, 0.4 * len(self) + 1))
            frame = self.to_frame()
            scale = frame["mean"].abs().replace(0, 1.0)
            lo = frame["p05"] / scale
            hi = frame["p95"] / scale
            y = np.arange(len(frame))
            ax.barh(y, hi - lo, left=lo, color="tab:blue", alpha=0.6)
            ax.axvline(1.0, color="k", lw=0.8)
            ax.set_yticks(y)
            ax.set_yticklabels([_name("input", str(n), lang) for n in frame.index])
            ax.set_xlabel(label("range_5_95_rel_mean", lang))
            return plotting._finish(ax)


# --------------------------------------------------------------------------- Monte Carlo
@dataclass(frozen=True)
class Target:
    """A target for one indicator in one year.

    ``direction`` is ``"higher"`` (reached when the value is >= target) or ``"lower"``.
    """

    indicator: str
    year: int
    value: float
    direction: str = "higher"
    label: str = ""

    def __post_init__(self) -> None:
        if self.direction not in ("higher", "lower"):
            raise InvalidInputError(
                f"target {self.indicator!r}: direction must be 'higher' or 'lower', got {self.direction!r}"
            )


#: Relative error bound of streaming quantiles: each one lies within this share of the
#: magnitude of the order statistics it interpolates (2^-11, about 0.05 %).
QUANTILE_RELATIVE_ERROR: float = float(_core.QUANTILE_SKETCH_RELATIVE_ERROR)

#: Draws per engine block; ranges given to :func:`simulate_range` start at a multiple of it.
BLOCK_ROWS: int = int(_core.MONTE_CARLO_BLOCK_ROWS)


def _quantile_label(q: float) -> str:
    """Column name of a quantile level: 0.05 -> "p05", 0.5 -> "p50", 0.999 -> "p99.9"."""
    percent = q * 100
    if abs(percent - round(percent)) < 1e-9:
        return f"p{round(percent):02d}"
    return f"p{percent:.6g}"


class MonteCarloResult(Result):
    """Summaries of a Monte Carlo run, computed while simulating, and the draws when kept.

    The mean, sd, quantiles and target probabilities are accumulated block by block while
    the model runs, so memory does not grow with ``n_draws``. Quantiles come from a
    mergeable sketch: each lies within :data:`QUANTILE_RELATIVE_ERROR` (about 0.05 %) of the
    magnitude of the exact order statistics it interpolates; ``summary(exact=True)`` gives
    exact ones (from the kept draws, or by regenerating the same draws once or twice).
    Probabilities of the targets given to :func:`simulate` are exact counts.

    Attributes
    ----------
    state : innozone._core.MonteCarloState
        The streaming summary (picklable; mergeable with states of other draws of the run).
    draws : numpy.ndarray or None
        ``(n_draws, n_indicators, n_years)`` outputs, owned by the core (no copy), when the
        run kept them (``keep_draws=True``); None otherwise.
    inputs : numpy.ndarray or None
        ``(n_draws, n_inputs)`` inputs in the model's input order (``keep_inputs=True``).
    indicators, years, input_names : list
        The model's indicator names, projection years and input names.
    targets : list of Target
        Targets whose probabilities were counted during the run.
    meta : dict
        Seed, sampler, draws and storage options of the run.
    """

    def __init__(
        self,
        state: Any,
        *,
        indicators: Sequence[str],
        years: Sequence[int],
        input_names: Sequence[str],
        targets: Sequence[Target] = (),
        meta: Mapping[str, Any] | None = None,
        draws: np.ndarray | None = None,
        inputs: np.ndarray | None = None,
        model: OutcomeModel | None = None,
        space: ParameterSpace | None = None,
    ) -> None:
        self.state = state
        self.indicators: list[str] = list(indicators)
        self.years: list[int] = [int(y) for y in years]
        self.input_names: list[str] = list(input_names)
        self.targets: list[Target] = list(targets)
        self.meta: dict[str, Any] = dict(meta or {})
        self.draws: np.ndarray | None = draws
        self.inputs: np.ndarray | None = inputs
        self._model = model
        self._space = space
        self._summary_cache: dict[tuple[tuple[float, ...], bool], pd.DataFrame] = {}
        self._probability_cache: dict[tuple[int, float, bool], float] = {}

    @property
    def n_draws(self) -> int:
        """Number of Monte Carlo draws."""
        return int(self.state.n_draws)

    @property
    def quantile_error(self) -> float:
        """Relative error bound of the quantiles of :meth:`summary` (0 with ``exact=True``)."""
        return QUANTILE_RELATIVE_ERROR

    # -- lookup
    def _index(self, indicator: str, year: int | None = None) -> tuple[int, int | None]:
        if indicator not in self.indicators:
            raise NotFoundError(
                f"indicator {indicator!r} is not an output of the model "
                f"(valid: {', '.join(self.indicators)})"
            )
        i = self.indicators.index(indicator)
        if year is None:
            return i, None
        if year not in self.years:
            raise InvalidInputError(
                f"year {year} not projected for {indicator!r} (years {self.years[0]}-{self.years[-1]})"
            )
        return i, self.years.index(year)

    def _column(self, indicator: str, year: int) -> int:
        i, t = self._index(indicator, year)
        assert t is not None
        return i * len(self.years) + t

    def _needs_draws(self, what: str) -> np.ndarray:
        if self.draws is None:
            raise InvalidInputError(
                f"{what}: the draws were not kept; run simulate(..., keep_draws=True) to keep "
                f"them ({self.n_draws:,} x {len(self.indicators) * len(self.years)} values)"
            )
        return self.draws

    def _rerun_parts(self, what: str) -> tuple[OutcomeModel, ParameterSpace]:
        if self._model is None or self._space is None:
            raise InvalidInputError(f"{what}: this result holds no model to regenerate its draws")
        return self._model, self._space

    def indicator(self, name: str) -> np.ndarray:
        """``(n_draws, n_years)`` view of one indicator's draws (no copy; needs kept draws)."""
        i, _ = self._index(name)
        return self._needs_draws(f"indicator({name!r})")[:, i, :]

    # -- summaries
    def summary(
        self,
        quantiles: Sequence[float] = DEFAULT_QUANTILES,
        exact: bool = False,
        n_threads: int | None = None,
        progress: ProgressLike = False,
    ) -> pd.DataFrame:
        """Mean, sd and quantiles per indicator and year.

        Parameters
        ----------
        quantiles : sequence of float
            Quantile levels in [0, 1] (columns ``p05``, ``p50``, ...).
        exact : bool
            False (default): quantiles from the streaming sketch, within
            :data:`QUANTILE_RELATIVE_ERROR` of the exact ones. True: exact type-7 quantiles,
            from the kept draws, or else by regenerating the run's draws (the same
            block-seeded numbers; one or two more passes over the model).
        n_threads, progress
            Threads and progress of an exact second pass.
        """
        levels = tuple(check_fraction(q, "quantiles") for q in quantiles)
        key = (levels, bool(exact))
        if key not in self._summary_cache:
            cols = len(self.indicators) * len(self.years)
            if exact and self.draws is not None:
                s = _core.summarize_columns(self.draws, list(levels), resolve_threads(n_threads))
                mean, sd, q = s.mean, s.sd, s.quantiles
            else:
                stats = self.state.summary(list(levels))
                mean, sd, q = stats.mean, stats.sd, stats.quantiles
                if exact:
                    model, space = self._rerun_parts("summary(exact=True)")
                    with progress_callback(progress, "exact quantiles") as callback:
                        q = _core.exact_quantiles(
                            model,
                            space,
                            self.state,
                            list(levels),
                            resolve_threads(n_threads),
                            callback,
                        )
            index = pd.MultiIndex.from_product(
                [self.indicators, self.years], names=["indicator", "year"]
            )
            frame = pd.DataFrame({"mean": mean[:cols], "sd": sd[:cols]}, index=index)
            for level, row in zip(levels, q):
                frame[_quantile_label(level)] = row
            self._summary_cache[key] = frame
        table: pd.DataFrame = self._summary_cache[key].copy()
        return table

    def to_frame(self) -> pd.DataFrame:
        """The summary table: (indicator, year) x mean, sd and quantiles."""
        return self.summary()

    def fan(
        self, indicator: str, quantiles: Sequence[float] = (0.05, 0.25, 0.5, 0.75, 0.95)
    ) -> pd.DataFrame:
        """Fan-chart data for one indicator: years x quantiles (plus the mean)."""
        self._index(indicator)
        frame = pd.DataFrame(self.summary(quantiles).loc[indicator])
        table: pd.DataFrame = frame.drop(columns=["sd"])
        return table

    def probability(self, target: Target, progress: ProgressLike = False) -> float:
        """Share of draws that reach the target (respecting its direction).

        Exact for every target: counted during the run for the targets given to
        :func:`simulate`, from the kept draws, or else by regenerating the draws once
        (``progress`` then shows that pass).
        """
        column = self._column(target.indicator, int(target.year))
        higher = target.direction == "higher"
        value = float(target.value)
        for k, t in enumerate(self.state.targets):
            if t == (column, value, higher):
                return float(self.state.hits[k]) / self.n_draws
        key = (column, value, higher)
        if key not in self._probability_cache:
            if self.draws is not None:
                p = _core.probability_reaching(self.draws, column, value, higher)
            else:
                model, space = self._rerun_parts("probability")
                with progress_callback(progress, "P(target)") as callback:
                    run = _core.run_monte_carlo(
                        model,
                        space,
                        self.n_draws,
                        self.state.seed,
                        self.state.sampler,
                        self.state.scramble,
                        targets=[key],
                        n_threads=resolve_threads(None),
                        progress=callback,
                    )
                p = float(run.state.hits[0]) / self.n_draws
            self._probability_cache[key] = float(p)
        return self._probability_cache[key]

    def probabilities(
        self, targets: Iterable[Target] | None = None, progress: ProgressLike = False
    ) -> pd.DataFrame:
        """One row per target: value, direction, median projection and P(reached).

        The median is the streaming estimate (see :meth:`summary`); ``progress`` shows the
        passes that targets not given to :func:`simulate` may need (see :meth:`probability`).
        """
        chosen = list(targets) if targets is not None else self.targets
        median = self.summary((0.5,))["p50"] if chosen else None
        rows = []
        for target in chosen:
            self._index(target.indicator, target.year)
            assert median is not None
            rows.append(
                {
                    "indicator": target.indicator,
                    "year": target.year,
                    "target": target.value,
                    "direction": target.direction,
                    "median": float(median.loc[(target.indicator, target.year)]),
                    "probability": self.probability(target, progress),
                    "label": target.label,
                }
            )
        columns = ["indicator", "year", "target", "direction", "median", "probability", "label"]
        table: pd.DataFrame = pd.DataFrame(rows, columns=columns)
        return table

    def inputs_frame(self) -> pd.DataFrame:
        """The sampled inputs as a DataFrame (wraps the core array; needs ``keep_inputs=True``)."""
        if self.inputs is None:
            raise InvalidInputError(
                "inputs_frame: the inputs were not kept; run simulate(..., keep_inputs=True)"
            )
        table: pd.DataFrame = pd.DataFrame(self.inputs, columns=self.input_names, copy=False)
        return table

    def plot(  # type: ignore[override]
        self,
        indicator: str | None = None,
        ax: Any = None,
        lang: str | None = None,
        targets: Iterable[Target] | None = None,
    ) -> Any:
        """Fan chart of one indicator (5-95 %, 25-75 % bands and median) with its target.

        The first target on this indicator (in the last year it is set for) is drawn and its
        probability written on the chart.
        """
        indicator = indicator or self.indicators[0]
        self._index(indicator)
        lang = resolve_lang(lang)
        fan = self.fan(indicator).drop(columns=["mean"])
        fan.columns = [float(c[1:]) / 100.0 for c in fan.columns]
        mine = [
            t
            for t in (list(targets) if targets is not None else self.targets)
            if t.indicator == indicator
        ]
        target = {t.year: t.value for t in mine} or None
        probability = self.probability(mine[-1]) if mine else None
        return plotting.fan_chart(
            fan,
            target=target,
            probability=probability,
            title=_name("model", indicator, lang),
            ax=ax,
            lang=lang,
        )

    # -- display
    def _title(self) -> str:
        return (
            f"Monte Carlo: {self.n_draws:,} draws, {len(self.indicators)} indicators, "
            f"years {self.years[0]}-{self.years[-1]}"
        )

    def _notes(self) -> list[str]:
        sampler = self.meta.get("sampler", self.state.sampler)
        note = (
            f"sampler {sampler}, seed {self.state.seed}; quantiles within "
            f"{QUANTILE_RELATIVE_ERROR:.2%} of the exact ones (streaming sketch)"
        )
        return [note]

    def _headline(self) -> str:
        head = f"sampler={self.state.sampler}, seed={self.state.seed}"
        if self.targets:
            head += f", {len(self.targets)} targets"
        return head

    def _repr_html_(self) -> str:
        last = pd.DataFrame(self.summary().xs(self.years[-1], level="year"))
        out = html_table(f"{self._title()} (last year {self.years[-1]})", last, self._notes())
        if self.targets:
            out += html_table("P(target reached)", self.probabilities(), index=False)
        return out


def _check_targets(model: OutcomeModel, targets: Sequence[Target]) -> None:
    """Refuse targets the model cannot answer before a (possibly long) run starts."""
    names = list(model.indicator_names())
    years = [int(y) for y in model.years()]
    for target in targets:
        if not isinstance(target, Target):
            raise InvalidInputError(f"targets: expected Target objects, got {target!r}")
        if target.indicator not in names:
            raise NotFoundError(
                f"target: indicator {target.indicator!r} is not an output of the model "
                f"({', '.join(names)})"
            )
        if int(target.year) not in years:
            raise InvalidInputError(
                f"target: year {target.year} of {target.indicator!r} is not projected "
                f"(years {years[0]}-{years[-1]})"
            )


def _target_specs(model: OutcomeModel, targets: Sequence[Target]) -> list[tuple[int, float, bool]]:
    """(column, value, higher) of each target: column = indicator index * years + year index."""
    names = list(model.indicator_names())
    years = [int(y) for y in model.years()]
    return [
        (
            names.index(t.indicator) * len(years) + years.index(int(t.year)),
            float(t.value),
            t.direction == "higher",
        )
        for t in targets
    ]


def _run_arguments(
    model: OutcomeModel,
    parameters: ParameterSet,
    n_draws: object,
    seed: int | None,
    sampler: str,
    targets: Sequence[Target],
    n_threads: int | None,
    where: str,
) -> tuple[ParameterSpace, int, int, list[Target], int]:
    if not isinstance(model, OutcomeModel):
        raise InvalidInputError(
            f"{where}: 'model' must be an OutcomeModel, got {type(model).__name__}"
        )
    if not isinstance(parameters, ParameterSet):
        raise InvalidInputError(f"{where}: 'parameters' must be a ParameterSet")
    if not isinstance(sampler, str):
        raise InvalidInputError(f"sampler must be 'lhs', 'mc' or 'sobol', got {sampler!r}")
    count = check_count(n_draws, "n_draws")
    chosen = list(targets)
    _check_targets(model, chosen)
    return parameters.to_space(), count, resolve_seed(seed), chosen, resolve_threads(n_threads)


def simulate(
    model: OutcomeModel,
    parameters: ParameterSet,
    n_draws: int = 10_000,
    seed: int | None = None,
    sampler: str = "lhs",
    targets: Sequence[Target] = (),
    n_threads: int | None = None,
    progress: ProgressLike = False,
    keep_inputs: bool = False,
    scramble: bool = True,
    keep_draws: bool = False,
    executor: Any = None,
    block_size: int | None = None,
) -> MonteCarloResult:
    """Run ``model`` on ``n_draws`` draws of ``parameters``, summarising while simulating.

    Parameters
    ----------
    model : OutcomeModel
        A built-in model or a Python subclass.
    parameters : ParameterSet
        One distribution per model input (matched by name).
    n_draws : int
        Number of draws (at least 1).
    seed : int, optional
        Fixes every result, whatever ``n_threads``; None means ``innozone.options.seed``.
    sampler : {"lhs", "mc", "sobol"}
        Latin hypercube (default), plain Monte Carlo or scrambled Sobol' points.
    targets : sequence of Target
        Targets whose probabilities are counted during the run (exactly), reported by
        :meth:`MonteCarloResult.probabilities` and drawn on plots.
    n_threads : int, optional
        Worker threads (0 = one per core; None means ``innozone.options.n_threads``). Python
        models run on one thread.
    progress : bool or callable
        True shows a tqdm bar; a callable gets ``(done, total)`` and may return False to stop.
    keep_inputs : bool
        Store the sampled inputs (``n_draws x n_inputs``; :meth:`MonteCarloResult.inputs_frame`).
    scramble : bool
        Random digital shift of Sobol' points (ignored by the other samplers).
    keep_draws : bool
        Store every output (``n_draws x n_indicators x n_years`` doubles;
        :meth:`MonteCarloResult.indicator`). Without it memory does not grow with ``n_draws``.
    executor : dask.distributed.Client, optional
        Run the draws on a Dask cluster (see :mod:`innozone.distributed`): blocks of
        ``block_size`` draws go to the workers and their partial states are merged. The
        result is identical bit for bit to the local run with the same seed, whatever the
        number of workers and the block size. The model must pickle. ``n_threads`` is then
        the engine threads per block (None: 1, as Dask runs one block per worker thread).
    block_size : int, optional
        Draws per block with ``executor``: a multiple of :data:`BLOCK_ROWS` (1,024); None
        makes about four blocks per worker thread.

    Returns
    -------
    MonteCarloResult
    """
    if executor is not None:
        return _simulate_on(
            executor,
            model,
            parameters,
            n_draws,
            seed,
            sampler,
            targets,
            n_threads,
            progress,
            keep_inputs,
            scramble,
            keep_draws,
            block_size,
        )
    space, count, seed_value, chosen, threads = _run_arguments(
        model, parameters, n_draws, seed, sampler, targets, n_threads, "simulate"
    )
    with progress_callback(progress, "Monte Carlo") as callback:
        run = _core.run_monte_carlo(
            model,
            space,
            count,
            seed_value,
            sampler,
            bool(scramble),
            bool(keep_inputs),
            bool(keep_draws),
            _target_specs(model, chosen),
            threads,
            callback,
        )
    meta = {
        "seed": seed_value,
        "sampler": sampler,
        "n_draws": count,
        "scramble": bool(scramble),
        "keep_draws": bool(keep_draws),
        "keep_inputs": bool(keep_inputs),
    }
    return MonteCarloResult(
        run.state,
        indicators=run.indicator_names,
        years=run.years,
        input_names=run.input_names,
        targets=chosen,
        meta=meta,
        draws=run.draws,
        inputs=run.inputs,
        model=model,
        space=space,
    )


def _simulate_on(
    executor: Any,
    model: OutcomeModel,
    parameters: ParameterSet,
    n_draws: int,
    seed: int | None,
    sampler: str,
    targets: Sequence[Target],
    n_threads: int | None,
    progress: ProgressLike,
    keep_inputs: bool,
    scramble: bool,
    keep_draws: bool,
    block_size: int | None,
    label: str = "simulate",
) -> MonteCarloResult:
    """:func:`simulate` on a Dask cluster (blocks merged into the local run's result)."""
    from . import distributed

    client = distributed.resolve_executor(executor, label)
    space, count, seed_value, chosen, _ = _run_arguments(
        model, parameters, n_draws, seed, sampler, targets, 0, label
    )
    job = distributed.MonteCarloJob(
        label,
        model,
        parameters,
        count,
        seed_value,
        sampler,
        bool(scramble),
        _target_specs(model, chosen),
        bool(keep_inputs),
        bool(keep_draws),
    )
    threads = None if n_threads is None else resolve_threads(n_threads)
    (parts,) = distributed.simulate_jobs(
        client, [job], block_size=block_size, n_threads=threads, progress=progress, label=label
    )
    return _distributed_result(parts, job, model, space, chosen)


def _distributed_result(
    parts: Any, job: Any, model: OutcomeModel, space: ParameterSpace, chosen: Sequence[Target]
) -> MonteCarloResult:
    meta = {
        "seed": job.seed,
        "sampler": job.sampler,
        "n_draws": job.n_draws,
        "scramble": job.scramble,
        "keep_draws": job.keep_draws,
        "keep_inputs": job.keep_inputs,
        "blocks": len(job.blocks),
    }
    return MonteCarloResult(
        parts.state,
        indicators=model.indicator_names(),
        years=model.years(),
        input_names=model.input_names(),
        targets=chosen,
        meta=meta,
        draws=parts.draws,
        inputs=parts.inputs,
        model=model,
        space=space,
    )


def simulate_range(
    model: OutcomeModel,
    parameters: ParameterSet,
    start: int,
    end: int,
    n_draws: int,
    seed: int | None = None,
    sampler: str = "lhs",
    targets: Sequence[Target] = (),
    n_threads: int | None = None,
    progress: ProgressLike = False,
    scramble: bool = True,
) -> Any:
    """The partial state of draws ``[start, end)`` of the run ``simulate`` would make.

    ``start`` must be a multiple of :data:`BLOCK_ROWS` (1,024) and ``end`` too, or equal to
    ``n_draws``. The state pickles, so ranges can be simulated in other processes or on other
    machines; :func:`merge_states` combines the states of a split of ``[0, n_draws)`` into
    the result of a single run, identical bit for bit whatever the split.

    Returns
    -------
    innozone._core.MonteCarloState
    """
    space, count, seed_value, chosen, threads = _run_arguments(
        model, parameters, n_draws, seed, sampler, targets, n_threads, "simulate_range"
    )
    first = check_count(start, "start", minimum=0)
    last = check_count(end, "end", minimum=1)
    with progress_callback(progress, "Monte Carlo") as callback:
        return _core.simulate_draws(
            model,
            space,
            count,
            first,
            last,
            seed_value,
            sampler,
            bool(scramble),
            _target_specs(model, chosen),
            threads,
            callback,
        )


def merge_states(
    states: Sequence[Any],
    model: OutcomeModel,
    parameters: ParameterSet,
    targets: Sequence[Target] = (),
) -> MonteCarloResult:
    """Merge the partial states of :func:`simulate_range` into the result of the whole run.

    The states must come from the same run (model, parameters, ``n_draws``, seed, sampler and
    targets) and cover ``[0, n_draws)`` without overlap, in any order.
    """
    states = list(states)
    if not states:
        raise InvalidInputError("merge_states: no states to merge")
    chosen = list(targets)
    _check_targets(model, chosen)
    space = parameters.to_space()
    merged = _core.merge_states(states)
    specs = _target_specs(model, chosen)
    if [tuple(t) for t in merged.targets] != specs:
        raise InvalidInputError(
            "merge_states: 'targets' differ from the targets the states were simulated with"
        )
    if not merged.complete:
        raise InvalidInputError(
            f"merge_states: the states hold {merged.draws:,} of {merged.n_draws:,} draws "
            f"(blocks {merged.blocks} of {BLOCK_ROWS} draws are present)"
        )
    meta = {
        "seed": int(merged.seed),
        "sampler": merged.sampler,
        "n_draws": int(merged.n_draws),
        "scramble": bool(merged.scramble),
        "keep_draws": False,
        "keep_inputs": False,
    }
    if _core.run_fingerprint(model, space) != merged.fingerprint:
        raise InvalidInputError(
            "merge_states: the states were simulated with another model or parameter set"
        )
    return MonteCarloResult(
        merged,
        indicators=model.indicator_names(),
        years=model.years(),
        input_names=model.input_names(),
        targets=chosen,
        meta=meta,
        model=model,
        space=space,
    )


# --------------------------------------------------------------------------- scenarios
@dataclass
class Scenario:
    """A named variant: another model (e.g. another budget plan) and/or input overrides."""

    name: str
    model: OutcomeModel | None = None
    overrides: Mapping[str, Distribution | float] = field(default_factory=dict)
    description: str = ""


class ScenarioComparison(Result):
    """Results of several scenarios run on the same random numbers (same seed)."""

    def __init__(
        self,
        results: Mapping[str, MonteCarloResult],
        scenarios: Sequence[Scenario],
        targets: Sequence[Target],
    ) -> None:
        self.results = dict(results)
        self.scenarios = list(scenarios)
        self.targets = list(targets)

    def summary(self, statistic: str = "mean", year: int | None = None) -> pd.DataFrame:
        """Indicator x scenario table of one statistic (default: in the last year)."""
        columns = {}
        for name, result in self.results.items():
            frame = result.summary()
            if statistic not in frame.columns:
                raise NotFoundError(
                    f"statistic {statistic!r} not summarised (valid: {', '.join(frame.columns)})"
                )
            y = year if year is not None else result.years[-1]
            if y not in result.years:
                raise InvalidInputError(
                    f"year {y} not projected (years {result.years[0]}-{result.years[-1]})"
                )
            columns[name] = frame.xs(y, level="year")[statistic]
        table: pd.DataFrame = pd.DataFrame(columns)
        return table

    def to_frame(self) -> pd.DataFrame:
        """Long table: scenario, indicator, year and all statistics."""
        frames = []
        for name, result in self.results.items():
            frame = result.summary().reset_index()
            frame.insert(0, "scenario", name)
            frames.append(frame)
        table: pd.DataFrame = pd.concat(frames, ignore_index=True)
        return table

    def probabilities(self) -> pd.DataFrame:
        """Target x scenario table of P(target reached)."""
        table = {}
        for name, result in self.results.items():
            probs = result.probabilities(self.targets)
            table[name] = probs["probability"].to_numpy()
        index = pd.MultiIndex.from_tuples(
            [(t.indicator, t.year, t.value) for t in self.targets],
            names=["indicator", "year", "target"],
        )
        out: pd.DataFrame = pd.DataFrame(table, index=index)
        return out

    def plot(  # type: ignore[override]
        self, indicator: str | None = None, ax: Any = None, lang: str | None = None
    ) -> Any:
        """Median and 5-95 % band of one indicator (default: the first) for every scenario."""
        if indicator is None:
            indicator = next(iter(self.results.values())).indicators[0]
        lang = resolve_lang(lang)
        with plotting.style():
            ax = plotting.new_axes(ax, figsize=(6, 3.5))
            for k, (name, result) in enumerate(self.results.items()):
                fan = result.fan(indicator)
                years = np.asarray(fan.index, dtype=float)
                color = f"C{k}"
                ax.fill_between(years, fan["p05"], fan["p95"], alpha=0.15, color=color)
                ax.plot(years, fan["p50"], color=color, label=_name("scenario", name, lang))
            ax.set_title(_name("model", indicator, lang))
            ax.set_xlabel(label("year", lang))
            ax.legend(fontsize="small")
            return plotting._finish(ax)

    def _title(self) -> str:
        return f"Scenario comparison: {len(self.results)} scenarios (means, last year)"

    def _headline(self) -> str:
        return f"scenarios={', '.join(self.results)}"[:300]

    def _repr_html_(self) -> str:
        out = html_table(self._title(), self.summary())
        if self.targets:
            out += html_table("P(target reached)", self.probabilities())
        return out


def _offset_progress(
    callback: Callable[[int, int], bool], index: int, count: int
) -> Callable[[int, int], bool]:
    """Progress of run ``index`` of ``count`` equal runs as a share of all of them."""

    def step(done: int, total: int) -> bool:
        return callback(index * total + done, count * total)

    return step


def compare_scenarios(
    model: OutcomeModel,
    parameters: ParameterSet,
    scenarios: Sequence[Scenario],
    n_draws: int = 10_000,
    seed: int | None = None,
    sampler: str = "lhs",
    targets: Sequence[Target] = (),
    n_threads: int | None = None,
    progress: ProgressLike = False,
    keep_draws: bool = False,
    executor: Any = None,
    block_size: int | None = None,
) -> ScenarioComparison:
    """Run every scenario with the same seed (common random numbers) and compare them.

    ``progress`` shows one bar over all scenarios; ``keep_draws`` keeps every scenario's
    draws (see :func:`simulate`). With ``executor`` (a Dask client) the blocks of every
    scenario go to the workers together; the result equals the local one (see
    :func:`simulate`).
    """
    scenarios = list(scenarios)
    names = [s.name for s in scenarios]
    if not scenarios:
        raise InvalidInputError("compare_scenarios: no scenarios given")
    if len(set(names)) != len(names):
        raise InvalidInputError(f"compare_scenarios: scenario names must be unique, got {names}")
    count = check_count(n_draws, "n_draws")
    seed_value = resolve_seed(seed)
    if executor is not None:
        return _compare_on(
            executor,
            model,
            parameters,
            scenarios,
            count,
            seed_value,
            sampler,
            targets,
            n_threads,
            progress,
            keep_draws,
            block_size,
        )
    threads = resolve_threads(n_threads)
    results = {}
    with progress_callback(progress, "Scenarios") as callback:
        for k, scenario in enumerate(scenarios):
            params = (
                parameters.with_overrides(scenario.overrides) if scenario.overrides else parameters
            )
            step = None if callback is None else _offset_progress(callback, k, len(scenarios))
            results[scenario.name] = simulate(
                scenario.model or model,
                params,
                count,
                seed_value,
                sampler,
                targets,
                threads,
                progress=step or False,
                keep_draws=keep_draws,
            )
    return ScenarioComparison(results, scenarios, targets)


def _compare_on(
    executor: Any,
    model: OutcomeModel,
    parameters: ParameterSet,
    scenarios: Sequence[Scenario],
    count: int,
    seed_value: int,
    sampler: str,
    targets: Sequence[Target],
    n_threads: int | None,
    progress: ProgressLike,
    keep_draws: bool,
    block_size: int | None,
) -> ScenarioComparison:
    """:func:`compare_scenarios` on a Dask cluster: every scenario's blocks at once."""
    from . import distributed

    client = distributed.resolve_executor(executor, "compare_scenarios")
    jobs, parts_of = [], []
    for scenario in scenarios:
        params = parameters.with_overrides(scenario.overrides) if scenario.overrides else parameters
        chosen_model = scenario.model or model
        space, _, _, chosen, _ = _run_arguments(
            chosen_model, params, count, seed_value, sampler, targets, 0, "compare_scenarios"
        )
        jobs.append(
            distributed.MonteCarloJob(
                f"scenario {scenario.name!r}",
                chosen_model,
                params,
                count,
                seed_value,
                sampler,
                True,
                _target_specs(chosen_model, chosen),
                False,
                bool(keep_draws),
            )
        )
        parts_of.append((chosen_model, space, chosen))
    threads = None if n_threads is None else resolve_threads(n_threads)
    parts = distributed.simulate_jobs(
        client,
        jobs,
        block_size=block_size,
        n_threads=threads,
        progress=progress,
        label="compare_scenarios",
    )
    results = {
        scenario.name: _distributed_result(p, job, m, space, chosen)
        for scenario, p, job, (m, space, chosen) in zip(scenarios, parts, jobs, parts_of)
    }
    return ScenarioComparison(results, scenarios, targets)


# --------------------------------------------------------------------------- growth
def cagr(start: float, end: float, years: float) -> float:
    """Compound annual growth rate ``(end / start) ** (1 / years) - 1``."""
    return float(_core.cagr(float(start), float(end), float(years)))


class GrowthFitResult(Result):
    """A fitted growth curve with diagnostics.

    ``identified`` is False when the data do not pin the parameters down; then
    :meth:`project` raises :class:`NumericalError`.

    Attributes
    ----------
    curve : str
        ``"exponential"``, ``"logistic"`` or ``"gompertz"``.
    raw : innozone._core.GrowthFit
        The core's fit (typed read-only attributes: ``parameters``, ``covariance``, ...).
    t, y : numpy.ndarray
        The data fitted.
    """

    def __init__(self, curve: str, raw: Any, t: np.ndarray, y: np.ndarray) -> None:
        self.curve = curve
        self.raw = raw
        self.t = t
        self.y = y
        self.identified: bool = bool(raw.identified)
        self.message: str = str(raw.message)
        self.converged: bool = bool(raw.converged)

    @property
    def params(self) -> pd.DataFrame:
        """Estimates and standard errors, one row per parameter."""
        table: pd.DataFrame = pd.DataFrame(
            {
                "estimate": np.asarray(self.raw.parameters, dtype=float),
                "std_error": np.asarray(self.raw.standard_errors, dtype=float),
            },
            index=pd.Index(list(self.raw.parameter_names), name="parameter"),
        )
        return table

    def diagnostics(self) -> dict[str, Any]:
        """Convergence and identification diagnostics of the fit."""
        keys = (
            "converged",
            "convergence",
            "iterations",
            "sse",
            "sigma",
            "gradient_norm",
            "condition_number",
            "n_points",
            "identified",
            "message",
        )
        return {k: getattr(self.raw, k) for k in keys}

    def predict(self, t: Sequence[float]) -> np.ndarray:
        """The fitted curve at ``t`` (no band; also for a fit that is not identified)."""
        return np.asarray(self.raw.predict(list(map(float, t))))

    def project(
        self, t: Sequence[float] | np.ndarray, level: float = 0.9, prediction: bool = False
    ) -> pd.DataFrame:
        """Projection with a delta-method band (normal approximation) at ``level``."""
        level = check_fraction(level, "level", low_open=True, high_open=True)
        proj = self.raw.project(list(map(float, t)), level, bool(prediction))
        table: pd.DataFrame = pd.DataFrame(
            {"mean": proj.mean, "lower": proj.lower, "upper": proj.upper},
            index=pd.Index(proj.t, name="t"),
        )
        return table

    def summary(self) -> pd.DataFrame:
        """The estimates, or one ``status`` row saying why the fit is not identified."""
        if not self.identified:
            table: pd.DataFrame = pd.DataFrame({"status": [f"not identified: {self.message}"]})
            return table
        return self.params

    def to_frame(self) -> pd.DataFrame:
        """Estimates and standard errors (:attr:`params`)."""
        return self.params

    def plot(self, ax: Any = None, lang: str | None = None, horizon: float = 3.0) -> Any:
        """The data, the fitted curve ``horizon`` time units beyond them and its 90 % band."""
        lang = resolve_lang(lang)
        name = label(f"growth.{self.curve}", lang)
        with plotting.style():
            ax = plotting.new_axes(ax, figsize=(6, 3.5))
            ax.scatter(self.t, self.y, color="k", zorder=5, label=label("data", lang))
            if self.identified:
                grid = np.linspace(self.t.min(), self.t.max() + horizon, 60)
                proj = self.project(grid)
                ax.fill_between(
                    grid,
                    proj["lower"],
                    proj["upper"],
                    alpha=0.3,
                    label=label("band", lang, lo=5, hi=95),
                )
                ax.plot(grid, proj["mean"], label=name)
            else:
                ax.set_title(label("growth.not_identified", lang, curve=name), fontsize="small")
            ax.legend(fontsize="small")
            return plotting._finish(ax)

    def _title(self) -> str:
        if not self.identified:
            return f"{self.curve} fit: not identified"
        return f"{self.curve} fit ({self.raw.convergence}, {self.raw.iterations} iterations)"

    def _notes(self) -> list[str]:
        return [self.message] if not self.identified else []

    def _headline(self) -> str:
        if not self.identified:
            return "not identified"
        pairs = zip(self.raw.parameter_names, np.asarray(self.raw.parameters, dtype=float))
        return ", ".join(f"{n}={v:.4g}" for n, v in pairs)


def fit_growth(
    t: Sequence[float], y: Sequence[float], curve: str = "logistic", max_iterations: int = 200
) -> GrowthFitResult:
    """Fit an ``exponential``, ``logistic`` or ``gompertz`` curve by Levenberg-Marquardt.

    Raises :class:`NumericalError` when there are fewer than ``p + 1`` points for ``p``
    parameters (2 for exponential, 3 otherwise): the fit would not be identified.
    """
    t_arr = np.asarray(t, dtype=float)
    y_arr = np.asarray(y, dtype=float)
    iterations = check_count(max_iterations, "max_iterations")
    raw = _core.fit_growth(curve, t_arr.tolist(), y_arr.tolist(), iterations)
    return GrowthFitResult(curve, raw, t_arr, y_arr)


# --------------------------------------------------------------------------- survival, cohorts
def survival_benchmarks() -> dict[str, Any]:
    """The packaged Korean new-firm survival benchmarks (``data/survival_benchmarks_kr.json``)."""
    text = (Path(__file__).parent / "data" / "survival_benchmarks_kr.json").read_text(
        encoding="utf-8"
    )
    return dict(json.loads(text))


def survival_benchmark(name: str = "all_industries_2013") -> SurvivalCurve:
    """A piecewise survival curve from a packaged benchmark (ages in years, share surviving)."""
    curves = survival_benchmarks()["curves"]
    if name not in curves:
        raise InvalidInputError(f"survival benchmark {name!r} not found (have {', '.join(curves)})")
    entry = curves[name]
    return SurvivalCurve.piecewise(
        [float(a) for a in entry["ages"]], [float(s) for s in entry["survival"]]
    )


def kaplan_meier(durations: Sequence[float], events: Sequence[int]) -> SurvivalCurve:
    """Kaplan-Meier survival from firm durations (years) and events (1 closed, 0 censored)."""
    return SurvivalCurve.kaplan_meier([float(d) for d in durations], [int(e) for e in events])


class CohortResult(Result):
    """Firm stock, jobs and revenue by year from cohorts.

    Attributes
    ----------
    frame : pandas.DataFrame
        Year x (entries, alive, jobs, revenue).
    units : dict
        Unit of each column.
    raw : innozone._core.CohortProjection
        The core's projection (typed read-only arrays).
    """

    def __init__(self, raw: Any, units: Mapping[str, str]) -> None:
        self.raw = raw
        self.frame: pd.DataFrame = pd.DataFrame(
            {
                k: np.asarray(getattr(raw, k), dtype=float)
                for k in ("entries", "alive", "jobs", "revenue")
            },
            index=pd.Index(np.asarray(raw.years, dtype=int), name="year"),
        )
        self.units = dict(units)

    def to_frame(self) -> pd.DataFrame:
        """Year x (entries, alive, jobs, revenue)."""
        table: pd.DataFrame = self.frame.copy()
        return table

    def summary(self) -> pd.DataFrame:
        """Total over the years and peak of each column."""
        table: pd.DataFrame = self.frame.agg(["sum", "max"]).T.rename(
            columns={"sum": "total over years", "max": "peak"}
        )
        return table

    def plot(self, ax: Any = None, lang: str | None = None) -> Any:
        """New firms (bars) and firms alive at the end of each year (line)."""
        lang = resolve_lang(lang)
        with plotting.style():
            ax = plotting.new_axes(ax, figsize=(6, 3.5))
            ax.bar(self.frame.index, self.frame["entries"], alpha=0.5, label=label("entries", lang))
            ax.plot(
                self.frame.index,
                self.frame["alive"],
                marker="o",
                label=label("alive", lang),
            )
            ax.set_xlabel(label("year", lang))
            ax.set_ylabel(label("companies", lang))
            ax.legend(fontsize="small")
            return plotting._finish(ax)

    def _title(self) -> str:
        years = self.frame.index
        return f"Cohort projection {years[0]}-{years[-1]}" if len(years) else "Cohort projection"

    def _headline(self) -> str:
        if self.frame.empty:
            return "empty"
        last = self.frame.iloc[-1]
        return f"alive {last['alive']:.4g} firms, jobs {last['jobs']:.4g} in {self.frame.index[-1]}"

    def _repr_html_(self) -> str:
        return html_table(self._title(), self.frame, [f"units: {self.units}"])


def project_cohorts(
    years: Sequence[int],
    entries: Sequence[float],
    survival: SurvivalCurve,
    jobs_per_firm: float,
    revenue_per_firm: float,
    initial: Mapping[int, float] | None = None,
    revenue_unit: str = "억원",
) -> CohortResult:
    """Project firm stock (end of year), jobs and revenue from yearly entries.

    Firms enter mid-year; ``initial`` maps earlier years to their entries (e.g. phase 1).
    """
    initial = dict(initial or {})
    raw = _core.project_cohorts(
        [int(y) for y in years],
        [float(e) for e in entries],
        survival,
        float(jobs_per_firm),
        float(revenue_per_firm),
        [int(k) for k in initial],
        [float(v) for v in initial.values()],
    )
    return CohortResult(
        raw, {"jobs": "persons", "revenue": revenue_unit + "/year", "alive": "firms"}
    )


# Distribution.from_estimate is defined in estimates.py (it reads impact-evaluation results);
# importing it here attaches it wherever Distribution is used (innozone loads areas lazily).
from . import estimates as _estimates  # noqa: E402, F401
