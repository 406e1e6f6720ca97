#!/usr/bin/env bash
# MPI runs give byte-identical outputs for 1, 2 and 3 ranks (oversubscribed on a 2-core
# machine) and any thread count; compare under MPI matches compare in one process; a
# run killed under 3 ranks resumes under 2 with identical outputs.
set -euo pipefail
mpi_gunflow=$1
gunflow=$2
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
scenario=tests/fixtures/scenarios/short.yaml
files="replications.csv summary.csv summary.json scenario.resolved.yaml"

"$gunflow" run "$scenario" -n 7 --seed 3 --threads 1 --out "$work/ref" --quiet > /dev/null
for k in 1 2 3; do
  for t in 1 2; do
    mpirun -np "$k" "$mpi_gunflow" run "$scenario" -n 7 --seed 3 --threads "$t" --out "$work/k$k-t$t" --quiet > /dev/null
    for f in $files; do
      cmp "$work/ref/$f" "$work/k$k-t$t/$f" || { echo "FAIL: $f differs with $k ranks x $t threads"; exit 1; }
    done
  done
done

"$gunflow" compare "$scenario" tests/fixtures/scenarios/short_policy.yaml -n 4 --seed 2 --out "$work/cmp1" --quiet > /dev/null
mpirun -np 3 "$mpi_gunflow" compare "$scenario" tests/fixtures/scenarios/short_policy.yaml -n 4 --seed 2 --out "$work/cmp3" --quiet > /dev/null
for f in compare.csv compare.json replications.csv; do
  cmp "$work/cmp1/$f" "$work/cmp3/$f" || { echo "FAIL: compare $f differs under 3 ranks"; exit 1; }
done

# Resume with another rank count: finished replications are kept whoever wrote them.
mpirun -np 3 "$mpi_gunflow" run "$scenario" -n 7 --seed 3 --out "$work/partial" --quiet > /dev/null
rm "$work/partial/summary.csv" "$work/partial/replications.csv"
truncate -s -100 "$work/partial/checkpoint.1.bin"  # a torn record, as after kill -9
mpirun -np 2 "$mpi_gunflow" run "$scenario" -n 7 --seed 3 --out "$work/partial" --resume --quiet > /dev/null
for f in $files; do
  cmp "$work/ref/$f" "$work/partial/$f" || { echo "FAIL: resumed $f differs (3 ranks -> 2 ranks)"; exit 1; }
done
echo "mpi end-to-end: all checks passed"
