# The version lives in one place: `version = "..."` in pyproject.toml.
#
# A Python build (scikit-build-core) passes it as SKBUILD_PROJECT_VERSION(_FULL); the
# C++-only build (ctest, sanitizers, fuzzers) reads the same line from pyproject.toml.
# Sets INNOZONE_VERSION_FULL (the full string, e.g. 0.2.0.dev1, exported to Python as
# innozone.__version__) and INNOZONE_VERSION_NUMERIC (major.minor.patch for project()).
if(DEFINED SKBUILD_PROJECT_VERSION_FULL)
  set(INNOZONE_VERSION_FULL "${SKBUILD_PROJECT_VERSION_FULL}")
elseif(DEFINED SKBUILD_PROJECT_VERSION)
  set(INNOZONE_VERSION_FULL "${SKBUILD_PROJECT_VERSION}")
else()
  file(STRINGS "${CMAKE_CURRENT_LIST_DIR}/../pyproject.toml" _innozone_version_line
       REGEX "^version *= *\"[^\"]+\"" LIMIT_COUNT 1)
  if(NOT _innozone_version_line)
    message(FATAL_ERROR "innozone: no 'version = \"...\"' line in pyproject.toml")
  endif()
  string(REGEX REPLACE "^version *= *\"([^\"]+)\".*" "\\1" INNOZONE_VERSION_FULL
                       "${_innozone_version_line}")
endif()
string(REGEX MATCH "^[0-9]+(\\.[0-9]+)?(\\.[0-9]+)?" INNOZONE_VERSION_NUMERIC
             "${INNOZONE_VERSION_FULL}")
if(NOT INNOZONE_VERSION_NUMERIC)
  message(FATAL_ERROR "innozone: version '${INNOZONE_VERSION_FULL}' does not start with a number")
endif()
