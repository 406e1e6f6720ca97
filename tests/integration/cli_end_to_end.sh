#!/usr/bin/env bash
# End-to-end checks of the gunflow executable:
#  - byte-identical outputs for 1, 2 and 5 threads (more threads than this machine's cores),
#    and with or without transparent huge pages;
#  - exit codes: bad input 2 (also a bad --threads in every subcommand), refused output dir 3;
#  - every output file is written, none left as a temporary.
set -euo pipefail
gunflow=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
scenario=tests/fixtures/scenarios/short.yaml

for t in 1 2 5; do
  "$gunflow" run "$scenario" -n 5 --seed 11 --threads "$t" --out "$work/t$t" --quiet > /dev/null
done
for f in replications.csv summary.csv summary.json scenario.resolved.yaml; do
  for t in 2 5; do
    cmp "$work/t1/$f" "$work/t$t/$f" || { echo "FAIL: $f differs between 1 and $t threads"; exit 1; }
  done
done
test -s "$work/t1/run.json"
if ls -A "$work/t1" | grep -q '\.tmp$'; then echo "FAIL: temporary file left behind"; exit 1; fi
rows=$(($(wc -l < "$work/t1/replications.csv") - 1))
[ "$rows" -gt 0 ] || { echo "FAIL: no replication rows"; exit 1; }

# Huge pages (sim/cli/huge_pages.cpp): gunflow marks malloc's heaps for transparent huge
# pages (madvise), with no restart. Memory layout never reaches the results: glibc's own
# huge-page tunable, set by a user, gives the same outputs.
GLIBC_TUNABLES=glibc.malloc.hugetlb=1 "$gunflow" run "$scenario" -n 5 --seed 11 --threads 2 --out "$work/thp" --quiet > /dev/null
cmp "$work/t1/replications.csv" "$work/thp/replications.csv" || { echo "FAIL: outputs depend on huge pages"; exit 1; }
if [ -e /sys/kernel/mm/transparent_hugepage/enabled ]; then
  "$gunflow" run "$scenario" -n 100000 --out "$work/thp_marked" --quiet > /dev/null 2>&1 &
  pid=$!
  found=0
  for _ in $(seq 100); do
    if awk '/^VmFlags:/ && / hg/ { f = 1 } END { exit !f }' "/proc/$pid/smaps" 2> /dev/null; then found=1; break; fi
    sleep 0.05
  done
  # Only the mappings are checked here: stop it outright (SIGINT could be lost before
  # gunflow installs its handler: a background job of a script starts with it ignored).
  kill -KILL "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
  [ "$found" -eq 1 ] || { echo "FAIL: no heap of a running gunflow is marked for huge pages"; exit 1; }
fi

# The resolved scenario repeats the run exactly.
"$gunflow" run "$work/t1/scenario.resolved.yaml" -n 5 --seed 11 --out "$work/again" --quiet > /dev/null
cmp "$work/t1/summary.csv" "$work/again/summary.csv" || { echo "FAIL: resolved scenario does not repeat the run"; exit 1; }

# A misspelt command or option is named, with a suggestion; a non-number for a count says so (exit 2).
set +e
"$gunflow" runn "$scenario" > /dev/null 2> "$work/err"; rc_cmd=$?
"$gunflow" run "$scenario" --threads abc > /dev/null 2>> "$work/err"; rc_num=$?
"$gunflow" run "$scenario" --thread 2 > /dev/null 2>> "$work/err"; rc_opt=$?
set -e
[ "$rc_cmd" -eq 2 ] && grep -q "'runn' is not a command; did you mean 'run'?" "$work/err" \
  || { cat "$work/err"; echo "FAIL: a misspelt command was not named (exit $rc_cmd)"; exit 1; }
[ "$rc_num" -eq 2 ] && grep -q "is 'abc', but must be a whole number" "$work/err" \
  || { cat "$work/err"; echo "FAIL: --threads abc was not called a non-number (exit $rc_num)"; exit 1; }
[ "$rc_opt" -eq 2 ] && grep -q "gunflow run: '--thread' is not an option; did you mean '--threads'?" "$work/err" \
  || { cat "$work/err"; echo "FAIL: a misspelt option was not named (exit $rc_opt)"; exit 1; }

