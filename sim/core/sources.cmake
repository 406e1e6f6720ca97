list(APPEND GUNFLOW_SOURCES sim/core/errors.cpp sim/core/date.cpp sim/core/utf8.cpp sim/core/closest_name.cpp)
