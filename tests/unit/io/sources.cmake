list(APPEND GUNFLOW_TEST_SOURCES
     tests/unit/io/test_atomic_file.cpp
     tests/unit/io/test_results_writer.cpp
     tests/unit/io/test_checkpoint.cpp
     tests/unit/io/test_input_manifest.cpp
     tests/unit/io/test_result_store.cpp
     tests/unit/io/test_compare_writer.cpp
     tests/unit/io/test_hindcast_report.cpp
     tests/unit/io/test_html_report.cpp
     tests/unit/io/test_ensemble_writer.cpp
     tests/unit/io/test_ensemble_report.cpp
     tests/unit/io/test_compare_uncertainty.cpp
     tests/unit/io/test_svg_chart.cpp
     tests/unit/io/test_geo_map.cpp)
