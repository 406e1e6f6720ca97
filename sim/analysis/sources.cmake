list(APPEND GUNFLOW_SOURCES sim/analysis/sweep_design.cpp sim/analysis/sensitivity.cpp sim/analysis/nelder_mead.cpp)
