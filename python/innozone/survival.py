"""Parametric survival models for firm (or any unit) durations with right censoring.

:func:`fit_survival` fits a Weibull, log-normal or log-logistic model by maximum likelihood
in the compiled core and returns a :class:`SurvivalFitResult`: parameters with standard
errors and confidence intervals, the log-likelihood and AIC, the survival, hazard and
cumulative hazard functions with pointwise confidence bands, the median and other
percentiles with intervals, and the fitted curve as a :class:`~innozone.SurvivalCurve` for
cohort projections (:func:`innozone.project_cohorts`). :func:`compare_survival_fits` ranks
the three models by AIC.

Parametrisations (the usual ones, and lifelines'):

- Weibull: ``S(t) = exp(-(t / lambda) ** rho)``;
- log-normal: ``S(t) = 1 - Phi((log t - mu) / sigma)``;
- log-logistic: ``S(t) = 1 / (1 + (t / alpha) ** beta)``.

Each is a log-location-scale model, ``log T = m + s W``, and is fitted by Newton's method on
``(m, log s)``; standard errors come from the inverse observed information, carried to the
reported parameters by the delta method. Durations may be left-truncated (``entry``: a unit
observed only from some age on, e.g. firms present when a register starts) and weighted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Union

import numpy as np
import pandas as pd

from . import _core, _labels
from ._errors import InvalidInputError, NotFoundError
from ._results import Result, format_number
from ._validate import check_fraction, resolve_lang

__all__ = ["SURVIVAL_MODELS", "SurvivalFitResult", "compare_survival_fits", "fit_survival"]


def __dir__() -> list[str]:  # tab completion lists the public names only
    return list(__all__)


#: The parametric models :func:`fit_survival` knows.
SURVIVAL_MODELS = ("weibull", "lognormal", "loglogistic")

ArrayLike = Union[Sequence[float], np.ndarray, pd.Series]

_NAMES = {
    "weibull": ("Weibull", "와이블"),
    "lognormal": ("log-normal", "로그정규"),
    "loglogistic": ("log-logistic", "로그로지스틱"),
}


class SurvivalFitResult(Result):
    """A parametric survival model fitted to censored durations.

    Attributes
    ----------
    model : str
        ``"weibull"``, ``"lognormal"`` or ``"loglogistic"``.
    parameters : pandas.DataFrame
        Parameter x (estimate, se, lower, upper); normal (Wald) intervals at ``level``, as
        lifelines reports them.
    log_likelihood, aic : float
        Log-likelihood of the durations (densities in time units) and
        ``AIC = 4 - 2 log_likelihood``.
    n_observations, n_events : int
    level : float
        Confidence level of every interval.
    time_unit : str
    raw : innozone._core.SurvivalFit
    """

    def __init__(
        self,
        raw: Any,
        level: float,
        time_unit: str,
        durations: np.ndarray,
        events: np.ndarray,
        plain_data: bool,
    ) -> None:
        self.raw = raw
        self.model = str(raw.model)
        self.level = level
        self.time_unit = time_unit
        self._durations = durations
        self._events = events
        self._plain_data = plain_data  # no entry times or weights: a Kaplan-Meier curve fits
        z = float(_core.normal_quantile(0.5 + level / 2))
        estimate = np.asarray(raw.parameters, dtype=float)
        se = np.asarray(raw.standard_errors, dtype=float)
        self.parameters = pd.DataFrame(
            {
                "estimate": estimate,
                "se": se,
                "lower": estimate - z * se,
                "upper": estimate + z * se,
            },
            index=pd.Index(list(raw.parameter_names), name="parameter"),
        )
        self.log_likelihood = float(raw.log_likelihood)
        self.aic = float(raw.aic)
        self.n_observations = int(raw.n_observations)
        self.n_events = int(raw.n_events)

    # -- functions of time
    @staticmethod
    def _times(times: ArrayLike | float) -> np.ndarray:
        t = np.atleast_1d(np.asarray(times, dtype=float))
        if t.ndim != 1:
            raise InvalidInputError(
                f"times must be one number or a 1-D sequence, got shape {t.shape}"
            )
        if np.isnan(t).any():
            raise InvalidInputError("times contain NaN")
        return t

    def _grid(self) -> np.ndarray:
        top = float(np.max(self._durations)) if len(self._durations) else 1.0
        return np.linspace(0.0, top, 101)

    def survival_function(
        self, times: ArrayLike | float | None = None, method: str = "loglog"
    ) -> pd.DataFrame:
        """S(t) with its pointwise confidence band at ``level``.

        Parameters
        ----------
        times : sequence, optional
            Default: 101 points from 0 to the longest duration.
        method : {"loglog", "plain"}
            ``"loglog"`` (default): the delta method on log H(t), so the band stays inside
            (0, 1). ``"plain"``: S -/+ z se(S), lifelines' ``confidence_interval_survival_function_``
            (it may leave [0, 1]).
        """
        t = self._grid() if times is None else self._times(times)
        band = np.asarray(self.raw.survival_interval(t, self.level, method))
        table: pd.DataFrame = pd.DataFrame(
            {
                "survival": np.asarray(self.raw.survival(t)),
                "lower": band[:, 0],
                "upper": band[:, 1],
            },
            index=pd.Index(t, name=f"time ({self.time_unit})"),
        )
        return table

    def hazard(self, times: ArrayLike | float) -> pd.Series:
        """Hazard rate h(t) per ``time_unit``."""
        t = self._times(times)
        series: pd.Series = pd.Series(
            np.asarray(self.raw.hazard(t)), index=pd.Index(t, name="time"), name="hazard"
        )
        return series

    def cumulative_hazard(self, times: ArrayLike | float) -> pd.Series:
        """Cumulative hazard H(t) = -log S(t)."""
        t = self._times(times)
        series: pd.Series = pd.Series(
            np.asarray(self.raw.cumulative_hazard(t)),
            index=pd.Index(t, name="time"),
            name="cumulative_hazard",
        )
        return series

    def density(self, times: ArrayLike | float) -> pd.Series:
        """Density f(t) = h(t) S(t)."""
        t = self._times(times)
        series: pd.Series = pd.Series(
            np.asarray(self.raw.density(t)), index=pd.Index(t, name="time"), name="density"
        )
        return series

    def percentile(self, survival: float) -> float:
        """The time at which survival falls to ``survival`` (0.5: the median)."""
        s = check_fraction(survival, "survival", low_open=True, high_open=True)
        return float(self.raw.percentile(s))

    def percentile_interval(self, survival: float) -> tuple[float, float]:
        """Confidence interval of :meth:`percentile` at ``level`` (delta method on log t)."""
        s = check_fraction(survival, "survival", low_open=True, high_open=True)
        low, high = self.raw.percentile_interval(s, self.level)
        return float(low), float(high)

    @property
    def median(self) -> float:
        """Median duration."""
        return self.percentile(0.5)

    @property
    def median_interval(self) -> tuple[float, float]:
        """Confidence interval of the median duration at ``level``."""
        return self.percentile_interval(0.5)

    def curve(self) -> Any:
        """The fitted curve as a :class:`~innozone.SurvivalCurve` (for cohort projections)."""
        return self.raw.curve()

    # -- result contract
    def to_frame(self) -> pd.DataFrame:
        """Survival with its band, hazard and cumulative hazard.

        On 101 times from 0 to the longest duration.
        """
        frame = self.survival_function()
        t = frame.index.to_numpy(dtype=float)
        frame["hazard"] = np.asarray(self.raw.hazard(t))
        frame["cumulative_hazard"] = np.asarray(self.raw.cumulative_hazard(t))
        return frame

    def summary(self) -> pd.DataFrame:
        """Parameters with standard errors and intervals, the median, log-likelihood and AIC.

        The median comes with its interval.
        """
        low, high = self.median_interval
        extra = pd.DataFrame(
            {
                "estimate": [self.median, self.log_likelihood, self.aic],
                "se": [np.nan, np.nan, np.nan],
                "lower": [low, np.nan, np.nan],
                "upper": [high, np.nan, np.nan],
            },
            index=pd.Index(
                [f"median ({self.time_unit})", "log_likelihood", "AIC"], name="parameter"
            ),
        )
        table: pd.DataFrame = pd.concat([self.parameters, extra])
        return table

    def plot(self, ax: Any = None, lang: str | None = None, *, kaplan_meier: bool = True) -> Any:
        """The fitted survival curve with its band, and the Kaplan-Meier curve of the data."""
        from . import plotting

        lang = resolve_lang(lang)
        name = _labels.label(f"survival.{self.model}", lang)
        frame = self.survival_function()
        t = frame.index.to_numpy(dtype=float)
        with plotting.style():
            ax = plotting.new_axes(ax)
            ax.fill_between(
                t,
                frame["lower"],
                frame["upper"],
                color=plotting.COLORS["primary"],
                alpha=0.2,
                linewidth=0,
                label=_labels.label("survival.band", lang, level=f"{self.level:.0%}"),
            )
            ax.plot(
                t,
                frame["survival"],
                color=plotting.COLORS["primary"],
                label=_labels.label("survival.fitted", lang, model=name),
            )
            if kaplan_meier and self._plain_data:
                km = _core.SurvivalCurve.kaplan_meier(
                    [float(d) for d in self._durations], [int(e) for e in self._events]
                )
                ages = np.concatenate([[0.0], np.asarray(km.ages, dtype=float)])
                values = np.concatenate([[1.0], np.asarray(km.values, dtype=float)])
                ax.step(
                    ages,
                    values,
                    where="post",
                    color=plotting.COLORS["neutral"],
                    label=_labels.label("survival.km", lang),
                )
            unit = _labels.label_or(f"unit.{self.time_unit}", self.time_unit, lang)
            ax.set_xlabel(f"{_labels.label('survival.time', lang)} ({unit})")
            ax.set_ylabel(_labels.label("survival.survival", lang))
            ax.set_ylim(0.0, 1.05)
            ax.legend()
            return plotting._finish(ax)

    def _title(self) -> str:
        return f"{_NAMES[self.model][0]} survival fit"

    def _notes(self) -> list[str]:
        return [
            (
                f"{self.n_observations:,} observations, {self.n_events:,} events; Wald intervals at "
                f"{self.level:.0%}; times in {self.time_unit}."
            )
        ]

    def _headline(self) -> str:
        params = ", ".join(
            f"{name}={format_number(value)}" for name, value in self.parameters["estimate"].items()
        )
        return f"{params}, median={format_number(self.median)}, AIC={format_number(self.aic)}"


def _column(data: pd.DataFrame, name: Any, what: str) -> pd.Series:
    if not isinstance(name, str):
        raise InvalidInputError(
            f"{what}: with a DataFrame, give a column name, got {type(name).__name__}"
        )
    if name not in data.columns:
        raise NotFoundError(
            f"{what}: no column {name!r}; columns are: {', '.join(map(str, data.columns))}"
        )
    return data[name]


def _numeric(values: Any, what: str, index: pd.Index) -> np.ndarray:
    series = pd.Series(values, index=index) if not isinstance(values, pd.Series) else values
    try:
        array = series.to_numpy(dtype=float)
    except (TypeError, ValueError) as error:
        raise InvalidInputError(f"{what}: values must be numbers") from error
    bad = ~np.isfinite(array)
    if bad.any():
        label = series.index[int(np.argmax(bad))]
        raise InvalidInputError(
            f"{what}: row {label!r} is {array[bad][0]!r} (missing or not finite)"
        )
    return array


def _inputs(
    data: Any, duration: str | None, event: Any, entry: Any, weights: Any
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, np.ndarray | None]:
    if isinstance(data, pd.DataFrame):
        if duration is None:
            raise InvalidInputError(
                "fit_survival: with a DataFrame, name the duration column (duration=...)"
            )
        index = data.index
        durations = _numeric(
            _column(data, duration, "duration"), f"duration column {duration!r}", index
        )
        events_raw = None if event is None else _column(data, event, "event")
        entry_raw = None if entry is None else _column(data, entry, "entry")
        weights_raw = None if weights is None else _column(data, weights, "weights")
    else:
        if duration is not None:
            raise InvalidInputError(
                "fit_survival: duration= names a column; pass a DataFrame as data"
            )
        series = (
            data
            if isinstance(data, pd.Series)
            else pd.Series(np.asarray(data, dtype=float).ravel())
        )
        index = series.index
        durations = _numeric(series, "durations", index)
        events_raw, entry_raw, weights_raw = event, entry, weights
    if len(durations) == 0:
        raise InvalidInputError("fit_survival: no durations given")
    for values, what in ((events_raw, "event"), (entry_raw, "entry"), (weights_raw, "weights")):
        if values is not None and len(values) != len(durations):
            raise InvalidInputError(
                f"fit_survival: {len(durations)} durations but {len(values)} {what} values"
            )
    bad = durations <= 0
    if bad.any():
        label = index[int(np.argmax(bad))]
        raise InvalidInputError(
            f"fit_survival: duration of row {label!r} is {durations[bad][0]:g}; parametric models need "
            "positive durations (a unit that closed in its first period can be given half a period)"
        )
    if events_raw is None:
        events = np.ones(len(durations), dtype=int)
    else:
        flags = _numeric(events_raw, "event", index)
        wrong = ~np.isin(flags, (0.0, 1.0))
        if wrong.any():
            label = index[int(np.argmax(wrong))]
            raise InvalidInputError(
                f"fit_survival: event of row {label!r} is {flags[wrong][0]:g}; use 1 (event observed, "
                "e.g. the firm closed) or 0 (censored, still active at the end of observation)"
            )
        events = flags.astype(int)
    entries = None if entry_raw is None else _numeric(entry_raw, "entry", index)
    w = None if weights_raw is None else _numeric(weights_raw, "weights", index)
    return durations, events, entries, w


def fit_survival(
    data: pd.DataFrame | ArrayLike,
    *,
    duration: str | None = None,
    event: str | ArrayLike | None = None,
    entry: str | ArrayLike | None = None,
    weights: str | ArrayLike | None = None,
    model: str = "weibull",
    level: float = 0.95,
    time_unit: str = "years",
) -> SurvivalFitResult:
    """Fit a parametric survival model to right-censored durations.

    Parameters
    ----------
    data : DataFrame or sequence
        A DataFrame with one row per unit (then ``duration``, ``event``, ``entry`` and
        ``weights`` name its columns), or the durations themselves.
    duration : str, optional
        Column of durations (> 0), with a DataFrame.
    event : str or sequence, optional
        Column or values: 1 when the event was observed (e.g. the firm closed), 0 when the
        duration is censored (still active). None: every event observed.
    entry : str or sequence, optional
        Age at which each unit entered observation (left truncation), 0 <= entry < duration.
    weights : str or sequence, optional
        Positive case weights.
    model : {"weibull", "lognormal", "loglogistic"}
    level : float
        Confidence level of every interval (a fraction).
    time_unit : str
        Unit of the durations, for labels.

    Returns
    -------
    SurvivalFitResult

    Raises
    ------
    InvalidInputError
        For missing, non-positive or non-finite durations, event flags other than 0/1 (the
        message names the row), and when fewer than two distinct event times identify the
        model.
    NumericalError
        When the likelihood maximisation does not converge.

    Examples
    --------
    >>> import innozone
    >>> fit = innozone.fit_survival([1.5, 2.0, 3.5, 4.0, 6.0, 7.5], event=[1, 1, 1, 0, 1, 0])
    >>> round(fit.median, 2) > 0
    True
    """
    if model not in SURVIVAL_MODELS:
        raise NotFoundError(
            f"unknown survival model {model!r}; use one of: {', '.join(SURVIVAL_MODELS)}"
        )
    level = check_fraction(level, "level", low_open=True, high_open=True)
    durations, events, entries, w = _inputs(data, duration, event, entry, weights)
    raw = _core.fit_survival(
        model,
        durations,
        events.astype(np.int32),
        np.zeros(0) if entries is None else entries,
        np.zeros(0) if w is None else w,
    )
    return SurvivalFitResult(
        raw, level, time_unit, durations, events, plain_data=entries is None and w is None
    )


def compare_survival_fits(
    data: pd.DataFrame | ArrayLike,
    *,
    duration: str | None = None,
    event: str | ArrayLike | None = None,
    entry: str | ArrayLike | None = None,
    weights: str | ArrayLike | None = None,
    models: Sequence[str] = SURVIVAL_MODELS,
    level: float = 0.95,
    time_unit: str = "years",
) -> pd.DataFrame:
    """Fit several models to the same durations and rank them by AIC.

    Returns
    -------
    pandas.DataFrame
        One row per model (best first): log_likelihood, AIC, delta_AIC and the median with
        its interval. Call :func:`fit_survival` for the details of one model.
    """
    fits = {
        name: fit_survival(
            data,
            duration=duration,
            event=event,
            entry=entry,
            weights=weights,
            model=name,
            level=level,
            time_unit=time_unit,
        )
        for name in models
    }
    rows = []
    for name, fit in fits.items():
        low, high = fit.median_interval
        rows.append(
            {
                "model": name,
                "log_likelihood": fit.log_likelihood,
                "AIC": fit.aic,
                "median": fit.median,
                "median_lower": low,
                "median_upper": high,
            }
        )
    frame: pd.DataFrame = pd.DataFrame(rows).set_index("model").sort_values("AIC", kind="stable")
    frame.insert(2, "delta_AIC", frame["AIC"] - frame["AIC"].min())
    return frame
