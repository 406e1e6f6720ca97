# Run at build time by gunflow_catch_tests (cmake/CatchTests.cmake): writes OUT, a CTest
# script with one add_test per Catch2 case of EXECUTABLE selected by TEST_SPEC.
execute_process(COMMAND "${EXECUTABLE}" ${TEST_SPEC} --list-test-names-only
                OUTPUT_VARIABLE listing RESULT_VARIABLE rc WORKING_DIRECTORY "${WORKING_DIRECTORY}")
if(NOT rc MATCHES "^[0-9]+$")  # the exit status is the number of cases; a crash is text
  message(FATAL_ERROR "${EXECUTABLE} --list-test-names-only failed: ${rc}\n${listing}")
endif()

# Split into lines without CMake's list rules: `;` and `[`/`]` in a name stay in it.
string(REPLACE ";" "<gunflow:semicolon>" listing "${listing}")
string(REPLACE "[" "<gunflow:open>" listing "${listing}")
string(REPLACE "]" "<gunflow:close>" listing "${listing}")
string(REPLACE "\n" ";" lines "${listing}")

set(script "")
set(count 0)
foreach(line IN LISTS lines)
  if(line STREQUAL "")
    continue()
  endif()
  set(name "${line}")
  string(REPLACE "<gunflow:semicolon>" ";" name "${name}")
  string(REPLACE "<gunflow:open>" "[" name "${name}")
  string(REPLACE "<gunflow:close>" "]" name "${name}")
  if(name MATCHES "^\"(#.*)\"$")  # Catch quotes names that start with '#'
    set(name "${CMAKE_MATCH_1}")
  endif()
  # Catch's test-spec parser reads \ , [ ] " ~ * as syntax; a backslash makes any of them literal.
  set(spec "${name}")
  foreach(c "\\" "," "[" "]" "\"" "~" "*")
    string(REPLACE "${c}" "\\${c}" spec "${spec}")
  endforeach()
  # ctest names are CMake list items in places: no `;` there.
  string(REPLACE ";" "," test_name "${name}")
  string(APPEND script
         "add_test([==[${test_name}]==] [==[${EXECUTABLE}]==] [==[${spec}]==] --warn NoTests)\n"
         "set_tests_properties([==[${test_name}]==] PROPERTIES WORKING_DIRECTORY [==[${WORKING_DIRECTORY}]==]"
         " LABELS ${LABEL})\n")
  math(EXPR count "${count} + 1")
endforeach()
if(count EQUAL 0)
  message(FATAL_ERROR "${EXECUTABLE} ${TEST_SPEC}: no test cases")
endif()
file(WRITE "${OUT}" "${script}")
