list(APPEND GUNFLOW_TEST_SOURCES
     tests/unit/rng/test_distributions.cpp
     tests/unit/rng/test_stream.cpp
     tests/unit/rng/test_survival_table.cpp
     tests/unit/rng/test_rounded_exponential.cpp
     tests/unit/rng/test_decision_draws.cpp
     tests/unit/rng/test_alias_table.cpp
     tests/unit/rng/test_blocked_alias_table.cpp)
