#!/usr/bin/env bash
# The daily loop's prefetches are in the compiled executable. GCC infers that a helper
# whose only work is __builtin_prefetch is a const function and deletes its calls, which
# silently removed every prefetch of the loop over due networks until core/prefetch.hpp
# kept them with an empty volatile asm. The loop asks for the next networks' records, their
# buyer slots and the place of their next lot, and the trip for its dealer's entry: at
# least three prefetch instructions in networks_act. Skipped (77) where objdump is missing
# or the executable is not x86-64.
set -euo pipefail
gunflow=$1
command -v objdump > /dev/null || { echo "objdump not found: skipped"; exit 77; }
objdump -f "$gunflow" | grep -q "x86-64" || { echo "not an x86-64 executable: skipped"; exit 77; }
n=$(objdump -d --no-show-raw-insn -C "$gunflow" |
  awk '/^[0-9a-f]+ <.*>:$/ { inside = ($0 ~ /<gunflow::networks_act\(/) } inside && /prefetch/ { n++ } END { print n + 0 }')
echo "prefetch instructions in networks_act: $n"
if [ "$n" -lt 3 ]; then
  echo "expected at least 3: the compiler dropped the daily loop's prefetches (see include/gunflow/core/prefetch.hpp)" >&2
  exit 1
fi
