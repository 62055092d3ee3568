"""Efficiency frontiers: data envelopment analysis (DEA) of programs, zones or any units.

Which units turn their inputs (budget, area) into the most outputs (transfers, firms,
revenue, jobs), and which fall behind? DEA answers without weights chosen by the analyst:
each unit is compared with the best combinations of the others (the frontier).

- :func:`dea`: CCR (constant returns) and BCC (variable returns) scores, input or output
  oriented, with the two-phase slacks, reference peers and their weights (lambdas),
  projected targets, scale efficiency and returns to scale, Andersen-Petersen
  super-efficiency (infeasible cases reported), and the Simar & Wilson (1998) smoothed
  bootstrap (bias-corrected scores and confidence intervals).
- :func:`malmquist`: productivity change of a panel between consecutive periods,
  efficiency change x technical change.
- :func:`dea_windows`: DEA window analysis of a panel.
- :func:`zone_io_table`: the input/output table of the Gangso R&D special zones from the
  embedded ``gangso-zones`` dataset, listing every figure a zone lacks;
  :func:`zone_efficiency_section` turns it into the report's efficiency section.

Scores are efficiencies in (0, 1] in both orientations (1 = on the frontier): the
input-oriented score is the factor theta by which all inputs could shrink, the
output-oriented score is 1/phi where phi is the factor by which all outputs could grow.
The linear programs are solved by COIN-OR Clp in the C++ core, in parallel, and the
results do not depend on the number of threads.

References
----------
Charnes, Cooper & Rhodes (1978), European Journal of Operational Research 2, 429-444.
Banker, Charnes & Cooper (1984), Management Science 30, 1078-1092.
Andersen & Petersen (1993), Management Science 39, 1261-1264.
Simar & Wilson (1998), Management Science 44, 49-61.
Färe, Grosskopf, Norris & Zhang (1994), American Economic Review 84, 66-83.
Charnes, Clark, Cooper & Golany (1985), Annals of Operations Research 2, 95-112.
Cooper, Seiford & Tone (2007), Data Envelopment Analysis, 2nd ed., Springer.
"""

from __future__ import annotations

import datetime
import html
import math
import numbers
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from . import _core, _labels
from ._errors import InvalidInputError, NotFoundError
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

__all__ = [
    "ZONE_INPUTS",
    "ZONE_OUTPUTS",
    "DeaResult",
    "MalmquistResult",
    "WindowAnalysisResult",
    "ZoneEfficiencySection",
    "ZoneTable",
    "dea",
    "dea_windows",
    "malmquist",
    "zone_efficiency_section",
    "zone_io_table",
]


def __dir__() -> list[str]:  # tab completion lists the public names only
    return list(__all__)


_ef = _core.efficiency

_MODELS = ("ccr", "bcc")
_ORIENTATIONS = ("input", "output")
_TOL = 1e-7


def _t(key: str, lang: str, **fields: Any) -> str:
    """A text of this module from the label registry (keys ``dea.*``)."""
    return _labels.label("dea." + key.replace(" ", "_"), lang, **fields)


# --------------------------------------------------------------------------- arguments
def _choice(value: object, name: str, allowed: Sequence[str]) -> str:
    if not isinstance(value, str) or value.lower() not in allowed:
        raise InvalidInputError(f"{name} must be one of {list(allowed)}, got {value!r}")
    return value.lower()


