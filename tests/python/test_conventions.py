"""docs/api-conventions.md, checked on every public name of the package.

Walks ``innozone.__all__`` and the ``__all__`` of every public submodule: every public
function, every public method of an exported class and every exported constructor, by
signature introspection, and every exported result class on an example instance
(result_examples.py builds one of each).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import types
from collections.abc import Callable, Iterator
from typing import Any

import matplotlib
import pandas as pd
import pytest

import innozone
import result_examples
from innozone._results import REPR_LIMIT, Result

matplotlib.use("Agg")


def _public_modules() -> dict[str, types.ModuleType]:
    modules = {"innozone": innozone}
    for info in pkgutil.iter_modules(innozone.__path__):
        if not info.name.startswith("_"):
            modules[f"innozone.{info.name}"] = importlib.import_module(f"innozone.{info.name}")
    return modules


def _public_objects() -> dict[str, Any]:
    """Every object named in an ``__all__``, once, under its first (shortest) name."""
    found: dict[int, tuple[str, Any]] = {}
    for module_name, module in _public_modules().items():
        for name in module.__all__:
            value = getattr(module, name)
            if isinstance(value, types.ModuleType) or id(value) in found:
                continue
            found[id(value)] = (f"{module_name}.{name}", value)
    return dict(found.values())


PUBLIC = _public_objects()
CLASSES = {n: v for n, v in PUBLIC.items() if isinstance(v, type)}
RESULT_CLASSES = {n: v for n, v in CLASSES.items() if issubclass(v, Result)}


def _callables() -> Iterator[tuple[str, Callable[..., Any]]]:
    """Public functions, and the constructor and public methods of exported classes."""
    for name, value in PUBLIC.items():
        if isinstance(value, type):
            if issubclass(value, BaseException):
                continue
            for member in dir(value):
                if member.startswith("_") and member != "__init__":
                    continue
                attribute = inspect.getattr_static(value, member)
                if isinstance(attribute, (staticmethod, classmethod)):
                    attribute = attribute.__func__
                if isinstance(attribute, types.FunctionType):
                    yield f"{name}.{member}", attribute
        elif isinstance(value, types.FunctionType):
            yield name, value


def _parameters() -> Iterator[tuple[str, inspect.Parameter]]:
    for where, function in _callables():
        for parameter in inspect.signature(function).parameters.values():
            yield where, parameter


def _check(found: set[str]) -> None:
    new = sorted(found)
    assert not new, "violations of docs/api-conventions.md:\n" + "\n".join(new)


# ---- argument vocabulary -----------------------------------------------------------------

OLD_NAMES = {
    "df": "data",
    "group": "first_treated",
    "n": "n_draws or a named count",
    "n_bootstrap": "n_boot",
    "replications": "n_placebo or n_boot",
    "trajectories": "n_trajectories",
}


def _old_names() -> set[str]:
    return {
        f"{where}({p.name}): use {OLD_NAMES[p.name]}"
        for where, p in _parameters()
        if p.name in OLD_NAMES
    }


def test_no_argument_keeps_an_old_name() -> None:
    _check(_old_names())


def _option_defaults() -> set[str]:
    found = set()
    for where, p in _parameters():
        if p.name in ("seed", "lang", "n_threads") and p.default is not inspect.Parameter.empty:
            if p.default is not None:
                found.add(f"{where}({p.name}={p.default!r})")
    return found


def test_seed_lang_and_threads_default_to_the_options() -> None:
    _check(_option_defaults())


MONEY_WORDS = re.compile(r"원|KRW|money|won\b", re.I)


def _documented(function: Callable[..., Any], name: str) -> str:
    doc = inspect.getdoc(function) or ""
    match = re.search(rf"^{name}(?:, \w+)* : (.*)\n((?:(?: {{4}}.*)?\n)*)", doc, re.M)
    return "" if match is None else match.group(1) + match.group(2)


def _money_units() -> set[str]:
    found = set()
    for where, function in _callables():
        parameters = inspect.signature(function).parameters
        if "unit" not in parameters:
            continue
        default = parameters["unit"].default
        text = _documented(function, "unit")
        if default in innozone.MONEY_UNITS or default == "KRW" or MONEY_WORDS.search(text):
            found.add(f"{where}(unit): a money unit, use money_unit=")
    return found


def test_unit_is_never_a_money_unit() -> None:
    """``unit`` is a panel column (or a measurement label); money units are ``money_unit``."""
    _check(_money_units())


COUNTS = ("n_draws", "n_boot", "n_placebo", "n_trajectories")
# Calls that take a count or threads but have no loop worth a progress bar (measured).
NOT_LONG_RUNNING = {
    # statistics of r given trajectories: 0.09 s at r=1,000, d=20, n_boot=1,000
    "innozone.sensitivity.morris_from_outputs",
    # fills a design matrix and returns it whole (memory-bound, 0.45 s for 10^6 x 10)
    "innozone.outcomes.uniform_design",
    # one regression: the parallel loop is the within transformation of its columns
    # (0.46 s at 500,000 rows, notes of branch `did`)
    "innozone.did.twfe",
    "innozone.event_study",
}


def _progress() -> set[str]:
    found = set()
    for where, function in _callables():
        if where.endswith(".__init__") or where in NOT_LONG_RUNNING:
            continue
        parameters = inspect.signature(function).parameters
        if not ({"n_threads", *COUNTS} & set(parameters)):
            continue
        if "progress" not in parameters:
            found.add(f"{where}: no progress")
        elif parameters["progress"].default is not False:
            found.add(f"{where}(progress={parameters['progress'].default!r})")
        elif not _uses(function, "progress"):
            found.add(f"{where}: takes progress but never uses it")
    return found


def _uses(function: Callable[..., Any], name: str) -> bool:
    """Whether the function's body reads ``name`` (passes it on or turns it into a callback)."""
    import ast
    import textwrap

    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    return any(
        isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load)
        for node in ast.walk(tree)
    )


