# Build speed for clean builds (CI builds three trees: release, ASan, TSan).
#
# GUNFLOW_UNITY (scripts/test and scripts/sanitize turn it on; default OFF for quick
# incremental rebuilds): gunflow_core compiles one translation unit per area (core, rng,
# input, tally, analysis, io, scenario, model, engine), so the heavy headers (Eigen,
# nlohmann/json, yaml-cpp, Boost.Graph) are parsed 9 times instead of 61: about half the library's
# compile time. The one rule it adds: helpers in anonymous namespaces must have names
# unique within their area (two `parse_x` in sim/model/ would be a redefinition).
# Tests are never unity-built: their files reuse helper names (make, fake, slurp) freely.
#
# GUNFLOW_PCH (default ON): precompiled headers for the targets not unity-built — the
# standard and third-party headers most files include, plus Catch2 for the tests.
option(GUNFLOW_UNITY "Unity-build gunflow_core, one translation unit per area (CI)" OFF)
option(GUNFLOW_PCH "Precompile the heavy standard and third-party headers" ON)

# gunflow_precompile(TARGET [HEADER...]): the common set plus the target's own extras.
function(gunflow_precompile target)
  if(NOT GUNFLOW_PCH)
    return()
  endif()
  target_precompile_headers(${target} PRIVATE
    <algorithm> <cmath> <cstdint> <filesystem> <functional> <map> <memory> <optional>
    <sstream> <string> <vector>
    <Eigen/Core> <nlohmann/json.hpp> <yaml-cpp/yaml.h> <boost/graph/adjacency_list.hpp>
    ${ARGN})
endfunction()

# gunflow_unity_by_area(TARGET): with GUNFLOW_UNITY, one unity file per sim/<area>/;
# otherwise precompiled headers.
function(gunflow_unity_by_area target)
  if(NOT GUNFLOW_UNITY)
    gunflow_precompile(${target})
    return()
  endif()
  get_target_property(sources ${target} SOURCES)
  foreach(source IN LISTS sources)
    if(source MATCHES "^sim/([a-z]+)/")
      set_source_files_properties(${source} TARGET_DIRECTORY ${target} PROPERTIES UNITY_GROUP ${CMAKE_MATCH_1})
    endif()
  endforeach()
  set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_MODE GROUP)
endfunction()