# A non-empty output directory is refused without --force (exit 3), accepted with it.
set +e
"$gunflow" run "$scenario" -n 1 --out "$work/t1" --quiet > /dev/null 2> "$work/err"; rc=$?
set -e
[ "$rc" -eq 3 ] || { echo "FAIL: expected exit 3 for a non-empty --out, got $rc"; exit 1; }
grep -q -- "--force" "$work/err" || { echo "FAIL: refusal message does not mention --force"; exit 1; }
"$gunflow" run "$scenario" -n 1 --out "$work/t1" --force --quiet > /dev/null

# Bad input: exit 2 and a located message.
set +e
"$gunflow" validate tests/fixtures/scenarios/bad_range.yaml > /dev/null 2> "$work/err"; rc=$?
set -e
[ "$rc" -eq 2 ] || { echo "FAIL: expected exit 2 for bad input, got $rc"; exit 1; }
grep -q "bad_range.yaml:3:20: border.inspection_rate" "$work/err" || { echo "FAIL: message not located"; cat "$work/err"; exit 1; }
"$gunflow" validate scenarios/baseline.yaml > /dev/null

# --set KEY=VALUE: the same checks and located messages as a YAML key, on every subcommand
# that reads a scenario; recorded in run.json and the resolved scenario, which repeats the run.
set +e
"$gunflow" validate "$scenario" --set traffickers.count=abc > /dev/null 2> "$work/err"; rc=$?
set -e
[ "$rc" -eq 2 ] && grep -qF -- "--set traffickers.count=abc: traffickers.count must be an integer, but is 'abc'" "$work/err" \
  || { echo "FAIL: a bad --set value is not reported at the override (exit $rc)"; cat "$work/err"; exit 1; }
set +e
"$gunflow" run "$scenario" -n 1 --set traffickers.cont=4 --out "$work/setbad" --quiet > /dev/null 2> "$work/err"; rc=$?
set -e
[ "$rc" -eq 2 ] && grep -qF "did you mean 'traffickers.count'?" "$work/err" && [ ! -e "$work/setbad" ] \
  || { echo "FAIL: an unknown --set key is not refused with a suggestion (exit $rc)"; cat "$work/err"; exit 1; }
"$gunflow" validate "$scenario" --set border.inspection_rate=0.1 --set traffickers.count=1500 > /dev/null
"$gunflow" run "$scenario" -n 3 --seed 11 --set border.inspection_rate=0.1 --out "$work/set" --quiet > /dev/null
grep -q '"border.inspection_rate=0.1"' "$work/set/run.json" || { echo "FAIL: run.json lacks the override"; exit 1; }
grep -q '^#   --set border.inspection_rate=0.1' "$work/set/scenario.resolved.yaml" \
  && grep -q '^  inspection_rate: 0.1$' "$work/set/scenario.resolved.yaml" || { echo "FAIL: resolved scenario lacks the override"; exit 1; }
"$gunflow" run "$work/set/scenario.resolved.yaml" -n 3 --seed 11 --out "$work/set_again" --quiet > /dev/null
cmp "$work/set/summary.csv" "$work/set_again/summary.csv" || { echo "FAIL: the resolved scenario of a --set run does not repeat it"; exit 1; }
if cmp -s "$work/set/summary.csv" "$work/t1/summary.csv"; then echo "FAIL: --set changed nothing"; exit 1; fi
# The resolved scenario's data paths are relative to it (the directory moves with the data).
grep -q '^  us_states: "\.\./' "$work/set/scenario.resolved.yaml" && grep -q 'sha256 [0-9a-f]\{64\}' "$work/set/scenario.resolved.yaml" \
  || { echo "FAIL: resolved data paths not relative or without SHA-256"; exit 1; }

# Output format: key "total" for totals (never empty), metrics.csv beside the outputs,
# summary.json's interval named as the CSV's, run.json's start time set.
awk -F, 'NR > 1 && $4 == "" { bad = 1 } END { exit bad }' "$work/t1/summary.csv" || { echo "FAIL: empty key in summary.csv"; exit 1; }
grep -q '^short,2010,guns_trafficked,total,' "$work/t1/summary.csv" || grep -q ',guns_trafficked,total,' "$work/t1/summary.csv" \
  || { echo "FAIL: totals are not keyed total"; exit 1; }
head -1 "$work/t1/metrics.csv" | grep -q '^name,kind,unit,key,description,reduction$' || { echo "FAIL: run lacks metrics.csv"; exit 1; }
grep -q '"ci_low"' "$work/t1/summary.json" && ! grep -q '"ci95"' "$work/t1/summary.json" || { echo "FAIL: summary.json CI names"; exit 1; }
grep -q '"started_utc": "20' "$work/t1/run.json" || { echo "FAIL: run.json has no start time"; exit 1; }

