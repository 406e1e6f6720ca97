list(APPEND GUNFLOW_TEST_SOURCES
     tests/unit/analysis/test_sweep_design.cpp
     tests/unit/analysis/test_bounded_minimize.cpp
     tests/unit/analysis/test_ensemble_stats.cpp
     tests/unit/analysis/test_prim.cpp
     tests/unit/analysis/test_sensitivity.cpp
     tests/unit/analysis/test_emulator.cpp
     tests/unit/analysis/test_history_waves.cpp)
