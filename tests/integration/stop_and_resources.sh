#!/usr/bin/env bash
# Stopping and resources (ctest stop_and_resources):
#  - `sweep` stops on SIGTERM like `run`: between the replications of a point, not after
#    the point, with exit 130; finished points are in the checkpoint and --resume
#    completes the sweep;
#  - memory does not grow with the requested -n (`run` and `compare`, -n 1e5 vs 1e7,
#    interrupted after a moment; max RSS from /usr/bin/time, skipped without it);
#  - a corrupt record in the middle of a checkpoint is reported, with how many
#    replications run again, and --resume still gives the uninterrupted outputs.
set -euo pipefail
gunflow=$(realpath "$1")
work=$(mktemp -d)
pid=""
trap '[ -z "$pid" ] || kill -9 "$pid" 2> /dev/null || true; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
# signal_when SIGNAL CONDITION: waits (at most 30 s) until the command CONDITION succeeds,
# sends SIGNAL to the background job $pid, and leaves its exit status in $rc.
signal_when() {
  local signal=$1 condition=$2
  for _ in $(seq 600); do
    "$condition" && break
    sleep 0.05
  done
  kill "-$signal" "$pid"
  set +e
  wait "$pid"; rc=$?
  set -e
  pid=""
}

cat > "$work/tiny.yaml" << YAML
extends: $PWD/scenarios/baseline.yaml
simulation:
  name: tiny
  start: 2010-01-01
  end: 2010-02-01
  warmup_days: 0
YAML
sweep_file() {  # replications -> $work/sweep_<n>.yaml
  cat > "$work/sweep_$1.yaml" << YAML
base: tiny.yaml
design: morris
points: 2
levels: 4
replications: $1
parameters:
  - key: border.inspection_rate
    range: [0.0, 0.2]
outputs: [guns_trafficked]
YAML
}

# 1. A point of 100000 replications (minutes of work): SIGTERM must stop it within seconds.
sweep_file 100000
"$gunflow" sweep "$work/sweep_100000.yaml" --threads 1 --out "$work/big" --quiet > /dev/null 2> "$work/big.err" &
pid=$!
sleep 2
kill -TERM "$pid"
start=$(date +%s)
set +e
for _ in $(seq 100); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
kill -0 "$pid" 2> /dev/null && fail "sweep still running 10 s after SIGTERM"
wait "$pid"; rc=$?
set -e
pid=""
[ "$rc" -eq 130 ] || { cat "$work/big.err"; fail "sweep after SIGTERM: exit $rc, expected 130"; }
echo "sweep stopped $(($(date +%s) - start)) s after SIGTERM (exit 130)"

# 2. Stopped after its first point: exit 130, and --resume completes it.
sweep_file 40
"$gunflow" sweep "$work/sweep_40.yaml" --threads 1 --out "$work/small" --quiet > /dev/null 2> "$work/small.err" &
pid=$!
first_point_done() { [ -f "$work/small/checkpoint.bin" ] && [ "$(stat -c %s "$work/small/checkpoint.bin")" -gt 400 ]; }
signal_when TERM first_point_done
[ "$rc" -eq 130 ] || [ "$rc" -eq 0 ] || fail "sweep after SIGTERM: exit $rc"
[ "$rc" -eq 130 ] || echo "note: the sweep finished before SIGTERM arrived; resume checked anyway"
"$gunflow" sweep "$work/sweep_40.yaml" --threads 1 --out "$work/small" --resume --quiet > /dev/null
[ "$(wc -l < "$work/small/sweep_results.csv")" -eq 161 ] || fail "resumed sweep: expected 4 points x 40 replications"
test -s "$work/small/sensitivity.csv" || fail "resumed sweep wrote no sensitivity.csv"

# 2b. A calibration stops after the evaluation under way: exit 130, run.json says so, the
# trace keeps what finished, and --resume takes it up.
cat > "$work/cal.yaml" << YAML
base: tiny.yaml
replications: 2
max_evaluations: 400
parameters:
  - {key: demand.guns_per_year, range: [200000, 450000], start: 300000}
