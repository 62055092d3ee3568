# COIN-OR Clp, the linear-programming solver of the `efficiency` area (data envelopment
# analysis). Defines the imported target innozone::clp.
#
# Where Clp comes from (INNOZONE_CLP_PROVIDER):
#   AUTO   (default) a system copy if there is one (Debian: coinor-libclp-dev), otherwise
#          the PyPI build-time packages cmeel-clp + cmeel-coinutils;
#   SYSTEM only a system copy (the usual CMake search paths, CMAKE_PREFIX_PATH included);
#   PYPI   only the cmeel packages of the Python interpreter that builds the module.
#
# The cmeel wheels install shared libraries under <site-packages>/cmeel.prefix/lib. When they
# are used, innozone_bundle_clp(<target>) installs libClp and libCoinUtils into
# innozone/_clp/ next to the extension module and points the module's run path there, so a
# plain `pip install .` keeps working after pip deletes its temporary build environment and
# `auditwheel repair` finds both libraries inside the wheel. A system copy is linked where it
# is (it stays installed with the system).
#
# Results: INNOZONE_CLP_SOURCE ("system" or "pypi"), INNOZONE_CLP_VERSION, and the cache
# entries INNOZONE_CLP_INCLUDE_DIR, INNOZONE_CLP_LIBRARY, INNOZONE_COINUTILS_LIBRARY.
include_guard(GLOBAL)

set(INNOZONE_CLP_PROVIDER "AUTO" CACHE STRING "Where to find COIN-OR Clp: AUTO, SYSTEM or PYPI")
set_property(CACHE INNOZONE_CLP_PROVIDER PROPERTY STRINGS AUTO SYSTEM PYPI)
string(TOUPPER "${INNOZONE_CLP_PROVIDER}" _clp_provider)
if(NOT _clp_provider MATCHES "^(AUTO|SYSTEM|PYPI)$")
  message(FATAL_ERROR "INNOZONE_CLP_PROVIDER must be AUTO, SYSTEM or PYPI, got '${INNOZONE_CLP_PROVIDER}'")
endif()

# Oldest Clp the area is tested with (Debian 12 ships 1.17.6, cmeel-clp 1.17.x).
set(_clp_minimum_version 1.16)

function(_innozone_clp_version include_dir out_var)
  set(_version "")
  if(EXISTS "${include_dir}/ClpConfig.h")
    file(STRINGS "${include_dir}/ClpConfig.h" _line REGEX "^#define[ \t]+CLP_VERSION[ \t]+\"")
    if(_line)
      string(REGEX REPLACE ".*CLP_VERSION[ \t]+\"([0-9.]+).*" "\\1" _version "${_line}")
    endif()
  endif()
  set(${out_var} "${_version}" PARENT_SCOPE)
endfunction()

set(INNOZONE_CLP_SOURCE "")

# 1. A system copy.
if(_clp_provider STREQUAL "AUTO" OR _clp_provider STREQUAL "SYSTEM")
  find_path(INNOZONE_CLP_INCLUDE_DIR ClpSimplex.hpp PATH_SUFFIXES coin coinor/coin
            DOC "Directory of ClpSimplex.hpp (system copy)")
  find_library(INNOZONE_CLP_LIBRARY NAMES Clp DOC "libClp (system copy)")
  find_library(INNOZONE_COINUTILS_LIBRARY NAMES CoinUtils DOC "libCoinUtils (system copy)")
  if(INNOZONE_CLP_INCLUDE_DIR AND INNOZONE_CLP_LIBRARY AND INNOZONE_COINUTILS_LIBRARY)
    set(INNOZONE_CLP_SOURCE "system")
    set(_clp_include "${INNOZONE_CLP_INCLUDE_DIR}")
    set(_clp_library "${INNOZONE_CLP_LIBRARY}")
    set(_coinutils_library "${INNOZONE_COINUTILS_LIBRARY}")
  endif()
endif()