# Shared options are checked alike in every subcommand that takes them (sim/cli/options.cpp):
# --threads outside [0, 4096] is a usage error (exit 2) naming the option, before any work
# (serve would otherwise start serving: hence the timeout).
out="--out $work/threads_check"
for cmd in "run $scenario $out" "compare $scenario $scenario $out" "sweep tests/fixtures/sweep_small.yaml $out" \
           "calibrate tests/fixtures/calibration_small.yaml $out" "serve --port $((20000 + RANDOM % 20000))"; do
  for t in -1 4097; do
    set +e
    # shellcheck disable=SC2086 # the subcommand and its arguments are split on purpose
    timeout 20 "$gunflow" $cmd --threads "$t" > /dev/null 2> "$work/err"; rc=$?
    set -e
    [ "$rc" -eq 2 ] && grep -q -- "--threads" "$work/err" \
      || { echo "FAIL: gunflow ${cmd%% *} --threads $t: expected exit 2 naming --threads, got $rc"; cat "$work/err"; exit 1; }
  done
done
[ ! -e "$work/threads_check" ] || { echo "FAIL: a refused --threads still wrote outputs"; exit 1; }

# compare: paired differences; a scenario compared with itself differs by exactly 0.
"$gunflow" compare "$scenario" tests/fixtures/scenarios/short_policy.yaml "$scenario" -n 3 --out "$work/cmp" --quiet > /dev/null
for f in compare.csv compare.json replications.csv run.json scenario.short.resolved.yaml scenario.short-inspection.resolved.yaml; do
  test -s "$work/cmp/$f" || { echo "FAIL: compare did not write $f"; exit 1; }
done
awk -F, 'NR > 1 && $1 == "short-2" && ($11 != 0 || $12 != 0 || $13 != 0) { bad = 1 } END { exit bad }' "$work/cmp/compare.csv" \
  || { echo "FAIL: a scenario compared with itself shows a difference"; exit 1; }
awk -F, 'NR > 1 && $1 == "short-inspection" && $4 == "us_border_seizures" && $11 > 0 { found = 1 } END { exit !found }' "$work/cmp/compare.csv" \
  || { echo "FAIL: the inspection surge shows no extra seizures"; exit 1; }
head -1 "$work/cmp/compare.csv" | grep -q ',n,base_mean,mean,ci_low,ci_high,diff,' || { echo "FAIL: compare.csv header"; exit 1; }
awk -F, 'NR > 1 && $1 == $2 { bad = 1 } END { exit bad }' "$work/cmp/compare.csv" || { echo "FAIL: compare.csv compares the base with itself"; exit 1; }
awk -F, 'NR > 1 && $7 == 0 && $14 != "" { bad = 1 } END { exit bad }' "$work/cmp/compare.csv" || { echo "FAIL: diff_pct written where the base mean is 0"; exit 1; }
test -s "$work/cmp/metrics.csv" && grep -q '"started_utc": "20' "$work/cmp/run.json" || { echo "FAIL: compare metrics.csv or start time"; exit 1; }
"$gunflow" compare "$scenario" tests/fixtures/scenarios/short_policy.yaml -n 2 --set traffickers.count=1500 --out "$work/cmpset" --quiet > /dev/null
for f in scenario.short.resolved.yaml scenario.short-inspection.resolved.yaml; do
  grep -q '^  count: 1500$' "$work/cmpset/$f" || { echo "FAIL: compare --set not applied to $f"; exit 1; }
done
# An interrupted comparison resumes from its checkpoint: the last items lost (as after
# kill -9), the outputs gone; --resume runs only what is missing, to the same bytes.
# Resuming with another list of scenarios is refused.
cp -r "$work/cmp" "$work/cmp2"
rm "$work/cmp2/compare.csv" "$work/cmp2/compare.json" "$work/cmp2/replications.csv"
truncate -s $(( $(stat -c %s "$work/cmp2/checkpoint.bin") * 2 / 3 )) "$work/cmp2/checkpoint.bin"  # a torn record too
"$gunflow" compare "$scenario" tests/fixtures/scenarios/short_policy.yaml "$scenario" -n 3 --out "$work/cmp2" --resume --quiet > /dev/null
for f in compare.csv compare.json replications.csv; do
  cmp "$work/cmp/$f" "$work/cmp2/$f" || { echo "FAIL: resumed compare $f differs"; exit 1; }
