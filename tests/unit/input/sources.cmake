list(APPEND GUNFLOW_TEST_SOURCES
     tests/unit/input/test_csv_table.cpp
     tests/unit/input/test_reference_tables.cpp)
