# Header-only C++ dependencies: the system copy when there is one, else the copy that a
# PyPI package installed into the Python environment of the build.
#
#   Eigen3         system: libeigen3-dev (Debian)      PyPI: cmeel-eigen   (CMake config under cmeel.prefix)
#   nlohmann_json  system: nlohmann-json3-dev (Debian)  PyPI: nlohmann-json (headers only, no CMake config)
#
# `pip install .` lists both PyPI packages as build requirements (pyproject.toml), so a
# machine with a C++ compiler and no -dev package builds innozone from PyPI alone. A system
# copy, when CMake finds one, still wins. INNOZONE_DEPENDENCY_SOURCE=system|pypi forces one
# side (the packaging check uses `pypi` where it cannot hide the system copies).
#
# Every dependency reports one line `innozone: dependency <name> <version> from <side> (<path>)`;
# scripts/check-dist reads these lines to prove where a build took its headers from.
#
# For a further dependency with a cmeel package on PyPI, one call is enough:
#   innozone_find_dependency(<Package> <min-version> PYPI <cmeel-distribution> [find_package args])
set(INNOZONE_DEPENDENCY_SOURCE "auto" CACHE STRING "Where C++ dependencies come from: auto|system|pypi")
set_property(CACHE INNOZONE_DEPENDENCY_SOURCE PROPERTY STRINGS auto system pypi)
if(NOT INNOZONE_DEPENDENCY_SOURCE MATCHES "^(auto|system|pypi)$")
  message(FATAL_ERROR "INNOZONE_DEPENDENCY_SOURCE must be auto, system or pypi, not '${INNOZONE_DEPENDENCY_SOURCE}'")
endif()

# The Python interpreter that can see the PyPI copies: the build's own (scikit-build-core
# sets Python_EXECUTABLE), else the first python3 on PATH. Only looked up when needed.
function(_innozone_python out)
  if(NOT Python_EXECUTABLE)
    find_package(Python COMPONENTS Interpreter QUIET)
  endif()
  set(${out} "${Python_EXECUTABLE}" PARENT_SCOPE)
endfunction()