done
set +e
"$gunflow" compare "$scenario" tests/fixtures/scenarios/short_policy.yaml -n 3 --out "$work/cmp2" --resume --quiet > /dev/null 2> "$work/err"; rc=$?
set -e
[ "$rc" -eq 2 ] && grep -q "was written for another scenario" "$work/err" \
  || { echo "FAIL: resuming a comparison of other scenarios was not refused (exit $rc)"; exit 1; }

# Shards: three shards merged give byte-identical outputs; a missing or repeated shard is an error.
for i in 0 1 2; do
  "$gunflow" run "$scenario" -n 5 --seed 11 --shard "$i/3" --out "$work/shard$i" --quiet > /dev/null
done
"$gunflow" merge "$work/shard0" "$work/shard1" "$work/shard2" --out "$work/merged" > /dev/null
for f in replications.csv summary.csv summary.json scenario.resolved.yaml metrics.csv; do
  cmp "$work/t2/$f" "$work/merged/$f" || { echo "FAIL: merged $f differs from the unsharded run"; exit 1; }
done
# Shards run with --set merge into outputs that record the overrides.
for i in 0 1; do
  "$gunflow" run "$scenario" -n 2 --seed 3 --shard "$i/2" --set traffickers.count=1500 --out "$work/sset$i" --quiet > /dev/null
done
"$gunflow" merge "$work/sset0" "$work/sset1" --out "$work/ssetm" > /dev/null
grep -q '"traffickers.count=1500"' "$work/ssetm/run.json" && grep -q '^#   --set traffickers.count=1500' "$work/ssetm/scenario.resolved.yaml" \
  || { echo "FAIL: merged outputs do not record the shards' --set"; exit 1; }
set +e
"$gunflow" merge "$work/shard0" "$work/shard2" --out "$work/m2" > /dev/null 2> "$work/err"; rc_missing=$?
"$gunflow" merge "$work/shard0" "$work/shard1" "$work/shard1" "$work/shard2" --out "$work/m3" > /dev/null 2>> "$work/err"; rc_dup=$?
"$gunflow" run "$scenario" -n 5 --shard 3/3 --out "$work/bad" > /dev/null 2>> "$work/err"; rc_shard=$?
set -e
[ "$rc_missing" -eq 2 ] && grep -q "shard 1/3 is missing" "$work/err" || { echo "FAIL: missing shard not reported as shard 1/3 (exit 2)"; exit 1; }
[ "$rc_dup" -ne 0 ] && grep -q "holds too" "$work/err" || { echo "FAIL: duplicate shard not reported"; exit 1; }
[ "$rc_shard" -eq 2 ] || { echo "FAIL: --shard 3/3 should be a usage error (exit 2), got $rc_shard"; exit 1; }
# More shards than replications: the empty shards must be named too, and not twice; a
# merge into one of the shards' own directories is refused (--force would clear it first).
for i in 0 1 2 3 4; do
  "$gunflow" run "$scenario" -n 2 --seed 11 --shard "$i/5" --out "$work/esh$i" --quiet > /dev/null
done
set +e
"$gunflow" merge "$work/esh0" "$work/esh1" "$work/esh2" "$work/esh3" "$work/esh3" --out "$work/em1" > /dev/null 2> "$work/err"; rc_dup=$?
"$gunflow" merge "$work/esh0" "$work/esh1" "$work/esh2" "$work/esh3" --out "$work/em2" > /dev/null 2>> "$work/err"; rc_missing=$?
"$gunflow" merge "$work/esh0" "$work/esh1" "$work/esh2" "$work/esh3" "$work/esh4" --out "$work/esh0" --force > /dev/null 2>> "$work/err"; rc_into=$?
set -e
[ "$rc_dup" -eq 2 ] && grep -q "holds shard 3/5, which .* holds too" "$work/err" || { echo "FAIL: a repeated empty shard was not refused"; exit 1; }
[ "$rc_missing" -eq 2 ] && grep -q "shard 4/5 is missing" "$work/err" || { echo "FAIL: a missing empty shard was not refused"; exit 1; }
[ "$rc_into" -eq 2 ] && grep -q "is one of the shards being merged" "$work/err" && [ -f "$work/esh0/checkpoint.bin" ] \
  || { echo "FAIL: a merge into a shard's own directory was not refused"; exit 1; }
"$gunflow" merge "$work/esh0" "$work/esh1" "$work/esh2" "$work/esh3" "$work/esh4" --out "$work/em3" > /dev/null

