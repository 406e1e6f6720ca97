# Warnings for our own targets only (third-party headers are SYSTEM includes).
# Never -ffast-math: it breaks IEEE semantics that reproducibility relies on.
function(gunflow_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion -Wnon-virtual-dtor)
  if(GUNFLOW_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
