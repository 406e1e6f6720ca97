#!/usr/bin/env bash
# `cmake --install` into a temporary prefix gives a working bin/gunflow, the scenarios
# (baseline validates where installed) and the docs. Usage: install_prefix.sh BUILD_DIR
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
echo "install_prefix: ok"
