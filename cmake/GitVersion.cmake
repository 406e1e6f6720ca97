# Bakes the version and git commit into generated/gunflow/version.hpp so run metadata
# can say exactly which code produced a result. The stamp is refreshed at every build,
# not only at configure time (an incremental build after a commit used to keep reporting
# the commit it was configured at); cmake/WriteVersion.cmake rewrites the header only
# when the text changes, so an unchanged commit recompiles nothing.
set(GUNFLOW_VERSION_HEADER ${CMAKE_CURRENT_BINARY_DIR}/generated/gunflow/version.hpp)
set(_gunflow_write_version
    ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_CURRENT_SOURCE_DIR} -DOUTPUT=${GUNFLOW_VERSION_HEADER}
    -DVERSION=${PROJECT_VERSION} -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/WriteVersion.cmake)
execute_process(COMMAND ${_gunflow_write_version})  # so the header exists before the first build
add_custom_target(gunflow_version COMMAND ${_gunflow_write_version} BYPRODUCTS ${GUNFLOW_VERSION_HEADER}
                  COMMENT "Stamping the git commit" VERBATIM)
