"""Atheris fuzz target: the panel / CSV input path of the impact-evaluation estimators.

Any byte string is read as CSV with pandas; when that gives a table, its first four
columns are used as unit, time, outcome and first-treated period and passed to
innozone.panel.to_wide, innozone.callaway_santanna and innozone.synthetic_control.
Each call must either return or raise one of innozone's documented errors
(InvalidInputError, NotFoundError, OutOfRangeError, NumericalError); any other
exception, a crash or a hang is a bug.

    python tests/fuzz/fuzz_panel.py -max_total_time=60 CORPUS_DIR [SEED_DIR ...]
"""

from __future__ import annotations

import io
import sys
import warnings

import atheris

with atheris.instrument_imports(include=["innozone"]):
    import innozone

import pandas as pd

EXPECTED = (
    innozone.InvalidInputError,
    innozone.NotFoundError,
    innozone.OutOfRangeError,
    innozone.NumericalError,
)
MAX_ROWS = 300


def _table(data: bytes) -> pd.DataFrame | None:
    try:
        frame = pd.read_csv(io.BytesIO(data), nrows=MAX_ROWS)
    except (
        pd.errors.ParserError,
        pd.errors.EmptyDataError,
        UnicodeDecodeError,
        ValueError,
        OverflowError,
        MemoryError,
    ):
        return None  # not a table: pandas' concern, not ours
    if frame.shape[1] < 4 or frame.empty:
        return None
    frame = frame.iloc[:, :4].copy()
    frame.columns = ["unit", "time", "outcome", "first"]
    return frame


def test_one_input(data: bytes) -> None:
    frame = _table(data)
    if frame is None:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # unbalanced-panel and convergence warnings are fine
        for call in (
            lambda: innozone.panel.to_wide(frame, unit="unit", time="time", outcome="outcome"),
            lambda: innozone.callaway_santanna(
                frame,
                unit="unit",
                time="time",
                outcome="outcome",
                first_treated="first",
                n_boot=0,
                n_threads=1,
            ),
            lambda: innozone.synthetic_control(
                frame,
                unit="unit",
                time="time",
                outcome="outcome",
                first_treated="first",
                placebo=False,
                n_random_starts=0,
                max_evaluations=200,
                n_threads=1,
            ),
        ):
            try:
                call()
            except EXPECTED:
                pass


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
