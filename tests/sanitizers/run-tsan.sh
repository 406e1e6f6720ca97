#!/usr/bin/env bash
# Runs a ThreadSanitizer-built program (clang, LLVM libomp) under Archer, libomp's tool
# that tells TSan about OpenMP's synchronisation (libomp itself is not instrumented).
# Fails on any TSan report, and if Archer did not load (every omp barrier would then be
# invisible to TSan and the run would prove nothing).
# Usage: run-tsan.sh /path/to/libarcher.so PROGRAM [ARGS...]
set -uo pipefail
archer=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
export OMP_TOOL_LIBRARIES=$archer ARCHER_OPTIONS="verbose=1"
# halt_on_error: exit (code 66) after the first report. Not abort_on_error: the SIGABRT
# handlers (Catch2's, libomp's) then run inside TSan's report path and can deadlock.
# ignore_noninstrumented_modules: as Archer's documentation asks (libomp's own accesses).
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 ignore_noninstrumented_modules=1 suppressions=$here/tsan.supp"
"$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
if ! grep -q "Archer detected OpenMP application with TSan" "$log"; then
  echo "FAIL: Archer ($archer) did not load; OpenMP synchronisation would be invisible to TSan"
  exit 1
fi
exit "$rc"
