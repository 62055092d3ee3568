"""Exception and warning classes of innozone.

The exception classes are defined by the compiled core so that C++ errors arrive as
the same classes a Python check raises:

- :class:`InvalidInputError` (a :class:`ValueError`): bad input.
- :class:`SchemaError` (an :class:`InvalidInputError`): a document does not follow the
  program format; its ``path`` attribute is a JSON Pointer to the bad place.
- :class:`NotFoundError` (a :class:`KeyError`): a lookup by id found nothing.
- :class:`OutOfRangeError` (an :class:`IndexError`): an index or year out of range.
- :class:`NumericalError` (an :class:`ArithmeticError`): no trustworthy number exists.

Non-fatal numerical problems are warnings rooted in :class:`InnozoneWarning`.
"""

from __future__ import annotations

from ._core import (
    InvalidInputError,
    NotFoundError,
    NumericalError,
    OutOfRangeError,
    SchemaError,
)

__all__ = [
    "InnozoneWarning",
    "InvalidInputError",
    "NotFoundError",
    "NumericalError",
    "NumericalWarning",
    "OutOfRangeError",
    "SchemaError",
]


class InnozoneWarning(UserWarning):
    """Base class of every warning innozone emits."""


class NumericalWarning(InnozoneWarning):
    """A result was computed but deserves caution (slow convergence, a clipped value, ...)."""
