# Vector instruction sets of the C++ core.
#
# The default build is portable (baseline x86-64 on x86 machines). Files named *_avx2.cpp
# hold kernels compiled for x86-64-v3 (AVX2 + FMA) next to their baseline twins; the code
# picks them at run time when the CPU has AVX2 and FMA. With INNOZONE_X86_64_V3=ON the
# whole core is compiled for x86-64-v3 (faster everywhere, but the binaries then need an
# AVX2 + FMA CPU: Intel Haswell (2013) / AMD Excavator (2015) or later).
option(INNOZONE_X86_64_V3 "Compile the whole core for x86-64-v3 (AVX2, FMA); needs such a CPU to run" OFF)

set(INNOZONE_AVX2_FLAGS "")
if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$" AND CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  include(CheckCXXSourceCompiles)
  set(CMAKE_REQUIRED_FLAGS "-mavx2 -mfma")
  check_cxx_source_compiles("#include <immintrin.h>
int main() { __m256d x = _mm256_set1_pd(1.0); x = _mm256_fmadd_pd(x, x, x); return (int)_mm256_cvtsd_f64(x); }"
                            INNOZONE_COMPILER_HAS_AVX2)
  unset(CMAKE_REQUIRED_FLAGS)
  if(INNOZONE_COMPILER_HAS_AVX2)
    set(INNOZONE_AVX2_FLAGS -mavx2 -mfma)
  endif()
  if(INNOZONE_X86_64_V3)
    target_compile_options(innozone_options INTERFACE -march=x86-64-v3)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
      # GCC 12 reports Eigen's AVX packet loads from fixed-size vectors (guarded at run time)
      # as out of bounds; a known false positive that -Werror would turn into a failure.
      target_compile_options(innozone_options INTERFACE -Wno-array-bounds)
    endif()
  endif()
elseif(INNOZONE_X86_64_V3)
  message(FATAL_ERROR "INNOZONE_X86_64_V3 needs an x86-64 target and GCC or Clang")
endif()
# Visible to tests/cpp (the symbol check of the AVX2 units).
set(INNOZONE_AVX2_FLAGS "${INNOZONE_AVX2_FLAGS}" CACHE INTERNAL "Flags of the *_avx2.cpp units")

# Add the AVX2 + FMA flags to the *_avx2.cpp files of `target`.
function(innozone_avx2_sources target)
  get_target_property(_sources ${target} SOURCES)
  foreach(_source IN LISTS _sources)
    if(_source MATCHES "_avx2\\.cpp$" AND INNOZONE_AVX2_FLAGS)
      set_source_files_properties(${_source} TARGET_DIRECTORY ${target}
                                  PROPERTIES COMPILE_OPTIONS "${INNOZONE_AVX2_FLAGS}")
    endif()
  endforeach()
endfunction()
