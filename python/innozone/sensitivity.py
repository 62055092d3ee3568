"""Which assumptions matter: one-at-a-time (tornado), Morris screening and Sobol' indices.

All three run any :class:`~innozone.outcomes.OutcomeModel` (built-in or a Python subclass)
over a :class:`~innozone.outcomes.ParameterSet`; the loops run in the compiled core.

Sobol' indices use the Saltelli design with the first-order estimator of Saltelli et al.
(2010, Comput. Phys. Commun. 181:259-270) and Jansen's (1999) total-effect estimator, the
same pair SALib's ``sobol.analyze`` uses, and percentile bootstrap intervals. They split the
output variance into shares only when the inputs are independent, so a parameter set with
correlations is refused (use :func:`tornado` or :func:`morris`, or group correlated inputs).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Callable

import numpy as np
import pandas as pd

from . import _core
from ._errors import InvalidInputError
from .outcomes import OutcomeModel, ParameterSet, _progress_bar

__all__ = [
    "MorrisResult",
    "SobolResult",
    "TornadoResult",
    "morris",
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
        raise InvalidInputError(
            f"indicator {indicator!r} is not produced by the model ({', '.join(indicators)})"
        )
    if year not in years:
        raise InvalidInputError(
            f"year {year} is not projected by the model ({years[0]}-{years[-1]})"
        )
    return indicators.index(indicator) * len(years) + years.index(year), indicator, year


class TornadoResult:
    """One-at-a-time swings of one output (indicator, year)."""

    def __init__(
        self, frame: pd.DataFrame, base: float, indicator: str, year: int, low: float, high: float
    ) -> None:
        self.frame = frame
        self.base = base
        self.indicator = indicator
        self.year = year
        self.low = low
        self.high = high

    def to_frame(self) -> pd.DataFrame:
        """Input x (low_value, high_value, low, high, base, swing), largest swing first."""
        return self.frame

    def summary(self) -> pd.DataFrame:
        return self.frame[["low", "high", "swing"]]

    def plot(self, ax: Any = None, lang: str = "en") -> Any:
        from . import plotting

        return plotting.tornado(
            self.frame, base=self.base, title=f"{self.indicator} {self.year}", ax=ax, lang=lang
        )

    def _repr_html_(self) -> str:
        return str(
            f"<b>Tornado</b> of {self.indicator} in {self.year} (inputs at their {self.low:.0%} / "
            f"{self.high:.0%} quantiles, others at the median; base {self.base:,.2f})"
            + self.frame.to_html(float_format=lambda v: f"{v:,.3f}")
        )


def tornado(
    model: OutcomeModel,
    parameters: ParameterSet,
    indicator: str | None = None,
    year: int | None = None,
    low: float = 0.1,
    high: float = 0.9,
) -> TornadoResult:
    """Move each input alone to its ``low`` and ``high`` quantile (others at their medians).

    Parameters
    ----------
    indicator, year : optional
        The output studied (default: the model's first indicator in its last year).
    low, high : float
        Quantile levels of the swing, 0 < low < high < 1.
    """
    col, indicator, year = _column(model, indicator, year)
    raw = _core.tornado(model, parameters.to_space(), float(low), float(high))
    names = list(model.input_names())
    out = raw["outputs"][:, col]
    frame = pd.DataFrame(
        {
            "low_value": raw["low_values"],
            "high_value": raw["high_values"],
            "low": out[1::2],
            "high": out[2::2],
        },
        index=pd.Index(names, name="input"),
    )
    frame["base"] = float(out[0])
    frame["swing"] = (frame["high"] - frame["low"]).abs()
    frame = frame.sort_values("swing", ascending=False)
    return TornadoResult(frame, float(out[0]), indicator, year, low, high)


class MorrisResult:
    """Morris elementary-effect statistics for one output."""

    def __init__(self, frame: pd.DataFrame, raw: dict[str, Any], indicator: str, year: int) -> None:
        self.frame = frame
        self.raw = raw
        self.indicator = indicator
        self.year = year

    def to_frame(self) -> pd.DataFrame:
        """Input x (mu, mu_star, sigma), by decreasing mu_star."""
        return self.frame

    def summary(self) -> pd.DataFrame:
        return self.frame

    def plot(self, ax: Any = None, lang: str = "en") -> Any:
        """mu* against sigma, one labelled point per input."""
        from . import plotting

        with plotting.style():
            ax = plotting.new_axes(ax)
            ax.scatter(self.frame["mu_star"], self.frame["sigma"])
            for name, row in self.frame.iterrows():
                ax.annotate(
                    str(name),
                    (row["mu_star"], row["sigma"]),
                    fontsize=8,
                    xytext=(3, 3),
                    textcoords="offset points",
                )
            ax.set_xlabel(
                "μ*" + (" (mean |elementary effect|)" if lang == "en" else " (평균 |기본효과|)")
            )
            ax.set_ylabel("σ")
            ax.set_title(f"Morris: {self.indicator} {self.year}")
            return ax

    def _repr_html_(self) -> str:
        return str(
            f"<b>Morris screening</b> of {self.indicator} in {self.year}"
            + self.frame.to_html(float_format=lambda v: f"{v:,.4g}")
        )


def morris(
    model: OutcomeModel,
    parameters: ParameterSet,
    indicator: str | None = None,
    year: int | None = None,
    trajectories: int = 20,
    levels: int = 4,
    seed: int = 0,
    n_threads: int = 0,
) -> MorrisResult:
    """Morris elementary effects (Morris 1991; mu* of Campolongo et al. 2007).

    Effects are measured per unit of probability (the inputs' quantile scale), so they are
    comparable across inputs with different units.
    """
    col, indicator, year = _column(model, indicator, year)
    raw = _core.morris(
        model, parameters.to_space(), int(trajectories), int(levels), int(seed), int(n_threads)
    )
    frame = pd.DataFrame(
        {"mu": raw["mu"][:, col], "mu_star": raw["mu_star"][:, col], "sigma": raw["sigma"][:, col]},
        index=pd.Index(list(model.input_names()), name="input"),
    ).sort_values("mu_star", ascending=False)
    return MorrisResult(frame, raw, indicator, year)


class SobolResult:
    """Sobol' first-order (S1) and total (ST) indices with bootstrap intervals."""

    def __init__(self, frame: pd.DataFrame, raw: dict[str, Any]) -> None:
        self.frame = frame
        self.raw = raw

    def to_frame(self) -> pd.DataFrame:
        """Long table indexed by (indicator, year, input): S1, S1 interval, ST, ST interval,
        bootstrap standard errors and ``S1_conf``/``ST_conf`` half-widths (SALib's naming)."""
        return self.frame

    def summary(self) -> pd.DataFrame:
        return self.frame[["S1", "S1_low", "S1_high", "ST", "ST_low", "ST_high"]]

    def indices(self, indicator: str | None = None, year: int | None = None) -> pd.DataFrame:
        """Input x indices for one output (default: the first one computed)."""
        keys = self.frame.index.droplevel("input").unique()
        if indicator is None:
            indicator, year = keys[0]
        elif year is None:
            year = max(y for i, y in keys if i == indicator)
        mask = (self.frame.index.get_level_values("indicator") == indicator) & (
            self.frame.index.get_level_values("year") == year
        )
        if not mask.any():
            raise InvalidInputError(f"no Sobol' indices for {indicator!r} in {year}")
        return self.frame[mask].droplevel(["indicator", "year"])

    def plot(
        self,
        indicator: str | None = None,
        year: int | None = None,
        ax: Any = None,
        lang: str = "en",
    ) -> Any:
        from . import plotting

        frame = self.indices(indicator, year)
        return plotting.sobol_bars(frame[["S1", "ST", "S1_conf", "ST_conf"]], ax=ax, lang=lang)

    def _repr_html_(self) -> str:
        return str(
            f"<b>Sobol' indices</b> (N = {self.raw['n_base']:,}, {self.raw['n_evaluations']:,} model runs, "
            f"{self.raw['n_bootstrap']} bootstrap resamples, {self.raw['level']:.0%} intervals)"
            + self.summary().to_html(float_format=lambda v: f"{v:.3f}")
        )


def sobol(
    model: OutcomeModel,
    parameters: ParameterSet,
    outputs: Sequence[tuple[str, int]] | None = None,
    n: int = 2**12,
    seed: int = 0,
    n_bootstrap: int = 200,
    level: float = 0.95,
    sampler: str = "sobol",
    centered: bool = True,
    n_threads: int = 0,
    progress: bool | Callable[[int, int], Any] | None = False,
) -> SobolResult:
    """Sobol' first-order and total indices.

    Parameters
    ----------
    outputs : list of (indicator, year), optional
        Outputs to analyse (default: every indicator in the last year).
    n : int
        Base sample size N; the model runs N (d + 2) times. A power of two suits Sobol' points.
    sampler : {"sobol", "lhs", "mc"}
        Design of the 2d-dimensional base sample (scrambled Sobol' by default).
    centered : bool
        Subtract the mean from f(B) in the first-order estimator (same expectation, lower
        variance for outputs whose mean is large against their spread). False gives the
        textbook Saltelli (2010) form used by SALib.

    Raises
    ------
    InvalidInputError
        If the parameter set has correlated inputs (the indices would not mean what they say).
    """
    years = list(model.years())
    if outputs is None:
        outputs = [(ind, years[-1]) for ind in model.indicator_names()]
    columns = [_column(model, ind, yr)[0] for ind, yr in outputs]
    callback, bar = _progress_bar(progress, "Sobol'")
    try:
        raw = _core.sobol_indices(
            model,
            parameters.to_space(),
            int(n),
            columns,
            sampler,
            int(seed),
            int(n_bootstrap),
            float(level),
            bool(centered),
            int(n_threads),
            callback,
        )
    finally:
        if bar is not None:
            bar.close()
    names = list(model.input_names())
    frames = []
    for k, (ind, yr) in enumerate(outputs):
        frame = pd.DataFrame(
            {
                "S1": raw["first"][:, k],
                "S1_low": raw["first_low"][:, k],
                "S1_high": raw["first_high"][:, k],
                "S1_se": raw["first_se"][:, k],
                "ST": raw["total"][:, k],
                "ST_low": raw["total_low"][:, k],
                "ST_high": raw["total_high"][:, k],
                "ST_se": raw["total_se"][:, k],
            },
            index=pd.MultiIndex.from_tuples(
                [(ind, yr, name) for name in names], names=["indicator", "year", "input"]
            ),
        )
        z = (
            1.959963984540054
            if abs(level - 0.95) < 1e-12
            else float(_core.normal_quantile(0.5 + level / 2))
        )
        frame["S1_conf"] = z * frame["S1_se"]
        frame["ST_conf"] = z * frame["ST_se"]
        frames.append(frame)
    return SobolResult(pd.concat(frames), raw)


def sobol_from_outputs(
    fa: np.ndarray,
    fb: np.ndarray,
    fab: np.ndarray,
    n_bootstrap: int = 0,
    level: float = 0.95,
    seed: int = 0,
    centered: bool = False,
) -> dict[str, Any]:
    """Indices from outputs already computed on a Saltelli design.

    ``fa`` and ``fb`` are the N outputs at matrices A and B; ``fab`` is d x N, row i the
    outputs at A with column i taken from B. Useful to compare with other tools on the very
    same samples.
    """
    return _core.sobol_from_outputs(
        np.asarray(fa, float),
        np.asarray(fb, float),
        np.asarray(fab, float),
        int(n_bootstrap),
        float(level),
        int(seed),
        bool(centered),
    )
