list(APPEND GUNFLOW_SOURCES sim/analysis/sweep_design.cpp sim/analysis/sensitivity.cpp sim/analysis/bounded_minimize.cpp
     sim/analysis/ensemble_stats.cpp sim/analysis/prim.cpp sim/analysis/emulator.cpp sim/analysis/history_waves.cpp)
