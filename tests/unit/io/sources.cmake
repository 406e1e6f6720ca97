list(APPEND GUNFLOW_TEST_SOURCES
     tests/unit/io/test_atomic_file.cpp
     tests/unit/io/test_results_writer.cpp
     tests/unit/io/test_checkpoint.cpp
     tests/unit/io/test_result_store.cpp)
