list(APPEND GUNFLOW_TEST_SOURCES
     tests/unit/engine/test_sweep_design.cpp
     tests/unit/engine/test_nelder_mead.cpp
     tests/unit/engine/test_progress.cpp
     tests/unit/engine/test_replication_runner.cpp)
