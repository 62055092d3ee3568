# Warnings and sanitizer flags shared by every innozone target.
add_library(innozone_options INTERFACE)
add_library(innozone::options ALIAS innozone_options)
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(innozone_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                                                    -Wnon-virtual-dtor -Wold-style-cast)
  if(INNOZONE_WARNINGS_AS_ERRORS)
    target_compile_options(innozone_options INTERFACE -Werror)
  endif()
  if(INNOZONE_SANITIZE)
    target_compile_options(innozone_options INTERFACE -fsanitize=address,undefined
                                                      -fno-omit-frame-pointer -fno-sanitize-recover=all)
    target_link_options(innozone_options INTERFACE -fsanitize=address,undefined)
  endif()
  if(INNOZONE_BUILD_FUZZERS)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
      message(FATAL_ERROR "INNOZONE_BUILD_FUZZERS needs clang (libFuzzer); set CMAKE_CXX_COMPILER=clang++")
    endif()
    target_compile_options(innozone_options INTERFACE -fsanitize=fuzzer-no-link,address,undefined
                                                      -fno-omit-frame-pointer)
    target_link_options(innozone_options INTERFACE -fsanitize=address,undefined)
  endif()
endif()
