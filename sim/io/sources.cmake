list(APPEND GUNFLOW_SOURCES sim/io/atomic_file.cpp sim/io/result_store.cpp sim/io/results_writer.cpp sim/io/compare_writer.cpp sim/io/checkpoint.cpp sim/io/svg_chart.cpp sim/io/html_report.cpp)
