#!/usr/bin/env bash
# Checks scripts/slurm/ without a Slurm cluster: every #SBATCH directive is one sbatch
# knows (a --test-only-style check), the scripts parse, and an array submission plus
# its dependent merge — run by stand-ins for sbatch and srun that execute the jobs
# locally, array tasks one after another — gives the outputs of a single run; so do
# compare.sbatch, sweep.sbatch, ensemble.sbatch and submit-sweep-array (sweep --shard shards + merge).
# (tests/integration/slurm_cluster.sh runs them on a real Slurm.)
# Usage: slurm_scripts.sh GUNFLOW [GUNFLOW_MPI] (mpi.sbatch runs GUNFLOW_MPI if given,
# as one singleton MPI rank, else GUNFLOW).
set -euo pipefail
gunflow=$(realpath "$1")
mpi_gunflow=$(realpath "${2:-$1}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
known="job-name cpus-per-task mem-per-cpu mem time requeue output array dependency nodes ntasks-per-node partition account"
for f in scripts/slurm/*.sbatch scripts/slurm/submit-array; do
  bash -n "$f" || { echo "FAIL: $f does not parse"; exit 1; }
  while read -r opt; do
    name=${opt%%=*}
    [[ " $known " == *" $name "* ]] || { echo "FAIL: $f: unknown #SBATCH option --$name"; exit 1; }
  done < <(sed -n 's/^#SBATCH --\([^ ]*\).*/\1/p' "$f")
done

mkdir -p "$work/bin"
cat > "$work/bin/sbatch" <<'SHIM'
#!/usr/bin/env bash
# Stand-in for sbatch: runs the job now (array tasks in order), prints a job id.
set -euo pipefail
array="" script=""
for a in "$@"; do
  case "$a" in
    --array=*) array=${a#--array=} ;;
    --export=*) IFS=, read -ra kv <<< "${a#--export=}"; for p in "${kv[@]}"; do [ "$p" = ALL ] || export "$p"; done ;;
    --*) ;;
    *) script=$a ;;
  esac
done
if [ -n "$array" ]; then
  lo=${array%-*} hi=${array#*-}
  for ((i = lo; i <= hi; i++)); do
    SLURM_ARRAY_TASK_ID=$i SLURM_ARRAY_TASK_COUNT=$((hi - lo + 1)) SLURM_ARRAY_TASK_MAX=$hi SLURM_CPUS_PER_TASK=1 \
      bash "$script" > /dev/null
  done
else
  bash "$script" > /dev/null
fi
echo $RANDOM
SHIM
printf '#!/usr/bin/env bash\nexec "$@"\n' > "$work/bin/srun"
chmod +x "$work/bin/sbatch" "$work/bin/srun"

scenario=tests/fixtures/scenarios/short.yaml
# As deep as array/merged, so the resolved scenarios' relative data paths match.
# submit-array's own sbatch options (before the positionals) and gunflow options (after --).
"$gunflow" run "$scenario" -n 6 --seed 4 --out "$work/single/run" --quiet > /dev/null
"$gunflow" run "$scenario" -n 6 --seed 4 --set traffickers.count=1500 --out "$work/single/set" --quiet > /dev/null
PATH="$work/bin:$PATH" GUNFLOW="$gunflow" scripts/slurm/submit-array --cpus-per-task=1 "$scenario" 6 3 "$work/array" 4 \
  -- --set traffickers.count=1500 > /dev/null
for f in replications.csv summary.csv summary.json scenario.resolved.yaml; do
  cmp "$work/single/set/$f" "$work/array/merged/$f" || { echo "FAIL: array + merge $f differs from a single run"; exit 1; }
done
# The MPI job script, with srun standing in for one rank.
PATH="$work/bin:$PATH" GUNFLOW="$mpi_gunflow" SCENARIO=$scenario REPS=6 SEED=4 OUT="$work/mpi" bash scripts/slurm/mpi.sbatch > /dev/null
cmp "$work/single/run/summary.csv" "$work/mpi/summary.csv" || { echo "FAIL: mpi.sbatch output differs"; exit 1; }
# compare.sbatch and sweep.sbatch, one job each, against plain runs.
"$gunflow" compare "$scenario" tests/fixtures/scenarios/short_policy.yaml -n 2 --seed 3 --out "$work/cmp/single" --quiet > /dev/null
PATH="$work/bin:$PATH" GUNFLOW="$gunflow" SCENARIOS="$scenario tests/fixtures/scenarios/short_policy.yaml" REPS=2 SEED=3 \
  OUT="$work/cmp/job" bash scripts/slurm/compare.sbatch > /dev/null
cmp "$work/cmp/single/compare.csv" "$work/cmp/job/compare.csv" || { echo "FAIL: compare.sbatch output differs"; exit 1; }
"$gunflow" sweep tests/fixtures/sweep_small.yaml --out "$work/sweep/single" --quiet > /dev/null
PATH="$work/bin:$PATH" GUNFLOW="$gunflow" SWEEP=tests/fixtures/sweep_small.yaml OUT="$work/sweep/job" \
  bash scripts/slurm/sweep.sbatch > /dev/null
cmp "$work/sweep/single/sweep_results.csv" "$work/sweep/job/sweep_results.csv" || { echo "FAIL: sweep.sbatch output differs"; exit 1; }
PATH="$work/bin:$PATH" GUNFLOW="$gunflow" scripts/slurm/submit-sweep-array tests/fixtures/sweep_small.yaml 3 "$work/sweeparray" > /dev/null
for f in sweep_results.csv sensitivity.csv; do
  cmp "$work/sweep/single/$f" "$work/sweeparray/merged/$f" || { echo "FAIL: submit-sweep-array $f differs"; exit 1; }
done
# ensemble.sbatch (one MPI job) against a plain ensemble.
"$gunflow" ensemble "$scenario" tests/fixtures/scenarios/short_policy.yaml --parameters tests/fixtures/prior_small.yaml \
  --draws 3 -n 2 --seed 3 --out "$work/ens/single" --quiet > /dev/null
PATH="$work/bin:$PATH" GUNFLOW="$mpi_gunflow" SCENARIOS="$scenario tests/fixtures/scenarios/short_policy.yaml" \
  PARAMETERS=tests/fixtures/prior_small.yaml DRAWS=3 REPS=2 SEED=3 OUT="$work/ens/job" bash scripts/slurm/ensemble.sbatch > /dev/null
for f in ensemble_effects.csv ensemble_sets.csv; do
  cmp "$work/ens/single/$f" "$work/ens/job/$f" || { echo "FAIL: ensemble.sbatch $f differs"; exit 1; }
done
echo "slurm scripts: all checks passed"
