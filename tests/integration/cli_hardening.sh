#!/usr/bin/env bash
# End-to-end checks of the hardening against hostile or changed inputs:
#  - a resume (run, compare, sweep, ensemble; a calibration by its identity) or a merge
#    refuses inputs (scenario files, data tables) changed since the run started, naming
#    the file (exit 2);
#  - a missing shard is named as "shard i/k" (exit 2);
#  - symbolic links planted in an output directory are refused, never followed (exit 3);
#  - a Mexican state of population 0 is refused at load (exit 2);
#  - seeds and --shard out of range are refused (exit 2);
#  - `report` on a damaged summary.json is an I/O error (exit 3), not an internal one.
set -euo pipefail
gunflow=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
# expect RC PATTERN command...: the exit code is RC and stderr matches PATTERN.
expect() {
  local want=$1 pattern=$2 rc=0
  shift 2
  "$@" > /dev/null 2> "$work/err" || rc=$?
  [ "$rc" -eq "$want" ] || { cat "$work/err"; fail "expected exit $want, got $rc: $*"; }
  grep -q -- "$pattern" "$work/err" || { cat "$work/err"; fail "no '$pattern' in the message of: $*"; }
}

# A private copy of the scenarios, whose tables can be edited.
cp -r scenarios "$work/sc"
cat > "$work/sc/short.yaml" << 'YAML'
extends: baseline.yaml
simulation:
  name: short
  start: 2010-01-01
  end: 2010-04-01
  warmup_days: 30
YAML
run() { "$gunflow" run "$work/sc/short.yaml" --seed 3 --quiet "$@" > /dev/null; }

# 1. Resume after a table changed: refused, naming the table.
run -n 2 --out "$work/r1"
test -s "$work/r1/inputs.txt" || fail "no inputs.txt"
run -n 2 --out "$work/r1" --resume  # unchanged inputs: resumes
sed -i 's/^TX,\([^,]*\),[0-9]*/TX,\1,1/' "$work/sc/data/us_states.csv"
expect 2 "us_states.csv.*has changed" run -n 2 --out "$work/r1" --resume
# ...and after a scenario file of the extends chain changed.
cp -r scenarios/data/us_states.csv "$work/sc/data/us_states.csv"
run -n 2 --out "$work/r1" --resume
echo "# edited" >> "$work/sc/baseline.yaml"
expect 2 "baseline.yaml.*has changed" run -n 2 --out "$work/r1" --resume
cp scenarios/baseline.yaml "$work/sc/baseline.yaml"

# A shard resumes only as itself, and a whole run not as a shard: otherwise it would add
# another shard's block of replications to the directory.
run -n 4 --shard 0/2 --out "$work/sh0"
expect 2 "holds shard 0/2 of a run, but this resume asks for --shard 1/2" run -n 4 --shard 1/2 --out "$work/sh0" --resume
expect 2 "holds shard 0/2 of a run, but this resume asks for --shard 0/3" run -n 4 --shard 0/3 --out "$work/sh0" --resume
run -n 4 --shard 0/2 --out "$work/sh0" --resume
expect 2 "holds a whole run" run -n 2 --shard 1/2 --out "$work/r1" --resume

# The same for a resumed comparison.
"$gunflow" compare "$work/sc/short.yaml" "$work/sc/short.yaml" -n 2 --seed 3 --quiet --out "$work/c1" > /dev/null
sed -i 's/^TX,\([^,]*\),[0-9]*/TX,\1,1/' "$work/sc/data/us_states.csv"
expect 2 "us_states.csv: data.us_states has changed" \
  "$gunflow" compare "$work/sc/short.yaml" "$work/sc/short.yaml" -n 2 --seed 3 --quiet --out "$work/c1" --resume
cp scenarios/data/us_states.csv "$work/sc/data/us_states.csv"
# A directory another subcommand made is named as such, not by its replication count.
expect 2 "holds the outputs of \`gunflow compare\`, not of \`gunflow run\`" run -n 2 --out "$work/c1" --resume
expect 2 "--out: must name a directory" run -n 2 --out ""

# ... and for a resumed sweep, ensemble and calibration, which would otherwise mix
# points, parameter sets or evaluations of two versions of the data.
printf 'base: short.yaml\ndesign: lhs\npoints: 2\nreplications: 1\nparameters:\n  - {key: border.inspection_rate, range: [0, 0.1]}\n' \
  > "$work/sc/sweep.yaml"
"$gunflow" sweep "$work/sc/sweep.yaml" --quiet --out "$work/sw" > /dev/null
test -s "$work/sw/inputs.txt" || fail "a sweep wrote no inputs.txt"
printf 'extends: short.yaml\nsimulation: {name: short-atf}\npolicies: {atf_capacity: {start: 2010-02-01}}\n' \
  > "$work/sc/short_atf.yaml"