targets:
  - {metric: guns_trafficked, band: [16000, 17000]}
YAML
"$gunflow" calibrate "$work/cal.yaml" --threads 1 --out "$work/cal" --quiet > /dev/null 2> "$work/cal.err" &
pid=$!
two_evaluations_done() { [ -f "$work/cal/calibration_trace.csv" ] && [ "$(wc -l < "$work/cal/calibration_trace.csv")" -gt 2 ]; }
signal_when INT two_evaluations_done
if [ "$rc" -eq 130 ]; then
  grep -q "interrupted; [0-9]* finished evaluations are in the trace" "$work/cal.err" || { cat "$work/cal.err"; fail "calibrate after SIGINT: no message"; }
  grep -q '"interrupted": true' "$work/cal/run.json" || fail "calibrate after SIGINT: run.json does not say interrupted"
  "$gunflow" calibrate "$work/cal.yaml" --threads 1 --out "$work/cal" --resume --quiet 2>&1 | grep -q "taken from the interrupted run's trace" \
    || fail "resumed calibration took nothing from the trace"
else
  [ "$rc" -eq 0 ] || { cat "$work/cal.err"; fail "calibrate after SIGINT: exit $rc"; }
  echo "note: the calibration finished before SIGINT arrived"
fi

# 3. Memory does not grow with the requested -n.
if [ -x /usr/bin/time ]; then
  rss() {  # subcommand, n -> max RSS in KB after an interrupt 1.5 s in
    local cmd=$1 n=$2 pid_
    rm -rf "$work/mem"
    if [ "$cmd" = run ]; then set -- run "$work/tiny.yaml"; else set -- compare "$work/tiny.yaml" "$work/tiny.yaml"; fi
    /usr/bin/time -f %M -o "$work/rss" "$gunflow" "$@" -n "$n" --threads 1 --out "$work/mem" --quiet > /dev/null 2>&1 &
    pid_=$!
    sleep 1.5
    pkill -INT -P "$pid_" 2> /dev/null || true
    wait "$pid_" || true
    grep -q "status 130" "$work/rss" || fail "$cmd -n $n after SIGINT: $(head -1 "$work/rss"), expected exit 130"
    tail -1 "$work/rss"
  }
  for cmd in run compare; do
    small=$(rss "$cmd" 100000)
    large=$(rss "$cmd" 10000000)
    echo "$cmd: max RSS $small KB at -n 1e5, $large KB at -n 1e7"
    [ "$large" -lt $((small + 20000)) ] || fail "$cmd: memory grows with the requested -n ($small KB -> $large KB)"
  done
else
  echo "note: /usr/bin/time not found: memory check skipped"
fi

# 4. A corrupt record in the middle of a checkpoint: warned, counted, run again.
"$gunflow" run "$work/tiny.yaml" -n 8 --seed 3 --threads 1 --out "$work/ref" --quiet > /dev/null
cp -r "$work/ref" "$work/bad"
rm "$work/bad/summary.csv" "$work/bad/summary.json" "$work/bad/replications.csv"
size=$(stat -c %s "$work/bad/checkpoint.bin")
printf '\x7f' | dd of="$work/bad/checkpoint.bin" bs=1 seek=$((size / 2)) conv=notrunc status=none
"$gunflow" run "$work/tiny.yaml" -n 8 --seed 3 --threads 1 --out "$work/bad" --resume --quiet > /dev/null 2> "$work/bad.err"
grep -q "warning: .*checkpoint.bin: record [0-9]* (at byte [0-9]*) is corrupt; it and the [0-9]* records after it are ignored ([0-9]* replications); they will be run again" "$work/bad.err" \
  || { cat "$work/bad.err"; fail "no warning for a corrupt checkpoint record"; }
for f in summary.csv replications.csv; do
  cmp "$work/ref/$f" "$work/bad/$f" || fail "resumed over a corrupt record: $f differs"
done
echo "stop and resources: ok"
