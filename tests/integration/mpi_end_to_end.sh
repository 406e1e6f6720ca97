#!/usr/bin/env bash
# MPI runs give byte-identical outputs for 1, 2 and 3 ranks (oversubscribed on a 2-core
# machine) and any thread count; compare under MPI matches compare in one process; a
# run killed under 3 ranks resumes under 2 with identical outputs; subcommands that do not
# split their work over ranks are refused under more than one.
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
# An ensemble (3 parameter sets x 2 scenarios = 6 items) split over 3 ranks, 2 threads each.
"$gunflow" ensemble "$scenario" tests/fixtures/scenarios/short_policy.yaml --parameters tests/fixtures/prior_small.yaml \
  --draws 3 -n 2 --seed 2 --out "$work/ens1" --quiet > /dev/null
mpirun -np 3 "$mpi_gunflow" ensemble "$scenario" tests/fixtures/scenarios/short_policy.yaml \
  --parameters tests/fixtures/prior_small.yaml --draws 3 -n 2 --seed 2 --threads 2 --out "$work/ens3" --quiet > /dev/null
for f in ensemble_sets.csv ensemble_effects.csv ensemble_sensitivity.csv; do
  cmp "$work/ens1/$f" "$work/ens3/$f" || { echo "FAIL: ensemble $f differs under 3 ranks"; exit 1; }
done

# Resume with another rank count: finished replications are kept whoever wrote them.
mpirun -np 3 "$mpi_gunflow" run "$scenario" -n 7 --seed 3 --out "$work/partial" --quiet > /dev/null
rm "$work/partial/summary.csv" "$work/partial/replications.csv"
truncate -s -100 "$work/partial/checkpoint.1.bin"  # a torn record, as after kill -9
mpirun -np 2 "$mpi_gunflow" run "$scenario" -n 7 --seed 3 --out "$work/partial" --resume --quiet > /dev/null
for f in $files; do
  cmp "$work/ref/$f" "$work/partial/$f" || { echo "FAIL: resumed $f differs (3 ranks -> 2 ranks)"; exit 1; }
done
# Subcommands that do not split their work over ranks are refused under more than one
# rank (each rank would run all of it into the same directory): exit 2 on every rank,
# with a message naming the subcommand, nothing written, and no hang (timeout).
for cmd in "calibrate tests/fixtures/calibration_small.yaml --out $work/refused" \
           "merge $work/k1-t1 --out $work/refused" "report $work/k1-t1 -o $work/refused/report.html" \
           "serve --port $((20000 + RANDOM % 20000))" "validate $scenario"; do
  set +e
  # shellcheck disable=SC2086 # the subcommand and its arguments are split on purpose
  timeout 60 mpirun -np 2 "$mpi_gunflow" $cmd > /dev/null 2> "$work/err"; rc=$?
  set -e
  name=${cmd%% *}
  [ "$rc" -ne 0 ] && [ "$rc" -ne 124 ] && grep -q "gunflow-mpi: \`$name\` does not split its work over MPI ranks" "$work/err" \
    || { echo "FAIL: mpirun -np 2 gunflow-mpi $name was not refused (exit $rc)"; cat "$work/err"; exit 1; }
done
[ ! -e "$work/refused" ] || { echo "FAIL: a refused subcommand wrote outputs"; exit 1; }
# On one rank gunflow-mpi is gunflow: the same subcommands run.
mpirun -np 1 "$mpi_gunflow" validate "$scenario" > /dev/null
echo "mpi end-to-end: all checks passed"
