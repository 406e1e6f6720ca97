list(APPEND GUNFLOW_SOURCES sim/io/atomic_file.cpp sim/io/result_store.cpp sim/io/results_writer.cpp sim/io/compare_writer.cpp sim/io/checkpoint.cpp sim/io/svg_chart.cpp sim/io/geo_map.cpp sim/io/html_report.cpp sim/io/compare_report.cpp sim/io/ensemble_writer.cpp sim/io/ensemble_report.cpp sim/io/compare_uncertainty.cpp sim/io/hindcast_report.cpp sim/io/input_manifest.cpp)
# The map outlines (scenarios/data/geo/boundaries.txt, public-domain US and Mexican outlines; see
# scenarios/data/geo/SOURCE.md) are compiled in, so a report or the demo draws its map from any
# directory without a data file to find.
file(READ ${CMAKE_CURRENT_SOURCE_DIR}/scenarios/data/geo/boundaries.txt GUNFLOW_GEO_BOUNDARIES)
configure_file(${CMAKE_CURRENT_SOURCE_DIR}/cmake/geo_boundaries.inc.in
               ${CMAKE_CURRENT_BINARY_DIR}/generated/gunflow/geo_boundaries.inc @ONLY)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/scenarios/data/geo/boundaries.txt)
