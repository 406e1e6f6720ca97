# cmake -DSOURCE_DIR=... -DOUTPUT=... -DVERSION=... -P WriteVersion.cmake
# Writes OUTPUT from version.hpp.in with the current commit (12 hex digits, "-dirty" when
# tracked files differ from it, "unknown" outside a git checkout); leaves OUTPUT untouched
# when its text would not change.
execute_process(COMMAND git rev-parse --short=12 HEAD
                WORKING_DIRECTORY ${SOURCE_DIR}
                OUTPUT_VARIABLE GUNFLOW_GIT_COMMIT OUTPUT_STRIP_TRAILING_WHITESPACE
                ERROR_QUIET RESULT_VARIABLE git_rc)
if(NOT git_rc EQUAL 0 OR GUNFLOW_GIT_COMMIT STREQUAL "")
  set(GUNFLOW_GIT_COMMIT "unknown")
else()
  execute_process(COMMAND git status --porcelain --untracked-files=no
                  WORKING_DIRECTORY ${SOURCE_DIR}
                  OUTPUT_VARIABLE git_dirty OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(NOT git_dirty STREQUAL "")
    string(APPEND GUNFLOW_GIT_COMMIT "-dirty")
  endif()
endif()
set(PROJECT_VERSION ${VERSION})
configure_file(${SOURCE_DIR}/cmake/version.hpp.in ${OUTPUT} @ONLY)  # writes only on a change
