list(APPEND GUNFLOW_TEST_SOURCES
     tests/unit/scenario/test_loader.cpp
     tests/unit/scenario/test_schema.cpp
     tests/unit/scenario/test_schema_policies.cpp
     tests/unit/scenario/test_yaml_reader.cpp
     tests/unit/scenario/test_calibration_file.cpp
     tests/unit/scenario/test_cross_checks.cpp
     tests/unit/scenario/test_docs.cpp
     tests/unit/scenario/test_policy_settings.cpp
     tests/unit/scenario/test_sweep_file.cpp
     tests/unit/scenario/test_prior_file.cpp
     tests/unit/scenario/test_scenario_text.cpp
     tests/unit/scenario/test_yaml_source.cpp
     tests/unit/scenario/test_dated_series.cpp
     tests/unit/scenario/test_scenario_diff.cpp)