# --force deletes nothing, so a run written over a comparison leaves the comparison's
# tables; the report shows the latest job's and says the other is older.
sleep 1  # the run's summary.json must be newer than the comparison's files on any file system
"$gunflow" run "$scenario" -n 2 --out "$work/cmp2" --force --quiet > /dev/null
"$gunflow" report "$work/cmp2" -o "$work/cmp2.html" > /dev/null
grep -q "compare.json is older than summary.json" "$work/cmp2.html" && ! grep -q "Scenarios compared" "$work/cmp2.html" \
  || { echo "FAIL: the report mixed an earlier comparison into a later run's directory"; exit 1; }

# kill -9 in the middle of a run, then --resume: outputs byte-identical to an uninterrupted run.
"$gunflow" run "$scenario" -n 24 --seed 5 --threads 2 --out "$work/ref" --quiet > /dev/null
"$gunflow" run "$scenario" -n 24 --seed 5 --threads 2 --out "$work/killed" --quiet > /dev/null 2>&1 &
pid=$!
for _ in $(seq 1 100); do  # wait until a few replications are on disk
  [ -f "$work/killed/checkpoint.bin" ] && [ "$(stat -c %s "$work/killed/checkpoint.bin")" -gt 20000 ] && break
  sleep 0.1
done
kill -9 "$pid" 2> /dev/null || true
wait "$pid" 2> /dev/null || true
[ ! -f "$work/killed/summary.csv" ] || { echo "FAIL: the killed run finished before it was killed; test is void"; exit 1; }
"$gunflow" run "$scenario" -n 24 --seed 5 --threads 1 --out "$work/killed" --resume --quiet > /dev/null
for f in replications.csv summary.csv summary.json scenario.resolved.yaml; do
  cmp "$work/ref/$f" "$work/killed/$f" || { echo "FAIL: resumed $f differs from an uninterrupted run"; exit 1; }
done
set +e
"$gunflow" run "$scenario" -n 25 --seed 5 --out "$work/killed" --resume --quiet > /dev/null 2> "$work/err"; rc=$?
set -e
[ "$rc" -eq 2 ] && grep -q "was written for another scenario" "$work/err" \
  || { echo "FAIL: resuming with other settings was not refused"; exit 1; }

# sweep: writes points, per-replication results and Morris indices; an interrupted sweep
# resumes from its checkpoint to the same results.
"$gunflow" sweep tests/fixtures/sweep_small.yaml --out "$work/sweep" --quiet > /dev/null
for f in sweep_points.csv sweep_results.csv sensitivity.csv run.json; do
  test -s "$work/sweep/$f" || { echo "FAIL: sweep did not write $f"; exit 1; }
done
[ "$(wc -l < "$work/sweep/sweep_results.csv")" -eq 13 ] || { echo "FAIL: expected 6 points x 2 replications"; exit 1; }
# run.json counts replications (6 points x 2), points apart; metrics.csv beside the outputs.
grep -q '"replications_finished": 12' "$work/sweep/run.json" && grep -q '"points_finished": 6' "$work/sweep/run.json" \
  && grep -q '"started_utc": "20' "$work/sweep/run.json" && test -s "$work/sweep/metrics.csv" \
  || { echo "FAIL: sweep run.json counts, start time or metrics.csv"; cat "$work/sweep/run.json"; exit 1; }
# A swept key of a policy that is off in the base: warned about on stderr.
sed 's/key: traffickers.count/key: policies.atf_capacity.extra_investigators/; s/range: \[1000, 3000\]/range: [0, 100]/' \
  tests/fixtures/sweep_small.yaml | sed 's|^base: scenarios/short.yaml|base: '"$PWD"'/tests/fixtures/scenarios/short.yaml|' \
  > "$work/sweep_off.yaml"
"$gunflow" sweep "$work/sweep_off.yaml" --out "$work/sweep_off" --quiet > /dev/null 2> "$work/err"
grep -q "policies.atf_capacity is off in the base scenario" "$work/err" || { echo "FAIL: no warning for a policy that is off"; cat "$work/err"; exit 1; }
"$gunflow" sweep "$work/sweep_off.yaml" --set policies.atf_capacity.start=2010-01-01 --out "$work/sweep_on" --quiet > /dev/null 2> "$work/err"
! grep -q "is off in the base" "$work/err" || { echo "FAIL: warned although --set switched the policy on"; exit 1; }
cp -r "$work/sweep" "$work/sweep2"
rm "$work/sweep2/sweep_results.csv" "$work/sweep2/sensitivity.csv"
truncate -s -100 "$work/sweep2/checkpoint.bin"  # the last points lost, as after kill -9
"$gunflow" sweep tests/fixtures/sweep_small.yaml --out "$work/sweep2" --resume --quiet > /dev/null
for f in sweep_results.csv sensitivity.csv; do
  cmp "$work/sweep/$f" "$work/sweep2/$f" || { echo "FAIL: resumed sweep $f differs"; exit 1; }
