"""The result contract shared by every result object (internal base class).

Every object a computation returns follows the same contract:

- ``to_frame()``: the result's main table as a :class:`pandas.DataFrame`;
- ``summary()``: a short :class:`pandas.DataFrame` (the headline figures);
- ``plot(ax=None, lang=None)``: draws on ``ax`` (a new figure when None) and returns the axes;
- ``_repr_html_()``: a title, the summary table and notes, every text escaped;
- ``repr()``: one line with the title and at most a few headline figures, under 1,000
  characters.

Subclasses implement ``to_frame`` and ``plot`` and usually override ``summary``,
``_title`` and ``_notes``.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["REPR_LIMIT", "Result", "format_number", "html_table"]

#: Upper bound on the length of ``repr(result)``.
REPR_LIMIT = 1000


def format_number(value: Any) -> str:
    """A number for display.

    Integers without decimals, others with 4 significant digits after the point, NaN as an
    empty string.
    """
    if value is None:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (int, np.integer)):
        return f"{int(value):,}" if abs(int(value)) >= 10_000 else str(int(value))
    if isinstance(value, (float, np.floating)):
        f = float(value)
        if math.isnan(f):
            return ""
        if math.isinf(f):
            return "inf" if f > 0 else "-inf"
        if f == math.floor(f) and abs(f) < 1e15:
            return f"{f:,.0f}" if abs(f) >= 10_000 else f"{f:.0f}"
        if abs(f) >= 1e5 or abs(f) < 1e-3:
            return f"{f:.4g}"
        return f"{f:,.4f}".rstrip("0").rstrip(".") if abs(f) < 1 else f"{f:,.4f}"
    return str(value)


def _clean_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns of whole numbers stored as floats (years, counts) shown as integers."""
    out: pd.DataFrame = frame.copy()
    for col in out.columns:
        series = out[col]
        if pd.api.types.is_float_dtype(series.dtype):
            finite = series.dropna()
            if len(finite) and np.all(np.isfinite(finite)) and np.all(finite == np.floor(finite)):
                out[col] = series.astype("Int64")
    return out


def html_table(
    title: str,
    frame: pd.DataFrame | None,
    notes: Sequence[str] = (),
    *,
    index: bool = True,
) -> str:
    """The one HTML renderer of result objects: an escaped title, a table and notes."""
    parts = [f"<div class='innozone-result'><strong>{html.escape(title)}</strong>"]
    if frame is not None:
        shown = _clean_frame(frame)
        parts.append(
            shown.to_html(
                index=index,
                escape=True,
                na_rep="",
                float_format=format_number,
                border=0,
            )
        )
    parts.extend(f"<p>{html.escape(str(n))}</p>" for n in notes if n)
    parts.append("</div>")
    return "".join(parts)


class Result:
    """Base class of result objects (see the module docstring for the contract)."""

    def to_frame(self) -> pd.DataFrame:  # pragma: no cover - every subclass overrides
        raise NotImplementedError

    def summary(self) -> pd.DataFrame:
        """Headline figures as a DataFrame (by default the whole table)."""
        return self.to_frame()

    def plot(self, ax: Any = None, lang: str | None = None) -> Any:  # pragma: no cover
        raise NotImplementedError

    # -- display
    def _title(self) -> str:
        return type(self).__name__

    def _notes(self) -> list[str]:
        return []

    def _headline(self) -> str:
        """A few key figures for ``repr`` (``name=value`` pairs)."""
        frame = self.summary()
        if frame.empty:
            return "empty"
        return f"{frame.shape[0]} rows x {frame.shape[1]} columns"

    def _repr_html_(self) -> str:
        return html_table(self._title(), self.summary(), self._notes())

    def __repr__(self) -> str:
        text = f"<{type(self).__name__}: {self._title()}"
        head = self._headline()
        if head:
            text += f"; {head}"
        text += ">"
        if len(text) > REPR_LIMIT:
            text = text[: REPR_LIMIT - 4] + "...>"
        return text
