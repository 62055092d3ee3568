"""Run the heavy loops on a Dask cluster, with the numbers of a run on one machine.

Functions that take ``executor=`` (:func:`~innozone.outcomes.simulate`,
:func:`~innozone.outcomes.compare_scenarios`, :func:`innozone.project`, :func:`innozone.sweep`
and the others listed in ``docs/distributed.md``) accept a :class:`dask.distributed.Client`.
The work is then cut into blocks (``block_size`` draws or replicates each) that the workers
evaluate; every block draws from the same counter-based random streams (Philox, keyed by the
seed and the block's position) as a local run, and the blocks' results are combined in a
fixed order, so the result is identical bit for bit to the local one for the same seed,
whatever the number of workers and the block size.

The shared machinery lives here:

* :func:`resolve_executor` -- None (run here) or a connected Dask client;
* :func:`plan_blocks` -- the split of ``[0, total)`` into blocks;
* :func:`check_picklable` -- a clear error naming the object that cannot be sent;
* :func:`run_tasks` -- submission, a progress bar while the workers run, gathering in block
  order, cancellation on Ctrl-C, and :class:`BlockError` naming the failed blocks when a
  block raises or a worker dies (nothing partial is returned);
* :func:`simulate_jobs` -- Monte Carlo runs split into blocks whose partial states are merged.

Dask is optional (``pip install 'innozone[dask]'``): this module imports it only when a
client is given.
"""

from __future__ import annotations

import contextlib
import math
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import _core
from ._errors import InvalidInputError, NumericalError
from ._validate import ProgressLike, check_count, progress_callback

__all__ = [
    "BlockError",
    "check_picklable",
    "plan_blocks",
    "resolve_executor",
    "run_tasks",
]


def __dir__() -> list[str]:
    return list(__all__)


_INSTALL_HINT = "pip install 'innozone[dask]'"


class BlockError(RuntimeError):
    """Blocks of a distributed computation failed; nothing of it is returned.

    Attributes
    ----------
    label : str
        What was computed (e.g. ``"simulate"``).
    failed : list of str
        The failed blocks (e.g. ``"draws [4096, 8192)"``) with the error each raised.
    cancelled : int
        Blocks that were cancelled because of the failure.
    """

    def __init__(self, label: str, failed: Sequence[str], cancelled: int, total: int) -> None:
        self.label = label
        self.failed = list(failed)
        self.cancelled = int(cancelled)
        self.total = int(total)
        shown = "; ".join(self.failed[:5])
        more = f" and {len(self.failed) - 5} more" if len(self.failed) > 5 else ""
        super().__init__(
            f"{label}: {len(self.failed)} of {total} blocks failed on the Dask workers: "
            f"{shown}{more}. Nothing was returned ({self.cancelled} unfinished blocks cancelled)."
        )


# ----------------------------------------------------------------- pickling of models
# Models travel to the workers by pickle (cloudpickle under Dask). A model class defined in a
# notebook or script (``__main__``) is pickled by value, and so is its metaclass unless it can be
# found by name: pybind11 names its metaclass ``pybind11_builtins.pybind11_type`` but registers
# no such module, so a by-value copy of the metaclass would clash with the real one on the
# worker ("metaclass conflict"). Registering the module (holding the real objects) makes it
# pickle by reference. Models reduce through ``_rebuild_model`` of this module, so unpickling
# imports innozone (and registers the module) before it meets the class.
def _register_pybind11_builtins() -> None:
    import sys
    import types

    meta = type(_core.OutcomeModel)
    name = getattr(meta, "__module__", "")
    if name != "pybind11_builtins":
        return
    module = sys.modules.get(name)
    if module is None:
        module = types.ModuleType(
            name, "pybind11's base classes (registered by innozone for pickling)"
        )
        sys.modules[name] = module
    for cls in (meta, _core.OutcomeModel.__mro__[-2]):
        if cls.__module__ == name and not hasattr(module, cls.__name__):
            setattr(module, cls.__name__, cls)


