"""Dask execution (innozone.distributed, executor=, sweep): the same numbers as a local run.

One LocalCluster for the whole session: 2 worker processes with one thread each, no
dashboard, loopback only. The equality tests scale it to 1 and 4 workers and back. Equality
is exact: the merged Monte Carlo state serialises to the same bytes as the local run's, and
kept draws are equal arrays.
"""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import distributed  # the test extra installs dask[distributed]
import numpy as np
import pandas as pd
import pytest

import innozone
from innozone import InvalidInputError, outcomes
from innozone.distributed import BlockError, plan_blocks, resolve_executor
from innozone.outcomes import Distribution, ParameterSet, Scenario, Target

HERE = Path(__file__).resolve().parent
N_DRAWS = 5_000  # four whole engine blocks and a partial one


# --------------------------------------------------------------------------- models
class GrowthToy(outcomes.OutcomeModel):
    """A Python model: firms growing at an uncertain rate, jobs per firm (vectorised)."""

    def __init__(self, start: float = 10.0) -> None:
        super().__init__()
        self.start = start

    def input_names(self) -> list[str]:
        return ["growth", "jobs_per_firm"]

    def indicator_names(self) -> list[str]:
        return ["firms", "jobs"]

    def years(self) -> list[int]:
        return [2025, 2026, 2027]

    def evaluate_batch(self, x: np.ndarray) -> np.ndarray:
        t = np.arange(1, 4, dtype=float)
        firms = self.start * (1.0 + x[:, :1]) ** t
        return np.stack([firms, firms * x[:, 1:2]], axis=1)


def toy_parameters() -> ParameterSet:
    return ParameterSet(
        {
            "growth": Distribution.triangular(0.0, 0.1, 0.3),
            "jobs_per_firm": Distribution.lognormal(1.5, 0.4),
        }
    )


class FailsOnWorkers(GrowthToy):
    """Raises inside every block evaluated on a Dask worker (fine locally)."""

    def evaluate_batch(self, x: np.ndarray) -> np.ndarray:
        if _on_worker():
            raise ValueError("model failure inside a worker")
        return super().evaluate_batch(x)


class KillsItsWorker(GrowthToy):
    """Kills the worker process that evaluates the block whose first input row is ``trigger``.

    With ``marker`` set, only the first time (the marker file records it): the block is
    retried on another worker and the run completes.
    """

    def __init__(self, trigger: np.ndarray, marker: str = "") -> None:
        super().__init__()
        self.trigger = np.asarray(trigger, dtype=float)
        self.marker = marker

    def evaluate_batch(self, x: np.ndarray) -> np.ndarray:
        first_time = not self.marker or not os.path.exists(self.marker)
        if _on_worker() and np.array_equal(x[0], self.trigger) and first_time:
            if self.marker:
                Path(self.marker).write_text("died once")
            os._exit(3)
        return super().evaluate_batch(x)


class SlowToy(GrowthToy):
    """Takes ``seconds`` per block on a worker (sleeping: the test only needs time to pass)."""

    def __init__(self, seconds: float = 0.3) -> None:
        super().__init__()
        self.seconds = seconds

    def evaluate_batch(self, x: np.ndarray) -> np.ndarray:
        if _on_worker():
            time.sleep(self.seconds)
        return super().evaluate_batch(x)


class Unpicklable(GrowthToy):
    def __init__(self) -> None:
        super().__init__()
        self.lock = threading.Lock()


def _on_worker() -> bool:
    """True in a Dask worker process (the engine calls models from its own threads, where
    distributed.get_worker() does not answer): workers inherit this variable from the test
    process, whose pid it holds."""
    return os.environ.get("INNOZONE_TEST_PARENT_PID", str(os.getpid())) != str(os.getpid())


