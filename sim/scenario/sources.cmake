list(APPEND GUNFLOW_SOURCES
  sim/scenario/schema.cpp
  sim/scenario/dated_series.cpp
  sim/scenario/schema_run.cpp
  sim/scenario/schema_model.cpp
  sim/scenario/schema_mexico.cpp
  sim/scenario/schema_market.cpp
  sim/scenario/schema_policies.cpp
  sim/scenario/scenario_text.cpp
  sim/scenario/yaml_source.cpp
  sim/scenario/value_parser.cpp
  sim/scenario/cross_checks.cpp
  sim/scenario/loader.cpp
  sim/scenario/resolved.cpp
  sim/scenario/docs.cpp
  sim/scenario/yaml_reader.cpp
  sim/scenario/sweep_file.cpp
  sim/scenario/calibration_file.cpp)
