list(APPEND GUNFLOW_SOURCES sim/rng/stream.cpp sim/rng/distributions.cpp sim/rng/survival_table.cpp)
