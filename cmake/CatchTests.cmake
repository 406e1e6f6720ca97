# gunflow_catch_tests(TARGET TEST_SPEC <spec> LABEL <label> WORKING_DIRECTORY <dir>)
# registers every Catch2 case of TARGET that <spec> selects as its own ctest entry,
# named as the case and labelled <label>. Like Catch2's catch_discover_tests, the list
# is taken after each build (`TARGET --list-test-names-only`), so adding a case needs no
# re-configure. Catch2 v2's own script (CatchAddTests.cmake) splits its list on `;` and
# lets CMake's bracket rule swallow everything after an unbalanced `[` (a case named
# "... counts Mon-Fri in [from, to)" hid the next 180 cases in one entry); this one keeps
# any name whole and escapes it for Catch's test-spec parser (cmake/CatchAddTests.cmake).
set(_GUNFLOW_CATCH_ADD_TESTS ${CMAKE_CURRENT_LIST_DIR}/CatchAddTests.cmake)

function(gunflow_catch_tests target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "TEST_SPEC;LABEL;WORKING_DIRECTORY" "")
  set(tests_file ${CMAKE_CURRENT_BINARY_DIR}/${target}_${arg_LABEL}_tests.cmake)
  set(include_file ${CMAKE_CURRENT_BINARY_DIR}/${target}_${arg_LABEL}_include.cmake)
  add_custom_command(
    TARGET ${target} POST_BUILD
    BYPRODUCTS ${tests_file}
    COMMAND ${CMAKE_COMMAND} -D "EXECUTABLE=$<TARGET_FILE:${target}>" -D "TEST_SPEC=${arg_TEST_SPEC}"
            -D "LABEL=${arg_LABEL}" -D "WORKING_DIRECTORY=${arg_WORKING_DIRECTORY}" -D "OUT=${tests_file}"
            -P ${_GUNFLOW_CATCH_ADD_TESTS}
    VERBATIM)
  file(WRITE ${include_file}
       "if(EXISTS \"${tests_file}\")\n  include(\"${tests_file}\")\n"
       "else()\n  add_test(${target}_${arg_LABEL}_NOT_BUILT ${target}_${arg_LABEL}_NOT_BUILT)\nendif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${include_file})
endfunction()