"$gunflow" ensemble "$work/sc/short.yaml" "$work/sc/short_atf.yaml" --parameters tests/fixtures/prior_small.yaml \
  --draws 2 -n 2 --quiet --out "$work/en" > /dev/null
sed 's|^base: scenarios/short.yaml|base: short.yaml|; s/^max_evaluations: 8/max_evaluations: 2/' \
  tests/fixtures/calibration_small.yaml > "$work/sc/calib.yaml"
"$gunflow" calibrate "$work/sc/calib.yaml" --quiet --out "$work/cal" > /dev/null
sed -i 's/^TX,\([^,]*\),[0-9]*/TX,\1,1/' "$work/sc/data/us_states.csv"
expect 2 "us_states.csv: data.us_states has changed since the sweep" \
  "$gunflow" sweep "$work/sc/sweep.yaml" --quiet --out "$work/sw" --resume
expect 2 "us_states.csv: data.us_states has changed since the ensemble" \
  "$gunflow" ensemble "$work/sc/short.yaml" "$work/sc/short_atf.yaml" --parameters tests/fixtures/prior_small.yaml \
  --draws 2 -n 2 --quiet --out "$work/en" --resume
expect 2 "calibration.identity: was written for another calibration file, base scenario or data tables" \
  "$gunflow" calibrate "$work/sc/calib.yaml" --quiet --out "$work/cal" --resume
cp scenarios/data/us_states.csv "$work/sc/data/us_states.csv"
"$gunflow" sweep "$work/sc/sweep.yaml" --quiet --out "$work/sw" --resume > /dev/null  # restored: resumes
# Sweep shards gathered by copying their checkpoints (README): shards of other data tables
# do not mix.
"$gunflow" sweep "$work/sc/sweep.yaml" --quiet --shard 0/2 --out "$work/sws0" > /dev/null
expect 2 "holds a sweep's shard, which \`merge\` does not combine" "$gunflow" merge "$work/sws0" --out "$work/swmm"
sed -i 's/^TX,\([^,]*\),[0-9]*/TX,\1,1/' "$work/sc/data/us_states.csv"
"$gunflow" sweep "$work/sc/sweep.yaml" --quiet --shard 1/2 --out "$work/sws1" > /dev/null
mkdir "$work/swm"
cp "$work/sws0/checkpoint.bin" "$work/swm/checkpoint.0.bin"
cp "$work/sws1/checkpoint.bin" "$work/swm/checkpoint.1.bin"
expect 2 "checkpoint.0.bin: was written for another .*(its scenario settings or data tables differ)" \
  "$gunflow" sweep "$work/sc/sweep.yaml" --quiet --out "$work/swm" --resume
cp scenarios/data/us_states.csv "$work/sc/data/us_states.csv"

# Merge of shards made before and after an edit: refused, naming the table.
run -n 4 --shard 0/2 --out "$work/s0"
sed -i 's/^TX,\([^,]*\),[0-9]*/TX,\1,1/' "$work/sc/data/us_states.csv"
run -n 4 --shard 1/2 --out "$work/s1"
expect 2 "us_states.csv: data.us_states was not the same in every shard: the shard in $work/s1 was run with other content than the shard in $work/s0" \
  "$gunflow" merge "$work/s0" "$work/s1" --out "$work/m"
[ ! -e "$work/m/summary.json" ] || fail "a refused merge wrote outputs"
# Shards of the same inputs merge, unless the table changed since.
run -n 4 --shard 0/2 --out "$work/s0" --force
"$gunflow" merge "$work/s0" "$work/s1" --out "$work/m" > /dev/null
cp scenarios/data/us_states.csv "$work/sc/data/us_states.csv"
expect 2 "us_states.csv.*has changed" "$gunflow" merge "$work/s0" "$work/s1" --out "$work/m2"
# A missing shard is named as such.
sed -i 's/^TX,\([^,]*\),[0-9]*/TX,\1,1/' "$work/sc/data/us_states.csv"
expect 2 "shard 1/2 is missing" "$gunflow" merge "$work/s0" --out "$work/m3"
cp scenarios/data/us_states.csv "$work/sc/data/us_states.csv"

# 5. Planted links are refused, and their targets stay untouched.
echo precious > "$work/target"
for name in checkpoint.bin .summary.json.tmp summary.json replications.csv .run.json.tmp inputs.txt; do
  rm -rf "$work/p" && mkdir "$work/p" && echo old > "$work/p/old"
  ln -s "$work/target" "$work/p/$name"
  expect 3 "$work/p/$name: is a symbolic link" run -n 1 --out "$work/p" --force  # the link named, not its directory
  [ "$(cat "$work/target")" = precious ] || fail "$name: the link's target was written"
