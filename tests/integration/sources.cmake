list(APPEND GUNFLOW_TEST_SOURCES tests/integration/test_common_random_numbers.cpp tests/integration/test_policies.cpp tests/integration/test_calibrate.cpp
     tests/integration/test_supply_mechanisms.cpp tests/integration/test_start_date.cpp
     tests/integration/test_natural_experiments.cpp tests/integration/test_every_key_acts.cpp)
