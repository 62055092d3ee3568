# CTest script: every symbol the *_avx2 object files define must name their own namespaces
# (innozone_eigen_avx2, the renamed Eigen, or innozone::budget::detail::avx2), so that no
# symbol can be shared with a baseline unit. A shared symbol (an inline function or a
# template instance, which the linker merges into one copy) could send a CPU without AVX2
# into AVX2 code. The personality-routine reference of exception handling is data, the
# same in every unit, and allowed.
# Usage: cmake -DNM=<nm> -DOBJECTS=<list> -P CheckAvx2Symbols.cmake
set(_allowed "innozone_eigen_avx2::|innozone::budget::detail::avx2|^DW\.ref\.__gxx_personality_v0$")
set(_checked 0)
foreach(_object IN LISTS OBJECTS)
  if(NOT _object MATCHES "_avx2\\.cpp\\.o(bj)?$")
    continue()
  endif()
  math(EXPR _checked "${_checked} + 1")
  execute_process(COMMAND ${NM} --defined-only --extern-only --demangle ${_object}
                  OUTPUT_VARIABLE _symbols RESULT_VARIABLE _status)
  if(NOT _status EQUAL 0)
    message(FATAL_ERROR "nm failed on ${_object}")
  endif()
  string(REPLACE "\n" ";" _lines "${_symbols}")
  foreach(_line IN LISTS _lines)
    if(_line STREQUAL "")
      continue()
    endif()
    # "<address> <type> <name>"
    string(REGEX REPLACE "^[0-9a-fA-F]* *[A-Za-z] " "" _name "${_line}")
    if(NOT _name MATCHES "${_allowed}")
      message(FATAL_ERROR "${_object} defines a symbol outside its own namespaces: ${_line}")
    endif()
  endforeach()
endforeach()
if(_checked EQUAL 0)
  message(FATAL_ERROR "no *_avx2 object among: ${OBJECTS}")
endif()
message(STATUS "checked ${_checked} AVX2 object file(s): no shared symbols")
