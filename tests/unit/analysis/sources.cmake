list(APPEND GUNFLOW_TEST_SOURCES
     tests/unit/analysis/test_sweep_design.cpp
     tests/unit/analysis/test_nelder_mead.cpp
     tests/unit/analysis/test_sensitivity.cpp)
