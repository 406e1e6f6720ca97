list(APPEND GUNFLOW_TEST_SOURCES
     tests/unit/core/test_by_year.cpp
     tests/unit/core/test_catalog.cpp
     tests/unit/core/test_closest_name.cpp
     tests/unit/core/test_date.cpp
     tests/unit/core/test_errors.cpp
     tests/unit/core/test_int_floor.cpp
     tests/unit/core/test_power.cpp
     tests/unit/core/test_utf8.cpp)