done
run -n 1 --out "$work/pr"
rm "$work/pr/checkpoint.bin" && ln -s "$work/target" "$work/pr/checkpoint.bin"
expect 3 "symbolic link" run -n 2 --out "$work/pr" --resume
[ "$(cat "$work/target")" = precious ] || fail "resume wrote through checkpoint.bin"
run -n 1 --out "$work/pr2"
ln -s "$work/target" "$work/pr2/.replications.csv.tmp"
expect 3 "symbolic link" run -n 2 --out "$work/pr2" --resume
[ "$(cat "$work/target")" = precious ] || fail "resume wrote through a .tmp"

# 4. A Mexican state with population 0 is refused at load, located.
awk -F, 'BEGIN{OFS=","} $1=="SON"{$4=0} {print}' scenarios/data/mx_states.csv > "$work/sc/data/mx_states.csv"
expect 2 "mx_states.csv:[0-9]*:4: population_2010 is 0" "$gunflow" validate "$work/sc/short.yaml"
cp scenarios/data/mx_states.csv "$work/sc/data/mx_states.csv"

# 11. Seeds and shards out of range; report on a damaged summary.json.
for seed in -1 18446744073709551616 "" 1x; do
  expect 2 "seed" run -n 1 --out "$work/seed" --seed "$seed"
done
expect 2 "shard" run -n 2 --shard 0/99999999999999999999 --out "$work/sh"
run -n 1 --out "$work/rep"
echo '{"broken' > "$work/rep/summary.json"
expect 3 "not a gunflow output" "$gunflow" report "$work/rep" -o "$work/rep.html"

# 12. A parameter set that breaks a check between keys (every channel preference 0) is
# refused by name before anything runs, as the same values in a scenario file would be.
printf 'set,channels.preference.straw,channels.preference.unlicensed,channels.preference.corrupt_dealer,channels.preference.theft\n0,0.4,0.33,0.15,0.12\n7,0,0,0,0\n' \
  > "$work/zero_sets.csv"
expect 2 "channels.preference must have a positive weight for some channel in parameter set 7" \
  "$gunflow" ensemble "$work/sc/short.yaml" "$work/sc/short_atf.yaml" --parameters "$work/zero_sets.csv" \
  -n 2 --quiet --out "$work/zero_sets"
[ ! -e "$work/zero_sets" ] || fail "a refused parameter set left $work/zero_sets behind"
# ... and so is a prior whose ranges admit it (dealer shares adding past 1).
printf 'draws: 4\nseed: 1\nparameters:\n  - {key: dealers.negligent_share, range: [0.96, 1]}\n  - {key: dealers.corrupt_share, range: [0.05, 0.1]}\n' \
  > "$work/sc/bad_prior.yaml"
printf 'base: short.yaml\nreplications: 2\nparameters:\n  - {key: demand.guns_per_year, range: [150000, 450000], start: 300000}\ntargets:\n  - {metric: guns_trafficked, band: [90000, 110000]}\nposterior: {prior: bad_prior.yaml, draws: 4, replications: 2, cutoff: 3}\n' \
  > "$work/sc/bad_posterior.yaml"
expect 2 "plus dealers.corrupt_share exceeds 1 in draw 0 of the prior" \
  "$gunflow" calibrate "$work/sc/bad_posterior.yaml" --posterior --quiet --out "$work/bad_posterior"
[ ! -e "$work/bad_posterior" ] || fail "a refused prior left $work/bad_posterior behind"
# ... and a sweep design whose ranges admit such a point.
printf 'base: short.yaml\ndesign: lhs\npoints: 2\nreplications: 1\nparameters:\n  - {key: dealers.negligent_share, range: [0.996, 1]}\n' \
  > "$work/sc/bad_sweep.yaml"
expect 2 "plus dealers.corrupt_share exceeds 1 at point 0 of the design" \
  "$gunflow" sweep "$work/sc/bad_sweep.yaml" --quiet --out "$work/bad_sweep"
[ ! -e "$work/bad_sweep" ] || fail "a refused sweep left $work/bad_sweep behind"
# ... and a point calibration whose box holds such a point (checked at its corners).
printf 'base: short.yaml\nreplications: 2\nmax_evaluations: 2\nparameters:\n  - {key: dealers.negligent_share, range: [0.5, 1], start: 0.6}\ntargets:\n  - {metric: guns_trafficked, band: [90000, 110000]}\n' \
  > "$work/sc/bad_calib.yaml"
expect 2 "plus dealers.corrupt_share exceeds 1 at a corner of the parameters' ranges" \
  "$gunflow" calibrate "$work/sc/bad_calib.yaml" --quiet --out "$work/bad_calib"
[ ! -e "$work/bad_calib" ] || fail "a refused calibration left $work/bad_calib behind"

# 13. Threads that cannot be started (a 3 GB address-space limit against 2,000 thread
# stacks): a clear error and exit 3 before any output, not libgomp's exit 1 mid-run with a
# checkpoint left behind.
(ulimit -v 3000000 && expect 3 "cannot start 2000 threads" run -n 4 --threads 2000 --out "$work/threads")
[ ! -e "$work/threads" ] || fail "a refused thread count left $work/threads behind"
echo "cli_hardening: ok"