def test_long_running_calls_accept_progress() -> None:
    """A call that takes threads or a replication count accepts ``progress`` (default False)."""
    _check(_progress())


# ---- results -------------------------------------------------------------------------------

# Exported classes a function may return that are inputs, models or values, not results.
NOT_RESULTS = {
    "Options",  # the package options (Options.context returns them)
    "Program",  # one program of a document
    "Document",  # the loaded program file
    "Distribution",  # an input distribution
    "ParameterSet",  # the inputs of a model
    "Scenario",  # a variant to simulate
    "SurvivalCurve",  # a model input (cohort survival)
    "ZoneModel",  # an outcome model
    "MoneyRange",  # a money value with its range
    "Periods",  # panel helpers: the periods of a panel ...
    "LongPanel",  # ... a validated long panel
    "WidePanel",  # ... and its wide form
    "Assumption",  # one row of an assumption register
    "DerivedFigure",  # one row of the CLI summary
}


def _returned_results() -> set[str]:
    by_name = {cls.__name__: (name, cls) for name, cls in CLASSES.items()}
    found = set()
    for name, cls in CLASSES.items():
        if cls.__name__.endswith("Result") and not issubclass(cls, Result):
            found.add(f"{name}: not a Result")
    for where, function in _callables():
        returns = str(inspect.signature(function).return_annotation)
        for word in re.findall(r"\b[A-Z]\w+\b", returns):
            if word in by_name and word not in NOT_RESULTS:
                name, cls = by_name[word]
                if not issubclass(cls, Result):
                    found.add(f"{name}: not a Result (returned by {where})")
    return found


def test_what_functions_return_is_a_result() -> None:
    _check(_returned_results())


def test_every_result_class_has_an_example() -> None:
    missing = sorted(n for n, c in RESULT_CLASSES.items() if c not in result_examples.EXAMPLES)
    assert not missing, f"add these to result_examples.py: {missing}"


def _plot_signatures() -> set[str]:
    """plot(ax=None, lang=None): both there with default None, every other option defaulted."""
    found = set()
    for name, cls in RESULT_CLASSES.items():
        parameters = dict(list(inspect.signature(cls.plot).parameters.items())[1:])
        for required in ("ax", "lang"):
            if required not in parameters or parameters[required].default is not None:
                found.add(f"{name}.plot(ax, lang)")
        for p in parameters.values():
            if p.default is inspect.Parameter.empty and p.kind not in (
                p.VAR_POSITIONAL,
                p.VAR_KEYWORD,
            ):
                found.add(f"{name}.plot({p.name}): needs a default, plot() must work")
    return found


def test_plot_takes_ax_and_lang() -> None:
    _check(_plot_signatures())


@pytest.fixture(scope="module", params=sorted(RESULT_CLASSES), ids=lambda n: n.split(".")[-1])
def result(request: pytest.FixtureRequest) -> Result:
    return result_examples.build(RESULT_CLASSES[request.param])


def test_summary_and_to_frame_are_dataframes(result: Result) -> None:
    assert isinstance(result.summary(), pd.DataFrame)
    assert isinstance(result.to_frame(), pd.DataFrame)


def test_repr_is_one_short_line(result: Result) -> None:
    text = repr(result)
    assert len(text) < REPR_LIMIT and "\n" not in text, text
    assert text.startswith(f"<{type(result).__name__}: ") and text.endswith(">")


def test_html_comes_from_the_shared_renderer(result: Result) -> None:
    text = result._repr_html_()
    # html_table's frame (a title, a table, notes), once or several times in a row
    block = r"<div class='innozone-result'><strong>(?:(?!<div).)*?</div>"
    assert re.fullmatch(f"(?:{block})+", text, re.S), text[:200]


def test_plot_returns_the_axes_it_was_given(result: Result) -> None:
    import matplotlib.pyplot as plt

    for lang in ("en", "ko"):
        fig, ax = plt.subplots()
        try:
            assert result.plot(ax=ax, lang=lang) is ax
        finally:
            plt.close(fig)
    drawn = result.plot()
    try:
        assert isinstance(drawn, matplotlib.axes.Axes)
    finally:
        plt.close(drawn.figure)
