list(APPEND GUNFLOW_SOURCES sim/rng/distributions.cpp sim/rng/survival_table.cpp sim/rng/rounded_exponential.cpp sim/rng/alias_table.cpp
     sim/rng/blocked_alias_table.cpp)