def _flag(value: object, name: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise InvalidInputError(f"{name} must be True or False, got {value!r}")
    return bool(value)


def _names(value: object, name: str) -> list[str]:
    if isinstance(value, str):
        names = [value]
    elif isinstance(value, (Sequence, pd.Index)):
        names = list(value)
    else:
        raise InvalidInputError(
            f"{name} must be a column name or a list of column names, got {value!r}"
        )
    if not names:
        raise InvalidInputError(f"{name} must name at least one column")
    seen: set[Any] = set()
    for item in names:
        if item in seen:
            raise InvalidInputError(f"{name} lists column {item!r} twice")
        seen.add(item)
    return names


def _check_frame(data: object) -> pd.DataFrame:
    if not isinstance(data, pd.DataFrame):
        raise InvalidInputError(f"data must be a pandas DataFrame, got {type(data).__name__}")
    if data.empty:
        raise InvalidInputError("data is empty")
    return data


def _require_columns(data: pd.DataFrame, names: Sequence[Any], what: str) -> None:
    for col in names:
        if col not in data.columns:
            raise NotFoundError(
                f"{what}: data has no column {col!r}; its columns are {list(data.columns)}"
            )


def _unit_labels(data: pd.DataFrame, unit: str | None) -> list[str]:
    if unit is None:
        labels = [str(v) for v in data.index]
    else:
        _require_columns(data, [unit], "unit")
        if data[unit].isna().any():
            raise InvalidInputError(f"unit={unit!r}: missing unit names")
        labels = [str(v) for v in data[unit]]
    dupes = sorted(name for name, count in Counter(labels).items() if count > 1)
    if dupes:
        where = f"column {unit!r}" if unit is not None else "the index"
        raise InvalidInputError(f"unit names must be unique; {where} repeats {dupes}")
    return labels


def _matrix(
    data: pd.DataFrame, columns: Sequence[Any], units: Sequence[str], what: str
) -> np.ndarray:
    out = np.empty((len(data), len(columns)), dtype=float)
    for k, col in enumerate(columns):
        series = data[col]
        if not (
            pd.api.types.is_numeric_dtype(series.dtype)
            and not pd.api.types.is_bool_dtype(series.dtype)
        ):
            converted = pd.to_numeric(series, errors="coerce")
            bad = converted.isna() & series.notna()
            if bad.any():
                row = int(np.flatnonzero(bad.to_numpy())[0])
                raise InvalidInputError(
                    f"{what} column {col!r} of unit {units[row]!r} is not a number: {series.iloc[row]!r}"
                )
            series = converted
        values = series.to_numpy(dtype=float)
        missing = np.flatnonzero(np.isnan(values))
        if missing.size:
            raise InvalidInputError(
                f"missing value: unit {units[int(missing[0])]!r}, {what} column {col!r}"
                + (f" (and {missing.size - 1} more in that column)" if missing.size > 1 else "")
            )
        out[:, k] = values
    return out


def _rule_of_thumb(n: int, m: int, s: int, check_units: bool) -> None:
    need = int(_ef.minimum_units(m, s))
    if check_units and n < need:
        raise InvalidInputError(
            f"DEA with {m} input(s) and {s} output(s) needs at least {need} units by the rule of "
            f"thumb n >= max(m*s, 3(m+s)) (Cooper, Seiford & Tone 2007); the data has {n}. With "
            "fewer units most of them end up on the frontier and the scores discriminate "
            "little. Use fewer variables or more units, or pass check_units=False to run anyway."
        )


# --------------------------------------------------------------------------- plotting
def _plot_style() -> Any:
    from .plotting import style

    return style()


def _new_axes(ax: Any, figsize: tuple[float, float] | None = None) -> Any:
    from .plotting import new_axes

    return new_axes(ax, figsize=figsize)


def _colors() -> dict[str, str]:
    from .plotting import COLORS

    return COLORS


# --------------------------------------------------------------------------- DEA
def _frontier_chain(px: np.ndarray, py: np.ndarray, *, isoquant: bool) -> list[tuple[float, float]]:
    """Vertices of the frontier through the efficient points, in increasing x.

    Isoquant (inputs per output): from the left, each vertex lower than the last;
    output frontier (outputs per input): from the right, each vertex higher than the last.
    Weakly efficient points on the extensions are left out.
    """
    pts = [(float(a), float(b)) for a, b in zip(px, py)]
    chain: list[tuple[float, float]] = []
    if isoquant:
        for p in sorted(pts):
            if not chain or p[1] < chain[-1][1] - 1e-12:
                chain.append(p)
        return chain
    for p in sorted(pts, key=lambda q: (-q[0], -q[1])):
        if not chain or p[1] > chain[-1][1] + 1e-12:
            chain.append(p)
    return chain[::-1]


class _RadialResult(Result):
    """A result of the radial DEA engine: its model and orientation come from the core."""

    _core: Any

    @property
    def model(self) -> str:
        """Returns to scale: "ccr" (constant), "bcc" (variable), "nirs" or "ndrs"."""
        return str(self._core.model)

    @property
    def orientation(self) -> str:
        """Orientation of the radial measure: ``"input"`` or ``"output"``."""
        return str(self._core.orientation)


class DeaResult(_RadialResult):
    """Result of :func:`dea`.

    Attributes
    ----------
    model : {"ccr", "bcc"}
    orientation : {"input", "output"}
    units : list of str
    inputs, outputs : list
        Column names of the inputs and outputs.
    scores : pandas.Series
        Efficiency in (0, 1]; 1 is on the frontier.
    status : pandas.Series
        "efficient" (score 1, no slack), "weakly efficient" (score 1 with slack) or
        "inefficient".
    input_slacks, output_slacks : pandas.DataFrame
        What is left after the radial move, in the data's units.
    lambdas : pandas.DataFrame
        Units x reference units: the weights of the peers that make each unit's target.
    peers : pandas.Series
        Lists of reference units (lambda > 0).
    targets : pandas.DataFrame
        Inputs and outputs of each unit's projection on the frontier.
    scale : pandas.DataFrame
        CRS, VRS and NIRS scores, scale efficiency (CRS/VRS) and returns to scale.
    super_efficiency : pandas.DataFrame or None
        Andersen-Petersen scores (> 1 for frontier units) and "optimal"/"infeasible".
    bootstrap : pandas.DataFrame or None
        Simar-Wilson bias-corrected scores, bias, interval, standard error, bias ratio.
    replicates : pandas.DataFrame or None
        Bootstrap scores (replicates x units).
    """

    def __init__(
        self,
        core: Any,
        boot: Any | None,
        units: list[str],
        inputs: list[Any],
        outputs: list[Any],
        x: np.ndarray,
        y: np.ndarray,
        *,
        super_efficiency: bool,
        alpha: float,
        seed: int,
        below_rule: bool,
    ) -> None:
        self._core = core
        self._boot = boot
        self.units = units
        self.inputs = inputs
        self.outputs = outputs
        self._x = x
        self._y = y
        self._super = super_efficiency
        self.alpha = alpha
        self.seed = seed
        self._below_rule = below_rule

    # -- raw pieces
    @property
    def n_lp(self) -> int:
        """Linear programs solved (bootstrap not included)."""
        return int(self._core.n_lp)

    @property
    def solver(self) -> str:
        """Name and version of the LP solver."""
        return str(_ef.lp_solver_version())

    def _series(self, values: Any, name: str) -> pd.Series:
        series: pd.Series = pd.Series(
            np.asarray(values, dtype=float), index=pd.Index(self.units, name="unit"), name=name
        )
        return series

    @property
    def scores(self) -> pd.Series:
        """Efficiency score per unit, in (0, 1]; 1 is on the frontier."""
        return self._series(self._core.score, "score")

    @property
    def status(self) -> pd.Series:
        """Per unit: "efficient", "weakly efficient" or "inefficient"."""
        series: pd.Series = pd.Series(
            list(self._core.status), index=pd.Index(self.units, name="unit"), name="status"
        )
        return series

    @property
    def input_slacks(self) -> pd.DataFrame:
        """Input slacks (units x inputs) left after the radial move, in the data's units."""
        table: pd.DataFrame = pd.DataFrame(
            np.asarray(self._core.input_slack),
            index=pd.Index(self.units, name="unit"),
            columns=self.inputs,
        )
        return table

    @property
    def output_slacks(self) -> pd.DataFrame:
        """Output slacks (units x outputs) left after the radial move, in the data's units."""
        table: pd.DataFrame = pd.DataFrame(
            np.asarray(self._core.output_slack),
            index=pd.Index(self.units, name="unit"),
            columns=self.outputs,
        )
        return table

    @property
    def lambdas(self) -> pd.DataFrame:
        """Peer weights (units x reference units) that make each unit's target."""
        frame: pd.DataFrame = pd.DataFrame(
            np.asarray(self._core.lambdas),
            index=pd.Index(self.units, name="unit"),
            columns=pd.Index(self.units, name="peer"),
        )
        return frame

    @property
    def peers(self) -> pd.Series:
        """Per unit, the list of reference units with a positive weight (lambda > 0)."""
        lam = np.asarray(self._core.lambdas)
        return pd.Series(
            [[self.units[j] for j in np.flatnonzero(row > 0.0)] for row in lam],
            index=pd.Index(self.units, name="unit"),
            name="peers",
        )

    @property
    def targets(self) -> pd.DataFrame:
        """Inputs and outputs of each unit's projection on the frontier, in the data's units."""
        data = np.hstack(
            [np.asarray(self._core.input_target), np.asarray(self._core.output_target)]
        )
        table: pd.DataFrame = pd.DataFrame(
            data, index=pd.Index(self.units, name="unit"), columns=[*self.inputs, *self.outputs]
        )
        return table

    @property
    def scale(self) -> pd.DataFrame:
        """CRS, VRS and NIRS scores, scale efficiency (CRS/VRS) and returns to scale per unit."""
        c = self._core
        table: pd.DataFrame = pd.DataFrame(
            {
                "crs_score": np.asarray(c.crs_score),
                "vrs_score": np.asarray(c.vrs_score),
                "nirs_score": np.asarray(c.nirs_score),
                "scale_efficiency": np.asarray(c.scale_efficiency),
                "returns_to_scale": list(c.returns_to_scale),
            },
            index=pd.Index(self.units, name="unit"),
        )
        return table

    @property
    def super_efficiency(self) -> pd.DataFrame | None:
        """Andersen-Petersen scores and their status per unit; None unless requested."""
        if not self._super:
            return None
        table: pd.DataFrame = pd.DataFrame(
            {
                "super_score": np.asarray(self._core.super_score),
                "super_status": list(self._core.super_status),
            },
            index=pd.Index(self.units, name="unit"),
        )
        return table

    @property
    def bootstrap(self) -> pd.DataFrame | None:
        """Simar-Wilson bootstrap summary per unit; None without a bootstrap."""
        b = self._boot
        if b is None:
            return None
        table: pd.DataFrame = pd.DataFrame(
            {
                "score": np.asarray(b.score),
                "bias_corrected": np.asarray(b.bias_corrected),
                "bias": np.asarray(b.bias),
                "lower": np.asarray(b.lower),
                "upper": np.asarray(b.upper),
                "std_error": np.asarray(b.std_error),
                "bias_ratio": np.asarray(b.bias_ratio),
            },
            index=pd.Index(self.units, name="unit"),
        )
        return table

    @property
    def replicates(self) -> pd.DataFrame | None:
        """Bootstrap scores (replicates x units); None without a bootstrap."""
        if self._boot is None:
            return None
        table: pd.DataFrame = pd.DataFrame(
            np.asarray(self._boot.replicates), columns=pd.Index(self.units, name="unit")
        )
        return table

    @property
    def bandwidth(self) -> float | None:
        """Smoothing bandwidth of the bootstrap; None without a bootstrap."""
        return None if self._boot is None else float(self._boot.bandwidth)

    @property
    def n_boot(self) -> int:
        """Number of bootstrap replicates (0 without a bootstrap)."""
        return 0 if self._boot is None else int(self._boot.n_boot)

    # -- the contract
    def _peer_text(self) -> list[str]:
        lam = np.asarray(self._core.lambdas)
        out = []
        for row in lam:
            idx = np.flatnonzero(row > 0.0)
            out.append(", ".join(f"{self.units[j]} ({row[j]:.3g})" for j in idx))
        return out

    def to_frame(self) -> pd.DataFrame:
        """One row per unit.

        Columns: score, status, scale, peers, [super-efficiency], [bootstrap], slacks
        (``slack: <column>``) and targets (``target: <column>``).
        """
        frame: pd.DataFrame = pd.DataFrame({"score": self.scores, "status": self.status})
        frame = frame.join(self.scale)
        frame["peers"] = self._peer_text()
        sup = self.super_efficiency
        if sup is not None:
            frame = frame.join(sup)
        boot = self.bootstrap
        if boot is not None:
            frame = frame.join(boot.drop(columns=["score"]))
        for col in self.inputs:
            frame[f"slack: {col}"] = self.input_slacks[col]
        for col in self.outputs:
            frame[f"slack: {col}"] = self.output_slacks[col]
        targets = self.targets
        for col in targets.columns:
            frame[f"target: {col}"] = targets[col]
        return frame

    def summary(self) -> pd.DataFrame:
        """Units ranked: by super-efficiency when it was computed, else by score.

        A unit whose super-efficiency is infeasible (no combination of the others reproduces
        it) ranks above every feasible one. Columns: rank, score, [bias_corrected, lower,
        upper], [super_score], status, returns_to_scale, peers (with their lambdas).
        """
        frame: pd.DataFrame = pd.DataFrame({"score": self.scores})
        boot = self.bootstrap
        if boot is not None:
            frame["bias_corrected"] = boot["bias_corrected"]
            frame["lower"] = boot["lower"]
            frame["upper"] = boot["upper"]
        sup = self.super_efficiency
        key = "score"
        if sup is not None:
            frame["super_score"] = sup["super_score"]
            key = "super_score"
        frame["status"] = self.status
        frame["returns_to_scale"] = self.scale["returns_to_scale"]
        frame["peers"] = self._peer_text()
        # Infeasible super-efficiency (NaN) ranks first among frontier units: nothing else
        # can reproduce such a unit. Ties keep the data's order.
        rank_key = frame[key].fillna(np.inf) if key == "super_score" else frame[key]
        order = np.argsort(-rank_key.to_numpy(), kind="stable")
        frame = frame.iloc[order]
        frame.insert(0, "rank", np.arange(1, len(frame) + 1))
        return frame

    def _title(self) -> str:
        return (
            f"DEA ({self.model.upper()}, {self.orientation}-oriented): {len(self.units)} units, "
            f"{len(self.inputs)} input(s), {len(self.outputs)} output(s)"
        )

    def _headline(self) -> str:
        scores = self.scores
        n_eff = int((self.status == "efficient").sum())
        text = f"{n_eff} efficient, mean score {scores.mean():.3f}"
        if self._boot is not None:
            text += f", bootstrap B={self.n_boot}"
        return text

    def _notes(self) -> list[str]:
        notes = [
            "Scores lie in (0, 1]; 1 is on the frontier. "
            + (
                "Input orientation: the score is the factor by which all inputs could shrink."
                if self.orientation == "input"
                else "Output orientation: the score is 1/phi, phi the factor by which all outputs could grow."
            ),
            f"Linear programs: {self.solver}; {self.n_lp} solved.",
        ]
        if self._below_rule:
            m, s = len(self.inputs), len(self.outputs)
            notes.append(
                f"Fewer units ({len(self.units)}) than the rule of thumb max(m*s, 3(m+s)) = "
                f"{int(_ef.minimum_units(m, s))}: scores discriminate little."
            )
        sup = self.super_efficiency
        if sup is not None:
            bad = [u for u, st in zip(self.units, sup["super_status"]) if st == "infeasible"]
            if bad:
                notes.append(
                    "Super-efficiency infeasible (no combination of the other units "
                    f"reproduces them): {', '.join(bad)}."
                )
        if self._boot is not None:
            b = self._boot
            notes.append(
                f"Simar-Wilson bootstrap: {int(b.n_boot)} replicates, bandwidth {float(b.bandwidth):.4g}, "
                f"{100 * (1 - self.alpha):g} % intervals, seed {self.seed}."
            )
            if int(b.n_failed):
                notes.append(f"{int(b.n_failed)} bootstrap programs were infeasible and left out.")
        return notes

    # -- plots
    def plot(self, ax: Any = None, lang: str | None = None, kind: str = "scores") -> Any:
        """Draw the scores or the frontier.

        ``kind="scores"``: the scores, with bootstrap intervals when there are any;
        ``kind="frontier"``: the frontier, for one input and one output, two inputs and one
        output (unit isoquant) or one input and two outputs.

        Returns
        -------
        matplotlib.axes.Axes
        """
        lang = resolve_lang(lang)
        kind = _choice(kind, "kind", ("scores", "frontier"))
        if kind == "frontier":
            return self._plot_frontier(ax, lang)
        return self._plot_scores(ax, lang)

    def _plot_scores(self, ax: Any, lang: str) -> Any:
        colors = _colors()
        scores = self.scores
        boot = self.bootstrap
        order = scores.sort_values(kind="stable").index
        with _plot_style():
            ax = _new_axes(ax, figsize=(7.0, max(3.0, 0.3 * len(order) + 1.3)))
            ypos = np.arange(len(order))
            if boot is not None:
                b = boot.loc[order]
                ax.hlines(
                    ypos,
                    b["lower"],
                    b["upper"],
                    color=colors["sky"],
                    lw=3,
                    alpha=0.8,
                    label=_t("interval", lang, level=100 * (1 - self.alpha)),
                )
                ax.plot(
                    b["bias_corrected"],
                    ypos,
                    "o",
                    mfc="white",
                    mec=colors["primary"],
                    label=_t("bias_corrected", lang),
                )
            ax.plot(scores.loc[order], ypos, "o", color=colors["primary"], label=_t("score", lang))
            ax.axvline(1.0, color=colors["neutral"], lw=1, ls=":")
            ax.set_yticks(ypos, [str(u) for u in order])
            ax.set_xlabel(_t("score", lang))
            orient = _t(
                "input_oriented" if self.orientation == "input" else "output_oriented", lang
            )
            ax.set_title(f"{_t('dea_scores', lang)} ({self.model.upper()}, {orient})")
            if boot is not None:
                ax.legend(loc="lower right", fontsize=8)
        return ax

    def _plot_frontier(self, ax: Any, lang: str) -> Any:
        m, s = len(self.inputs), len(self.outputs)
        if (m, s) not in ((1, 1), (2, 1), (1, 2)):
            raise InvalidInputError(
                "a frontier chart needs one input and one output, two inputs and one output, or "
                f"one input and two outputs; this model has {m} input(s) and {s} output(s)"
            )
        colors = _colors()
        scale = self.scale
        with _plot_style():
            ax = _new_axes(ax)
            if (m, s) == (1, 1):
                x, y = self._x[:, 0], self._y[:, 0]
                ax.scatter(x, y, color=colors["primary"], zorder=3)
                best = int(np.argmax(y / x))
                xmax = float(x.max()) * 1.1
                ax.plot(
                    [0.0, xmax],
                    [0.0, xmax * y[best] / x[best]],
                    color=colors["accent"],
                    lw=1.2,
                    label=_t("crs_frontier", lang),
                )
                vrs = np.flatnonzero(np.abs(scale["vrs_score"].to_numpy() - 1.0) <= 1e-6)
                pts = sorted(((float(x[j]), float(y[j])) for j in vrs), key=lambda p: (p[0], p[1]))
                hull: list[tuple[float, float]] = []
                for p in pts:
                    if not hull or p[1] > hull[-1][1] + 1e-12:
                        hull.append(p)
                if hull:
                    hx = [hull[0][0]] + [p[0] for p in hull] + [xmax]
                    hy = [0.0] + [p[1] for p in hull] + [hull[-1][1]]
                    ax.plot(
                        hx,
                        hy,
                        color=colors["secondary"],
                        lw=1.2,
                        ls="--",
                        label=_t("vrs_frontier", lang),
                    )
                ax.set_xlabel(str(self.inputs[0]))
                ax.set_ylabel(str(self.outputs[0]))
                ax.set_xlim(left=0.0)
                ax.set_ylim(bottom=0.0)
            else:
                if (m, s) == (2, 1):
                    px, py = self._x[:, 0] / self._y[:, 0], self._x[:, 1] / self._y[:, 0]
                    xl = f"{self.inputs[0]} / {self.outputs[0]}"
                    yl = f"{self.inputs[1]} / {self.outputs[0]}"
                else:
                    px, py = self._y[:, 0] / self._x[:, 0], self._y[:, 1] / self._x[:, 0]
                    xl = f"{self.outputs[0]} / {self.inputs[0]}"
                    yl = f"{self.outputs[1]} / {self.inputs[0]}"
                ax.scatter(px, py, color=colors["primary"], zorder=3)
                eff = np.flatnonzero(np.abs(scale["crs_score"].to_numpy() - 1.0) <= 1e-6)
                chain = _frontier_chain(px[eff], py[eff], isoquant=(m, s) == (2, 1))
                if chain:
                    fx = [p[0] for p in chain]
                    fy = [p[1] for p in chain]
                    if (m, s) == (2, 1):  # isoquant: extend up and to the right
                        fx = [fx[0], *fx, float(px.max()) * 1.1]
                        fy = [float(py.max()) * 1.1, *fy, fy[-1]]
                    else:  # output frontier: extend to both axes
                        fx = [0.0, *fx, fx[-1]]
                        fy = [fy[0], *fy, 0.0]
                    ax.plot(fx, fy, color=colors["accent"], lw=1.2, label=_t("crs_frontier", lang))
                ax.set_xlabel(xl)
                ax.set_ylabel(yl)
                ax.set_xlim(left=0.0)
                ax.set_ylim(bottom=0.0)
            for j, u in enumerate(self.units):
                xx = self._x[j, 0] if (m, s) == (1, 1) else px[j]
                yy = self._y[j, 0] if (m, s) == (1, 1) else py[j]
                ax.annotate(
                    str(u),
                    (float(xx), float(yy)),
                    xytext=(3, 3),
                    textcoords="offset points",
                    fontsize=8,
                )
            ax.set_title(_t("frontier", lang))
            ax.legend(fontsize=8)
        return ax


def dea(
    data: pd.DataFrame,
    inputs: str | Sequence[str],
    outputs: str | Sequence[str],
    *,
    model: str = "ccr",
    orientation: str = "input",
    super_efficiency: bool = False,
    slacks: bool = True,
    n_boot: int = 0,
    seed: int | None = None,
    n_threads: int | None = None,
    progress: ProgressLike = False,
    unit: str | None = None,
    alpha: float = 0.05,
    bandwidth: float | None = None,
    check_units: bool = True,
    executor: Any = None,
    block_size: int | None = None,
) -> DeaResult:
    """Data envelopment analysis of every unit (row) of ``data``.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per unit (decision-making unit); unit names from the index or ``unit``.
    inputs, outputs : str or list of str
        Columns of inputs (strictly positive) and outputs (non-negative; every unit needs
        at least one positive output).
    model : {"ccr", "bcc"}
        Constant (CCR) or variable (BCC) returns to scale.
    orientation : {"input", "output"}
        Shrink inputs at given outputs, or expand outputs at given inputs.
    super_efficiency : bool
        Also compute Andersen-Petersen super-efficiency (each unit against the others);
        frontier units score above 1, and a unit no combination of the others can
        reproduce is reported as ``"infeasible"`` (common under BCC).
    slacks : bool
        Second phase: at the radial optimum, maximise the (unweighted) sum of slacks, as
        in Cooper, Seiford & Tone (2007). With False the slacks are what the first phase
        leaves and "weakly efficient" may go undetected.
    n_boot : int
        Simar & Wilson (1998) bootstrap replicates (0 = none; 2000 is the usual choice).
    seed : int, optional
        Seed of the bootstrap; None means ``innozone.options.seed``. The same seed gives
        the same numbers at any number of threads.
    n_threads : int, optional
        Threads; None means ``innozone.options.n_threads`` (0 = one per core).
    progress : bool or callable
        True for a tqdm bar, or a callable ``(done, total)`` returning False to stop.
    unit : str, optional
        Column holding the unit names (default: the index).
    alpha : float
        1 - confidence level of the bootstrap intervals (a fraction: 0.05 for 95 %).
    bandwidth : float, optional
        Kernel bandwidth of the bootstrap on the distance scale (1/score); None uses
        Silverman's robust rule on the reflected distances (Daraio & Simar 2007).
    check_units : bool
        Refuse fewer units than the rule of thumb n >= max(m*s, 3(m+s)).
    executor : dask.distributed.Client, optional
        Compute the bootstrap replicates on a Dask cluster, ``block_size`` (>= 2) per task;
        each replicate has its own stream and the summaries are computed here from all of
        them, so the result equals the local one.
    block_size : int, optional
        Bootstrap replicates per task with ``executor`` (None: about four tasks per worker
        thread).

    Returns
    -------
    DeaResult

    Raises
    ------
    innozone.InvalidInputError
        Bad arguments; missing values (naming unit and column); non-positive inputs;
        negative outputs; a unit whose outputs are all zero; too few units.
    innozone.NotFoundError
        A column that ``data`` does not have.

    Examples
    --------
    >>> import pandas as pd, innozone
    >>> df = pd.DataFrame({"x": [2, 3, 6, 5], "y": [2, 5, 7, 3]}, index=list("ABCD"))
    >>> res = innozone.dea(df, "x", "y", model="bcc", check_units=False)
    >>> res.scores.round(3).tolist()
    [1.0, 1.0, 1.0, 0.467]
    """
    data = _check_frame(data)
    model = _choice(model, "model", _MODELS)
    orientation = _choice(orientation, "orientation", _ORIENTATIONS)
    super_efficiency = _flag(super_efficiency, "super_efficiency")
    slacks = _flag(slacks, "slacks")
    check_units = _flag(check_units, "check_units")
    n_boot = check_count(n_boot, "n_boot", minimum=0)
    if n_boot == 1:
        raise InvalidInputError("n_boot must be 0 (no bootstrap) or at least 2, got 1")
    seed = resolve_seed(seed)
    threads = resolve_threads(n_threads)
    alpha = check_fraction(alpha, "alpha", low_open=True, high_open=True)
    if bandwidth is not None and (
        isinstance(bandwidth, bool)
        or not isinstance(bandwidth, numbers.Real)
        or not (math.isfinite(float(bandwidth)) and float(bandwidth) > 0.0)
    ):
        raise InvalidInputError(f"bandwidth must be a positive number or None, got {bandwidth!r}")
    in_cols = _names(inputs, "inputs")
    out_cols = _names(outputs, "outputs")
    both = [c for c in in_cols if c in out_cols]
    if both:
        raise InvalidInputError(f"column {both[0]!r} is listed both as an input and an output")
    _require_columns(data, in_cols, "inputs")
    _require_columns(data, out_cols, "outputs")
    units = _unit_labels(data, unit)
    x = _matrix(data, in_cols, units, "input")
    y = _matrix(data, out_cols, units, "output")
    n, m, s = len(units), len(in_cols), len(out_cols)
    _rule_of_thumb(n, m, s, check_units)
    names_in = [str(c) for c in in_cols]
    names_out = [str(c) for c in out_cols]
    with progress_callback(progress, "DEA") as callback:
        core = _ef.dea(
            x,
            y,
            model=model,
            orientation=orientation,
            slacks=slacks,
            super_efficiency=super_efficiency,
            units=units,
            input_names=names_in,
            output_names=names_out,
            n_threads=threads,
            progress=callback,
        )
    boot = None
    if n_boot:
        run_bootstrap: Any = _ef.bootstrap
        if executor is not None:  # replicates on a Dask cluster (same numbers)
            from . import distributed

            run_bootstrap = distributed.dea_bootstrap_on(executor, block_size)
        with progress_callback(progress, "DEA bootstrap") as callback:
            boot = run_bootstrap(
                x,
                y,
                np.asarray(core.score),
                model=model,
                orientation=orientation,
                n_boot=n_boot,
                seed=seed,
                alpha=alpha,
                bandwidth=0.0 if bandwidth is None else float(bandwidth),
                n_threads=threads,
                progress=callback,
            )
    return DeaResult(
        core,
        boot,
        units,
        in_cols,
        out_cols,
        x,
        y,
        super_efficiency=super_efficiency,
        alpha=alpha,
        seed=seed,
        below_rule=n < int(_ef.minimum_units(m, s)),
    )


# --------------------------------------------------------------------------- panels
def _panel(
    data: pd.DataFrame, inputs: Any, outputs: Any, unit: str, time: str
) -> tuple[list[str], list[Any], list[np.ndarray], list[np.ndarray], list[Any], list[Any]]:
    data = _check_frame(data)
    if not isinstance(unit, str) or not isinstance(time, str):
        raise InvalidInputError("unit= and time= must name the unit and time columns")
    in_cols = _names(inputs, "inputs")
    out_cols = _names(outputs, "outputs")
    _require_columns(data, [unit], "unit")
    _require_columns(data, [time], "time")
    _require_columns(data, in_cols, "inputs")
    _require_columns(data, out_cols, "outputs")
    if data[unit].isna().any():
        raise InvalidInputError(f"unit={unit!r}: missing unit names")
    if data[time].isna().any():
        raise InvalidInputError(f"time={time!r}: missing periods")
    try:
        periods = sorted(
            v.item() if isinstance(v, np.generic) else v for v in pd.unique(data[time])
        )
    except TypeError as exc:
        raise InvalidInputError(f"time={time!r}: periods cannot be ordered ({exc})") from None
    units = [v.item() if isinstance(v, np.generic) else v for v in pd.unique(data[unit])]
    labels = [str(u) for u in units]
    dup = data.duplicated([unit, time])
    if dup.any():
        row = data[dup].iloc[0]
        raise InvalidInputError(f"unit {row[unit]!r} has more than one row for period {row[time]}")
    xs: list[np.ndarray] = []
    ys: list[np.ndarray] = []
    for t in periods:
        block = data[data[time] == t].set_index(unit)
        absent = [u for u in units if u not in block.index]
        if absent:
            raise InvalidInputError(
                f"unit {absent[0]!r} has no row for period {t}; the panel must be balanced"
            )
        block = block.loc[units]
        xs.append(_matrix(block, in_cols, labels, f"input (period {t})"))
        ys.append(_matrix(block, out_cols, labels, f"output (period {t})"))
    return labels, periods, xs, ys, in_cols, out_cols


def _period_text(period: Any) -> str:
    """A period for titles and window names: a date without its midnight time."""
    if isinstance(period, (np.datetime64, datetime.datetime)):
        period = pd.Timestamp(period)
    if isinstance(period, pd.Timestamp) and period == period.normalize():
        return str(period.date())
    return str(period)


class MalmquistResult(_RadialResult):
    """Result of :func:`malmquist`: the index between consecutive periods, per unit.

    Values above 1 mean productivity growth. ``efficiency_change`` x ``technical_change``
    = ``malmquist``; with constant returns, ``pure_efficiency_change`` x ``scale_change`` =
    ``efficiency_change``.
    """

    _COLUMNS = (
        "malmquist",
        "efficiency_change",
        "technical_change",
        "pure_efficiency_change",
        "scale_change",
        "score_t_t",
        "score_t_t1",
        "score_t1_t",
        "score_t1_t1",
    )

    def __init__(
        self, core: Any, units: list[str], periods: list[Any], inputs: list[Any], outputs: list[Any]
    ) -> None:
        self._core = core
        self.units = units
        self.periods = periods
        self.inputs = inputs
        self.outputs = outputs

    def to_frame(self) -> pd.DataFrame:
        """One row per unit and step: unit, period_from, period_to and the indices."""
        rows = []
        arrays = {c: np.asarray(getattr(self._core, c)) for c in self._COLUMNS}
        for t in range(len(self.periods) - 1):
            for i, u in enumerate(self.units):
                row: dict[str, Any] = {
                    "unit": u,
                    "period_from": self.periods[t],
                    "period_to": self.periods[t + 1],
                }
                for c in self._COLUMNS:
                    row[c] = float(arrays[c][i, t])
                rows.append(row)
        table: pd.DataFrame = pd.DataFrame(rows)
        return table

    def summary(self) -> pd.DataFrame:
        """Per unit, the geometric mean over all steps (last row: over all units)."""
        frame = self.to_frame()
        cols = ["malmquist", "efficiency_change", "technical_change"]

        def gmean(values: pd.Series) -> float:
            v = values.to_numpy(dtype=float)
            v = v[np.isfinite(v) & (v > 0)]
            return float(np.exp(np.mean(np.log(v)))) if v.size else float("nan")

        out = frame.groupby("unit", sort=False)[cols].agg(gmean)
        out.loc["geometric mean"] = [gmean(frame[c]) for c in cols]
        return out

    def _title(self) -> str:
        return (
            f"Malmquist index ({self.model.upper()}, {self.orientation}-oriented): "
            f"{len(self.units)} units, "
            f"{_period_text(self.periods[0])}-{_period_text(self.periods[-1])}"
        )

    def _headline(self) -> str:
        value = _num(self.summary().loc["geometric mean", "malmquist"])
        return f"geometric mean {value:.3f}"

    def _notes(self) -> list[str]:
        notes = [
            (
                "Above 1: productivity grew. Malmquist = efficiency change x technical change "
                "(Färe, Grosskopf, Norris & Zhang 1994)."
            )
        ]
        if int(self._core.n_infeasible):
            notes.append(
                f"{int(self._core.n_infeasible)} cross-period programs were infeasible "
                "(NaN), as can happen under variable returns."
            )
        return notes

    def plot(self, ax: Any = None, lang: str | None = None) -> Any:
        """The cumulative index per unit (1 in the first period)."""
        lang = resolve_lang(lang)
        m = np.asarray(self._core.malmquist)
        with _plot_style():
            ax = _new_axes(ax)
            xs = list(range(len(self.periods)))
            for i, u in enumerate(self.units):
                ax.plot(xs, np.concatenate([[1.0], np.cumprod(m[i])]), marker="o", label=str(u))
            ax.axhline(1.0, color=_colors()["neutral"], lw=1, ls=":")
            ax.set_xticks(xs, [str(p) for p in self.periods])
            ax.set_xlabel(_t("period", lang))
            ax.set_ylabel(_t("malmquist", lang))
            if len(self.units) <= 15:
                ax.legend(fontsize=7, ncol=2)
        return ax


def malmquist(
    data: pd.DataFrame,
    inputs: str | Sequence[str],
    outputs: str | Sequence[str],
    *,
    unit: str,
    time: str,
    model: str = "ccr",
    orientation: str = "input",
    n_threads: int | None = None,
    progress: ProgressLike = False,
) -> MalmquistResult:
    """Malmquist productivity index of a balanced panel between consecutive periods.

    For periods t and t+1, with E^a(b) the score of a unit's period-b data against the
    period-a frontier: malmquist = sqrt(E^t(t+1) E^(t+1)(t+1) / (E^t(t) E^(t+1)(t))),
    efficiency change (catching up) = E^(t+1)(t+1) / E^t(t) and technical change
    (frontier shift) = the rest; values above 1 mean growth. With ``model="ccr"`` (the
    usual choice) efficiency change is split further into pure efficiency change (the
    same ratio under variable returns) and scale change.

    Parameters
    ----------
    data : pandas.DataFrame
        Long panel: one row per unit and period.
    inputs, outputs : str or list of str
    unit, time : str
        Unit and period columns; every unit needs one row in every period.
    model : {"ccr", "bcc"}
        Technology of the distance functions. Under "bcc" cross-period programs can be
        infeasible (reported as NaN).
    orientation : {"input", "output"}
    n_threads : int, optional
    progress : bool or callable

    Returns
    -------
    MalmquistResult
    """
    model = _choice(model, "model", _MODELS)
    orientation = _choice(orientation, "orientation", _ORIENTATIONS)
    threads = resolve_threads(n_threads)
    labels, periods, xs, ys, in_cols, out_cols = _panel(data, inputs, outputs, unit, time)
    if len(periods) < 2:
        raise InvalidInputError(f"the Malmquist index needs at least two periods, got {periods}")
    with progress_callback(progress, "Malmquist") as callback:
        core = _ef.malmquist(
            xs,
            ys,
            model=model,
            orientation=orientation,
            units=labels,
            input_names=[str(c) for c in in_cols],
            output_names=[str(c) for c in out_cols],
            periods=[str(p) for p in periods],
            n_threads=threads,
            progress=callback,
        )
    return MalmquistResult(core, labels, periods, in_cols, out_cols)


class WindowAnalysisResult(_RadialResult):
    """Result of :func:`dea_windows`: every unit-period's score in every window."""

    def __init__(
        self, core: Any, units: list[str], periods: list[Any], inputs: list[Any], outputs: list[Any]
    ) -> None:
        self._core = core
        self.units = units
        self.periods = periods
        self.inputs = inputs
        self.outputs = outputs
        self.width = int(core.width)

    def _window_name(self, w: int) -> str:
        first, last = self.periods[w], self.periods[w + self.width - 1]
        return f"{_period_text(first)}-{_period_text(last)}"

    def to_frame(self) -> pd.DataFrame:
        """Long table: unit, window, period, score."""
        rows = []
        for w, block in enumerate(self._core.scores):
            arr = np.asarray(block)
            for i, u in enumerate(self.units):
                for k in range(self.width):
                    rows.append(
                        {
                            "unit": u,
                            "window": self._window_name(w),
                            "period": self.periods[w + k],
                            "score": float(arr[i, k]),
                        }
                    )
        table: pd.DataFrame = pd.DataFrame(rows)
        return table

    def table(self) -> pd.DataFrame:
        """The classic layout: rows unit x window, columns periods."""
        frame = self.to_frame()
        wide: pd.DataFrame = frame.pivot_table(
            index=["unit", "window"], columns="period", values="score", sort=False
        )
        return wide

    def summary(self) -> pd.DataFrame:
        """Per unit: mean score, LDY and LDP.

        LDY is the largest difference within a period across windows, LDP the largest over
        the whole panel, as in Cooper, Seiford & Tone (2007).
        """
        frame = self.to_frame()
        out = []
        for u, g in frame.groupby("unit", sort=False):
            per = g.groupby("period")["score"]
            out.append(
                {
                    "unit": u,
                    "mean": float(g["score"].mean()),
                    "ldy": float((per.max() - per.min()).max()),
                    "ldp": float(g["score"].max() - g["score"].min()),
                }
            )
        table: pd.DataFrame = pd.DataFrame(out).set_index("unit")
        return table

    def _title(self) -> str:
        return (
            f"DEA window analysis ({self.model.upper()}, {self.orientation}-oriented): "
            f"{len(self.units)} units, windows of {self.width} periods"
        )

    def _headline(self) -> str:
        return f"{len(self._core.scores)} windows, mean score {self.to_frame()['score'].mean():.3f}"

    def plot(self, ax: Any = None, lang: str | None = None) -> Any:
        """Each unit's mean score per period over the windows that contain it."""
        lang = resolve_lang(lang)
        frame = self.to_frame()
        means = frame.groupby(["unit", "period"], sort=False)["score"].mean().unstack("period")
        with _plot_style():
            ax = _new_axes(ax)
            xs = list(range(len(self.periods)))
            for u in self.units:
                ax.plot(
                    xs, means.loc[u, self.periods].to_numpy(dtype=float), marker="o", label=str(u)
                )
            ax.set_xticks(xs, [str(p) for p in self.periods])
            ax.set_xlabel(_t("period", lang))
            ax.set_ylabel(_t("window_mean", lang))
            if len(self.units) <= 15:
                ax.legend(fontsize=7, ncol=2)
        return ax


def dea_windows(
    data: pd.DataFrame,
    inputs: str | Sequence[str],
    outputs: str | Sequence[str],
    *,
    unit: str,
    time: str,
    width: int = 3,
    model: str = "ccr",
    orientation: str = "input",
    n_threads: int | None = None,
    progress: ProgressLike = False,
) -> WindowAnalysisResult:
    """DEA window analysis (Charnes, Clark, Cooper & Golany 1985).

    Each window of ``width`` consecutive periods pools every unit-period observation as a
    separate unit; every observation is scored against its window's frontier, so a unit's
    score in a period can be read across the windows that contain it.

    Parameters
    ----------
    data : pandas.DataFrame
        Balanced long panel.
    inputs, outputs : str or list of str
    unit, time : str
    width : int
        Periods per window (3 is common; 1 gives per-period DEA, the panel's length one
        pooled DEA).
    model : {"ccr", "bcc"}
    orientation : {"input", "output"}
    n_threads : int, optional
    progress : bool or callable

    Returns
    -------
    WindowAnalysisResult
    """
    model = _choice(model, "model", _MODELS)
    orientation = _choice(orientation, "orientation", _ORIENTATIONS)
    width = check_count(width, "width", minimum=1)
    threads = resolve_threads(n_threads)
    labels, periods, xs, ys, in_cols, out_cols = _panel(data, inputs, outputs, unit, time)
    if width > len(periods):
        raise InvalidInputError(f"width={width} exceeds the {len(periods)} periods of the panel")
    with progress_callback(progress, "DEA windows") as callback:
        core = _ef.window_analysis(
            xs,
            ys,
            width,
            model=model,
            orientation=orientation,
            units=labels,
            input_names=[str(c) for c in in_cols],
            output_names=[str(c) for c in out_cols],
            periods=[str(p) for p in periods],
            n_threads=threads,
            progress=callback,
        )
    return WindowAnalysisResult(core, labels, periods, in_cols, out_cols)


# --------------------------------------------------------------------------- zones
#: Inputs of the zone table: phase budget per year (억원) and designated area (km²).
ZONE_INPUTS: tuple[str, ...] = ("budget", "area")
#: Outputs of the zone table (indicator ids of the program format), per year.
ZONE_OUTPUTS: tuple[str, ...] = (
    "tech-transfer-equity",
    "research-institute-companies",
    "startups",
    "revenue",
    "jobs",
)
_ZONE_UNITS = {
    "budget": ("억원/년", "억원 per year"),
    "area": ("km²", "km²"),
    "tech-transfer-equity": ("건/년", "cases per year"),
    "research-institute-companies": ("개/년", "firms per year"),
    "startups": ("개/년", "firms per year"),
    "revenue": ("억원/년", "억원 per year"),
    "jobs": ("명/년", "persons per year"),
}
_BUDGET_WINDOW_INDICATOR = "budget-window-total"


def _zone_label(var: str, lang: str) -> str:
    """A variable of the zone table in ``lang`` (registry keys ``zone_var.*``)."""
    return _labels.label_or(f"zone_var.{var}", var, lang)


def _short_zone_name(program: Any, lang: str) -> str:
    if lang == "ko":
        return str(program.name_ko).replace(" 강소연구개발특구", "")
    return str(program.name_en).replace(" Gangso R&D Special Zone", "")


def _month_of(date: Any) -> tuple[int, int] | None:
    """(year, month) of a ``YYYY-MM`` or ``YYYY-MM-DD`` date, else None."""
    if not isinstance(date, str):
        return None
    found = re.match(r"^(\d{4})-(\d{2})", date)
    if not found:
        return None
    return int(found.group(1)), int(found.group(2))


def _covered_years(start: int, end: int, date: Any) -> float:
    """Years a cumulative window covers.

    To the end of ``end``, or to the month of ``date`` when the date falls in the window's
    last year.
    """
    years = float(end - start + 1)
    ym = _month_of(date)
    if ym is not None and ym[0] == end:
        years = float(end - start) + ym[1] / 12.0
    return years


class ZoneTable(Result):
    """Result of :func:`zone_io_table`: per-year inputs and outputs of each zone.

    Attributes
    ----------
    data : pandas.DataFrame
        Index: program id; columns: the variables (per-year rates; area in km²); NaN where
        the zone lacks the figure.
    names : pandas.Series
        Short zone names in the table's language.
    coverage : pandas.DataFrame
        One row per zone and variable: the figure used (value, window, years covered, per
        year, role, confidence, source, date) or why it is missing.
    missing : pandas.DataFrame
        One row per zone that lacks a figure, naming the missing variables.
    phase : str
    lang : str
    """

    def __init__(
        self,
        data: pd.DataFrame,
        names: pd.Series,
        coverage: pd.DataFrame,
        phase: str,
        lang: str,
        variables: list[str],
        windows: Mapping[tuple[int, int], int] | None = None,
    ) -> None:
        self.data = data
        self.names = names
        self.coverage = coverage
        self.phase = phase
        self.lang = lang
        self.variables = variables
        #: ``(start_year, end_year) -> number of zones`` of the phase, from the document.
        self.windows: dict[tuple[int, int], int] = dict(windows or {})

    @property
    def missing(self) -> pd.DataFrame:
        """One row per zone that lacks a figure, naming the missing variables."""
        rows = []
        for zone in self.data.index:
            lacks = [v for v in self.variables if not np.isfinite(self.data.loc[zone, v])]
            if lacks:
                rows.append(
                    {
                        "zone": zone,
                        "name": self.names[zone],
                        "missing": ", ".join(_zone_label(v, self.lang) for v in lacks),
                        "variables": lacks,
                    }
                )
        table: pd.DataFrame = pd.DataFrame(
            rows, columns=["zone", "name", "missing", "variables"]
        ).set_index("zone")
        return table

    def complete(self, variables: Sequence[str] | None = None) -> pd.DataFrame:
        """Zones that have every one of ``variables`` (default: all), with their values.

        The index holds the zones' short names.
        """
        want = list(self.variables if variables is None else variables)
        unknown = [v for v in want if v not in self.data.columns]
        if unknown:
            raise NotFoundError(
                f"zone table has no variable {unknown[0]!r}; it has {self.variables}"
            )
        sub = self.data[want]
        sub = sub[np.isfinite(sub.to_numpy(dtype=float)).all(axis=1)]
        out: pd.DataFrame = pd.DataFrame(sub.copy())
        out.index = pd.Index([self.names[z] for z in sub.index], name="zone")
        return out

    def to_frame(self) -> pd.DataFrame:
        """The zone table: the short name, then every variable, one row per zone."""
        frame: pd.DataFrame = self.data.copy()
        frame.insert(0, "name", self.names)
        return frame

    def summary(self) -> pd.DataFrame:
        """Per zone: how many of the variables it has, and which it lacks."""
        miss = self.missing
        rows = []
        for zone in self.data.index:
            have = int(np.isfinite(self.data.loc[zone, self.variables].to_numpy(dtype=float)).sum())
            rows.append(
                {
                    "zone": zone,
                    "name": self.names[zone],
                    "figures": have,
                    "missing": miss.loc[zone, "missing"] if zone in miss.index else "",
                }
            )
        table: pd.DataFrame = pd.DataFrame(rows).set_index("zone")
        return table

    def _title(self) -> str:
        return f"Gangso zones: inputs and outputs per year of {self.phase}"

    def _headline(self) -> str:
        return (
            f"{len(self.data)} zones, {len(self.complete())} with every figure, "
            f"{len(self.missing)} lacking some"
        )

    def _notes(self) -> list[str]:
        return [zone_window_statement(self.phase, "en", self.windows)]

    def plot(self, ax: Any = None, lang: str | None = None) -> Any:
        """Which zone has which figure (filled: available, empty: missing)."""
        lang = resolve_lang(lang)
        avail = np.isfinite(self.data[self.variables].to_numpy(dtype=float))
        colors = _colors()
        with _plot_style():
            ax = _new_axes(ax, figsize=(7.0, max(3.0, 0.32 * len(self.data) + 1.5)))
            for i in range(avail.shape[0]):
                for j in range(avail.shape[1]):
                    ax.scatter(
                        j,
                        i,
                        s=90,
                        marker="s",
                        color=colors["primary"] if avail[i, j] else "white",
                        edgecolor=colors["primary"] if avail[i, j] else colors["accent"],
                    )
            ax.set_xticks(
                range(len(self.variables)),
                [_zone_label(v, lang) for v in self.variables],
                rotation=30,
                ha="right",
            )
            ax.set_yticks(range(len(self.data)), [str(self.names[z]) for z in self.data.index])
            ax.invert_yaxis()
            ax.set_title(_t("availability", lang))
            ax.grid(False)
        return ax


def zone_window_statement(
    phase: str, lang: str, windows: Mapping[tuple[int, int], int] | None = None
) -> str:
    """The window rule of :func:`zone_io_table`, in words.

    ``windows`` (the phase's years -> number of zones, :attr:`ZoneTable.windows`) lists the
    windows of the document; no window is written in the code.
    """
    spans = sorted((windows or {}).items())
    if lang == "ko":
        listed = ", ".join(f"{a}-{b} {n}개 특구" for (a, b), n in spans)
        return (
            f"기간: 각 특구의 {phase} 기간{f'({listed})' if listed else ''}에 발표된 값. "
            "산출은 지정 연도부터 해당 기간 말까지의 누적 발표값 중 가장 긴 기간의 값을 그 기간이 포함하는 "
            "연수(자료 기준 시점의 월까지)로 나눈 연평균이며, 같은 기간이 여러 번 발표되었으면 가장 늦은 "
            "기준 시점의 값을 씁니다. 사업비는 실적을 계획보다 우선하여 같은 방식으로 연평균, 면적은 단계 "
            "시작 시점의 지정 면적(km²)입니다. 없는 값은 채우지 않고 '없음'으로 표시합니다."
        )
    listed = ", ".join(f"{a}-{b} for {n} zone{'s' if n != 1 else ''}" for (a, b), n in spans)
    return (
        f"Window: each zone's {phase}{f' ({listed})' if listed else ''}. Outputs: of the "
        "cumulative figures published from the designation year to "
        "the phase end, the one covering the most years, divided by the years it covers (to the "
        "month of its cut-off date); when the same window was published more than once, the "
        "latest date wins. Budget: actual before plan, then the same rule, per year. Area: the "
        "designated area (km²) at the start of the phase. Nothing is filled in: a zone without "
        "a figure is listed as missing."
    )


def _num(value: Any) -> float:
    """A float from a table cell (NaN for missing)."""
    return float("nan") if value is None or pd.isna(value) else float(value)


def _year(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _zone_area(area: list[dict[str, Any]], start: int) -> dict[str, Any]:
    """The designated area in force at the start of the phase (km²).

    ``area``: the zone's program-level area observations with a year (actual or derived), in
    file order.
    """
    if not area:
        return {"note": "no designated area in the data"}
    before = [r for r in area if r["year"] <= start]
    by_year = sorted(before or area, key=lambda r: int(r["year"]))  # stable: file order
    pick = by_year[-1] if before else by_year[0]
    value = _num(pick["value"])
    return {
        "value": value,
        "per_year": value,
        "unit": "km²",
        "window": str(_year(pick["year"])),
        "role": pick["role"],
        "confidence": pick["confidence"],
        "source": pick["source"],
        "note": "area at the start of the phase"
        if before
        else "earliest area on record (none before the phase)",
    }


def _zone_budget(
    budget: list[dict[str, Any]],
    phase: str,
    start: int,
    end: int,
    windows: list[dict[str, Any]],
) -> dict[str, Any]:
    """The phase budget per year: actual before plan, then the longest window.

    ``budget``: the zone's budget items of the phase; ``windows``: its published
    multi-year budget figures within the window, with the years they cover.
    """
    candidates: list[dict[str, Any]] = []
    total = [b for b in budget if b["item"] == "total"]
    for b in total:
        candidates.append(
            {
                "value": _num(b["krw"]) / 1e8,
                "window": f"{start}-{end}",
                "years": float(end - start + 1),
                "role": b["role"],
                "confidence": b["confidence"],
                "source": b["source"],
                "note": "phase budget total",
            }
        )
    if not total:
        lines = [
            b
            for b in budget
            if b["item"] == "line"
            and _year(b["year"]) is not None
            and b["funding_source"] == "total"
        ]
        if lines:
            years = sorted({int(b["year"]) for b in lines})
            candidates.append(
                {
                    "value": float(sum(float(b["krw"]) for b in lines)) / 1e8,
                    "window": f"{years[0]}-{years[-1]}",
                    "years": float(len(years)),
                    "role": "plan" if any(b["role"] == "plan" for b in lines) else "actual",
                    "confidence": ", ".join(
                        sorted({str(b["confidence"]) for b in lines if b["confidence"]})
                    ),
                    "source": str(lines[0]["source"]),
                    "note": f"yearly total lines of {len(years)} year(s)",
                }
            )
    for b in windows:
        candidates.append(
            {
                "value": _num(b["value"]),
                "window": f"{_year(b['window_start'])}-{_year(b['window_end'])}",
                "years": _num(b["years"]),
                "role": b["role"],
                "confidence": b["confidence"],
                "source": b["source"],
                "date": b["date"],
                "note": "multi-year budget figure",
            }
        )
    if not candidates:
        return {"note": f"no {phase} budget in the data"}
    best = max(candidates, key=lambda c: (c["role"] == "actual", c["years"]))
    return {**best, "unit": "억원", "per_year": best["value"] / best["years"]}


def _zone_output(pick: dict[str, Any] | None, published: int, phase: str) -> dict[str, Any]:
    """The published cumulative figure covering the most years, per year.

    Ties: the latest window end, then the latest date (a later release of the same window
    wins). ``pick`` is that figure's row (None when none is published), ``published`` the
    number of figures it was chosen from.
    """
    if pick is None:
        return {"note": f"not published for {phase}"}
    value = _num(pick["value"])
    years = _num(pick["years"])
    return {
        "value": value,
        "per_year": value / years,
        "unit": str(pick["unit"]),
        "window": f"{_year(pick['window_start'])}-{_year(pick['window_end'])}",
        "years": years,
        "role": pick["role"],
        "confidence": pick["confidence"],
        "source": pick["source"],
        "date": pick["date"],
        "note": None if published == 1 else f"chosen among {published} published figures",
    }


def zone_io_table(
    document: Any = None,
    *,
    phase: str = "phase-1",
    inputs: Sequence[str] = ZONE_INPUTS,
    outputs: Sequence[str] = ZONE_OUTPUTS,
    lang: str | None = None,
) -> ZoneTable:
    """Input/output table of the Gangso R&D special zones, per year of operation.

    Built from the embedded ``gangso-zones`` dataset (or another document whose programs
    are of kind ``gangso-zone``) over a stated common window: each zone's ``phase``
    (phase 1: 2020-2024 for batch 1, 2021-2025 for batch 2, 2022-2026 for batch 3).

    - Outputs (technology transfers, research-institute companies, start-ups, revenue,
      jobs): of the cumulative ``actual`` figures published for windows from the
      designation year to the phase end, the one covering the most years, divided by the
      years it covers (counted to the month of its cut-off ``date`` when the date falls in
      the window's last year). When one window was published more than once, the latest
      date wins.
    - Budget: the phase budget (total, or yearly lines) or a published multi-year budget
      figure, ``actual`` before ``plan``, then the longest window; per year.
    - Area: the designated area (km²) in force at the start of the phase.

    Nothing is filled in: a zone without a figure gets NaN and is listed in
    :attr:`ZoneTable.missing`; :attr:`ZoneTable.coverage` shows, for every figure used,
    its window, years, source and confidence.

    Parameters
    ----------
    document : innozone.Document, str or None
        The document (default: ``innozone.load("gangso-zones")``).
    phase : str
        Phase id of every zone.
    inputs, outputs : sequence of str
        Variables: ``"budget"``, ``"area"`` and indicator ids.
    lang : {"en", "ko"}, optional
        Language of the zone names; None means ``innozone.options.lang``.

    Returns
    -------
    ZoneTable
    """
    from .program import Document, load

    lang = resolve_lang(lang)
    if document is None:
        document = load("gangso-zones")
    elif isinstance(document, str):
        document = load(document)
    if not isinstance(document, Document):
        raise InvalidInputError(
            "document must be an innozone Document or a dataset name, "
            f"got {type(document).__name__}"
        )
    variables = [*list(inputs), *list(outputs)]
    zones = [p for p in document.programs if p.kind == "gangso-zone"]
    if not zones:
        raise NotFoundError(f"document {document.id!r} holds no program of kind 'gangso-zone'")
    sources = document.sources
    publishers = dict(zip(sources["source"], sources["publisher"]))
    data = pd.DataFrame(
        np.nan, index=pd.Index([z.id for z in zones], name="zone"), columns=variables
    )
    names = pd.Series({z.id: _short_zone_name(z, lang) for z in zones}, name="name")
    blank = {
        "value": np.nan,
        "unit": None,
        "window": None,
        "years": np.nan,
        "per_year": np.nan,
        "role": None,
        "confidence": None,
        "source": None,
        "date": None,
        "note": None,
    }
    # Each zone's window: from its designation year (or the phase start) to the phase end.
    windows: dict[str, tuple[int, int]] = {}
    for zone in zones:
        phases = document._table("phases", zone.id, zone._phases_frame)  # shared, read-only
        row = phases[phases["phase"] == phase]
        if not row.empty:
            start, end = int(row["start_year"].iloc[0]), int(row["end_year"].iloc[0])
            windows[zone.id] = (start, end)
    designated = {z.id: z.designation_year for z in zones}
    first = {z: min(s, designated[z] or s) for z, (s, _) in windows.items()}
    # Every zone's published windows at once (the document's shared observations table).
    obs_all = document._observations()
    in_zone = obs_all[obs_all["program"].isin(list(windows))]
    start_of = in_zone["program"].map(first)
    end_of = in_zone["program"].map({z: e for z, (_, e) in windows.items()})
    windowed = in_zone[
        in_zone["window_start"].notna()
        & (in_zone["role"] == "actual")
        & (in_zone["window_start"] >= start_of)
        & (in_zone["window_end"] <= end_of)
    ]
    windowed = windowed.assign(
        years=[
            _covered_years(int(a), int(b), d)
            for a, b, d in zip(windowed["window_start"], windowed["window_end"], windowed["date"])
        ]
    )

    def records_by_zone(frame: pd.DataFrame) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        for r in frame.to_dict("records"):
            out.setdefault(str(r["program"]), []).append({str(k): v for k, v in r.items()})
        return out

    budget_windows = records_by_zone(windowed[windowed["indicator"] == _BUDGET_WINDOW_INDICATOR])
    areas = records_by_zone(
        in_zone[
            (in_zone["indicator"] == "area")
            & in_zone["phase"].isna()
            & in_zone["year"].notna()
            & in_zone["role"].isin(["actual", "derived"])
        ]
    )
    # Outputs: per zone and indicator, the figure covering the most years; ties: the latest
    # window end, then the latest date, then the first in the file (one stable sort).
    outs = [v for v in variables if v not in ("area", "budget")]
    cand = windowed[windowed["indicator"].isin(outs) & (windowed["phase"] == phase)]
    ranked = cand.assign(
        _end=cand["window_end"].astype(int), _date=cand["date"].fillna("").astype(str)
    ).sort_values(["years", "_end", "_date"], ascending=False, kind="stable")
    picks = {
        (r["program"], r["indicator"]): r
        for r in ranked.drop_duplicates(["program", "indicator"]).to_dict("records")
    }
    counts = cand.groupby(["program", "indicator"]).size().to_dict()
    values = np.full((len(zones), len(variables)), np.nan)
    coverage: list[dict[str, Any]] = []
    for i, zone in enumerate(zones):
        found: dict[str, dict[str, Any]] = {}
        if zone.id not in windows:
            found = {var: {"note": f"no {phase}"} for var in variables}
        else:
            start, end = windows[zone.id]
            for var in variables:
                if var == "area":
                    found[var] = _zone_area(areas.get(zone.id, []), start)
                elif var == "budget":
                    budget = document._table("budget", zone.id, zone._budget_frame)
                    found[var] = _zone_budget(
                        budget[budget["phase"] == phase].to_dict("records"),
                        phase,
                        start,
                        end,
                        budget_windows.get(zone.id, []),
                    )
                else:
                    found[var] = _zone_output(
                        picks.get((zone.id, var)), counts.get((zone.id, var), 0), phase
                    )
        for j, var in enumerate(variables):
            entry = {
                "zone": zone.id,
                "name": names[zone.id],
                "variable": var,
                **blank,
                **found[var],
            }
            entry["publisher"] = publishers.get(entry["source"]) if entry["source"] else None
            coverage.append(entry)
            if np.isfinite(_num(entry["per_year"])):
                values[i, j] = _num(entry["per_year"])
    data = pd.DataFrame(values, index=data.index, columns=data.columns)
    # How many zones share each phase window (the table's statement of its windows).
    window_counts = dict(Counter(windows.values()))
    return ZoneTable(data, names, pd.DataFrame(coverage), phase, lang, variables, window_counts)


# --------------------------------------------------------------------------- report section
class ZoneEfficiencySection(Result):
    """The zone-efficiency section of the report: tables, a figure and its HTML.

    Attributes
    ----------
    table : ZoneTable
    result : DeaResult or None
        None when too few zones have the model's figures.
    tables : dict of str to pandas.DataFrame
        ``"efficiency"``, ``"inputs_outputs"``, ``"missing"``.
    html : str
        The section body, self-contained (figure embedded as PNG).
    """

    def __init__(
        self,
        table: ZoneTable,
        result: DeaResult | None,
        tables: dict[str, pd.DataFrame],
        html_text: str,
        lang: str,
    ) -> None:
        self.table = table
        self.result = result
        self.tables = tables
        self.html = html_text
        self.lang = lang

    def to_frame(self) -> pd.DataFrame:
        """The section's efficiency table (``tables["efficiency"]``)."""
        return self.tables["efficiency"]

    def plot(self, ax: Any = None, lang: str | None = None) -> Any:
        """Draw the DEA scores or, without a DEA, which zone has which figure.

        Returns
        -------
        matplotlib.axes.Axes
        """
        if self.result is None:
            return self.table.plot(ax=ax, lang=lang)
        return self.result.plot(ax=ax, lang=lang)

    def _title(self) -> str:
        return "Gangso zone efficiency (DEA)"


def _figure_html(ax: Any, caption: str) -> str:
    from .plotting import render_png
    from .report import _close, figure_html

    png = render_png(ax.figure, dpi=110.0)
    _close(ax.figure)
    return figure_html(png, caption)


def _table_html(frame: pd.DataFrame, index: bool = True) -> str:
    return str(
        frame.to_html(
            index=index,
            escape=True,
            border=0,
            classes="tbl",
            na_rep="–",
            float_format=format_number,
        )
    )


def zone_efficiency_section(
    document: Any = None,
    *,
    inputs: Sequence[str] = ("budget",),
    outputs: Sequence[str] = ("tech-transfer-equity", "startups"),
    model: str = "ccr",
    orientation: str = "output",
    n_boot: int = 2000,
    seed: int | None = None,
    n_threads: int | None = None,
    lang: str | None = None,
    progress: ProgressLike = False,
) -> ZoneEfficiencySection:
    """The 14-zone efficiency comparison.

    The data table, what each zone lacks, and a DEA of the zones that have every figure of
    the model, with super-efficiency ranks and Simar-Wilson intervals.

    The default model (budget per year in; transfers and start-ups per year out,
    output-oriented CCR) is the largest of the table's variables that the zones with
    complete figures support under the rule of thumb n >= max(m*s, 3(m+s)). ``progress``
    (True: a bar; or a callable ``(done, total)``) follows the ``n_boot`` replicates.

    Returns
    -------
    ZoneEfficiencySection
    """
    return _zone_efficiency(
        document,
        inputs=inputs,
        outputs=outputs,
        model=model,
        orientation=orientation,
        n_boot=n_boot,
        seed=seed,
        n_threads=n_threads,
        lang=lang,
        figure_html=_figure_html,
        progress=progress,
    )


def _zone_efficiency_defaults() -> dict[str, Any]:
    """The model settings of :func:`zone_efficiency_section` by default (for the report)."""
    import inspect

    return {
        name: p.default
        for name, p in inspect.signature(zone_efficiency_section).parameters.items()
        if p.default is not inspect.Parameter.empty
        and name not in ("document", "lang", "seed", "n_threads", "progress")
    }


def _zone_efficiency(
    document: Any,
    *,
    inputs: Sequence[str],
    outputs: Sequence[str],
    model: str,
    orientation: str,
    n_boot: int,
    seed: int | None,
    n_threads: int | None,
    lang: str | None,
    figure_html: Callable[[Any, str], str],
    progress: ProgressLike = False,
) -> ZoneEfficiencySection:
    """:func:`zone_efficiency_section` with a chosen figure renderer.

    The figure is turned into HTML by ``figure_html(axes, caption)`` (the report draws it
    with its other figures).
    """
    lang = resolve_lang(lang)
    table = zone_io_table(document, lang=lang)
    variables = [*inputs, *outputs]
    complete = table.complete(variables)

    def t(ko: str, en: str) -> str:
        return ko if lang == "ko" else en

    parts = [
        f"<p>{html.escape(t('어느 특구가 사업비 대비 가장 많은 성과를 내는지 자료포락분석(DEA)으로 비교합니다. 가중치를 분석자가 정하지 않고, 각 특구를 다른 특구들의 가장 좋은 조합(프런티어)과 비교합니다.', 'Which zones turn their budget into the most results? Data envelopment analysis (DEA) compares each zone with the best combinations of the others (the frontier), without weights chosen by the analyst.'))}</p>",
        f"<p>{html.escape(zone_window_statement(table.phase, lang, table.windows))}</p>",
    ]
    result: DeaResult | None = None
    m, s = len(inputs), len(outputs)
    need = int(_ef.minimum_units(m, s))
    tables: dict[str, pd.DataFrame] = {}
    if len(complete) >= need:
        result = dea(
            complete,
            list(inputs),
            list(outputs),
            model=model,
            orientation=orientation,
            super_efficiency=True,
            n_boot=n_boot,
            seed=seed,
            n_threads=n_threads,
            progress=progress,
        )
        summ = result.summary()
        eff = pd.DataFrame(
            {
                t("순위", "Rank"): summ["rank"],
                t("효율성", "Score"): summ["score"],
                t("편의 보정", "Bias-corrected"): summ.get("bias_corrected"),
                t("하한", "Lower"): summ.get("lower"),
                t("상한", "Upper"): summ.get("upper"),
                t("초효율성", "Super-efficiency"): summ["super_score"],
                t("규모 효율성", "Scale efficiency"): result.scale.loc[
                    summ.index, "scale_efficiency"
                ],
                t("규모수익", "Returns to scale"): [_t(v, lang) for v in summ["returns_to_scale"]],
                t("준거 특구", "Peers"): summ["peers"],
            },
            index=pd.Index(summ.index, name=t("특구", "Zone")),
        )
        tables["efficiency"] = eff
        orient = (
            t("산출 지향", "output-oriented")
            if orientation == "output"
            else t("투입 지향", "input-oriented")
        )
        parts.append(
            "<p>"
            + html.escape(
                t(
                    f"모형: {model.upper()} ({orient}), 투입 {', '.join(_zone_label(v, lang) for v in inputs)}, "
                    f"산출 {', '.join(_zone_label(v, lang) for v in outputs)}; 모든 값이 있는 {len(complete)}개 특구. "
                    f"경험칙 n ≥ max(m·s, 3(m+s)) = {need}을 만족하는 가장 큰 변수 조합입니다. "
                    f"구간은 Simar-Wilson 부트스트랩 {result.n_boot}회의 {100 * (1 - result.alpha):g}% 구간, "
                    "초효율성 순위는 Andersen-Petersen 방식입니다.",
                    f"Model: {model.upper()} ({orient}); inputs {', '.join(_zone_label(v, lang) for v in inputs)}; "
                    f"outputs {', '.join(_zone_label(v, lang) for v in outputs)}; the {len(complete)} zones "
                    f"with every figure. It is the largest set of the table's variables that meets the rule "
                    f"of thumb n >= max(m*s, 3(m+s)) = {need}. Intervals: Simar-Wilson bootstrap, "
                    f"{result.n_boot} replicates, {100 * (1 - result.alpha):g} %; ranks by Andersen-Petersen "
                    "super-efficiency.",
                )
            )
            + "</p>"
        )
        parts.append(_table_html(eff))
        infeasible = (
            [
                u
                for u, st in zip(result.units, result.super_efficiency["super_status"])
                if st == "infeasible"
            ]
            if result.super_efficiency is not None
            else []
        )
        if infeasible:
            parts.append(
                "<p>"
                + html.escape(
                    t(
                        f"초효율성 해 없음(다른 특구 조합으로 재현 불가): {', '.join(infeasible)}",
                        f"Super-efficiency infeasible (no combination of the other zones reproduces them): "
                        f"{', '.join(infeasible)}",
                    )
                )
                + "</p>"
            )
        ax = result.plot(lang=lang)
        parts.append(
            figure_html(
                ax,
                t(
                    "특구별 DEA 효율성 점수와 부트스트랩 구간",
                    "DEA scores of the zones with bootstrap intervals",
                ),
            )
        )
    else:
        parts.append(
            "<p>"
            + html.escape(
                t(
                    f"모든 값이 있는 특구가 {len(complete)}개뿐이라 경험칙({need}개)에 못 미쳐 DEA를 하지 않았습니다.",
                    f"Only {len(complete)} zones have every figure of the model, fewer than the rule of thumb "
                    f"({need}); no DEA is run.",
                )
            )
            + "</p>"
        )
        tables["efficiency"] = pd.DataFrame()
    io_table = table.to_frame().copy()
    io_table.columns = [t("특구", "Zone")] + [
        f"{_zone_label(v, lang)} ({_ZONE_UNITS[v][0] if lang == 'ko' else _ZONE_UNITS[v][1]})"
        if v in _ZONE_UNITS
        else v
        for v in table.variables
    ]
    io_table = io_table.set_index(t("특구", "Zone"))
    tables["inputs_outputs"] = io_table
    parts.append(
        f"<h3>{html.escape(t('투입·산출 자료 (연평균)', 'Inputs and outputs (per year)'))}</h3>"
    )
    parts.append(_table_html(io_table))
    miss = table.missing[["name", "missing"]].rename(
        columns={"name": t("특구", "Zone"), "missing": t("없는 값", "Missing figures")}
    )
    tables["missing"] = miss
    parts.append(f"<h3>{html.escape(t('특구별로 없는 값', 'What each zone lacks'))}</h3>")
    parts.append(
        _table_html(miss, index=False) if len(miss) else f"<p>{html.escape(t('없음', 'none'))}</p>"
    )
    return ZoneEfficiencySection(table, result, tables, "".join(parts), lang)
