list(APPEND GUNFLOW_TEST_SOURCES
     tests/unit/engine/test_progress.cpp
     tests/unit/engine/test_replication_runner.cpp)
