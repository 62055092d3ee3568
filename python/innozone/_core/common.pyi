# Stubs of innozone._core.common (cpp/bindings/register_common.cpp).
# Errors, random streams, the parallel loop; these names are also at the top level of innozone._core.
from collections.abc import Callable
from typing import type_check_only

from typing_extensions import TypeAlias

_Progress: TypeAlias = Callable[[int, int], bool | None] | None

# The metaclass of every class pybind11 binds (pybind11_builtins.pybind11_type): the stubs
# name it so that stubtest's metaclass check holds; it cannot be imported at run time.
@type_check_only
class _BoundClass(type): ...

class InvalidInputError(ValueError): ...

class SchemaError(InvalidInputError):
    path: str

class NotFoundError(KeyError): ...
class OutOfRangeError(IndexError): ...
class NumericalError(ArithmeticError): ...

def normal_quantile(p: float) -> float: ...
def normal_cdf(x: float) -> float: ...
def philox_uniform(seed: int, stream: int, n: int) -> list[float]: ...
def run_parallel_sleep(
    n_tasks: int,
    n_threads: int = 0,
    sleep_ms: int = 1,
    progress: _Progress = None,
) -> list[int]: ...
