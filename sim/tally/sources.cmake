list(APPEND GUNFLOW_SOURCES sim/tally/layout.cpp sim/tally/accumulator.cpp sim/tally/summary.cpp)
list(APPEND GUNFLOW_SOURCES sim/tally/reduce.cpp)
list(APPEND GUNFLOW_SOURCES sim/tally/paired.cpp)
