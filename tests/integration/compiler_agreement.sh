#!/usr/bin/env bash
# Two builds of gunflow by different compilers (scripts/sanitize: build/gunflow by g++ for a
# generic x86-64, build-asan/gunflow by clang++ for the host's CPU) must give the same bits:
# the promise "same scenario and seed, same outputs" does not stop at the build. What breaks
# it is code whose meaning C++ leaves to the compiler, above all two draws as arguments of
# one call (their order is unspecified: GCC evaluates the last argument first, Clang the
# first), and a * b + c fused into one rounding where the CPU can (CMakeLists.txt forbids
# it with -ffp-contract=off). Scenarios: the baseline, every policy at once, and the
# history's first years (the 1994 ban, dated laws).
# With B_ENV=NAME=VALUE set, GUNFLOW_B runs with that in its environment: ctest's
# libm_variants_agree runs one binary twice, the second time with glibc told to pick the plain
# SSE2 versions of exp, log and pow instead of the FMA ones this CPU gets (glibc chooses by
# CPU at load time), so a machine without FMA gives the same bits too.
# Usage: [B_ENV=NAME=VALUE] compiler_agreement.sh GUNFLOW_A GUNFLOW_B
set -euo pipefail
cd "$(dirname "$0")/../.."
a=$1 b=$2
b_env=()
[ -z "${B_ENV:-}" ] || b_env=("$B_ENV")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
check() {  # check NAME SCENARIO [ARGS...]
  local name=$1 scenario=$2
  shift 2
  "$a" run "$scenario" -n 2 --seed 7 --threads 2 --out "$work/$name-a" --force --quiet "$@" > /dev/null
  env "${b_env[@]}" "$b" run "$scenario" -n 2 --seed 7 --threads 2 --out "$work/$name-b" --force --quiet "$@" > /dev/null
  local same=1
  for f in replications.csv summary.csv; do
    cmp -s "$work/$name-a/$f" "$work/$name-b/$f" || same=0
  done
  if [ "$same" = 1 ]; then
    echo "same: $name"
  else
    failures=$((failures + 1))
    echo "DIFFERENT: $name; metrics that differ (first 20):"
    {  # the metric is column 4 of replications.csv, column 3 of summary.csv
      { diff "$work/$name-a/replications.csv" "$work/$name-b/replications.csv" || true; } | awk -F, '/^[<>]/ {print $4}'
      { diff "$work/$name-a/summary.csv" "$work/$name-b/summary.csv" || true; } | awk -F, '/^[<>]/ {print $3}'
    } | sort -u | head -20 | sed 's/^/  /'
  fi
}
check baseline scenarios/baseline.yaml --set simulation.end=2011-01-01
check combined scenarios/combined.yaml --set simulation.end=2011-01-01
check history scenarios/history.yaml --set simulation.end=1998-01-01
[ "$failures" -eq 0 ] || { echo "compiler_agreement: $failures scenario(s) differ between $a and $b" >&2; exit 1; }
echo "compiler_agreement: $a and ${B_ENV:+$B_ENV }$b agree bit for bit"
