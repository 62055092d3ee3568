# Stubs of innozone._core.efficiency (cpp/bindings/register_efficiency.cpp).
# Data envelopment analysis, its bootstrap, Malmquist indices, window analysis.
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt
from typing_extensions import TypeAlias

from .common import _BoundClass

_F64: TypeAlias = npt.NDArray[np.float64]
_Progress: TypeAlias = Callable[[int, int], bool | None] | None

class DeaResult(metaclass=_BoundClass):
    @property
    def model(self) -> str: ...
    @property
    def orientation(self) -> str: ...
    @property
    def score(self) -> _F64: ...
    @property
    def radial(self) -> _F64: ...
    @property
    def input_slack(self) -> _F64: ...
    @property
    def output_slack(self) -> _F64: ...
    @property
    def lambdas(self) -> _F64: ...
    @property
    def input_target(self) -> _F64: ...
    @property
    def output_target(self) -> _F64: ...
    @property
    def crs_score(self) -> _F64: ...
    @property
    def vrs_score(self) -> _F64: ...
    @property
    def nirs_score(self) -> _F64: ...
    @property
    def scale_efficiency(self) -> _F64: ...
    @property
    def returns_to_scale(self) -> list[str]: ...
    @property
    def status(self) -> list[str]: ...
    @property
    def super_score(self) -> _F64: ...
    @property
    def super_status(self) -> list[str]: ...
    @property
    def n_lp(self) -> int: ...

class BootstrapResult(metaclass=_BoundClass):
    @property
    def score(self) -> _F64: ...
    @property
    def bias(self) -> _F64: ...
    @property
    def bias_corrected(self) -> _F64: ...
    @property
    def lower(self) -> _F64: ...
    @property
    def upper(self) -> _F64: ...
    @property
    def std_error(self) -> _F64: ...
    @property
    def bias_ratio(self) -> _F64: ...
    @property
    def replicates(self) -> _F64: ...
    @property
    def bandwidth(self) -> float: ...
    @property
    def alpha(self) -> float: ...
    @property
    def n_boot(self) -> int: ...
    @property
    def n_failed(self) -> int: ...

class MalmquistResult(metaclass=_BoundClass):
    @property
    def model(self) -> str: ...
    @property
    def orientation(self) -> str: ...
    @property
    def score_t_t(self) -> _F64: ...
    @property
    def score_t_t1(self) -> _F64: ...
    @property
    def score_t1_t(self) -> _F64: ...
    @property
    def score_t1_t1(self) -> _F64: ...
    @property
    def malmquist(self) -> _F64: ...
    @property
    def efficiency_change(self) -> _F64: ...
    @property
    def technical_change(self) -> _F64: ...
    @property
    def pure_efficiency_change(self) -> _F64: ...
    @property
    def scale_change(self) -> _F64: ...
    @property
    def n_infeasible(self) -> int: ...

class WindowResult(metaclass=_BoundClass):
    @property
    def model(self) -> str: ...
    @property
    def orientation(self) -> str: ...
    @property
    def width(self) -> int: ...
    @property
    def scores(self) -> list[_F64]: ...

def lp_solver_version() -> str: ...
def minimum_units(n_inputs: int, n_outputs: int) -> int: ...
def validate_data(
    inputs: npt.ArrayLike,
    outputs: npt.ArrayLike,
    units: Sequence[str] = ...,
    input_names: Sequence[str] = ...,
    output_names: Sequence[str] = ...,
) -> None: ...
def bootstrap_bandwidth(delta: npt.ArrayLike) -> float: ...
def dea(
    inputs: npt.ArrayLike,
    outputs: npt.ArrayLike,
    model: str = "ccr",
    orientation: str = "input",
    slacks: bool = True,
    super_efficiency: bool = False,
    units: Sequence[str] = ...,
    input_names: Sequence[str] = ...,
    output_names: Sequence[str] = ...,
    n_threads: int = 0,
    progress: _Progress = None,
) -> DeaResult: ...
def scores_against(
    ref_inputs: npt.ArrayLike,
    ref_outputs: npt.ArrayLike,
    eval_inputs: npt.ArrayLike,
    eval_outputs: npt.ArrayLike,
    model: str = "ccr",
    orientation: str = "input",
) -> _F64: ...
def bootstrap(
    inputs: npt.ArrayLike,
    outputs: npt.ArrayLike,
    scores: npt.ArrayLike,
    model: str = "ccr",
    orientation: str = "input",
    n_boot: int = 2000,
    seed: int = 0,
    alpha: float = 0.05,
    bandwidth: float = 0.0,
    n_threads: int = 0,
    progress: _Progress = None,
    first_replicate: int = 0,
) -> BootstrapResult: ...
def bootstrap_summary(
    scores: npt.ArrayLike,
    replicates: npt.ArrayLike,
    alpha: float = 0.05,
    bandwidth: float = 0.0,
) -> BootstrapResult: ...
def malmquist(
    inputs: Sequence[npt.ArrayLike],
    outputs: Sequence[npt.ArrayLike],
    model: str = "ccr",
    orientation: str = "input",
    units: Sequence[str] = ...,
    input_names: Sequence[str] = ...,
    output_names: Sequence[str] = ...,
    periods: Sequence[str] = ...,
    n_threads: int = 0,
    progress: _Progress = None,
) -> MalmquistResult: ...
def window_analysis(
    inputs: Sequence[npt.ArrayLike],
    outputs: Sequence[npt.ArrayLike],
    width: int,
    model: str = "ccr",
    orientation: str = "input",
    units: Sequence[str] = ...,
    input_names: Sequence[str] = ...,
    output_names: Sequence[str] = ...,
    periods: Sequence[str] = ...,
    n_threads: int = 0,
    progress: _Progress = None,
) -> WindowResult: ...