def _rebuild_model(cls: Any, state: Any) -> Any:
    """Unpickle a model: a new instance of ``cls`` given the state of its ``__getstate__``."""
    obj = cls.__new__(cls)
    obj.__setstate__(state)
    return obj


def _reduce_model(self: Any, protocol: int = 2) -> tuple[Any, ...]:
    return (_rebuild_model, (type(self), self.__getstate__()))


_register_pybind11_builtins()
_core.OutcomeModel.__reduce_ex__ = _reduce_model  # type: ignore[method-assign,assignment]


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as err:  # pragma: no cover - exercised with dask hidden (subprocess)
        raise InvalidInputError(
            f"executor= needs dask.distributed, which is not installed ({_INSTALL_HINT})"
        ) from err
    return distributed


def resolve_executor(executor: Any, where: str = "executor") -> Any:
    """``None`` (run on this machine) or a connected :class:`dask.distributed.Client`."""
    if executor is None:
        return None
    module = type(executor).__module__ or ""
    if not module.startswith("distributed"):
        raise InvalidInputError(
            f"{where}: executor must be a dask.distributed.Client or None (run here), got "
            f"{type(executor).__name__}"
        )
    distributed = _distributed()
    if not isinstance(executor, distributed.Client):
        raise InvalidInputError(
            f"{where}: executor must be a dask.distributed.Client or None (run here), got "
            f"{type(executor).__name__}"
        )
    if executor.status not in ("running", "connecting", "newly-created"):
        raise InvalidInputError(f"{where}: the Dask client is {executor.status}, not running")
    return executor


def n_workers(client: Any) -> int:
    """Worker threads of the cluster behind ``client`` (at least 1)."""
    return max(1, sum(int(n) for n in client.nthreads().values()))