# --------------------------------------------------------------------------- cluster
def _wait_for(client, n: int, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while len(client.nthreads()) != n:
        if time.monotonic() > deadline:
            raise TimeoutError(f"cluster did not reach {n} workers ({client.nthreads()})")
        time.sleep(0.1)


@pytest.fixture(scope="session")
def dask_cluster():
    import dask

    os.environ["INNOZONE_TEST_PARENT_PID"] = str(os.getpid())
    kwargs = {}
    if os.environ.get("INNOZONE_DEV_BUILD"):
        # Workers import the development build the same way the tests do.
        kwargs["preload"] = [str(HERE / "conftest.py")]
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        # The scheduler serves its health checks over HTTP even without a dashboard: on a
        # free port (":0"), so that another process holding the default 8787 (a notebook's
        # cluster, another test run) cannot make it retry and leak a socket.
        cluster = distributed.LocalCluster(
            n_workers=2,
            processes=True,
            threads_per_worker=1,
            dashboard_address=":0",
            host="127.0.0.1",
            **kwargs,
        )
    client = distributed.Client(cluster)
    try:
        yield cluster, client
    finally:
        client.close()
        cluster.close()


@pytest.fixture()
def client(dask_cluster):
    _, client = dask_cluster
    _wait_for(client, 2)
    return client


@pytest.fixture(scope="module")
def gimhae():
    return innozone.zone_model("gimhae")


def _same_run(local, remote) -> None:
    assert remote.state.to_bytes() == local.state.to_bytes()
    pd.testing.assert_frame_equal(remote.summary(), local.summary(), check_exact=True)
    for a, b in ((local.draws, remote.draws), (local.inputs, remote.inputs)):
        assert (a is None) == (b is None)
        if a is not None:
            assert a.shape == b.shape and np.array_equal(a, b)


# --------------------------------------------------------------------------- equality
@pytest.mark.parametrize("workers", [1, 2, 4])
def test_simulate_equals_local_for_any_workers_and_block_size(dask_cluster, gimhae, workers):
    cluster, client = dask_cluster
    cluster.scale(workers)
    try:
        _wait_for(client, workers)
        models = {
            "C++ ZoneModel": (gimhae.model, gimhae.parameters),
            "Python model": (GrowthToy(12.0), toy_parameters()),
        }
        for name, (model, parameters) in models.items():
            target = Target(model.indicator_names()[0], model.years()[-1], 20.0)
            local = outcomes.simulate(
                model,
                parameters,
                N_DRAWS,
                seed=11,
                targets=[target],
                keep_draws=True,
                keep_inputs=True,
            )
            for block_size in (1024, 3072):
                remote = outcomes.simulate(
                    model,
                    parameters,
                    N_DRAWS,
                    seed=11,
                    targets=[target],
                    keep_draws=True,
                    keep_inputs=True,
                    executor=client,
                    block_size=block_size,
                )
                assert remote.meta["blocks"] == -(-N_DRAWS // block_size), name
                _same_run(local, remote)
                assert remote.probability(target) == local.probability(target)
        # Streaming only (no draws kept), automatic block size, plain MC and Sobol' samplers.
        for sampler in ("mc", "sobol"):
            local = outcomes.simulate(
                gimhae.model, gimhae.parameters, N_DRAWS, seed=3, sampler=sampler
            )
            remote = outcomes.simulate(
                gimhae.model, gimhae.parameters, N_DRAWS, seed=3, sampler=sampler, executor=client
            )
            _same_run(local, remote)
    finally:
        cluster.scale(2)
        _wait_for(client, 2)


def test_compare_scenarios_and_project_equal_local(client, gimhae):
    scenarios = [
        Scenario("plan"),
        Scenario("cut", model=gimhae.model_with(gimhae.budget.to_numpy() * 0.8)),
        Scenario("low productivity", overrides={"productivity": 0.8}),
    ]
    targets = [Target("cum_companies", gimhae.years[-1], 100.0)]
    local = outcomes.compare_scenarios(
        gimhae.model, gimhae.parameters, scenarios, n_draws=3000, seed=5, targets=targets
    )
    remote = outcomes.compare_scenarios(
        gimhae.model,
        gimhae.parameters,
        scenarios,
        n_draws=3000,
        seed=5,
        targets=targets,
        executor=client,
        block_size=2048,
    )
    for name in local.results:
        _same_run(local.results[name], remote.results[name])
    pd.testing.assert_frame_equal(remote.probabilities(), local.probabilities(), check_exact=True)

    seen = []
    a = innozone.project("gimhae", n_draws=3000, seed=2)
    b = innozone.project(
        "gimhae", n_draws=3000, seed=2, executor=client, progress=lambda d, t: seen.append((d, t))
    )
    _same_run(a, b)
    assert b.meta["program"] == a.meta["program"]
    assert seen[-1] == (3000, 3000) and [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_sweep_projection_and_appraisal_equal_local(client):
    scenarios = {"plan": None, "cut 20 %": lambda plan: plan * 0.8, "100 억원": 100.0}
    assumptions = {"default": {}, "low productivity": {"productivity": 0.8}}
    local = innozone.sweep(["gimhae"], scenarios, assumptions, n_draws=2048, seed=1)
    remote = innozone.sweep(
        ["gimhae"],
        scenarios,
        assumptions,
        n_draws=2048,
        seed=1,
        executor=client,
        block_size=1024,
    )
    pd.testing.assert_frame_equal(remote, local, check_exact=True)
    assert list(local.columns[:5]) == ["program", "scenario", "assumptions", "indicator", "year"]
    cells = local.groupby(["program", "scenario", "assumptions"]).ngroups
    assert cells == 6
    last = local[(local["indicator"] == "cum_companies") & (local["year"] == 2029)]
    means = last.set_index(["scenario", "assumptions"])["mean"]
    # Less budget or lower productivity -> fewer companies (common random numbers).
    assert means[("cut 20 %", "default")] < means[("plan", "default")]
    assert means[("plan", "low productivity")] < means[("plan", "default")]

    kwargs = {"what": "appraisal", "attribution": 0.3, "n_draws": 1500, "seed": 4}
    local = innozone.sweep({"Gimhae": "gimhae"}, scenarios, assumptions, **kwargs)
    remote = innozone.sweep({"Gimhae": "gimhae"}, scenarios, assumptions, executor=client, **kwargs)
    pd.testing.assert_frame_equal(remote, local, check_exact=True)
    assert local.shape[0] == 6 and set(local["program"]) == {"Gimhae"}
    single = innozone.appraise_phase("gimhae", attribution=0.3, n_draws=1500, seed=4)
    row = local[(local["scenario"] == "plan") & (local["assumptions"] == "default")].iloc[0]
    assert row["bc"] == single.bc and row["probability_bc_at_least_1"] == single.probability


def test_sweep_of_python_models_equals_local(client):
    models = {"toy": (GrowthToy(), toy_parameters())}
    scenarios = {"as is": None, "bigger start": lambda m: GrowthToy(m.start * 2)}
    assumptions = {"base": {}, "fast": {"growth": 0.25}}
    local = innozone.sweep(models, scenarios, assumptions, n_draws=2500, seed=9, quantiles=[0.5])
    remote = innozone.sweep(
        models, scenarios, assumptions, n_draws=2500, seed=9, quantiles=[0.5], executor=client
    )
    pd.testing.assert_frame_equal(remote, local, check_exact=True)
    assert list(local.columns) == [
        "program",
        "scenario",
        "assumptions",
        "indicator",
        "year",
        "mean",
        "sd",
        "p50",
    ]
    fast = local[(local["assumptions"] == "fast") & (local["scenario"] == "as is")]
    assert np.allclose(fast[fast["indicator"] == "firms"]["sd"], 0.0)  # growth fixed


# --------------------------------------------------------------------------- errors
def test_unpicklable_model_is_named(client):
    with pytest.raises(InvalidInputError, match=r"Unpicklable\) cannot be pickled.*lock"):
        outcomes.simulate(Unpicklable(), toy_parameters(), 2000, executor=client)


LOCAL_MODULE = """
import numpy as np
from innozone import outcomes


class LocalModel(outcomes.OutcomeModel):
    def input_names(self):
        return ["growth", "jobs_per_firm"]

    def indicator_names(self):
        return ["jobs"]

    def years(self):
        return [2030]

    def evaluate_batch(self, x):
        return (x[:, 0] * x[:, 1]).reshape(-1, 1, 1)
"""


def test_model_classes_the_workers_cannot_import(client, tmp_path, monkeypatch):
    import importlib

    import cloudpickle

    (tmp_path / "innozone_local_model.py").write_text(LOCAL_MODULE)
    monkeypatch.syspath_prepend(str(tmp_path))  # here only: the workers started without it
    module = importlib.import_module("innozone_local_model")
    try:
        model = module.LocalModel()
        # By reference: the workers cannot import the module -> every block names the cause.
        with pytest.raises(
            BlockError, match="cannot be restored on the worker.*innozone_local_model"
        ):
            outcomes.simulate(model, toy_parameters(), 2048, executor=client, block_size=1024)
        # By value (as cloudpickle sends classes defined in a notebook): the run completes and
        # equals the local one.
        cloudpickle.register_pickle_by_value(module)
        try:
            local = outcomes.simulate(model, toy_parameters(), 2048, seed=4, keep_draws=True)
            remote = outcomes.simulate(
                model, toy_parameters(), 2048, seed=4, keep_draws=True, executor=client
            )
            _same_run(local, remote)
        finally:
            cloudpickle.unregister_pickle_by_value(module)
    finally:
        sys.modules.pop("innozone_local_model", None)


def test_failing_blocks_are_named_and_nothing_is_returned(client):
    with pytest.raises(BlockError) as info:
        outcomes.simulate(
            FailsOnWorkers(), toy_parameters(), 3000, executor=client, block_size=1024
        )
    error = info.value
    assert "draws [" in str(error) and "model failure inside a worker" in str(error)
    assert error.failed and error.total == 3
    assert isinstance(error.__cause__, ValueError)
    # The same model runs locally.
    assert outcomes.simulate(FailsOnWorkers(), toy_parameters(), 3000).n_draws == 3000


def test_a_worker_death_is_retried_then_reported(client, tmp_path):
    model = GrowthToy()
    local = outcomes.simulate(
        model, toy_parameters(), 4096, seed=8, keep_draws=True, keep_inputs=True
    )
    trigger = local.inputs[1024]  # the first input row of the block [1024, 2048)
    # Dies once: the scheduler retries the block elsewhere, the result is the local one.
    once = KillsItsWorker(trigger, str(tmp_path / "died"))
    remote = outcomes.simulate(
        once, toy_parameters(), 4096, seed=8, keep_draws=True, executor=client, block_size=1024
    )
    assert (tmp_path / "died").exists()
    assert np.array_equal(remote.draws, local.draws)
    _wait_for(client, 2)
    # Dies every time: after the allowed failures the block is reported, nothing returned.
    with pytest.raises(BlockError, match=r"draws \[1,024, 2,048\) \(a worker died"):
        outcomes.simulate(
            KillsItsWorker(trigger),
            toy_parameters(),
            4096,
            seed=8,
            executor=client,
            block_size=1024,
        )


def test_cancelling_stops_the_remote_work(client):
    calls = []

    def stop(done, total):
        calls.append(done)
        return done == 0  # cancel at the first finished block

    with pytest.raises(KeyboardInterrupt):
        outcomes.simulate(
            GrowthToy(), toy_parameters(), 8192, executor=client, block_size=1024, progress=stop
        )
    assert len(calls) == 2
    deadline = time.monotonic() + 30
    while any(client.processing().values()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(client.processing().values())


def test_ctrl_c_cancels_the_remote_work(client):
    # A real SIGINT, as Ctrl-C or "interrupt kernel" sends; a process started in the background
    # may inherit SIGINT as ignored, so install Python's own handler for the test.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    timer = threading.Timer(0.8, os.kill, args=(os.getpid(), signal.SIGINT))
    returned = False
    start = time.perf_counter()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            outcomes.simulate(
                SlowToy(), toy_parameters(), 24 * 1024, executor=client, block_size=1024
            )
            returned = True
            for _ in range(500):  # let a late interrupt land here, not in the test runner
                time.sleep(0.01)
    finally:
        timer.cancel()
        signal.signal(signal.SIGINT, previous)
    assert not returned, "the run finished before the interrupt; make it longer"
    assert time.perf_counter() - start < 5.0  # seconds, on a loaded 2-core machine
    deadline = time.monotonic() + 30
    while any(client.processing().values()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(client.processing().values())  # nothing left running on the cluster


def test_progress_bar_while_remote_work_runs(client, capsys):
    result = outcomes.simulate(
        GrowthToy(), toy_parameters(), 4096, executor=client, block_size=1024, progress=True
    )
    assert result.n_draws == 4096
    assert "simulate" in capsys.readouterr().err  # the tqdm bar's label


def test_argument_checks():
    with pytest.raises(InvalidInputError, match="executor must be a dask.distributed.Client"):
        outcomes.simulate(GrowthToy(), toy_parameters(), 100, executor=object())
    with pytest.raises(InvalidInputError, match="multiple of 1,024 draws.*try 1,024 or 2,048"):
        plan_blocks(5000, 1500, granule=1024)
    with pytest.raises(InvalidInputError, match="block_size must be at least 1"):
        plan_blocks(5000, 0, granule=1024)
    with pytest.raises(InvalidInputError, match="block_size must be an integer"):
        plan_blocks(5000, True)
    assert plan_blocks(5000, 2048, granule=1024) == [(0, 2048), (2048, 4096), (4096, 5000)]
    assert plan_blocks(5000, None, granule=1024, workers=2) == [
        (0, 1024),
        (1024, 2048),
        (2048, 3072),
        (3072, 4096),
        (4096, 5000),
    ]
    assert resolve_executor(None) is None
    with pytest.raises(InvalidInputError, match="attribution="):
        innozone.sweep("gimhae", what="appraisal")
    with pytest.raises(InvalidInputError, match="appraisals need a program"):
        innozone.sweep([(GrowthToy(), toy_parameters())], what="appraisal", attribution=0.3)
    with pytest.raises(InvalidInputError, match="two items are named"):
        innozone.sweep(["gimhae", "gimhae"], n_draws=100)
    with pytest.raises(InvalidInputError, match="scenario 'x' for the model"):
        innozone.sweep([(GrowthToy(), toy_parameters())], {"x": 3.0}, n_draws=100)
    with pytest.raises(InvalidInputError, match="what must be"):
        innozone.sweep("gimhae", what="npv")


def test_closed_client_is_refused(dask_cluster):
    cluster, _ = dask_cluster
    other = distributed.Client(cluster)
    other.close()
    with pytest.raises(InvalidInputError, match="client is closed"):
        outcomes.simulate(GrowthToy(), toy_parameters(), 100, executor=other)


# --------------------------------------------------------------------------- pickling
def test_models_pickle_with_their_state(gimhae):
    x = gimhae.central_inputs().to_numpy()[None, :]
    copy = pickle.loads(pickle.dumps(gimhae.model))
    assert type(copy) is type(gimhae.model)
    assert copy.years() == gimhae.model.years()
    assert np.array_equal(copy.evaluate_rows(x), gimhae.model.evaluate_rows(x))
    toy = pickle.loads(pickle.dumps(GrowthToy(7.5)))
    assert isinstance(toy, GrowthToy) and toy.start == 7.5
    assert np.array_equal(
        toy.evaluate_rows(np.array([[0.1, 2.0]])),
        GrowthToy(7.5).evaluate_rows(np.array([[0.1, 2.0]])),
    )
    ishigami = pickle.loads(pickle.dumps(outcomes.IshigamiModel(5.0, 0.2)))
    rows = np.array([[0.3, -1.0, 2.0]])
    assert np.array_equal(
        ishigami.evaluate_rows(rows), outcomes.IshigamiModel(5.0, 0.2).evaluate_rows(rows)
    )
    assert not np.array_equal(
        ishigami.evaluate_rows(rows), outcomes.IshigamiModel().evaluate_rows(rows)
    )
    with pytest.raises(InvalidInputError, match="ZoneModel: bad pickled state"):
        innozone.ZoneModel.__new__(innozone.ZoneModel).__setstate__((1, 2))
    with pytest.raises(InvalidInputError, match="zone model: 'years' and 'budget'"):
        innozone.ZoneModel.__new__(innozone.ZoneModel).__setstate__(
            ([2025], [], 209.0, 5, 0.0, [], [], [])
        )


def test_package_works_without_dask(tmp_path):
    script = textwrap.dedent(
        f"""
        import sys
        sys.modules["dask"] = None
        sys.modules["distributed"] = None
        sys.path.insert(0, {str(HERE)!r})
        import conftest  # the development build, when INNOZONE_DEV_BUILD is set
        import innozone
        from innozone import outcomes
        cal = innozone.zone_model("gimhae")
        r = outcomes.simulate(cal.model, cal.parameters, 2000, seed=1)
        frame = innozone.sweep("gimhae", {{"plan": None, "cut": lambda p: p * 0.9}}, n_draws=1000)
        assert frame.shape[0] == 2 * 13 * 5, frame.shape
        try:
            outcomes.simulate(cal.model, cal.parameters, 100, executor=object())
        except innozone.InvalidInputError as err:
            assert "dask.distributed.Client" in str(err)
        else:
            raise AssertionError("executor=object() accepted")
        assert "dask" not in sys.modules or sys.modules["dask"] is None
        print("ok", r.n_draws)
        """
    )
    env = dict(os.environ)
    if env.get("INNOZONE_DEV_BUILD"):
        env["INNOZONE_DEV_BUILD"] = str(Path(env["INNOZONE_DEV_BUILD"]).resolve())
    out = subprocess.run(
        [sys.executable, "-c", script],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
        env=env,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "ok 2000"


# --------------------------------------------------------------------------- sensitivity
def test_sensitivity_analyses_equal_local(client, gimhae):
    from innozone import sensitivity

    cases = {
        "C++ ZoneModel": (gimhae.model, gimhae.parameters, ("cum_companies", 2029)),
        "Python model": (GrowthToy(), toy_parameters(), ("jobs", 2027)),
    }
    for name, (model, parameters, output) in cases.items():
        # Sobol': N (d + 2) runs; two block sizes.
        local = sensitivity.sobol(model, parameters, [output], n_draws=512, n_boot=50, seed=2)
        for block_size in (1024, 2048):
            remote = sensitivity.sobol(
                model,
                parameters,
                [output],
                n_draws=512,
                n_boot=50,
                seed=2,
                executor=client,
                block_size=block_size,
            )
            pd.testing.assert_frame_equal(remote.frame, local.frame, check_exact=True)
            for attr in ("first", "total", "first_low", "total_high", "variance"):
                assert np.array_equal(getattr(remote.raw, attr), getattr(local.raw, attr)), name
        # Morris: r (d + 1) runs.
        local = sensitivity.morris(model, parameters, *output, n_trajectories=200, seed=5)
        remote = sensitivity.morris(
            model, parameters, *output, n_trajectories=200, seed=5, executor=client
        )
        for attr in ("design", "outputs", "mu", "mu_star", "sigma", "mu_star_conf"):
            assert np.array_equal(getattr(remote.raw, attr), getattr(local.raw, attr)), name
        # Tornado: 1 + 2 d runs, one block.
        local = sensitivity.tornado(model, parameters, *output)
        remote = sensitivity.tornado(model, parameters, *output, executor=client)
        pd.testing.assert_frame_equal(remote.to_frame(), local.to_frame(), check_exact=True)
        assert np.array_equal(remote.raw.outputs, local.raw.outputs)


# --------------------------------------------------------------------------- placebo loops
@pytest.fixture(scope="module")
def prop99(test_data) -> pd.DataFrame:
    return pd.read_csv(test_data / "california_prop99.csv", sep=";", comment="#")


PROP99 = {"unit": "State", "time": "Year", "outcome": "PacksPerCapita", "treatment": "treated"}


def test_synthetic_control_placebos_equal_local(client, prop99):
    kw = {**PROP99, "optimize_years": range(1980, 1989), "seed": 5}
    local = innozone.synthetic_control(prop99, **kw)
    for block_size in (5, None):
        remote = innozone.synthetic_control(prop99, **kw, executor=client, block_size=block_size)
        pd.testing.assert_frame_equal(remote.rmspe, local.rmspe, check_exact=True)
        pd.testing.assert_frame_equal(remote.placebo_gaps, local.placebo_gaps, check_exact=True)
        pd.testing.assert_frame_equal(remote.weights, local.weights, check_exact=True)
        pd.testing.assert_series_equal(remote.p_values, local.p_values, check_exact=True)
    assert local.rmspe["placebo"].sum() == 38


@pytest.mark.parametrize("se", ["placebo", "bootstrap"])
def test_synthdid_replicates_equal_local(client, prop99, se):
    data = prop99
    if se == "bootstrap":  # two treated units (bootstrap SEs need more than one)
        data = prop99.copy()
        data.loc[(data["State"] == "Nevada") & (data["Year"] >= 1989), "treated"] = 1
    kw = {**PROP99, "se": se, "n_placebo": 30, "n_boot": 30, "seed": 11}
    local = innozone.synthdid(data, **kw)
    remote = innozone.synthdid(data, **kw, executor=client, block_size=7)
    assert np.array_equal(remote.replicates, local.replicates)
    assert remote.se == local.se and np.isfinite(local.se)
    assert remote.estimate == local.estimate


def test_dea_bootstrap_equals_local(client):
    rng = np.random.default_rng(4)
    x = rng.uniform(1.0, 10.0, size=(25, 2))
    frame = pd.DataFrame(
        {"x1": x[:, 0], "x2": x[:, 1], "y": (x[:, 0] * x[:, 1]) ** 0.4 * rng.uniform(0.5, 1.0, 25)}
    )
    kw = {"model": "bcc", "n_boot": 101, "seed": 6}
    local = innozone.dea(frame, ["x1", "x2"], ["y"], **kw)
    remote = innozone.dea(frame, ["x1", "x2"], ["y"], **kw, executor=client, block_size=20)
    assert np.array_equal(remote.replicates.to_numpy(), local.replicates.to_numpy())
    pd.testing.assert_frame_equal(remote.bootstrap, local.bootstrap, check_exact=True)
