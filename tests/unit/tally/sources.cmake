list(APPEND GUNFLOW_TEST_SOURCES
     tests/unit/tally/test_layout.cpp
     tests/unit/tally/test_accumulator.cpp
     tests/unit/tally/test_summary.cpp
     tests/unit/tally/test_summary_statistical.cpp
     tests/unit/tally/test_paired.cpp
     tests/unit/tally/test_reduce.cpp)