def plan_blocks(
    total: int,
    block_size: int | None,
    *,
    granule: int = 1,
    workers: int = 1,
    name: str = "block_size",
    unit: str = "draws",
) -> list[tuple[int, int]]:
    """Split ``[0, total)`` into consecutive blocks ``[start, end)``.

    Parameters
    ----------
    total : int
        Items to split (draws, replicates, rows).
    block_size : int, optional
        Items per block, a multiple of ``granule``; None chooses about four blocks per worker
        thread (rounded up to ``granule``).
    granule : int
        Every block but the last holds a multiple of it (the Monte Carlo engine's
        :data:`~innozone.outcomes.BLOCK_ROWS`, for example).
    workers : int
        Worker threads of the cluster (for the automatic size).
    """
    total = check_count(total, "total")
    if block_size is None:
        size = math.ceil(total / (4 * max(1, workers)))
        size = max(granule, math.ceil(size / granule) * granule)
    else:
        size = check_count(block_size, name)
        if size % granule:
            lower = max(granule, size // granule * granule)
            raise InvalidInputError(
                f"{name} must be a multiple of {granule:,} {unit} (the engine's block), got "
                f"{size:,}; try {lower:,} or {lower + granule:,}"
            )
    return [(start, min(start + size, total)) for start in range(0, total, size)]


def check_picklable(obj: Any, what: str) -> bytes:
    """``obj`` pickled (by cloudpickle, as Dask does) and checked to unpickle here.

    Raises :class:`InvalidInputError` naming ``what`` and the object's class when it cannot
    be pickled or restored.
    """
    import pickle

    try:
        import cloudpickle  # type: ignore[import-untyped]

        blob: bytes = cloudpickle.dumps(obj)
    except ImportError:  # pragma: no cover - distributed depends on cloudpickle
        blob = pickle.dumps(obj)
    except Exception as err:
        raise InvalidInputError(
            f"{what} ({type(obj).__module__}.{type(obj).__qualname__}) cannot be pickled to "
            f"send it to the Dask workers: {type(err).__name__}: {err}. Define the class at the "
            "top level of a module the workers can import (or in the notebook itself) and keep "
            "open files, locks, connections and generators out of its attributes."
        ) from err
    try:
        pickle.loads(blob)
    except Exception as err:
        raise InvalidInputError(
            f"{what} ({type(obj).__module__}.{type(obj).__qualname__}) pickles but cannot be "
            f"restored from its pickle: {type(err).__name__}: {err}"
        ) from err
    return blob


def _unpickle(blob: bytes, what: str) -> Any:
    """Worker side: restore a shared object (an error here is a task error, with its name)."""
    import pickle

    try:
        return pickle.loads(blob)
    except Exception as err:
        raise InvalidInputError(
            f"{what} cannot be restored on the worker: {type(err).__name__}: {err} (is the "
            "module that defines it importable there, with the same innozone version?)"
        ) from err


@dataclass
class Task:
    """One block of remote work: ``func(*args)``, labelled for errors and progress."""

    func: Callable[..., Any]
    args: tuple[Any, ...]
    label: str
    weight: int = 1


def _describe_failure(error: BaseException) -> str:
    name = type(error).__name__
    if name == "KilledWorker":
        return f"a worker died while running it ({name}: {error})"
    text = str(error)
    if len(text) > 300:
        text = text[:297] + "..."
    return f"{name}: {text}"


def run_tasks(
    client: Any,
    tasks: Sequence[Task],
    *,
    label: str,
    progress: ProgressLike = False,
    shared: dict[str, tuple[Any, str]] | None = None,
) -> list[Any]:
    """Run ``tasks`` on the cluster and return their results in the order of ``tasks``.

    ``shared`` objects (``{name: (object, description)}``: models, parameter sets) are sent
    to the cluster once and passed to every task that names them: an argument
    ``Shared("name")`` is replaced by the object. Each is checked to pickle first (the error
    names its description and class).
    Progress counts the tasks' weights (draws, replicates). A task that raises, or whose
    worker died more often than the scheduler allows, stops the computation: the other
    tasks are cancelled and :class:`BlockError` names the failed blocks. Ctrl-C (or a
    progress callable returning False) cancels every task and raises KeyboardInterrupt.
    """
    distributed = _distributed()
    tasks = list(tasks)
    if not tasks:
        return []
    run_id = uuid.uuid4().hex[:12]
    # Shared objects travel once, as the result of a task that returns them: unlike scattered
    # data, such a result is recomputed when the worker holding it dies.
    # Each is sent pickled and restored inside the task, so a worker that cannot restore it
    # fails that task with a clear error (instead of failing to receive the task at all).
    scattered: dict[str, Any] = {}
    for name, (obj, what) in (shared or {}).items():
        blob = check_picklable(obj, what)
        scattered[name] = client.submit(
            _unpickle, blob, what, key=f"innozone-{label}-{run_id}-{name}", pure=False
        )
    futures = []
    for k, task in enumerate(tasks):
        args = tuple(scattered[a.name] if isinstance(a, Shared) else a for a in task.args)
        futures.append(
            client.submit(task.func, *args, key=f"innozone-{label}-{run_id}-{k}", pure=False)
        )
    index = {f.key: k for k, f in enumerate(futures)}
    total = sum(t.weight for t in tasks)
    results: list[Any] = [None] * len(tasks)
    done = 0
    try:
        with progress_callback(progress, label) as callback:
            if callback is not None:
                callback(0, total)
            for future in distributed.as_completed(futures):
                k = index[future.key]
                outcome: Any = None
                if future.status == "finished":
                    # A result lost between completion and gathering (its worker died) leaves
                    # the future cancelled or erred: reported below like any failure.
                    with contextlib.suppress(Exception):
                        outcome = future.result()
                if future.status != "finished":
                    failed = [
                        f"{tasks[j].label} ({_describe_failure(f.exception())})"
                        for j, f in enumerate(futures)
                        if f.status == "error"
                    ]
                    if not failed:  # cancelled from elsewhere (e.g. the client closed)
                        failed = [f"{tasks[k].label} ({future.status})"]
                    pending = [f for f in futures if not f.done()]
                    client.cancel(pending)
                    first = next((f.exception() for f in futures if f.status == "error"), None)
                    raise BlockError(label, failed, len(pending), len(tasks)) from first
                results[k] = outcome
                done += tasks[k].weight
                if callback is not None and not callback(done, total):
                    client.cancel([f for f in futures if not f.done()])
                    raise KeyboardInterrupt("computation cancelled")
    except KeyboardInterrupt:
        client.cancel([f for f in futures if not f.done()])
        raise
    finally:
        release = list(scattered.values())
        del futures
        if release:
            client.cancel(release)
    return results


@dataclass(frozen=True)
class Shared:
    """Placeholder for an object of ``run_tasks(shared=...)`` in a task's arguments."""

    name: str


# --------------------------------------------------------------------------- Monte Carlo
def _mc_block(
    model: Any,
    parameters: Any,
    n_draws: int,
    start: int,
    end: int,
    seed: int,
    sampler: str,
    scramble: bool,
    keep_inputs: bool,
    keep_draws: bool,
    targets: list[tuple[int, float, bool]],
    n_threads: int,
) -> tuple[Any, np.ndarray | None, np.ndarray | None]:
    """Worker side: draws [start, end) of a run -> (partial state, inputs, draws)."""
    space = parameters.to_space()
    if not (keep_inputs or keep_draws):
        state = _core.simulate_draws(
            model, space, n_draws, start, end, seed, sampler, scramble, targets, n_threads, None
        )
        return state, None, None
    run = _core.run_monte_carlo_range(
        model,
        space,
        n_draws,
        start,
        end,
        seed,
        sampler,
        scramble,
        keep_inputs,
        keep_draws,
        targets,
        n_threads,
        None,
    )
    inputs = None if run.inputs is None else np.array(run.inputs)
    draws = None if run.draws is None else np.array(run.draws)
    return run.state, inputs, draws


@dataclass
class MonteCarloJob:
    """One Monte Carlo run to split into blocks (arguments already checked)."""

    name: str
    model: Any
    parameters: Any
    n_draws: int
    seed: int
    sampler: str
    scramble: bool
    targets: list[tuple[int, float, bool]]
    keep_inputs: bool = False
    keep_draws: bool = False
    blocks: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class MonteCarloParts:
    """The merged state of a job and, when kept, its inputs and draws (in draw order)."""

    state: Any
    inputs: np.ndarray | None
    draws: np.ndarray | None


def simulate_jobs(
    client: Any,
    jobs: Sequence[MonteCarloJob],
    *,
    block_size: int | None,
    n_threads: int | None,
    progress: ProgressLike,
    label: str,
) -> list[MonteCarloParts]:
    """Run Monte Carlo jobs on the cluster, every job cut into blocks of whole engine blocks.

    All jobs' blocks are submitted together (the workers stay busy across jobs); each job's
    partial states are merged into the state a single local run would hold, and its kept
    draws concatenated in draw order.
    """
    granule = int(_core.MONTE_CARLO_BLOCK_ROWS)
    workers = n_workers(client)
    threads = 1 if n_threads is None else int(n_threads)
    shared: dict[str, Any] = {}
    tasks: list[Task] = []
    owners: list[int] = []
    for j, job in enumerate(jobs):
        shared[f"model{j}"] = (job.model, f"{label}: the model of {job.name}")
        shared[f"space{j}"] = (job.parameters, f"{label}: the parameters of {job.name}")
        job.blocks = plan_blocks(job.n_draws, block_size, granule=granule, workers=workers)
        for start, end in job.blocks:
            where = f"{job.name}: " if len(jobs) > 1 else ""
            tasks.append(
                Task(
                    _mc_block,
                    (
                        Shared(f"model{j}"),
                        Shared(f"space{j}"),
                        job.n_draws,
                        start,
                        end,
                        job.seed,
                        job.sampler,
                        job.scramble,
                        job.keep_inputs,
                        job.keep_draws,
                        job.targets,
                        threads,
                    ),
                    label=f"{where}draws [{start:,}, {end:,})",
                    weight=end - start,
                )
            )
            owners.append(j)
    results = run_tasks(client, tasks, label=label, progress=progress, shared=shared)
    out = []
    for j, job in enumerate(jobs):
        mine = [r for r, owner in zip(results, owners) if owner == j]
        state = _core.merge_states([r[0] for r in mine])
        inputs = np.concatenate([r[1] for r in mine]) if job.keep_inputs else None
        draws = np.concatenate([r[2] for r in mine]) if job.keep_draws else None
        out.append(MonteCarloParts(state, inputs, draws))
    return out


# --------------------------------------------------------------------------- row analyses
class _Recorder(_core.OutcomeModel):
    """Stands in for a model during a recording pass.

    Keeps every batch of input rows the engine asks for (in order) and answers with a
    placeholder.
    """

    def __init__(self, model: Any) -> None:
        super().__init__()
        self._inputs = list(model.input_names())
        self._indicators = list(model.indicator_names())
        self._years = [int(y) for y in model.years()]
        self.batches: list[np.ndarray] = []

    def input_names(self) -> list[str]:
        return self._inputs

    def indicator_names(self) -> list[str]:
        return self._indicators

    def years(self) -> list[int]:
        return self._years

    @property
    def rows(self) -> int:
        return sum(len(b) for b in self.batches)

    def evaluate_batch(self, x: np.ndarray) -> np.ndarray:
        x = np.array(x, dtype=float)
        self.batches.append(x)
        # A placeholder that varies with the inputs (the engine's statistics run on it).
        first = x[:, :1] if x.shape[1] else np.zeros((len(x), 1))
        shape = (len(x), len(self._indicators), len(self._years))
        return np.array(np.broadcast_to(first[:, :, None], shape))


class _Replayer(_core.OutcomeModel):
    """Answers the engine's batches with outputs computed elsewhere.

    Checks that each batch asks for the rows recorded before.
    """

    def __init__(self, recorder: _Recorder, outputs: np.ndarray) -> None:
        super().__init__()
        self._recorder = recorder
        self._rows = np.concatenate(recorder.batches) if recorder.batches else np.zeros((0, 0))
        self._outputs = outputs
        self._cursor = 0

    def input_names(self) -> list[str]:
        return self._recorder.input_names()

    def indicator_names(self) -> list[str]:
        return self._recorder.indicator_names()

    def years(self) -> list[int]:
        return self._recorder.years()

    def evaluate_batch(self, x: np.ndarray) -> np.ndarray:
        n = len(x)
        start, end = self._cursor, self._cursor + n
        if end > len(self._rows) or not np.array_equal(x, self._rows[start:end]):
            raise NumericalError(
                f"distributed analysis: the engine asked for other rows than recorded (rows "
                f"[{start:,}, {end:,})); the design is not reproducible"
            )
        self._cursor = end
        shape = (n, len(self.indicator_names()), len(self.years()))
        return self._outputs[start:end].reshape(shape)

    @property
    def complete(self) -> bool:
        return self._cursor == len(self._rows)


def _evaluate_block(model: Any, rows: np.ndarray, n_threads: int) -> np.ndarray:
    """Worker side: the model's outputs for a block of input rows (n x n_outputs)."""
    return np.asarray(model.evaluate_rows(rows, n_threads))


def analyse_rows(
    client: Any,
    model: Any,
    analysis: Callable[[Any, bool], Any],
    *,
    expected_rows: int,
    block_size: int | None,
    n_threads: int | None,
    progress: ProgressLike,
    label: str,
) -> Any:
    """Run an engine analysis whose model evaluations happen on the cluster.

    ``analysis(model, recording)`` calls the engine (e.g. ``_core.sobol_indices``) with the
    given stand-in model. Three steps: a recording pass here collects the input rows of the
    design, in the engine's batches of :data:`~innozone.outcomes.BLOCK_ROWS` rows; the
    workers evaluate those rows in blocks of whole batches, as the engine would (so each
    batch gives the model the same rows); a second pass here runs the analysis on those
    outputs. The result is the local analysis's, bit for bit.
    """
    recorder = _Recorder(model)
    try:
        analysis(recorder, True)
    except Exception:
        if recorder.rows < expected_rows:  # failed before the design was complete
            raise
    rows = np.concatenate(recorder.batches) if recorder.batches else np.zeros((0, 0))
    granule = int(_core.MONTE_CARLO_BLOCK_ROWS)
    blocks = plan_blocks(
        len(rows), block_size, granule=granule, workers=n_workers(client), unit="rows"
    )
    threads = 1 if n_threads is None else int(n_threads)
    tasks = [
        Task(
            _evaluate_block,
            (Shared("model"), rows[a:b], threads),
            label=f"rows [{a:,}, {b:,})",
            weight=b - a,
        )
        for a, b in blocks
    ]
    parts = run_tasks(
        client,
        tasks,
        label=label,
        progress=progress,
        shared={"model": (model, f"{label}: the model")},
    )
    replayer = _Replayer(recorder, np.concatenate(parts))
    result = analysis(replayer, False)
    if not replayer.complete:
        raise NumericalError(
            "distributed analysis: the engine used fewer rows than recorded; the design is not "
            "reproducible"
        )
    return result


# --------------------------------------------------------------------------- synthetic control
@dataclass
class PlaceboFit:
    """An in-space placebo fit computed on a worker (what the facade reads of it)."""

    unit: int
    first_treated: int
    gap: np.ndarray
    pre_rmspe: float
    post_rmspe: float
    ratio: float
    placebo: bool = True


@dataclass
class PanelParts:
    """The treated fits, the placebo fits and the placebo p-values of a panel.

    The treated fits are computed here, the placebo fits on the workers; the parts are held
    as the engine's panel result holds them.
    """

    treated: list[Any]
    placebos: list[PlaceboFit]
    p_values: list[float]


def _sc_placebos(
    outcome: np.ndarray,
    predictors: np.ndarray,
    specs: list[tuple[int, int, list[int], list[int]]],
    options: dict[str, Any],
) -> list[PlaceboFit]:
    """Worker side: placebo fits, each the engine's fit of one donor as if treated."""
    out = []
    for unit, start, donors, periods in specs:
        raw = _core.synth.fit_synthetic_control_panel(
            outcome,
            predictors,
            [unit],
            [start],
            donors,
            [periods],
            placebo=False,
            n_threads=1,
            **options,
        )
        fit = raw.treated[0]
        out.append(
            PlaceboFit(
                int(fit.unit),
                int(fit.first_treated),
                np.array(fit.gap),
                float(fit.pre_rmspe),
                float(fit.post_rmspe),
                float(fit.ratio),
            )
        )
    return out


def synth_panel_on(executor: Any, block_size: int | None) -> Callable[..., PanelParts]:
    """``_core.synth.fit_synthetic_control_panel`` with the placebo fits on a Dask cluster.

    Every in-space placebo (a donor fitted as if treated, from the other donors, with the
    random V-search starts of its own stream, keyed by the seed, the unit and the period) is
    the same computation on a worker as in the engine's panel loop; blocks of ``block_size``
    placebo units go to the workers. The treated units are fitted here.
    """
    client = resolve_executor(executor, "synthetic_control")

    def run(
        outcome: np.ndarray,
        predictors: np.ndarray,
        treated: list[int],
        first_treated: list[int],
        donors: list[int],
        optimize_periods: list[list[int]],
        *,
        placebo: bool,
        n_threads: int,
        progress: Any,
        **options: Any,
    ) -> PanelParts:
        fits = _core.synth.fit_synthetic_control_panel(
            outcome,
            predictors,
            treated,
            first_treated,
            donors,
            optimize_periods,
            placebo=False,
            n_threads=n_threads,
            **options,
        )
        treated_fits = list(fits.treated)
        if not placebo:
            return PanelParts(treated_fits, [], [float("nan")] * len(treated_fits))
        if len(donors) < 2:
            raise InvalidInputError("synthetic control: placebo inference needs at least 2 donors")
        periods_by_start: dict[int, list[int]] = {}
        for start, periods in zip(first_treated, optimize_periods):
            periods_by_start.setdefault(int(start), list(periods))
        specs = [
            (unit, start, [d for d in donors if d != unit], periods)
            for start, periods in sorted(periods_by_start.items())
            for unit in donors
        ]
        blocks = plan_blocks(
            len(specs), block_size, workers=n_workers(client), unit="placebo units"
        )
        tasks = [
            Task(
                _sc_placebos,
                (Shared("outcome"), Shared("predictors"), specs[a:b], options),
                label=f"placebos {a + 1}-{b} of {len(specs)}",
                weight=b - a,
            )
            for a, b in blocks
        ]
        shared = {
            "outcome": (np.asarray(outcome, dtype=float), "the outcome panel"),
            "predictors": (np.asarray(predictors, dtype=float), "the predictor matrix"),
        }
        parts = run_tasks(
            client, tasks, label="synthetic control placebos", progress=progress, shared=shared
        )
        placebos = [fit for part in parts for fit in part]
        p_values = []
        for fit in treated_fits:
            pool = [p for p in placebos if p.first_treated == fit.first_treated]
            at_least = sum(1 for p in pool if p.ratio >= fit.ratio)
            p_values.append((1 + at_least) / (1 + len(pool)))
        return PanelParts(treated_fits, placebos, p_values)

    return run


# --------------------------------------------------------------------------- replicate loops
def _replicate_blocks(client: Any, count: int, block_size: int | None) -> list[tuple[int, int]]:
    """Blocks of replicates, each of at least 2 (the engines' minimum for one run)."""
    if block_size is not None and check_count(block_size, "block_size") < 2:
        raise InvalidInputError(f"block_size must be at least 2 replicates, got {block_size}")
    blocks = plan_blocks(count, block_size, workers=n_workers(client), unit="replicates")
    if len(blocks) > 1 and blocks[-1][1] - blocks[-1][0] < 2:
        blocks[-2:] = [(blocks[-2][0], blocks[-1][1])]
    return blocks


@dataclass
class SeParts:
    """A standard error from replicates computed on the workers (as the engine reports it)."""

    se: float
    note: str
    replicates: np.ndarray


def _sdid_block(
    y: np.ndarray,
    adoption: list[int],
    covariates: list[np.ndarray],
    fit_options: dict[str, Any],
    se_method: str,
    first: int,
    count: int,
    seed: int,
) -> tuple[np.ndarray, str]:
    """Worker side: SDID replicates [first, first + count).

    The fit is recomputed here: it is deterministic.
    """
    fit = _core.synth.sdid_staggered(y, adoption, covariates=covariates, **fit_options)
    out = _core.synth.sdid_staggered_standard_error(
        y,
        adoption,
        fit,
        se_method,
        count,
        seed,
        covariates=covariates,
        n_threads=1,
        first_replicate=first,
    )
    return np.array(out.replicates), str(out.note)


def sdid_se_on(executor: Any, block_size: int | None, **fit_options: Any) -> Callable[..., Any]:
    """``_core.synth.sdid_staggered_standard_error`` with its replicates on a Dask cluster.

    Placebo / bootstrap replicates run on the cluster (``block_size`` replicates per task);
    ``fit_options`` are the arguments of ``sdid_staggered`` after ``adoption`` (each task
    refits, deterministically). Replicate r draws from its own stream, so the replicates and
    the SE equal the local ones. The jackknife (deterministic, one cheap refit per unit) runs
    here.
    """
    client = resolve_executor(executor, "synthdid")

    def run(
        y: np.ndarray,
        adoption: list[int],
        fit: Any,
        se_method: str,
        count: int,
        seed: int,
        *,
        covariates: list[np.ndarray],
        n_threads: int,
        progress: Any,
    ) -> Any:
        if se_method == "jackknife":
            return _core.synth.sdid_staggered_standard_error(
                y,
                adoption,
                fit,
                se_method,
                count,
                seed,
                covariates=covariates,
                n_threads=n_threads,
                progress=progress,
            )
        blocks = _replicate_blocks(client, count, block_size)
        tasks = [
            Task(
                _sdid_block,
                (
                    Shared("y"),
                    list(adoption),
                    Shared("covariates"),
                    fit_options,
                    se_method,
                    a,
                    b - a,
                    seed,
                ),
                label=f"{se_method} replicates [{a}, {b})",
                weight=b - a,
            )
            for a, b in blocks
        ]
        shared = {
            "y": (np.asarray(y, dtype=float), "the outcome panel"),
            "covariates": ([np.asarray(x, dtype=float) for x in covariates], "the covariates"),
        }
        parts = run_tasks(
            client, tasks, label=f"synthdid {se_method}", progress=progress, shared=shared
        )
        notes = {note for _, note in parts if note}
        if notes:  # not defined for this design (the engine says why)
            return SeParts(float("nan"), min(notes), np.zeros(0))
        replicates = np.concatenate([r for r, _ in parts])
        se = float(_core.synth.replicate_standard_error(replicates.tolist()))
        return SeParts(se, "", replicates)

    return run


def _dea_block(
    x: np.ndarray,
    y: np.ndarray,
    scores: np.ndarray,
    options: dict[str, Any],
    first: int,
    count: int,
) -> tuple[np.ndarray, float]:
    """Worker side: DEA bootstrap replicates [first, first + count) and the bandwidth."""
    out = _core.efficiency.bootstrap(
        x, y, scores, n_boot=count, first_replicate=first, n_threads=1, **options
    )
    return np.array(out.replicates), float(out.bandwidth)


def dea_bootstrap_on(executor: Any, block_size: int | None) -> Callable[..., Any]:
    """``_core.efficiency.bootstrap`` with its replicates on a Dask cluster.

    ``block_size`` replicates run per task; replicate b draws from its own stream, and the
    summaries are computed here from all replicates in order, so the result equals the local
    one.
    """
    client = resolve_executor(executor, "dea")

    def run(
        x: np.ndarray,
        y: np.ndarray,
        scores: np.ndarray,
        *,
        n_boot: int,
        alpha: float,
        n_threads: int,
        progress: Any,
        **options: Any,
    ) -> Any:
        blocks = _replicate_blocks(client, n_boot, block_size)
        options = {**options, "alpha": alpha}
        tasks = [
            Task(
                _dea_block,
                (Shared("x"), Shared("y"), Shared("scores"), options, a, b - a),
                label=f"bootstrap replicates [{a}, {b})",
                weight=b - a,
            )
            for a, b in blocks
        ]
        shared = {
            "x": (np.asarray(x, dtype=float), "the inputs"),
            "y": (np.asarray(y, dtype=float), "the outputs"),
            "scores": (np.asarray(scores, dtype=float), "the scores"),
        }
        parts = run_tasks(client, tasks, label="DEA bootstrap", progress=progress, shared=shared)
        replicates = np.vstack([r for r, _ in parts])
        return _core.efficiency.bootstrap_summary(
            np.asarray(scores, dtype=float), replicates, alpha, parts[0][1]
        )

    return run