# Run a Python snippet with the build's interpreter; the stripped stdout, or "" on failure.
function(_innozone_python_eval out code)
  _innozone_python(_py)
  set(_result "")
  if(_py)
    execute_process(COMMAND "${_py}" -c "${code}" OUTPUT_VARIABLE _result
                    RESULT_VARIABLE _rc ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(NOT _rc EQUAL 0)
      set(_result "")
    endif()
  endif()
  set(${out} "${_result}" PARENT_SCOPE)
endfunction()

# The cmeel prefixes (<site-packages>/cmeel.prefix) visible to the build's Python.
function(_innozone_cmeel_prefixes out)
  _innozone_python_eval(_prefixes
    "import os, sys; print(';'.join(p for p in (os.path.join(d, 'cmeel.prefix') for d in sys.path if d) if os.path.isdir(p)))")
  set(${out} "${_prefixes}" PARENT_SCOPE)
endfunction()

function(_innozone_report name version side path)
  message(STATUS "innozone: dependency ${name} ${version} from ${side} (${path})")
endfunction()

# innozone_find_dependency(<Package> <min-version> PYPI <distribution> [extra find_package args])
# Config-mode find_package on the system first, then in the cmeel prefixes of the build's Python.
macro(innozone_find_dependency _pkg _min)
  cmake_parse_arguments(_ifd "" "PYPI" "" ${ARGN})
  set(_ifd_side "")
  if(NOT INNOZONE_DEPENDENCY_SOURCE STREQUAL "pypi")
    find_package(${_pkg} ${_min} CONFIG QUIET ${_ifd_UNPARSED_ARGUMENTS})
    if(${_pkg}_FOUND)
      set(_ifd_side "the system")
    endif()
  endif()
  if(NOT _ifd_side AND NOT INNOZONE_DEPENDENCY_SOURCE STREQUAL "system")
    _innozone_cmeel_prefixes(_ifd_prefixes)
    if(_ifd_prefixes)
      find_package(${_pkg} ${_min} CONFIG QUIET ${_ifd_UNPARSED_ARGUMENTS}
                   PATHS ${_ifd_prefixes} NO_DEFAULT_PATH)
      if(${_pkg}_FOUND)
        set(_ifd_side "PyPI (${_ifd_PYPI})")
      endif()
    endif()
  endif()
  if(NOT _ifd_side)
    message(FATAL_ERROR
      "innozone: ${_pkg} >= ${_min} not found (INNOZONE_DEPENDENCY_SOURCE=${INNOZONE_DEPENDENCY_SOURCE}). "
      "Install the system package, or `pip install ${_ifd_PYPI}` into the Python that CMake uses "
      "(-DPython_EXECUTABLE=...); `pip install .` does the latter by itself.")
  endif()
  _innozone_report(${_pkg} "${${_pkg}_VERSION}" "${_ifd_side}" "${${_pkg}_DIR}")
endmacro()

innozone_find_dependency(Eigen3 3.3 PYPI cmeel-eigen)

# nlohmann/json: the PyPI package ships the headers only, so the target is made here.
set(_innozone_json_side "")
if(NOT INNOZONE_DEPENDENCY_SOURCE STREQUAL "pypi")
  find_package(nlohmann_json 3.9 CONFIG QUIET)
  if(nlohmann_json_FOUND)
    set(_innozone_json_side "the system")
    _innozone_report(nlohmann_json "${nlohmann_json_VERSION}" "the system" "${nlohmann_json_DIR}")
  endif()
endif()
if(NOT _innozone_json_side AND NOT INNOZONE_DEPENDENCY_SOURCE STREQUAL "system")
  _innozone_python_eval(_innozone_json_include
    "import importlib.util as u, os; s = u.find_spec('nlohmann_json'); print(os.path.join(list(s.submodule_search_locations)[0], 'include'))")
  set(_innozone_json_header "${_innozone_json_include}/nlohmann/json.hpp")
  if(_innozone_json_include AND EXISTS "${_innozone_json_header}")
    # The version macros sit in detail/abi_macros.hpp (multi-header layout) or json.hpp.
    set(_innozone_json_defines "")
    foreach(_file "${_innozone_json_include}/nlohmann/detail/abi_macros.hpp" "${_innozone_json_header}")
      if(EXISTS "${_file}" AND NOT _innozone_json_defines)
        file(STRINGS "${_file}" _innozone_json_defines
             REGEX "^#define NLOHMANN_JSON_VERSION_(MAJOR|MINOR|PATCH) +[0-9]+")
      endif()
    endforeach()
    set(_innozone_json_version "")
    foreach(_part MAJOR MINOR PATCH)
      string(REGEX MATCH "NLOHMANN_JSON_VERSION_${_part} +([0-9]+)" _m "${_innozone_json_defines}")
      list(APPEND _innozone_json_version "${CMAKE_MATCH_1}")
    endforeach()
    list(JOIN _innozone_json_version "." _innozone_json_version)
    if(NOT _innozone_json_version MATCHES "^[0-9]+\\.[0-9]+\\.[0-9]+$" OR _innozone_json_version VERSION_LESS 3.9)
      message(FATAL_ERROR "innozone: nlohmann/json ${_innozone_json_version} at ${_innozone_json_include} is unreadable or older than 3.9")
    endif()
    add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
    set_target_properties(nlohmann_json::nlohmann_json PROPERTIES
                          INTERFACE_INCLUDE_DIRECTORIES "${_innozone_json_include}")
    set(_innozone_json_side "PyPI (nlohmann-json)")
    _innozone_report(nlohmann_json "${_innozone_json_version}" "PyPI (nlohmann-json)" "${_innozone_json_include}")
  endif()
endif()
if(NOT _innozone_json_side)
  message(FATAL_ERROR
    "innozone: nlohmann_json >= 3.9 not found (INNOZONE_DEPENDENCY_SOURCE=${INNOZONE_DEPENDENCY_SOURCE}). "
    "Install nlohmann-json3-dev (Debian), or `pip install nlohmann-json` into the Python that CMake uses "
    "(-DPython_EXECUTABLE=...); `pip install .` does the latter by itself.")
endif()