# 2. The PyPI build-time packages (cmeel-clp, cmeel-coinutils) of the building interpreter.
if(NOT INNOZONE_CLP_SOURCE AND (_clp_provider STREQUAL "AUTO" OR _clp_provider STREQUAL "PYPI"))
  if(NOT Python_EXECUTABLE)
    find_package(Python 3.9 QUIET COMPONENTS Interpreter)
  endif()
  set(_cmeel_prefixes "")
  if(Python_EXECUTABLE)
    execute_process(
      COMMAND "${Python_EXECUTABLE}" -c
              "import os, sys; print(';'.join(p for p in (os.path.join(q, 'cmeel.prefix') for q in sys.path if q) if os.path.isdir(p)))"
      OUTPUT_VARIABLE _cmeel_prefixes OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  endif()
  # pip builds in a temporary environment: forget a copy found in an earlier one.
  foreach(_var IN ITEMS INNOZONE_CLP_PYPI_INCLUDE_DIR INNOZONE_CLP_PYPI_LIBRARY
                        INNOZONE_COINUTILS_PYPI_LIBRARY)
    set(_current FALSE)
    foreach(_prefix IN LISTS _cmeel_prefixes)
      string(FIND "${${_var}}" "${_prefix}/" _at)
      if(_at EQUAL 0 AND EXISTS "${${_var}}")
        set(_current TRUE)
      endif()
    endforeach()
    if(NOT _current)
      unset(${_var} CACHE)
    endif()
  endforeach()
  foreach(_prefix IN LISTS _cmeel_prefixes)
    find_path(INNOZONE_CLP_PYPI_INCLUDE_DIR ClpSimplex.hpp PATHS "${_prefix}/include/coin"
              NO_DEFAULT_PATH DOC "Directory of ClpSimplex.hpp (cmeel-clp)")
    find_library(INNOZONE_CLP_PYPI_LIBRARY NAMES Clp PATHS "${_prefix}/lib" NO_DEFAULT_PATH
                 DOC "libClp (cmeel-clp)")
    find_library(INNOZONE_COINUTILS_PYPI_LIBRARY NAMES CoinUtils PATHS "${_prefix}/lib"
                 NO_DEFAULT_PATH DOC "libCoinUtils (cmeel-coinutils)")
  endforeach()
  if(INNOZONE_CLP_PYPI_INCLUDE_DIR AND INNOZONE_CLP_PYPI_LIBRARY AND INNOZONE_COINUTILS_PYPI_LIBRARY)
    set(INNOZONE_CLP_SOURCE "pypi")
    set(_clp_include "${INNOZONE_CLP_PYPI_INCLUDE_DIR}")
    set(_clp_library "${INNOZONE_CLP_PYPI_LIBRARY}")
    set(_coinutils_library "${INNOZONE_COINUTILS_PYPI_LIBRARY}")
  endif()
endif()

if(NOT INNOZONE_CLP_SOURCE)
  message(FATAL_ERROR
    "innozone: COIN-OR Clp (the LP solver of the efficiency area) was not found "
    "(INNOZONE_CLP_PROVIDER=${_clp_provider}). Install it with one of\n"
    "  apt-get install coinor-libclp-dev            (Debian/Ubuntu)\n"
    "  python -m pip install cmeel-clp              (PyPI, Python >= 3.10; pip install . does this itself)\n"
    "or leave `efficiency` out of INNOZONE_AREAS.")
endif()

_innozone_clp_version("${_clp_include}" INNOZONE_CLP_VERSION)
if(INNOZONE_CLP_VERSION AND INNOZONE_CLP_VERSION VERSION_LESS _clp_minimum_version)
  message(FATAL_ERROR "innozone: Clp ${INNOZONE_CLP_VERSION} at ${_clp_include} is older than "
                      "${_clp_minimum_version}")
endif()
message(STATUS "innozone: Clp ${INNOZONE_CLP_VERSION} (${INNOZONE_CLP_SOURCE}): ${_clp_library}")

if(NOT TARGET innozone::clp)
  add_library(innozone_clp INTERFACE)
  add_library(innozone::clp ALIAS innozone_clp)
  # SYSTEM: the solver's headers are not held to our warning flags.
  target_include_directories(innozone_clp SYSTEM INTERFACE "${_clp_include}")
  # libClp needs libCoinUtils; keep both as direct dependencies of whatever links them so
  # the loader resolves both through that object's run path.
  target_link_libraries(innozone_clp INTERFACE "${_clp_library}" "${_coinutils_library}")
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang" AND NOT APPLE)
    target_link_options(innozone_clp INTERFACE "LINKER:--no-as-needed")
  endif()
endif()

# innozone_bundle_clp(<target>): with Clp from PyPI, install its shared libraries into
# innozone/_clp and make <target> (the extension module) find them there at run time.
function(innozone_bundle_clp target)
  if(NOT INNOZONE_CLP_SOURCE STREQUAL "pypi")
    return()
  endif()
  # libClp's own run path is $ORIGIN/../lib (cmeel's layout); keep that layout so it finds
  # libCoinUtils beside it: innozone/_clp/lib/.
  foreach(_library IN ITEMS "${_clp_library}" "${_coinutils_library}")
    # Install under the SONAME (libClp.so.1, libCoinUtils.so.3), the name the loader asks
    # for: the file lib<name>.so.<major> beside the linked lib<name>.so. (Wheels hold no
    # symbolic links, so in cmeel's lib/ these are copies; elsewhere they may be links.)
    get_filename_component(_dir "${_library}" DIRECTORY)
    get_filename_component(_base "${_library}" NAME)
    file(GLOB _versioned RELATIVE "${_dir}" "${_dir}/${_base}.*")
    set(_soname "")
    foreach(_candidate IN LISTS _versioned)
      string(LENGTH "${_base}" _length)
      string(SUBSTRING "${_candidate}" ${_length} -1 _suffix)
      if(_suffix MATCHES "^\\.[0-9]+$")
        set(_soname "${_candidate}")
      endif()
    endforeach()
    if(NOT _soname)
      message(FATAL_ERROR "innozone: no ${_base}.<major> beside ${_library} to bundle")
    endif()
    file(REAL_PATH "${_dir}/${_soname}" _real)
    install(FILES "${_real}" DESTINATION innozone/_clp/lib RENAME "${_soname}")
  endforeach()
  # Their licence (EPL-2.0) travels with them.
  get_filename_component(_prefix "${_clp_include}/../.." ABSOLUTE)
  foreach(_project IN ITEMS Clp CoinUtils)
    if(EXISTS "${_prefix}/share/coin/doc/${_project}/LICENSE")
      install(FILES "${_prefix}/share/coin/doc/${_project}/LICENSE" DESTINATION innozone/_clp
              RENAME "LICENSE-${_project}")
    endif()
  endforeach()
  set_target_properties(${target} PROPERTIES INSTALL_RPATH "$ORIGIN/_clp/lib")
endfunction()