done

# calibrate: an interrupted calibration resumes from its trace — the evaluations it
# holds are not run again — and ends with the same fit, targets and trace; a trace of
# another calibration is refused.
"$gunflow" calibrate tests/fixtures/calibration_small.yaml --out "$work/cal" --quiet > /dev/null
cp -r "$work/cal" "$work/cal2"
rm "$work/cal2/fitted.yaml" "$work/cal2/targets.csv" "$work/cal2/run.json"
head -n 5 "$work/cal/calibration_trace.csv" > "$work/cal2/calibration_trace.csv"  # 4 evaluations done
"$gunflow" calibrate tests/fixtures/calibration_small.yaml --out "$work/cal2" --resume --quiet > "$work/cal2.out"
grep -q "4 taken from the interrupted run's trace" "$work/cal2.out" || { echo "FAIL: resumed calibration re-ran its trace"; exit 1; }
for f in fitted.yaml targets.csv calibration_trace.csv; do
  cmp "$work/cal/$f" "$work/cal2/$f" || { echo "FAIL: resumed calibration $f differs"; exit 1; }
done
sed 's/^seed: 4/seed: 5/' tests/fixtures/calibration_small.yaml > "$work/other.calib.yaml"
sed -i 's|^base: scenarios/short.yaml|base: '"$PWD"'/tests/fixtures/scenarios/short.yaml|' "$work/other.calib.yaml"
set +e
"$gunflow" calibrate "$work/other.calib.yaml" --out "$work/cal2" --resume --quiet > /dev/null 2> "$work/err"; rc=$?
set -e
[ "$rc" -eq 2 ] && grep -q "was written for another calibration" "$work/err" \
  || { echo "FAIL: resuming another calibration was not refused (exit $rc)"; exit 1; }

# targets.csv: the year column holds years or nothing (the span is in `years`); run.json counts.
awk -F, 'NR > 1 && $3 != "" && $3 !~ /^[0-9]+$/ { bad = 1 } END { exit bad }' "$work/cal/targets.csv" \
  && head -1 "$work/cal/targets.csv" | grep -q '^metric,key,year,years,' || { echo "FAIL: targets.csv year column"; exit 1; }
grep -q '"started_utc": "20' "$work/cal/run.json" && grep -q '"evaluations"' "$work/cal/run.json" || { echo "FAIL: calibrate run.json"; exit 1; }

# report: one self-contained HTML file (no scripts, no network) for a run and a comparison.
"$gunflow" report "$work/t2" -o "$work/run.html" > /dev/null
"$gunflow" report "$work/cmp" -o "$work/cmp.html" --calibration "" > /dev/null
for f in run.html cmp.html; do
  grep -q "<svg" "$work/$f" || { echo "FAIL: $f has no charts"; exit 1; }
  if grep -qE "<script|https?://" "$work/$f"; then echo "FAIL: $f is not self-contained"; exit 1; fi
done
grep -q "Calibration targets" "$work/run.html" || { echo "FAIL: run report lacks the calibration table"; exit 1; }
grep -q "short-inspection" "$work/cmp.html" || { echo "FAIL: compare report lacks the compared scenario"; exit 1; }

# Ctrl-C: SIGINT mid-run stops cleanly (exit 130) and keeps finished replications.
"$gunflow" run scenarios/baseline.yaml -n 400 --threads 2 --out "$work/int" --quiet > /dev/null 2>&1 &
pid=$!
sleep 4
kill -INT "$pid"
set +e
wait "$pid"; rc=$?
set -e
[ "$rc" -eq 130 ] || { echo "FAIL: expected exit 130 after SIGINT, got $rc"; exit 1; }
grep -q '"interrupted": true' "$work/int/run.json" || { echo "FAIL: run.json does not record the interruption"; exit 1; }
test -s "$work/int/summary.csv"
echo "cli end-to-end: all checks passed"
