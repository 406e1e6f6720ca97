# Sanitizer builds (scripts/sanitize): -DGUNFLOW_SANITIZE=address,undefined or =thread
# instruments every target of this tree, at -O1 with line tables (-g1) so reports have
# file:line. Included before any target is defined.
#
# ThreadSanitizer needs an OpenMP runtime whose synchronisation it understands: GCC's
# libgomp is not instrumented (every omp barrier looks like a race), so TSan builds use
# clang with LLVM's libomp and run with Archer, libomp's tool that reports OpenMP's
# synchronisation to TSan (GUNFLOW_ARCHER_LIBRARY; OMP_TOOL_LIBRARIES at run time).
set(GUNFLOW_SANITIZE "" CACHE STRING "Instrument every target: address,undefined or thread (empty: none)")

if(GUNFLOW_SANITIZE)
  add_compile_options(-fsanitize=${GUNFLOW_SANITIZE} -fno-omit-frame-pointer -O1 -g1)
  add_link_options(-fsanitize=${GUNFLOW_SANITIZE})
  if(GUNFLOW_SANITIZE MATCHES "undefined")
    add_compile_options(-fno-sanitize-recover=undefined)  # a UB report fails the test
  endif()
  if(GUNFLOW_SANITIZE MATCHES "thread")
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
      message(FATAL_ERROR "GUNFLOW_SANITIZE=thread needs clang++ with LLVM's libomp (GCC's libgomp is "
                          "not TSan-instrumented): configure with -DCMAKE_CXX_COMPILER=clang++")
    endif()
    string(REGEX MATCH "^[0-9]+" _llvm_major "${CMAKE_CXX_COMPILER_VERSION}")
    find_library(GUNFLOW_ARCHER_LIBRARY NAMES archer
                 PATHS /usr/lib/llvm-${_llvm_major}/lib NO_DEFAULT_PATH)
    find_library(GUNFLOW_ARCHER_LIBRARY NAMES archer)
    if(NOT GUNFLOW_ARCHER_LIBRARY)
      message(FATAL_ERROR "GUNFLOW_SANITIZE=thread needs Archer (libarcher.so, Debian: libomp-${_llvm_major}-dev)")
    endif()
  endif()
endif()
