list(APPEND GUNFLOW_TEST_SOURCES
     tests/unit/scenario/test_loader.cpp
     tests/unit/scenario/test_schema.cpp
     tests/unit/scenario/test_schema_policies.cpp
     tests/unit/scenario/test_yaml_reader.cpp)
