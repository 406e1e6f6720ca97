#!/usr/bin/env bash
# `cmake --install` into a temporary prefix gives a working bin/gunflow, the scenarios
# (baseline validates where installed), the docs and, when the build made it, the Python
# package (imports and finds the installed scenarios). Usage: install_prefix.sh BUILD_DIR
set -euo pipefail
build="$1"
prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" > /dev/null
[ -x "$prefix/bin/gunflow" ] || { echo "FAIL: no bin/gunflow under the prefix"; exit 1; }
for f in share/gunflow/scenarios/baseline.yaml share/gunflow/scenarios/data/us_states.csv \
         share/doc/gunflow/README.md share/doc/gunflow/LICENSE share/doc/gunflow/CITATION.cff \
         share/doc/gunflow/metrics.md share/doc/gunflow/scenarios.md; do
  [ -f "$prefix/$f" ] || { echo "FAIL: $f not installed"; exit 1; }
done
cd /  # nothing may depend on the source tree
"$prefix/bin/gunflow" validate "$prefix/share/gunflow/scenarios/baseline.yaml" | grep -q ": ok" \
  || { echo "FAIL: the installed gunflow does not validate the installed baseline"; exit 1; }
"$prefix/bin/gunflow" --version > /dev/null
if compgen -G "$build/python/gunflow/_core*.so" > /dev/null; then
  module="$(find "$prefix" -path '*/python/gunflow/_core*.so' | head -n 1)"
  [ -n "$module" ] || { echo "FAIL: the Python module was built but not installed"; exit 1; }
  pydir="$(dirname "$(dirname "$module")")"
  case "$pydir" in "$prefix"/lib*/python) ;; *) echo "FAIL: Python package in $pydir, not <prefix>/<libdir>/python"; exit 1;; esac
  py="$(sed -n 's/^Python3_EXECUTABLE:[A-Z]*=//p' "$build/CMakeCache.txt")"
  PYTHONPATH="$pydir" "${py:-python3}" -c '
import os, sys, gunflow
assert gunflow.__file__.startswith(sys.argv[1]), gunflow.__file__
assert gunflow.SCENARIOS_DIR == os.path.join(sys.argv[2], "share/gunflow/scenarios"), gunflow.SCENARIOS_DIR
assert gunflow.load("baseline.yaml").name == "baseline"
' "$pydir" "$prefix" || { echo "FAIL: the installed Python package does not work"; exit 1; }
fi
echo "install_prefix: ok"
