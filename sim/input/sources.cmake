list(APPEND GUNFLOW_SOURCES sim/input/csv_table.cpp sim/input/reference_tables.cpp sim/input/dated_tables.cpp)
