# Warnings for our own targets only (third-party headers are SYSTEM includes).
# Never -ffast-math: it breaks IEEE semantics that reproducibility relies on.
# GCC 12 reports false -Wrestrict positives inside libstdc++'s std::string operator+
# at -O2 (GCC bug 105329); they point into <char_traits.h>, not at our code. With
# precompiled headers the same inlined memcpy shows up as -Wstringop-overflow instead.
# Also for the test programs, which are otherwise built with the compiler's defaults.
function(gunflow_no_gcc12_false_positives target)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict -Wno-stringop-overflow)
  endif()
endfunction()

function(gunflow_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion -Wnon-virtual-dtor)
  gunflow_no_gcc12_false_positives(${target})
  if(GUNFLOW_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
