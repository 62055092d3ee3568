"""Packaging: one version, the licence, and where the C++ dependencies come from.

The full distribution check (sdist, wheel built from it with the Debian -dev files hidden,
auditwheel, install without a compiler) is ``scripts/check-dist``, run by ``scripts/test``;
these tests cover the pieces that are quick to check on every run: the version is written
once, and CMake finds Eigen and nlohmann/json both on the system and in the PyPI packages
(``cmake/InnozoneDependencies.cmake``, configure step only).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import innozone

REPO = Path(__file__).resolve().parents[2]
PYPROJECT = (REPO / "pyproject.toml").read_text(encoding="utf-8")
VERSION = re.search(r'^version = "([^"]+)"', PYPROJECT, re.MULTILINE).group(1)  # type: ignore[union-attr]
CMAKE = shutil.which("cmake", path=str(Path(sys.executable).parent)) or shutil.which("cmake")


def test_version_is_written_once() -> None:
    assert innozone.__version__ == VERSION
    assert PYPROJECT.count(f'"{VERSION}"') == 1
    for path in [REPO / "CMakeLists.txt", *sorted((REPO / "cmake").glob("*.cmake"))]:
        assert VERSION not in path.read_text(encoding="utf-8"), path
    for path in sorted((REPO / "python" / "innozone").glob("*.py")):
        assert f'"{VERSION}"' not in path.read_text(encoding="utf-8"), path


def test_licence_file_matches_the_metadata() -> None:
    assert 'license = { text = "MIT" }' in PYPROJECT
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")


def test_build_requirements_include_the_cpp_headers() -> None:
    requires = re.search(r"\[build-system\]\s*(?:#.*\n)*requires = \[(.*?)\]", PYPROJECT, re.S)
    assert requires is not None
    names = re.findall(r'"([A-Za-z0-9_.-]+)', requires.group(1))
    assert {"scikit-build-core", "pybind11", "cmeel-eigen", "nlohmann-json"} <= set(names)


def _configure(tmp_path: Path, source: str) -> str:
    assert CMAKE, "cmake is not installed (the test extra installs it)"
    run = subprocess.run(
        [
            CMAKE,
            "-S",
            str(REPO),
            "-B",
            str(tmp_path / "build"),
            "-DINNOZONE_BUILD_TESTS=OFF",
            "-DINNOZONE_BUILD_BINDINGS=OFF",
            f"-DINNOZONE_DEPENDENCY_SOURCE={source}",
            f"-DPython_EXECUTABLE={sys.executable}",
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return run.stdout


def _dependency_lines(output: str) -> dict[str, str]:
    return dict(re.findall(r"innozone: dependency (\w+) \S+ from (.*)", output))


def test_cmake_takes_the_pypi_copies_when_asked(tmp_path: Path) -> None:
    lines = _dependency_lines(_configure(tmp_path, "pypi"))
    assert lines.keys() == {"Eigen3", "nlohmann_json"}
    assert lines["Eigen3"].startswith("PyPI (cmeel-eigen)")
    assert lines["nlohmann_json"].startswith("PyPI (nlohmann-json)")
    assert "site-packages" in lines["Eigen3"] and "site-packages" in lines["nlohmann_json"]


def test_cmake_prefers_the_system_copies(tmp_path: Path) -> None:
    # The Debian packages are in scripts/_setup.sh's apt list, so the test machine has them.
    lines = _dependency_lines(_configure(tmp_path, "auto"))
    assert lines == {
        "Eigen3": lines["Eigen3"],
        "nlohmann_json": lines["nlohmann_json"],
    }
    assert all(side.startswith("the system") for side in lines.values()), lines


def test_cmake_names_the_missing_dependency(tmp_path: Path) -> None:
    run = subprocess.run(
        [
            CMAKE or "cmake",
            "-S",
            str(REPO),
            "-B",
            str(tmp_path / "b"),
            "-DINNOZONE_BUILD_TESTS=OFF",
            "-DINNOZONE_DEPENDENCY_SOURCE=pypi",
            "-DPython_EXECUTABLE=/nonexistent/python",
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode != 0
    message = " ".join(run.stderr.split())
    assert "Eigen3 >= 3.3 not found" in message and "pip install cmeel-eigen" in message


def test_cmake_refuses_an_unknown_dependency_source(tmp_path: Path) -> None:
    run = subprocess.run(
        [
            CMAKE or "cmake",
            "-S",
            str(REPO),
            "-B",
            str(tmp_path / "b"),
            "-DINNOZONE_DEPENDENCY_SOURCE=conda",
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode != 0
    assert "must be auto, system or pypi" in " ".join(run.stderr.split())


@pytest.mark.parametrize("name", ["__init__.pyi", "py.typed", "data/panels/README.md"])
def test_package_ships_its_non_python_files(name: str) -> None:
    assert (Path(innozone.__file__).parent / name).is_file()
