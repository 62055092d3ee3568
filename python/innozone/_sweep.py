"""Grids of projections and appraisals in one call: :func:`sweep`.

Every program (or model) x every budget scenario x every assumption set is one cell; each
cell is a Monte Carlo projection (:func:`innozone.project`) or an appraisal
(:func:`innozone.appraise_phase`) with the same seed (common random numbers, so differences
between cells are not sampling noise). The answer is one tidy DataFrame. The cells run on
this machine by default, or on a Dask cluster when ``executor`` is a
:class:`dask.distributed.Client`, with the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ._errors import InvalidInputError
from ._validate import (
    ProgressLike,
    check_count,
    check_fraction,
    progress_callback,
    resolve_seed,
    resolve_threads,
)
from .outcomes import (
    DEFAULT_QUANTILES,
    OutcomeModel,
    ParameterSet,
    simulate,
)

__all__ = ["sweep"]


def __dir__() -> list[str]:
    return list(__all__)


_WHAT = ("projection", "appraisal")


class _Cell:
    """One grid cell: the model and parameters to run, or the calibration to appraise."""

    def __init__(
        self, program: str, scenario: str, assumptions: str, model: Any, parameters: Any, cal: Any
    ) -> None:
        self.program = program
        self.scenario = scenario
        self.assumptions = assumptions
        self.model = model
        self.parameters = parameters
        self.calibration = cal

    @property
    def keys(self) -> dict[str, str]:
        return {"program": self.program, "scenario": self.scenario, "assumptions": self.assumptions}


def _named(items: Any, what: str) -> list[tuple[str | None, Any]]:
    """(name or None, item) pairs of a mapping or a sequence (a single item is a sequence)."""
    if isinstance(items, Mapping):
        return [(str(k), v) for k, v in items.items()]
    if isinstance(items, (str, bytes)) or not isinstance(items, Sequence):
        items = [items]
    if not items:
        raise InvalidInputError(f"sweep: no {what} given")
    return [(None, v) for v in items]


def _is_model_pair(item: Any) -> bool:
    return (
        isinstance(item, tuple)
        and len(item) == 2
        and isinstance(item[0], OutcomeModel)
        and isinstance(item[1], ParameterSet)
    )


def _budget_of(spec: Any, base: Any, where: str) -> Any:
    """The ``budget=`` of zone_model for a scenario: None (the plan), a total, per-year values."""
    if callable(spec):
        spec = spec(base.budget.copy())
    if spec is None:
        return None
    if isinstance(spec, pd.Series):
        return {int(str(k)): float(v) for k, v in spec.items()}
    if isinstance(spec, np.ndarray):
        return [float(v) for v in spec]
    if isinstance(spec, (int, float, Sequence, Mapping)) and not isinstance(spec, (str, bool)):
        return spec
    raise InvalidInputError(
        f"sweep: scenario {where}: a budget scenario is None (the plan), a total (억원), one "
        f"amount per year, {{year: amount}} or a callable(plan) returning one; got "
        f"{type(spec).__name__}"
    )


def _cells(
    programs_or_models: Any,
    scenarios: Any,
    assumptions: Any,
    phase: str,
    what: str,
) -> list[_Cell]:
    from .zonemodel import zone_model

    items = _named(programs_or_models, "programs or models")
    if not isinstance(scenarios if scenarios is not None else {}, Mapping):
        raise InvalidInputError("sweep: scenarios must be a mapping {name: budget scenario}")
    if not isinstance(assumptions if assumptions is not None else {}, Mapping):
        raise InvalidInputError("sweep: assumptions must be a mapping {name: {input: value}}")
    scen = [(str(k), v) for k, v in (scenarios or {"plan": None}).items()]
    sets = [(str(k), v) for k, v in (assumptions or {"default": {}}).items()]
    for name, overrides in sets:
        if not isinstance(overrides, Mapping):
            raise InvalidInputError(
                f"sweep: assumption set {name!r} must map input names to a Distribution or a "
                f"number, got {type(overrides).__name__}"
            )
    cells: list[_Cell] = []
    seen: set[str] = set()
    for k, (given, item) in enumerate(items):
        if _is_model_pair(item):
            model, parameters = item
            name = given or f"{type(model).__name__} {k}"
            if what == "appraisal":
                raise InvalidInputError(
                    f"sweep: item {name!r} is a (model, parameters) pair; appraisals need a "
                    "program (its budget plan and calibration)"
                )
            for sname, spec in scen:
                if spec is None:
                    scen_model = model
                elif callable(spec):
                    scen_model = spec(model)
                    if not isinstance(scen_model, OutcomeModel):
                        raise InvalidInputError(
                            f"sweep: scenario {sname!r} for {name!r} must return an "
                            f"OutcomeModel, got {type(scen_model).__name__}"
                        )
                else:
                    raise InvalidInputError(
                        f"sweep: scenario {sname!r} for the model {name!r} must be None or a "
                        "callable(model) returning the scenario's model"
                    )
                for aname, overrides in sets:
                    params = parameters.with_overrides(overrides) if overrides else parameters
                    cells.append(_Cell(name, sname, aname, scen_model, params, None))
        else:
            if isinstance(item, tuple):
                raise InvalidInputError(
                    f"sweep: item {k} is a tuple; pass (OutcomeModel, ParameterSet) pairs or programs"
                )
            base = zone_model(item, phase)
            name = given or base.program
            for sname, spec in scen:
                budget = _budget_of(spec, base, f"{sname!r} of {name!r}")
                for aname, overrides in sets:
                    if budget is None and not overrides:
                        cal = base
                    else:
                        cal = zone_model(item, phase, budget=budget, overrides=overrides or None)
                    cells.append(_Cell(name, sname, aname, cal.model, cal.parameters, cal))
        if name in seen:
            raise InvalidInputError(
                f"sweep: two items are named {name!r}; pass a mapping {{name: item}}"
            )
        seen.add(name)
    return cells


def _projection_rows(
    cell: _Cell, result: Any, quantiles: Sequence[float], indicators: Sequence[str] | None
) -> pd.DataFrame:
    frame: pd.DataFrame = result.summary(quantiles).reset_index()
    if indicators is not None:
        frame = frame[frame["indicator"].isin(list(indicators))]
    for k, (col, value) in enumerate(cell.keys.items()):
        frame.insert(k, col, value)
    return frame


def _appraisal_row(cal: Any, keys: dict[str, str], options: dict[str, Any]) -> dict[str, Any]:
    """One appraisal cell as a table row (runs here or on a Dask worker)."""
    from .appraisal import appraise_phase

    result = appraise_phase(cal.program, cal.phase, calibration=cal, **options)
    summary: Any = result.summary()
    row: dict[str, Any] = dict(keys)
    row.update(
        npv=result.npv,
        bc=result.bc,
        pv_cost=result.pv_cost,
        pv_benefit=result.pv_benefit,
        npv_mean=float(summary.loc["NPV (억원)", "mean"]),
        npv_p05=float(summary.loc["NPV (억원)", "p05"]),
        npv_p50=float(summary.loc["NPV (억원)", "p50"]),
        npv_p95=float(summary.loc["NPV (억원)", "p95"]),
        bc_mean=float(summary.loc["B/C", "mean"]),
        bc_p05=float(summary.loc["B/C", "p05"]),
        bc_p50=float(summary.loc["B/C", "p50"]),
        bc_p95=float(summary.loc["B/C", "p95"]),
        probability_bc_at_least_1=result.probability,
    )
    return row


def sweep(
    programs_or_models: Any,
    scenarios: Mapping[str, Any] | None = None,
    assumptions: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    what: str = "projection",
    phase: str = "phase-2",
    n_draws: int = 5_000,
    seed: int | None = None,
    sampler: str = "lhs",
    indicators: Sequence[str] | None = None,
    quantiles: Sequence[float] = DEFAULT_QUANTILES,
    attribution: Any = None,
    value_added_ratio: Any = None,
    rate: float = 0.045,
    horizon: int = 0,
    n_threads: int | None = None,
    progress: ProgressLike = False,
    executor: Any = None,
    block_size: int | None = None,
) -> pd.DataFrame:
    """Project or appraise every program x budget scenario x assumption set.

    Parameters
    ----------
    programs_or_models : program, sequence or mapping
        Programs (a :class:`~innozone.Program`, a dataset name, a path: anything
        :func:`innozone.zone_model` takes), or ``(OutcomeModel, ParameterSet)`` pairs. A
        mapping ``{name: item}`` names them; otherwise programs are named by their id and
        models ``"<class> <position>"``.
    scenarios : mapping, optional
        ``{name: budget scenario}``. For a program: None (the phase's plan), a total in 억원
        (split evenly over the years), one amount per year, ``{year: amount}``, or a
        callable receiving the plan (a Series by year, 억원) and returning one of these,
        e.g. ``lambda plan: plan * 0.8``. For a model pair: None or a callable(model)
        returning the scenario's model. Default ``{"plan": None}``.
    assumptions : mapping, optional
        ``{name: {input: Distribution or number}}``: inputs replaced in that set (a number
        fixes the input). Default ``{"default": {}}``.
    what : {"projection", "appraisal"}
        ``"projection"``: Monte Carlo summaries (one row per cell, indicator and year).
        ``"appraisal"``: NPV and B/C (one row per cell; programs only, ``attribution``
        required).
    phase : str
        The phase projected or appraised (programs).
    n_draws, seed, sampler
        Draws per cell and their seed (the same in every cell); ``seed=None`` means
        ``innozone.options.seed``.
    indicators : sequence of str, optional
        Keep only these indicators (projections).
    quantiles : sequence of float
        Quantile columns of projections (fractions).
    attribution, value_added_ratio, rate, horizon
        Appraisal settings (see :func:`innozone.appraise_phase`).
    n_threads : int, optional
        Engine threads per cell (locally) or per block (on a cluster; None means 1 there).
    progress : bool or callable
        One bar (or callback) over the whole grid.
    executor : dask.distributed.Client, optional
        Run on a Dask cluster: projections are cut into blocks of ``block_size`` draws (every
        cell's blocks are submitted together), appraisals run one cell per task. The numbers
        equal the local run's.
    block_size : int, optional
        Draws per block of projections on a cluster (a multiple of 1,024).

    Returns
    -------
    pandas.DataFrame
        Projections: ``program, scenario, assumptions, indicator, year, mean, sd`` and the
        quantile columns (``p05``, ...). Appraisals: ``program, scenario, assumptions`` and
        ``npv, bc`` (central case), ``pv_cost, pv_benefit``, ``npv_mean``, ``npv_p05`` ...
        ``bc_p95`` and ``probability_bc_at_least_1``; money in 억원.
    """
    if what not in _WHAT:
        raise InvalidInputError(f"what must be 'projection' or 'appraisal', got {what!r}")
    count = check_count(n_draws, "n_draws")
    seed_value = resolve_seed(seed)
    levels = tuple(check_fraction(q, "quantiles") for q in quantiles)
    if what == "appraisal" and attribution is None:
        raise InvalidInputError(
            "sweep(what='appraisal') needs attribution= (the share of the added value credited "
            "to the program; no source gives it)"
        )
    cells = _cells(programs_or_models, scenarios, assumptions, phase, what)
    if executor is not None:
        from . import distributed

        client = distributed.resolve_executor(executor, "sweep")
        threads = None if n_threads is None else resolve_threads(n_threads)
    else:
        client = None
        threads = resolve_threads(n_threads)

    if what == "projection":
        frames = []
        if client is not None:
            jobs = []
            for cell in cells:
                space = cell.parameters.to_space()
                jobs.append(
                    distributed.MonteCarloJob(
                        f"{cell.program} / {cell.scenario} / {cell.assumptions}",
                        cell.model,
                        cell.parameters,
                        count,
                        seed_value,
                        sampler,
                        True,
                        [],
                    )
                )
                cell.space = space  # type: ignore[attr-defined]
            parts = distributed.simulate_jobs(
                client,
                jobs,
                block_size=block_size,
                n_threads=threads,
                progress=progress,
                label="sweep",
            )
            from .outcomes import _distributed_result

            for cell, job, part in zip(cells, jobs, parts):
                result = _distributed_result(part, job, cell.model, cell.space, [])  # type: ignore[attr-defined]
                frames.append(_projection_rows(cell, result, levels, indicators))
        else:
            with progress_callback(progress, "sweep") as callback:
                for k, cell in enumerate(cells):
                    step = _share(callback, k, len(cells))
                    result = simulate(
                        cell.model,
                        cell.parameters,
                        count,
                        seed_value,
                        sampler,
                        n_threads=threads,
                        progress=step or False,
                    )
                    frames.append(_projection_rows(cell, result, levels, indicators))
        return pd.concat(frames, ignore_index=True)

    options = {
        "attribution": attribution,
        "value_added_ratio": value_added_ratio,
        "rate": rate,
        "horizon": horizon,
        "n_draws": count,
        "seed": seed_value,
    }
    if client is not None:
        shared = {}
        tasks = []
        for k, cell in enumerate(cells):
            name = f"{cell.program} / {cell.scenario} / {cell.assumptions}"
            shared[f"cell{k}"] = (cell.calibration, f"sweep: the calibration of {name}")
            tasks.append(
                distributed.Task(
                    _appraisal_row,
                    (
                        distributed.Shared(f"cell{k}"),
                        cell.keys,
                        {**options, "n_threads": 1 if threads is None else threads},
                    ),
                    label=f"cell {name}",
                )
            )
        rows = distributed.run_tasks(client, tasks, label="sweep", progress=progress, shared=shared)
    else:
        rows = []
        with progress_callback(progress, "sweep") as callback:
            for k, cell in enumerate(cells):
                rows.append(
                    _appraisal_row(cell.calibration, cell.keys, {**options, "n_threads": threads})
                )
                if callback is not None and not callback(k + 1, len(cells)):
                    raise KeyboardInterrupt("computation cancelled")
    table: pd.DataFrame = pd.DataFrame(rows)
    return table


def _share(
    callback: Callable[[int, int], bool] | None, index: int, count: int
) -> Callable[[int, int], bool] | None:
    if callback is None:
        return None

    def step(done: int, total: int) -> bool:
        return callback(index * total + done, count * total)

    return step
