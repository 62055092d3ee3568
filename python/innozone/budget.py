"""Budget model: schedules, funding shares, appraisal, cost-effectiveness and cost sharing.

The arithmetic runs in the compiled core (``innozone._core.budget``); this module takes and
returns pandas objects and draws the plots.

What to use when
----------------
- Spread a phase budget over its years and funding sources: :func:`spread`
  (profiles ``uniform``, ``ramp_up``, ``ramp_down``, ``front_loaded``, ``back_loaded``,
  ``s_curve``, ``weights``; known actual years stay fixed).
- Planned against spent money (집행률): :func:`execution`.
- Money of different years: :func:`deflator_from_inflation`, :func:`to_real`,
  :func:`to_nominal`.
- Appraisal of benefit and cost streams (NPV, B/C, IRR, MIRR, payback, equivalent annual
  value): :func:`appraise`; single measures: :func:`npv`, :func:`irr`, :func:`mirr`,
  :func:`payback`, :func:`equivalent_annual_value`; dated flows: :func:`xnpv`, :func:`xirr`;
  many scenarios at once: :func:`npv_batch`, :func:`irr_batch`.
- Money per unit of an indicator, leverage and revenue per public won, with an uncertain
  budget carried as a range: :func:`cost_effectiveness`, :func:`compare_cost_effectiveness`.
- Co-paid support programs: :func:`cost_sharing`.

Timing convention
-----------------
Flow ``i`` belongs to year ``i`` of the appraisal (t = 0 is the first year) and is
discounted by ``(1 + rate) ** -(i + offset)``, with ``offset`` 0 for ``timing="beginning"``
(numpy-financial's ``npv``), 0.5 for ``"middle"`` and 1 for ``"end"``. A spreadsheet's NPV
function discounts its first flow one full period, i.e. it is ``timing="end"``:
``npv(r, v, timing="end") == npv(r, v, timing="beginning") / (1 + r)``. The IRR is the
same under every timing.

Default discount rate
---------------------
:data:`KOREA_SOCIAL_DISCOUNT_RATE` = 4.5 % (real), the rate of Korea's pre-feasibility
studies (예비타당성조사) since August 2017; 5.5 % applied from 2007 to July 2017 (Ministry
of Economy and Finance reform reported by Newsis, 2017-08-11,
http://m.newsis.com/view.html?ar_id=NISX20170811_0000065386).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Union

import numpy as np
import pandas as pd

from . import _core, _labels, plotting
from ._errors import NumericalWarning
from ._results import Result, format_number, html_table
from ._validate import (
    ProgressLike,
    check_count,
    check_fraction,
    progress_callback,
    resolve_lang,
    resolve_threads,
)
from .money import MONEY_UNITS

_b = _core.budget

__all__ = [
    "KOREA_SOCIAL_DISCOUNT_RATE",
    "SHARE_TOLERANCE",
    "AppraisalResult",
    "CostEffectiveness",
    "CostSharing",
    "Execution",
    "IrrResult",
    "MoneyRange",
    "Schedule",
    "appraise",
    "check_breakdown",
    "compare_cost_effectiveness",
    "cost_effectiveness",
    "cost_sharing",
    "deflator_from_inflation",
    "discount_factors",
    "equivalent_annual_value",
    "execution",
    "funding_shares",
    "irr",
    "irr_batch",
    "korea_social_discount_rate",
    "mirr",
    "npv",
    "npv_batch",
    "payback",
    "phase_budget_range",
    "phase_cost_effectiveness",
    "phase_schedule",
    "plot_cost_per_unit",
    "profile_weights",
    "spread",
    "to_nominal",
    "to_real",
    "window_total",
    "xirr",
    "xnpv",
]


def __dir__() -> list[str]:  # tab completion lists the public names only
    return list(__all__)


#: Korea's real social discount rate for pre-feasibility studies since 2017-08 (4.5 %).
KOREA_SOCIAL_DISCOUNT_RATE: float = float(_b.KOREA_SOCIAL_DISCOUNT_RATE)
#: Shares must sum to 1 within this absolute tolerance.
SHARE_TOLERANCE: float = float(_b.SHARE_TOLERANCE)

FlowsLike = Union[Sequence[float], np.ndarray, pd.Series]

# Chart texts: keys of the label registry (innozone._labels).
_KEYS = {
    "year": "year",
    "amount": "amount",
    "planned": "planned_cumulative",
    "spent": "spent_cumulative",
    "pv": "present_value",
    "npv": "npv",
    "irr": "irr",
    "cost_per_unit": "cost_per_unit",
    "budget": "budget_by_year_source",
    "execution": "execution",
    "waterfall": "waterfall",
    "per_participant": "per_participant",
    "participant": "participant_contribution",
    "subsidy": "public_subsidy",
}


def _label(lang: str | None, key: str) -> str:
    return _labels.label(_KEYS[key], resolve_lang(lang))


def _with_unit(lang: str | None, key: str, money_unit: str) -> str:
    """An axis label with its money unit in ``lang``: "Amount (KRW 100m)", "금액 (억원)"."""
    lang = resolve_lang(lang)
    return f"{_label(lang, key)} ({_labels.unit_label(money_unit, lang)})"


def _money_unit(money_unit: Any) -> str:
    """A money unit name: 원, 만원, 백만원, 억원 or 조원 (``KRW`` is read as 원)."""
    if isinstance(money_unit, str) and (money_unit in MONEY_UNITS or money_unit == "KRW"):
        return money_unit
    raise _core.InvalidInputError(
        f"money_unit must be one of {', '.join(MONEY_UNITS)} (or KRW), got {money_unit!r}"
    )


def _rate(rate: Any, name: str = "rate") -> float:
    """A discount or interest rate as a fraction in (-1, 1] (4.5 % is 0.045)."""
    return check_fraction(rate, name, low=-1.0, high=1.0, low_open=True)


def _floats(values: FlowsLike, what: str) -> list[float]:
    array = np.asarray(values, dtype=float)
    if array.ndim != 1:
        raise _core.InvalidInputError(f"{what}: expected a 1-D sequence, got shape {array.shape}")
    return [float(v) for v in array]


def _year_series(values: Any, what: str) -> pd.Series:
    """A Series indexed by integer years from a Series or a {year: value} mapping."""
    if isinstance(values, pd.Series):
        series = values.astype(float)
    elif isinstance(values, Mapping):
        series = pd.Series({int(k): float(v) for k, v in values.items()}, dtype=float)
    else:
        raise _core.InvalidInputError(
            f"{what}: expected a pandas Series indexed by year or a {{year: value}} mapping"
        )
    try:
        series.index = pd.Index([int(y) for y in series.index], name="year")
    except (TypeError, ValueError) as error:
        raise _core.InvalidInputError(f"{what}: the index must hold integer years") from error
    return series.sort_index()


# --------------------------------------------------------------------------------------
# schedules


def profile_weights(
    n_years: int,
    profile: str = "uniform",
    *,
    decay: float = 0.7,
    steepness: float = 6.0,
    weights: Sequence[float] | None = None,
) -> np.ndarray:
    """Shares (summing to 1) of ``n_years`` consecutive years under a named profile.

    Parameters
    ----------
    n_years : int
        Number of years.
    profile : str
        ``uniform``, ``ramp_up`` (weights 1..n), ``ramp_down`` (n..1), ``front_loaded``
        (``decay ** i``), ``back_loaded`` (mirror image), ``s_curve`` (yearly increments of
        a logistic curve with ``steepness``) or ``weights`` (explicit ``weights``).
    decay, steepness, weights
        Profile parameters (see above).
    """
    return np.asarray(_b.profile_weights(n_years, profile, decay, steepness, list(weights or [])))


@dataclass(repr=False, eq=False)
class Schedule(Result):
    """A phase budget spread over years, with optional funding-source and component splits.

    Attributes
    ----------
    by_year : pandas.Series
        Amount per year (index ``year``).
    by_source : pandas.DataFrame or None
        Years x funding sources.
    by_component : pandas.DataFrame or None
        Years x components.
    total : float
        The phase total.
    money_unit : str
        Money unit of every amount (e.g. ``"억원"``).
    profile : str
        Profile used for the years that were not known.
    known_years : list of int
        Years whose amounts were given (actual lines) and kept as they are.
    """

    by_year: pd.Series
    total: float
    money_unit: str
    profile: str
    known_years: list[int] = field(default_factory=list)
    by_source: pd.DataFrame | None = None
    by_component: pd.DataFrame | None = None

    def to_frame(self) -> pd.DataFrame:
        """Years as rows; a ``total`` column, then one column per source and component."""
        frame: pd.DataFrame = pd.DataFrame({"total": self.by_year})
        for part in (self.by_source, self.by_component):
            if part is not None:
                frame = frame.join(part)
        frame["known"] = [year in self.known_years for year in frame.index]
        return frame

    def summary(self) -> pd.DataFrame:
        """Totals over the phase per source and component, with shares."""
        rows: dict[str, dict[str, Any]] = {
            "total": {"amount": self.total, "share": 1.0, "kind": "total"}
        }
        for kind, part in (("source", self.by_source), ("component", self.by_component)):
            if part is not None:
                for name in part.columns:
                    amount = float(part[name].sum())
                    rows[str(name)] = {
                        "amount": amount,
                        "share": amount / self.total if self.total else math.nan,
                        "kind": kind,
                    }
        frame: pd.DataFrame = pd.DataFrame.from_dict(rows, orient="index")
        frame.attrs["money_unit"] = self.money_unit
        return frame

    def plot(self, ax: Any = None, lang: str | None = None) -> Any:
        """Stacked bars of the yearly budget by funding source (or the total)."""
        lang = resolve_lang(lang)
        data = self.by_source if self.by_source is not None else self.by_year.to_frame("total")
        ax = plotting.stacked_bars(
            data,
            title=_label(lang, "budget"),
            ylabel=_with_unit(lang, "amount", self.money_unit),
            ax=ax,
            lang=lang,
        )
        ax.set_xlabel(_label(lang, "year"))
        return ax

    def _title(self) -> str:
        return f"Schedule ({self.money_unit}, profile {self.profile})"

    def _headline(self) -> str:
        years = (
            f"{self.by_year.index.min()}-{self.by_year.index.max()}" if len(self.by_year) else "-"
        )
        return f"total {format_number(self.total)} {self.money_unit}, {years}"

    def _repr_html_(self) -> str:
        return html_table(self._title(), self.to_frame(), self._notes())


def _split(
    amounts: np.ndarray, shares: Mapping[str, float] | None, years: pd.Index, what: str
) -> pd.DataFrame | None:
    if shares is None:
        return None
    names = [str(k) for k in shares]
    values = [check_fraction(v, f"{what}: share of {k!r}") for k, v in shares.items()]
    matrix = _b.split_by_shares([float(a) for a in amounts], values, names, what)
    table: pd.DataFrame | None = pd.DataFrame(np.asarray(matrix), index=years, columns=names)
    return table


def spread(
    total: float,
    start_year: int,
    end_year: int,
    profile: str = "uniform",
    *,
    known: Mapping[int, float] | pd.Series | None = None,
    sources: Mapping[str, float] | None = None,
    components: Mapping[str, float] | None = None,
    decay: float = 0.7,
    steepness: float = 6.0,
    weights: Sequence[float] | None = None,
    money_unit: str = "억원",
    what: str = "total",
) -> Schedule:
    """Spread a total over ``start_year..end_year`` and split it by shares.

    Parameters
    ----------
    total : float
        Phase total (>= 0), in ``money_unit``.
    start_year, end_year : int
        The phase, inclusive.
    profile : str
        Shape of the yearly amounts (see :func:`profile_weights`).
    known : mapping or Series, optional
        Actual lines ``{year: amount}`` that stay fixed; the rest of the total is spread over
        the other years by the profile. A year outside the phase raises
        :class:`~innozone.OutOfRangeError`; known amounts above the total raise
        :class:`~innozone.InvalidInputError`.
    sources : mapping, optional
        Funding-source shares as fractions ``{name: share}`` (e.g.
        ``{"national": 0.5, "local": 0.5}``), summing to 1 within :data:`SHARE_TOLERANCE`; a
        share above 1 is refused as a likely percent.
    components : mapping, optional
        Component shares, checked the same way.
    decay, steepness, weights
        Profile parameters.
    money_unit : str
        Money unit (원, 만원, 백만원, 억원, 조원), carried to the result.
    what : str
        Name of the total in error messages.

    Returns
    -------
    Schedule
    """
    money_unit = _money_unit(money_unit)
    weights_list = list(weights or [])
    if known is not None and len(known) > 0:
        known_series = _year_series(known, f"{what}, known years")
        known_years = [int(y) for y in known_series.index]
        amounts = _b.spread_with_actuals(
            float(total),
            int(start_year),
            int(end_year),
            known_years,
            [float(v) for v in known_series],
            profile,
            decay,
            steepness,
            weights_list,
            what,
        )
    else:
        known_years = []
        amounts = _b.spread_total(
            float(total),
            int(start_year),
            int(end_year),
            profile,
            decay,
            steepness,
            weights_list,
            what,
        )
    years = pd.Index(range(int(start_year), int(end_year) + 1), name="year")
    by_year = pd.Series(amounts, index=years, name="total", dtype=float)
    array = by_year.to_numpy()
    return Schedule(
        by_year=by_year,
        total=float(total),
        money_unit=money_unit,
        profile=profile,
        known_years=known_years,
        by_source=_split(array, sources, years, f"{what}, funding sources"),
        by_component=_split(array, components, years, f"{what}, components"),
    )


def funding_shares(amounts: Mapping[str, float], what: str = "funding sources") -> pd.Series:
    """Shares of each source in the sum of ``amounts`` (e.g. national 90 of 180 -> 0.5)."""
    names = [str(k) for k in amounts]
    shares = _b.shares_from_amounts([float(v) for v in amounts.values()], names, what)
    return pd.Series(shares, index=pd.Index(names, name="source"), name="share")


def check_breakdown(total: float, parts: Mapping[str, float], what: str = "breakdown") -> float:
    """Check that non-negative ``parts`` do not exceed ``total``; return the remainder.

    Raises
    ------
    InvalidInputError
        For negative money or parts that sum to more than the total (relative tolerance
        1e-9); the message names the parts' sum and the excess.
    """
    names = [str(k) for k in parts]
    return float(_b.check_breakdown(float(total), [float(v) for v in parts.values()], names, what))


@dataclass(repr=False, eq=False)
class Execution(Result):
    """Planned against spent money by year (집행률).

    Attributes
    ----------
    frame : pandas.DataFrame
        Per year: planned, spent, rate, cumulative planned, cumulative spent, cumulative rate.
    total_planned, total_spent, overall_rate : float
        Money in ``money_unit``; the rate as a fraction.
    money_unit : str
    """

    frame: pd.DataFrame
    total_planned: float
    total_spent: float
    overall_rate: float
    money_unit: str

    def to_frame(self) -> pd.DataFrame:
        """The yearly table."""
        table: pd.DataFrame = self.frame.copy()
        return table

    def summary(self) -> pd.DataFrame:
        """Totals and the overall execution rate."""
        table: pd.DataFrame = pd.DataFrame(
            {
                "value": [self.total_planned, self.total_spent, self.overall_rate],
                "unit": [self.money_unit, self.money_unit, "ratio"],
            },
            index=["planned", "spent", "execution rate"],
        )
        return table

    def plot(self, ax: Any = None, lang: str | None = None) -> Any:
        """Cumulative spending against the cumulative plan."""
        lang = resolve_lang(lang)
        with plotting.style():
            ax = plotting.new_axes(ax)
            years = [str(y) for y in self.frame.index]
            ax.plot(
                years,
                self.frame["cumulative_planned"],
                marker="o",
                linestyle="--",
                color=plotting.COLORS["neutral"],
                label=_label(lang, "planned"),
            )
            ax.plot(
                years,
                self.frame["cumulative_spent"],
                marker="s",
                color=plotting.COLORS["primary"],
                label=_label(lang, "spent"),
            )
            ax.set_xlabel(_label(lang, "year"))
            ax.set_ylabel(_with_unit(lang, "amount", self.money_unit))
            ax.set_title(_label(lang, "execution"))
            ax.legend()
            return plotting._finish(ax)

    def _title(self) -> str:
        return f"Execution ({self.money_unit}), overall rate {self.overall_rate:.1%}"

    def _headline(self) -> str:
        return (
            f"planned {format_number(self.total_planned)}, spent "
            f"{format_number(self.total_spent)} {self.money_unit}, rate {self.overall_rate:.1%}"
        )


def execution(
    planned: Mapping[int, float] | pd.Series,
    spent: Mapping[int, float] | pd.Series,
    money_unit: str = "억원",
) -> Execution:
    """Execution rates by year: spent / planned, yearly and cumulative.

    ``spent`` may cover fewer years than ``planned`` (years not yet reported); the rates
    then cover the reported years only. A spent year without a plan raises
    :class:`~innozone.OutOfRangeError`.
    """
    money_unit = _money_unit(money_unit)
    plan = _year_series(planned, "execution, planned")
    done = _year_series(spent, "execution, spent")
    extra = sorted(set(done.index) - set(plan.index))
    if extra:
        raise _core.OutOfRangeError(
            f"execution: spent money reported for {extra[0]}, a year without a plan "
            f"(plan covers {plan.index.min()}-{plan.index.max()})"
        )
    plan = plan.loc[done.index]
    result = _b.execution([int(y) for y in done.index], list(plan), list(done))
    frame = pd.DataFrame(
        {
            key: getattr(result, key)
            for key in (
                "planned",
                "spent",
                "rate",
                "cumulative_planned",
                "cumulative_spent",
                "cumulative_rate",
            )
        },
        index=pd.Index(result.years, name="year"),
    )
    return Execution(
        frame=frame,
        total_planned=float(result.total_planned),
        total_spent=float(result.total_spent),
        overall_rate=float(result.overall_rate),
        money_unit=money_unit,
    )


# --------------------------------------------------------------------------------------
# real and nominal money


def deflator_from_inflation(
    inflation: Mapping[int, float] | pd.Series, base_year: int
) -> pd.Series:
    """Price index (1 in ``base_year``) from yearly inflation rates.

    ``inflation[y]`` is the rise of the price level from ``y - 1`` to ``y`` (0.02 = 2 %).
    Years must be consecutive and include ``base_year``.
    """
    series = _year_series(inflation, "inflation")
    index = _b.deflator_from_inflation([int(y) for y in series.index], list(series), int(base_year))
    return pd.Series(index, index=series.index, name=f"deflator ({base_year} = 1)")


def to_real(
    amounts: Mapping[int, float] | pd.Series, deflator: pd.Series, base_year: int
) -> pd.Series:
    """Nominal money by year to money of ``base_year``: ``amount * D[base] / D[year]``.

    ``deflator`` is any price index by year (e.g. from :func:`deflator_from_inflation`, or a
    published GDP deflator with its own base); every year of ``amounts`` and ``base_year``
    must be in it.
    """
    series = _year_series(amounts, "to_real, amounts")
    index = _year_series(deflator, "to_real, deflator")
    out = _b.to_real(
        [int(y) for y in series.index],
        list(series),
        [int(y) for y in index.index],
        list(index),
        int(base_year),
    )
    return pd.Series(out, index=series.index, name=f"real ({base_year} prices)")


def to_nominal(
    amounts: Mapping[int, float] | pd.Series, deflator: pd.Series, base_year: int
) -> pd.Series:
    """Money of ``base_year`` to nominal money by year (inverse of :func:`to_real`)."""
    series = _year_series(amounts, "to_nominal, amounts")
    index = _year_series(deflator, "to_nominal, deflator")
    out = _b.to_nominal(
        [int(y) for y in series.index],
        list(series),
        [int(y) for y in index.index],
        list(index),
        int(base_year),
    )
    return pd.Series(out, index=series.index, name="nominal")


# --------------------------------------------------------------------------------------
# appraisal


def korea_social_discount_rate(year: int, month: int = 12) -> float:
    """Korea's pre-feasibility social discount rate in force in ``year``/``month``.

    4.5 % since 2017-08, 5.5 % from 2007, 6.5 % before (see the module docstring).
    """
    return float(_b.korea_social_discount_rate(int(year), int(month)))


def discount_factors(
    n_periods: int, rate: float = KOREA_SOCIAL_DISCOUNT_RATE, timing: str = "beginning"
) -> np.ndarray:
    """Discount factors ``(1 + rate) ** -(i + offset)`` for ``i = 0..n_periods-1``.

    ``rate`` is a fraction (0.045 for 4.5 %); a value above 1 is refused as a likely percent.
    """
    count = check_count(n_periods, "n_periods")
    return np.asarray(_b.discount_factors(count, _rate(rate), timing))


def npv(rate: float, values: FlowsLike, timing: str = "beginning") -> float:
    """Net present value; t = 0 is the first flow's year.

    ``timing="beginning"`` equals ``numpy_financial.npv(rate, values)``; ``"end"`` equals a
    spreadsheet's NPV; ``"middle"`` discounts each flow to mid-year. ``rate`` is a fraction
    (0.045 for 4.5 %); a value above 1 is refused as a likely percent.
    """
    return float(_b.npv(_rate(rate), _floats(values, "npv"), timing))


def _preferred_root(roots: Sequence[float]) -> float:
    """The smallest non-negative root, or, when every root is negative, the one closest to 0."""
    non_negative = [r for r in roots if r >= 0.0]
    return float(min(non_negative) if non_negative else max(roots))


@dataclass(repr=False, eq=False)
class IrrResult(Result):
    """Every internal rate of return in a bracket.

    Attributes
    ----------
    roots : list of float
        All IRRs found in ``[lower, upper]``, ascending.
    rate : float
        One IRR. With several roots: the smallest non-negative root, or, when every root is
        negative, the root closest to zero. This is the choice of numpy-financial's current
        development version (its tests ``gh_39`` and ``gh_44`` expect it); numpy-financial
        1.0.0, the release on PyPI, returns the root closest to zero instead, which can be a
        negative root next to a positive one (-1.8 % against 12 % in ``gh_39``).
    sign_changes : int
        Sign changes of the flows: an upper bound on the number of roots (Descartes).
    lower, upper : float
        The search bracket.
    """

    roots: list[float]
    sign_changes: int
    lower: float
    upper: float

    @property
    def rate(self) -> float:
        """The preferred root (see the class docstring).

        Warns (NumericalWarning) when there are several.
        """
        if len(self.roots) > 1:
            warnings.warn(
                f"{len(self.roots)} internal rates of return in [{self.lower:g}, {self.upper:g}] "
                f"({', '.join(f'{r:.4%}' for r in self.roots)}); returning the smallest "
                "non-negative one. With several roots the IRR is not a decision rule: use NPV.",
                NumericalWarning,
                stacklevel=2,
            )
        return self._preferred()

    @property
    def unique(self) -> bool:
        """True when exactly one IRR exists in the bracket."""
        return len(self.roots) == 1

    def _preferred(self) -> float:
        return _preferred_root(self.roots)

    def to_frame(self) -> pd.DataFrame:
        """One row per root: ``irr`` and ``preferred`` (the root :attr:`rate` returns)."""
        preferred = self._preferred()
        table: pd.DataFrame = pd.DataFrame(
            {"irr": self.roots, "preferred": [r == preferred for r in self.roots]}
        )
        return table

    def summary(self) -> pd.DataFrame:
        """The preferred IRR, the number of roots, the sign changes and the bracket."""
        rows = [
            ("IRR", self._preferred(), "ratio"),
            ("roots in the bracket", float(len(self.roots)), "count"),
            ("sign changes", float(self.sign_changes), "count"),
            ("bracket lower", self.lower, "ratio"),
            ("bracket upper", self.upper, "ratio"),
        ]
        table: pd.DataFrame = pd.DataFrame(
            {"value": [r[1] for r in rows], "unit": [r[2] for r in rows]},
            index=pd.Index([r[0] for r in rows], name="measure"),
        )
        return table

    def plot(self, ax: Any = None, lang: str | None = None) -> Any:
        """Every root on the rate axis (the preferred one highlighted)."""
        lang = resolve_lang(lang)
        with plotting.style():
            ax = plotting.new_axes(ax)
            preferred = self._preferred()
            ax.axhline(0.0, color="black", linewidth=0.8)
            ax.scatter(self.roots, [0.0] * len(self.roots), color=plotting.COLORS["neutral"])
            ax.scatter([preferred], [0.0], color=plotting.COLORS["primary"], s=60)
            ax.set_xlabel(_label(lang, "irr"))
            ax.set_yticks([])
            return plotting._finish(ax)

    def __float__(self) -> float:
        return self.rate

    def _title(self) -> str:
        return "Internal rate of return"

    def _notes(self) -> list[str]:
        roots = ", ".join(f"{r:.4%}" for r in self.roots)
        note = [f"All roots in [{self.lower:g}, {self.upper:g}]: {roots}."]
        if not self.unique:
            note.append("Several roots: the IRR alone is not a decision rule (use the NPV).")
        return note

    def _headline(self) -> str:
        return f"IRR={self._preferred():.4%}, {len(self.roots)} root(s)"


def _irr_result(raw: Any) -> IrrResult:
    return IrrResult(
        roots=[float(r) for r in raw.roots],
        sign_changes=int(raw.sign_changes),
        lower=float(raw.lower),
        upper=float(raw.upper),
    )


def irr(values: FlowsLike, lower: float = -0.99, upper: float = 100.0) -> IrrResult:
    """Every IRR of periodic flows in ``[lower, upper]``.

    Raises
    ------
    NumericalError
        When no IRR exists (flows of one sign) or none lies in the bracket.
    """
    return _irr_result(_b.irr_all(_floats(values, "irr"), float(lower), float(upper)))


def mirr(values: FlowsLike, finance_rate: float, reinvest_rate: float) -> float:
    """Modified IRR (numpy-financial's definition).

    Negatives are discounted at ``finance_rate``, positives compounded at ``reinvest_rate``
    (both fractions).

    Raises
    ------
    NumericalError
        When the flows do not have both a positive and a negative value: the MIRR does not
        exist. (numpy-financial returns NaN there; innozone says why instead.)
    """
    return float(
        _b.mirr(
            _floats(values, "mirr"),
            _rate(finance_rate, "finance_rate"),
            _rate(reinvest_rate, "reinvest_rate"),
        )
    )


def payback(
    values: FlowsLike,
    rate: float | None = None,
    timing: str = "beginning",
    start_year: int | None = None,
) -> float | None:
    """Payback period in years (fractional, linear within the year).

    ``None`` if the cumulative flow never turns and stays non-negative. ``rate`` given:
    discounted payback. With ``start_year``, the calendar year of payback is returned instead.
    """
    raw = _b.payback(_floats(values, "payback"), math.nan if rate is None else _rate(rate), timing)
    if not raw.reached:
        return None
    if start_year is not None:
        return float(int(start_year) + int(raw.period))
    return float(raw.fractional)


def equivalent_annual_value(
    present_value: float, rate: float, n_periods: int, timing: str = "end"
) -> float:
    """Constant yearly amount over ``n_periods`` years (same timing) worth ``present_value``.

    With ``timing="end"`` this is ``-numpy_financial.pmt(rate, n_periods, present_value)``.
    """
    count = check_count(n_periods, "n_periods")
    return float(_b.equivalent_annual_value(float(present_value), _rate(rate), count, timing))


def _days(dates: Any) -> list[int]:
    stamps = pd.to_datetime(pd.Series(list(dates)))
    if stamps.isna().any():
        raise _core.InvalidInputError("dates: missing or unparsable date")
    days = stamps.to_numpy().astype("datetime64[D]").astype(np.int64)
    return [int(d) for d in days]


def xnpv(
    rate: float,
    dates: Sequence[Any],
    values: FlowsLike,
    day_count: str = "ACT/365F",
    valuation: Any = None,
) -> float:
    """NPV of dated flows: ``sum c_i (1 + rate) ** -yf(valuation, d_i)``.

    ``day_count`` is ``ACT/365F`` (default), ``ACT/360`` or ``ACT/ACT`` (ISDA); the
    valuation date defaults to the earliest date.
    """
    days = _days(dates)
    start = min(days) if valuation is None else _days([valuation])[0]
    return float(_b.xnpv(_rate(rate), days, _floats(values, "xnpv"), day_count, start))


def xirr(
    dates: Sequence[Any],
    values: FlowsLike,
    day_count: str = "ACT/365F",
    lower: float = -0.99,
    upper: float = 100.0,
) -> IrrResult:
    """Every IRR of dated flows in ``[lower, upper]`` (see :func:`xnpv` for day counts)."""
    return _irr_result(
        _b.xirr_all(_days(dates), _floats(values, "xirr"), day_count, float(lower), float(upper))
    )


def npv_batch(
    values: np.ndarray,
    rate: float | np.ndarray = KOREA_SOCIAL_DISCOUNT_RATE,
    timing: str = "beginning",
    n_threads: int | None = None,
    progress: ProgressLike = False,
) -> np.ndarray:
    """NPV of every row of a (scenarios x periods) array, in parallel in C++.

    Parameters
    ----------
    values : array, scenarios x periods
    rate : float or array
        One rate or one per scenario (fractions, 0.045 for 4.5 %).
    timing : str
        ``beginning``, ``middle`` or ``end`` (see the module docstring).
    n_threads : int, optional
        None means ``innozone.options.n_threads`` (0 = one per core).
    progress : bool or callable
        True for a progress bar, or a callable ``(done, total)``.

    The GIL is released while it runs. With one shared rate each block of rows is a
    matrix-vector product (AVX2/FMA kernel when the CPU has it).
    """
    flows = np.ascontiguousarray(values, dtype=float)
    if isinstance(rate, (int, float)) and not isinstance(rate, bool):
        rates = np.array([_rate(rate)])
    else:
        rates = np.atleast_1d(np.asarray(rate, dtype=float))
        if rates.ndim != 1:
            raise _core.InvalidInputError(
                f"rate must be one number or one per scenario, got shape {rates.shape}"
            )
        bad = ~((rates > -1.0) & (rates <= 1.0))
        if bad.any():
            k = int(np.argmax(bad))
            _rate(float(rates[k]), "rate" if rates.size == 1 else f"rate of scenario {k}")
    with progress_callback(progress, "NPV") as callback:
        out = _b.npv_batch(flows, rates, timing, resolve_threads(n_threads), callback)
    return np.asarray(out)


def irr_batch(
    values: np.ndarray,
    lower: float = -0.99,
    upper: float = 100.0,
    n_threads: int | None = None,
    progress: ProgressLike = False,
) -> tuple[np.ndarray, np.ndarray]:
    """IRR and root count for every row of a (scenarios x periods) array.

    The IRR is the root :attr:`IrrResult.rate` picks (the smallest non-negative root, else
    the one closest to zero), NaN when there is none; the count is the number of roots in
    ``[lower, upper]`` (-1 when the row is too long for the bracket). Runs in parallel
    without the GIL.
    """
    flows = np.ascontiguousarray(values, dtype=float)
    with progress_callback(progress, "IRR") as callback:
        rate, count = _b.irr_batch(
            flows, float(lower), float(upper), resolve_threads(n_threads), callback
        )
    return np.asarray(rate), np.asarray(count)


@dataclass(repr=False, eq=False)
class AppraisalResult(Result):
    """Appraisal of yearly benefit and cost streams.

    Attributes
    ----------
    frame : pandas.DataFrame
        Per year: benefit, cost, net, discount factor, present values and cumulative PV net.
    pv_benefits, pv_costs, npv, bc_ratio : float
    irr : IrrResult or None
        ``None`` when the net flows have no IRR (e.g. never change sign).
    mirr : float or None
        Finance and reinvestment at the discount rate; ``None`` without both signs.
    payback_year : int or None
        First calendar year from which the discounted cumulative net flow stays >= 0.
    equivalent_annual_value : float
        Constant yearly amount with the same timing and present value as the NPV.
    rate : float
        The discount rate (a fraction).
    timing : str
    money_unit : str
    """

    frame: pd.DataFrame
    pv_benefits: float
    pv_costs: float
    npv: float
    bc_ratio: float
    irr: IrrResult | None
    mirr: float | None
    payback_year: int | None
    equivalent_annual_value: float
    rate: float
    timing: str
    money_unit: str

    def to_frame(self) -> pd.DataFrame:
        """Per year: benefit, cost, net, discount factor, present values, cumulative PV net."""
        table: pd.DataFrame = self.frame.copy()
        return table

    def summary(self) -> pd.DataFrame:
        """One row per measure, with its unit."""
        irr_rate = self.irr._preferred() if self.irr is not None else math.nan
        rows = [
            ("discount rate", self.rate, "ratio"),
            ("PV benefits", self.pv_benefits, self.money_unit),
            ("PV costs", self.pv_costs, self.money_unit),
            ("NPV", self.npv, self.money_unit),
            ("B/C ratio", self.bc_ratio, "ratio"),
            ("IRR", irr_rate, "ratio"),
            ("MIRR", math.nan if self.mirr is None else self.mirr, "ratio"),
            (
                "discounted payback year",
                math.nan if self.payback_year is None else float(self.payback_year),
                "year",
            ),
            ("equivalent annual value", self.equivalent_annual_value, f"{self.money_unit}/year"),
        ]
        table: pd.DataFrame = pd.DataFrame(
            {"value": [r[1] for r in rows], "unit": [r[2] for r in rows]},
            index=pd.Index([r[0] for r in rows], name="measure"),
        )
        return table

    def plot(self, ax: Any = None, lang: str | None = None) -> Any:
        """NPV waterfall: each year's discounted net flow as a floating bar, then the NPV."""
        lang = resolve_lang(lang)
        with plotting.style():
            ax = plotting.new_axes(ax)
            pv_net = self.frame["pv_net"].to_numpy(dtype=float)
            starts = np.concatenate([[0.0], np.cumsum(pv_net)[:-1]])
            labels = [str(y) for y in self.frame.index] + [_label(lang, "npv")]
            colors = [
                plotting.COLORS["secondary"] if v >= 0 else plotting.COLORS["accent"]
                for v in pv_net
            ]
            ax.bar(labels[:-1], pv_net, bottom=starts, color=colors)
            ax.bar(labels[-1:], [self.npv], color=plotting.COLORS["primary"])
            ax.axhline(0.0, color="black", linewidth=0.8)
            ax.set_xlabel(_label(lang, "year"))
            ax.set_ylabel(_with_unit(lang, "pv", self.money_unit))
            timing = _labels.label_or(f"timing.{self.timing}", self.timing, lang)
            ax.set_title(f"{_label(lang, 'waterfall')} (r = {self.rate:.1%}, {timing})")
            return plotting._finish(ax)

    def _title(self) -> str:
        return f"Appraisal at {self.rate:.1%} ({self.timing} of year, {self.money_unit})"

    def _headline(self) -> str:
        return (
            f"NPV={format_number(self.npv)} {self.money_unit}, B/C={format_number(self.bc_ratio)}"
        )


def appraise(
    benefits: Mapping[int, float] | pd.Series | FlowsLike,
    costs: Mapping[int, float] | pd.Series | FlowsLike,
    rate: float = KOREA_SOCIAL_DISCOUNT_RATE,
    timing: str = "beginning",
    *,
    start_year: int | None = None,
    money_unit: str = "억원",
) -> AppraisalResult:
    """Appraise yearly benefit and cost streams (real money) at ``rate``.

    Parameters
    ----------
    benefits, costs
        Non-negative yearly amounts: Series or mappings indexed by year (missing years
        count as 0), or plain sequences starting at ``start_year``.
    rate : float
        Real discount rate as a fraction; default :data:`KOREA_SOCIAL_DISCOUNT_RATE` (0.045).
        A value above 1 (``rate=4.5``) is refused as a likely percent.
    timing : str
        ``beginning``, ``middle`` or ``end`` (t = 0 is the first year; see the module
        docstring for spreadsheet NPV).
    start_year : int, optional
        First year for plain sequences (default 0, i.e. periods).
    money_unit : str
        Money unit (원, 만원, 백만원, 억원, 조원).
    """
    rate = _rate(rate)
    money_unit = _money_unit(money_unit)
    if isinstance(benefits, (pd.Series, Mapping)) or isinstance(costs, (pd.Series, Mapping)):
        b = _year_series(benefits, "appraise, benefits")
        c = _year_series(costs, "appraise, costs")
        years = range(
            int(min(b.index.min(), c.index.min())), int(max(b.index.max(), c.index.max())) + 1
        )
        index = pd.Index(list(years), name="year")
        b = b.reindex(index, fill_value=0.0)
        c = c.reindex(index, fill_value=0.0)
    else:
        b_list = _floats(benefits, "appraise, benefits")
        c_list = _floats(costs, "appraise, costs")
        if len(b_list) != len(c_list):
            raise _core.InvalidInputError(
                f"appraise: {len(b_list)} benefit years but {len(c_list)} cost years"
            )
        first = 0 if start_year is None else int(start_year)
        index = pd.Index(range(first, first + len(b_list)), name="year")
        b = pd.Series(b_list, index=index, dtype=float)
        c = pd.Series(c_list, index=index, dtype=float)
    result = _b.benefit_cost(rate, list(b), list(c), timing)
    net = (b - c).to_numpy(dtype=float)
    factors = discount_factors(len(net), rate, timing)
    frame = pd.DataFrame(
        {
            "benefit": b.to_numpy(dtype=float),
            "cost": c.to_numpy(dtype=float),
            "net": net,
            "discount_factor": factors,
            "pv_benefit": b.to_numpy(dtype=float) * factors,
            "pv_cost": c.to_numpy(dtype=float) * factors,
            "pv_net": net * factors,
        },
        index=index,
    )
    frame["cumulative_pv_net"] = frame["pv_net"].cumsum()
    try:
        irr_result: IrrResult | None = irr(net)
    except _core.NumericalError:
        irr_result = None
    try:
        mirr_value: float | None = mirr(net, rate, rate)
    except _core.NumericalError:
        mirr_value = None
    raw_payback = _b.payback(list(net), rate, timing)
    payback_year = int(index[0]) + int(raw_payback.period) if raw_payback.reached else None
    eav = equivalent_annual_value(float(result.npv), rate, len(net), timing)
    return AppraisalResult(
        frame=frame,
        pv_benefits=float(result.pv_benefits),
        pv_costs=float(result.pv_costs),
        npv=float(result.npv),
        bc_ratio=float(result.bc_ratio),
        irr=irr_result,
        mirr=mirr_value,
        payback_year=payback_year,
        equivalent_annual_value=eav,
        rate=float(rate),
        timing=timing,
        money_unit=money_unit,
    )


# --------------------------------------------------------------------------------------
# cost-effectiveness and leverage


@dataclass(frozen=True)
class MoneyRange:
    """An amount known within a range, with its confidence.

    Gimhae's phase-1 budget, for example, is inferred at about 190-210억 (low confidence):
    ``MoneyRange(190, 200, 210, confidence="low", money_unit="억원")``.
    """

    low: float
    central: float
    high: float
    confidence: str = "high"
    money_unit: str = "억원"

    def __post_init__(self) -> None:
        _money_unit(self.money_unit)

    @classmethod
    def exact(cls, value: float, confidence: str = "high", money_unit: str = "억원") -> MoneyRange:
        """A range whose low, central and high values are all ``value`` (in ``money_unit``)."""
        return cls(value, value, value, confidence, money_unit)

    def as_tuple(self) -> list[float]:
        """``[low, central, high]`` as floats (in ``money_unit``)."""
        return [float(self.low), float(self.central), float(self.high)]


@dataclass(repr=False, eq=False)
class CostEffectiveness(Result):
    """Cost per unit of indicators, leverage and revenue per public won for one program.

    Attributes
    ----------
    label : str
        E.g. ``"Gimhae phase 1"``.
    frame : pandas.DataFrame
        One row per measure: ``low``, ``central``, ``high``, ``unit``, ``kind``
        (``cost_per_unit`` or ``per_public_won``) and ``confidence``.
    cost : MoneyRange
        Public money spent (the denominator of leverage, the numerator of cost per unit).
    """

    label: str
    frame: pd.DataFrame
    cost: MoneyRange

    def to_frame(self) -> pd.DataFrame:
        """One row per measure: low, central, high, unit, kind, confidence."""
        table: pd.DataFrame = self.frame.copy()
        return table

    def summary(self) -> pd.DataFrame:
        """Central value, range, unit and confidence of each measure."""
        table: pd.DataFrame = self.frame[["central", "low", "high", "unit", "confidence"]].copy()
        return table

    def plot(self, ax: Any = None, lang: str | None = None) -> Any:
        """Cost per unit of each indicator with the budget range as error bars."""
        return plot_cost_per_unit([self], ax=ax, lang=lang)

    def _title(self) -> str:
        return f"Cost-effectiveness: {self.label}"

    def _headline(self) -> str:
        return f"{len(self.frame)} measures, cost {format_number(self.cost.central)} {self.cost.money_unit}"


def window_total(
    values: Mapping[int, float] | pd.Series, start: int, end: int, what: str = "values"
) -> float:
    """Sum of yearly values over ``start..end`` (inclusive).

    Raises
    ------
    OutOfRangeError
        When a year of the window has no value (the message names it).
    """
    series = _year_series(values, what)
    return float(
        _b.window_sum([int(y) for y in series.index], list(series), int(start), int(end), what)
    )


YearlyOrTotal = Union[float, Mapping[int, float], pd.Series]


def _window_value(value: Any, window: tuple[int, int] | None, what: str) -> float:
    if isinstance(value, (pd.Series, Mapping)):
        if window is None:
            raise _core.InvalidInputError(
                f"{what}: yearly values need a window=(start, end) to sum over"
            )
        return window_total(value, window[0], window[1], what)
    return float(value)


def cost_effectiveness(
    cost: float | MoneyRange | Mapping[int, float] | pd.Series,
    outputs: Mapping[str, YearlyOrTotal],
    *,
    linked: Mapping[str, YearlyOrTotal] | None = None,
    national: float | MoneyRange | Mapping[int, float] | pd.Series | None = None,
    window: tuple[int, int] | None = None,
    label: str = "program",
    money_unit: str = "억원",
) -> CostEffectiveness:
    """Money per unit of each indicator, and linked money per public (and national) won.

    Parameters
    ----------
    cost : float, MoneyRange, or yearly Series / mapping
        Public money over the window the outputs were counted in. Yearly values are summed
        over ``window``.
    outputs : mapping
        Indicator counts over that window, e.g. ``{"start-ups": 76, "jobs": 1113}``, or
        yearly Series summed over ``window``.
    linked : mapping, optional
        Money linked to the program over the window, same unit as ``cost``, e.g.
        ``{"investment": 1030, "revenue": 2566}``; reported per public won (leverage).
    national : float, MoneyRange or yearly values, optional
        National (국비) part of the cost; linked money is also reported per national won.
    window : (int, int), optional
        First and last year (inclusive) over which yearly values are summed; every year of
        the window must have a value.
    label : str
    money_unit : str
        Money unit of ``cost`` and ``linked`` (when ``cost`` is a MoneyRange, its own unit).
    """
    money_unit = _money_unit(money_unit)
    if isinstance(cost, MoneyRange):
        cost_range = cost
        money_unit = cost.money_unit
    else:
        cost_range = MoneyRange.exact(
            _window_value(cost, window, f"{label}: cost"), money_unit=money_unit
        )
    unit = money_unit
    rows: list[dict[str, Any]] = []
    for name, value in outputs.items():
        units = _window_value(value, window, f"{label}: {name}")
        per = _b.cost_per_unit(cost_range.as_tuple(), float(units), f"{label}: {unit} per {name}")
        low, central, high = per.low, per.central, per.high
        rows.append(
            {
                "measure": f"{unit} per {name}",
                "indicator": str(name),
                "low": low,
                "central": central,
                "high": high,
                "unit": f"{unit}/{name}",
                "kind": "cost_per_unit",
                "confidence": cost_range.confidence,
            }
        )
    publics: list[tuple[str, MoneyRange]] = [("public", cost_range)]
    if isinstance(national, MoneyRange):
        publics.append(("national", national))
    elif national is not None:
        publics.append(
            (
                "national",
                MoneyRange.exact(
                    _window_value(national, window, f"{label}: national"), money_unit=unit
                ),
            )
        )
    for name, value in (linked or {}).items():
        amount = _window_value(value, window, f"{label}: {name}")
        for who, money in publics:
            lev = _b.leverage(float(amount), money.as_tuple(), f"{label}: {name} per {who} won")
            low, central, high = lev.low, lev.central, lev.high
            rows.append(
                {
                    "measure": f"{name} per {who} won",
                    "indicator": str(name),
                    "low": low,
                    "central": central,
                    "high": high,
                    "unit": "won/won",
                    "kind": f"per_{who}_won",
                    "confidence": money.confidence,
                }
            )
    frame = pd.DataFrame(rows).set_index("measure")
    return CostEffectiveness(label=label, frame=frame, cost=cost_range)


def compare_cost_effectiveness(results: Sequence[CostEffectiveness]) -> pd.DataFrame:
    """Programs side by side: one row per (measure), columns (program, low/central/high)."""
    if not results:
        raise _core.InvalidInputError("compare_cost_effectiveness: no results given")
    frames = {r.label: r.frame[["low", "central", "high"]] for r in results}
    table: pd.DataFrame = pd.concat(frames, axis=1)
    return table


def plot_cost_per_unit(
    results: Sequence[CostEffectiveness], ax: Any = None, lang: str | None = None
) -> Any:
    """Grouped bars of cost per unit (central) with low-high error bars.

    One group per indicator and one bar per program (phase or zone).
    """
    if not results:
        raise _core.InvalidInputError("plot_cost_per_unit: no results given")
    lang = resolve_lang(lang)
    with plotting.style():
        ax = plotting.new_axes(ax)
        return plotting._finish(_cost_per_unit_bars(results, ax, lang))


def _cost_per_unit_bars(results: Sequence[CostEffectiveness], ax: Any, lang: str) -> Any:
    indicators: list[str] = []
    for r in results:
        for name in r.frame.loc[r.frame["kind"] == "cost_per_unit", "indicator"]:
            if name not in indicators:
                indicators.append(str(name))
    width = 0.8 / len(results)
    positions = np.arange(len(indicators), dtype=float)
    for k, r in enumerate(results):
        part = r.frame[r.frame["kind"] == "cost_per_unit"].set_index("indicator")
        part = part.reindex(indicators)
        central = part["central"].to_numpy(dtype=float)
        errors = np.vstack(
            [
                central - part["low"].to_numpy(dtype=float),
                part["high"].to_numpy(dtype=float) - central,
            ]
        )
        ax.bar(positions + k * width, central, width=width, yerr=errors, capsize=3, label=r.label)
    ax.set_xticks(positions + width * (len(results) - 1) / 2)
    ax.set_xticklabels(indicators)
    unit = results[0].cost.money_unit
    ax.set_ylabel(_with_unit(lang, "cost_per_unit", unit))
    ax.legend()
    return ax


# --------------------------------------------------------------------------------------
# cost sharing


@dataclass(repr=False, eq=False)
class CostSharing(Result):
    """A co-paid support service: what the participant pays and what the public pays.

    Attributes
    ----------
    unit_value, contribution, public_cost : float
        Per participant, in ``money_unit``; public cost includes ``overhead``.
    participant_share, subsidy_rate : float
        Shares of the unit value as fractions (sum to 1).
    budget : float or None
    fundable : int or None
        Participants the public budget can fund.
    budget_left : float or None
    money_unit : str
    """

    unit_value: float
    contribution: float
    participant_share: float
    subsidy_rate: float
    public_cost: float
    budget: float | None
    fundable: int | None
    budget_left: float | None
    money_unit: str

    def to_frame(self) -> pd.DataFrame:
        """One row per item (value and unit)."""
        rows = [
            ("unit value", self.unit_value, self.money_unit),
            ("participant contribution", self.contribution, self.money_unit),
            ("participant share", self.participant_share, "ratio"),
            ("subsidy rate", self.subsidy_rate, "ratio"),
            ("public cost per participant", self.public_cost, self.money_unit),
        ]
        if self.budget is not None:
            rows += [
                ("budget", self.budget, self.money_unit),
                ("participants fundable", float(self.fundable or 0), "participants"),
                ("budget left", float(self.budget_left or 0.0), self.money_unit),
            ]
        table: pd.DataFrame = pd.DataFrame(
            {"value": [r[1] for r in rows], "unit": [r[2] for r in rows]},
            index=pd.Index([r[0] for r in rows], name="item"),
        )
        return table

    def plot(self, ax: Any = None, lang: str | None = None) -> Any:
        """One stacked bar: participant contribution and public subsidy per participant."""
        lang = resolve_lang(lang)
        with plotting.style():
            ax = plotting.new_axes(ax)
            ax.bar(
                [_label(lang, "per_participant")],
                [self.contribution],
                color=plotting.COLORS["neutral"],
                label=_label(lang, "participant"),
            )
            ax.bar(
                [_label(lang, "per_participant")],
                [self.unit_value - self.contribution],
                bottom=[self.contribution],
                color=plotting.COLORS["primary"],
                label=_label(lang, "subsidy"),
            )
            ax.set_ylabel(_with_unit(lang, "amount", self.money_unit))
            ax.legend()
            return plotting._finish(ax)

    def _title(self) -> str:
        return "Cost sharing"

    def _headline(self) -> str:
        return f"participant share {self.participant_share:.1%}, subsidy {self.subsidy_rate:.1%}"


def cost_sharing(
    unit_value: float,
    contribution: float,
    budget: float | None = None,
    overhead: float = 0.0,
    money_unit: str = "원",
) -> CostSharing:
    """Cost sharing of a support program.

    Parameters
    ----------
    unit_value : float
        Value of the service per participant, in ``money_unit``.
    contribution : float
        What each participant pays.
    budget : float, optional
        Public budget: the result then says how many participants it funds.
    overhead : float
        Public cost per participant on top of the subsidy (administration).
    money_unit : str
        원 (default), 만원, 백만원, 억원 or 조원.

    Examples
    --------
    DEXTER export-marketing support in Gimhae: a company pays 430,000 won for support worth
    2,500,000 won, i.e. a 17.2 % company share and an 82.8 % subsidy.

    >>> cs = cost_sharing(2_500_000, 430_000)
    >>> round(cs.participant_share, 3), round(cs.subsidy_rate, 3)
    (0.172, 0.828)
    """
    money_unit = _money_unit(money_unit)
    raw = _b.cost_sharing(
        float(unit_value),
        float(contribution),
        math.nan if budget is None else float(budget),
        float(overhead),
    )
    has_budget = budget is not None
    return CostSharing(
        unit_value=float(raw.unit_value),
        contribution=float(raw.contribution),
        participant_share=float(raw.participant_share),
        subsidy_rate=float(raw.subsidy_rate),
        public_cost=float(raw.public_cost),
        budget=float(raw.budget) if has_budget else None,
        fundable=int(raw.fundable) if has_budget else None,
        budget_left=float(raw.budget_left) if has_budget else None,
        money_unit=money_unit,
    )


# --------------------------------------------------------------------------------------
# a loaded program's phase (innozone.load(...).program(...))

_CONFIDENCE_ORDER = {"low": 0, "medium": 1, "high": 2}


def _phase_row(program: Any, phase: str) -> Any:
    phases = program.phases
    rows = phases[phases["phase"] == phase]
    if rows.empty:
        known = ", ".join(str(p) for p in phases["phase"])
        raise _core.NotFoundError(
            f"program {getattr(program, 'id', '?')!r} has no phase {phase!r} (phases: {known})"
        )
    return rows.iloc[0]


def _phase_budget(program: Any, phase: str) -> pd.DataFrame:
    frame: pd.DataFrame = program.budget
    table: pd.DataFrame = frame[frame["phase"] == phase]
    return table


def _confidence(value: Any, default: str) -> str:
    return str(value) if isinstance(value, str) and value in _CONFIDENCE_ORDER else default


def phase_budget_range(program: Any, phase: str) -> MoneyRange:
    """A phase's total budget in 억원 as a range.

    The stated total when the program has one (low = central = high); otherwise the
    recorded range (``range_low`` .. ``range_high``) with its midpoint as the central value
    and confidence ``"low"`` (a range stands for an inferred total, such as Gimhae's phase-1
    budget of about 190-210억).

    Parameters
    ----------
    program : innozone.Program
        A loaded program, e.g. ``innozone.load("gimhae").program("gimhae-gangso")``.
    phase : str
        Phase id.
    """
    _phase_row(program, phase)
    items = _phase_budget(program, phase)
    total = items[items["item"] == "total"]
    if not total.empty:
        row = total.iloc[0]
        confidence = _confidence(row.get("confidence"), "high")
        return MoneyRange.exact(float(row["krw"]) / 1e8, confidence=confidence)
    low = items[items["item"] == "range_low"]
    high = items[items["item"] == "range_high"]
    if low.empty or high.empty:
        raise _core.NotFoundError(
            f"phase {phase!r} of program {getattr(program, 'id', '?')!r} has neither a "
            "budget total nor a budget range"
        )
    lo = float(low.iloc[0]["krw"]) / 1e8
    hi = float(high.iloc[0]["krw"]) / 1e8
    return MoneyRange(lo, (lo + hi) / 2.0, hi, confidence="low")


def _national(program: Any, phase: str) -> MoneyRange | None:
    items = _phase_budget(program, phase)
    lines = items[
        (items["item"] == "line")
        & (items["funding_source"] == "national")
        & items["year"].isna()
        & items["component"].isna()
    ]
    if lines.empty:
        return None
    row = lines.iloc[0]
    return MoneyRange.exact(
        float(row["krw"]) / 1e8, confidence=_confidence(row.get("confidence"), "high")
    )


def phase_schedule(
    program: Any,
    phase: str,
    profile: str = "uniform",
    *,
    min_confidence: str | None = None,
    decay: float = 0.7,
    steepness: float = 6.0,
    weights: Sequence[float] | None = None,
) -> Schedule:
    """Spread a loaded program's phase budget over the phase's years (억원).

    The total is :func:`phase_budget_range`'s central value. Yearly total lines of the
    program (whole-phase money, not one component's) are kept as known years, the rest is
    spread by ``profile``; the national line of the phase gives the funding split
    ``national`` / ``not_itemised``.

    Parameters
    ----------
    program : innozone.Program
    phase : str
    profile : str
        See :func:`profile_weights`.
    min_confidence : {"low", "medium", "high"}, optional
        Ignore yearly lines below this confidence (e.g. ``"medium"`` drops Gimhae's
        low-confidence 2021 plan of 72억 that does not fit its 40억 national funding).
    decay, steepness, weights
        Profile parameters.
    """
    row = _phase_row(program, phase)
    total = phase_budget_range(program, phase)
    items = _phase_budget(program, phase)
    lines = items[
        (items["item"] == "line")
        & (items["funding_source"] == "total")
        & items["year"].notna()
        & items["component"].isna()
    ]
    if min_confidence is not None:
        if min_confidence not in _CONFIDENCE_ORDER:
            raise _core.InvalidInputError(
                f"min_confidence must be one of {sorted(_CONFIDENCE_ORDER)}, got {min_confidence!r}"
            )
        floor = _CONFIDENCE_ORDER[min_confidence]
        keep = [
            _CONFIDENCE_ORDER.get(_confidence(c, "high"), 2) >= floor
            for c in lines.get("confidence", pd.Series([None] * len(lines)))
        ]
        lines = lines[keep]
    known = {int(y): float(k) / 1e8 for y, k in zip(lines["year"], lines["krw"])}
    sources = None
    national = _national(program, phase)
    if national is not None and total.central > 0:
        share = national.central / total.central
        sources = {"national": share, "not_itemised": 1.0 - share}
    return spread(
        total.central,
        int(row["start_year"]),
        int(row["end_year"]),
        profile,
        known=known,
        sources=sources,
        decay=decay,
        steepness=steepness,
        weights=weights,
        money_unit="억원",
        what=f"{getattr(program, 'id', 'program')} {phase} budget",
    )


def phase_cost_effectiveness(
    program: Any,
    phase: str,
    outputs: Mapping[str, str],
    *,
    linked: Mapping[str, str] | None = None,
    label: str | None = None,
) -> CostEffectiveness:
    """Cost per unit and leverage of a loaded program's phase over the whole phase.

    Parameters
    ----------
    program : innozone.Program
    phase : str
    outputs : mapping
        ``{label: indicator id}`` of counts (e.g. ``{"start-up": "tech-startups"}``); each
        is read with ``program.value(indicator, (start_year, end_year), phase)``.
    linked : mapping, optional
        ``{label: indicator id}`` of money indicators in 억원 (investment, revenue).
    label : str, optional
        Defaults to ``"<program id> <phase>"``.

    Notes
    -----
    The cost is :func:`phase_budget_range` (a range when the total is inferred), and the
    phase's national line, when present, gives the per-national-won leverage.
    """
    row = _phase_row(program, phase)
    window = (int(row["start_year"]), int(row["end_year"]))
    counts = {name: float(program.value(ind, window, phase=phase)) for name, ind in outputs.items()}
    money = {
        name: float(program.value(ind, window, phase=phase)) for name, ind in (linked or {}).items()
    }
    return cost_effectiveness(
        phase_budget_range(program, phase),
        counts,
        linked=money,
        national=_national(program, phase),
        label=label or f"{getattr(program, 'id', 'program')} {phase}",
    )
