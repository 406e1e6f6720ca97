#!/usr/bin/env bash
# scripts/slurm/ on a real Slurm: starts a single-node cluster on this machine (munged,
# slurmctld and slurmd from Debian's munge and slurm-wlm, everything in a temp dir, run as
# root), then
#  1. submit-array: an array of shards and the dependent merge, one shard requeued
#     (`scontrol requeue`) while it runs; it must resume from its checkpoint (its second
#     run gets --resume and keeps the records written before the requeue) and the merged
#     outputs must be byte-identical to a plain `gunflow run`;
#  2. compare.sbatch, sweep.sbatch (one job each) and submit-sweep-array (sweep --shard
#     array + the job that combines the shards): outputs byte-identical to plain runs.
# Exits 77 (ctest: skipped) when the daemons are missing or not run as root; a cluster
# that is installed but does not come up is a failure, with the daemons' logs.
# Usage: slurm_cluster.sh GUNFLOW
set -euo pipefail
gunflow=$(realpath "$1")
skip() { echo "SKIP: $*"; exit 77; }
for tool in munged mungekey slurmctld slurmd sbatch squeue scontrol sinfo; do
  command -v "$tool" > /dev/null || skip "$tool not found (Debian packages munge and slurm-wlm; scripts/install-deps)"
done
[ "$(id -u)" -eq 0 ] || skip "needs root (the test cluster runs its daemons as SlurmUser=root)"

work=$(mktemp -d /tmp/gunflow-slurm.XXXXXX)
pids=()
cleanup() {
  local rc=$? i p
  # Jobs first (a slurmstepd outlives its slurmd), then the daemons, then anything left
  # that belongs to this cluster (its environment names this SLURM_CONF).
  if [ ${#pids[@]} -gt 0 ]; then
    squeue -h -o %i 2> /dev/null | xargs -r scancel 2> /dev/null || true
    for ((i = 0; i < 50; i++)); do [ -z "$(squeue -h 2> /dev/null)" ] && break; sleep 0.1; done
  fi
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2> /dev/null || true; done
  if [ -f "$work/munged.pid" ]; then
    local munged_pid
    munged_pid=$(cat "$work/munged.pid")
    kill "$munged_pid" 2> /dev/null || true
    for ((i = 0; i < 50; i++)); do kill -0 "$munged_pid" 2> /dev/null || break; sleep 0.1; done
  fi
  if [ $rc -ne 0 ] && [ $rc -ne 77 ]; then
    for f in "$work"/log/*; do echo "--- $f (last lines)"; tail -n 30 "$f"; done
  fi
  for p in /proc/[0-9]*; do
    [ "${p#/proc/}" = $$ ] && continue
    grep -qzx "SLURM_CONF=$work/slurm.conf" "$p/environ" 2> /dev/null && kill -9 "${p#/proc/}" 2> /dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
mkdir -p "$work"/{state,spool,log,jobs,bin}
chmod 711 "$work"

# munge: a fresh key and a daemon whose socket, key, log, pid and seed live in $work.
mungekey -c -k "$work/munge.key" > /dev/null 2>&1 || dd if=/dev/urandom of="$work/munge.key" bs=1024 count=1 2> /dev/null
chmod 400 "$work/munge.key"
munged -f --socket="$work/munge.socket" --key-file="$work/munge.key" --log-file="$work/log/munged.log" \
  --pid-file="$work/munged.pid" --seed-file="$work/munged.seed" || fail "munged did not start"

# Slurm: one node (this host, 2 CPUs) on 127.0.0.1, ports chosen per run so that two
# runs of the test at once do not meet.
host=$(hostname -s)
port=$((20000 + $$ % 20000 / 2 * 2))
cat > "$work/slurm.conf" <<CONF
ClusterName=gunflowci
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$work/munge.socket
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SlurmdParameters=config_overrides
MpiDefault=none
ReturnToService=2
JobRequeue=1
MailProg=/bin/true
NodeName=$host NodeAddr=127.0.0.1 CPUs=2 RealMemory=16000 State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$work/slurm.conf
unset SLURM_JOB_ID SLURM_JOBID  # not inside any outer allocation
slurmctld -D -i > "$work/log/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -N "$host" > "$work/log/slurmd.out" 2>&1 &
pids+=($!)
for ((i = 0; i < 60; i++)); do
  [ "$(sinfo -h -n "$host" -o %T 2> /dev/null)" = idle ] && break
  for pid in "${pids[@]}"; do kill -0 "$pid" 2> /dev/null || fail "a Slurm daemon exited while starting"; done
  sleep 0.5
done
[ "$(sinfo -h -n "$host" -o %T 2> /dev/null)" = idle ] || fail "node $host not idle after 30 s: $(sinfo 2>&1)"
echo "single-node Slurm up: $(sinfo -h -o '%P %D %T %C')"

# wait_jobs JOBID...: until none of them is pending or running (at most 90 s).
wait_jobs() {
  for ((i = 0; i < 900; i++)); do
    [ -z "$(squeue -h -j "$(IFS=,; echo "$*")" 2> /dev/null)" ] && return 0
    sleep 0.1
  done
  squeue; fail "jobs $* still queued after 90 s"
}
# job_state JOBID: COMPLETED, FAILED, … (from slurmctld's memory of finished jobs)
job_state() { scontrol show job "$1" | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | head -n 1; }

# GUNFLOW for the jobs: logs each start (job, task, restart count, process id, arguments,
# checkpoint size) to $work/starts.log, then runs gunflow in the same process (exec).
cat > "$work/bin/gunflow" <<WRAP
#!/usr/bin/env bash
out=""; prev=""
for a in "\$@"; do [ "\$prev" = --out ] && out=\$a; prev=\$a; done
bytes=\$(stat -c %s "\$out/checkpoint.bin" 2> /dev/null || echo 0)
echo "job=\${SLURM_ARRAY_JOB_ID:-\$SLURM_JOB_ID} task=\${SLURM_ARRAY_TASK_ID:-} restart=\${SLURM_RESTART_COUNT:-0} pid=\$\$ checkpoint_bytes=\$bytes args=\$*" >> "$work/starts.log"
exec "$gunflow" "\$@"
WRAP
chmod +x "$work/bin/gunflow"
export GUNFLOW=$work/bin/gunflow

# 1. Array + merge, with a requeue. 12 replications of an 18-month run in 3 shards of 4
# (a fraction of a second each), one CPU per task: two shards run at once on the 2-CPU node.
src=$(pwd)
scenario=$src/tests/fixtures/scenarios/short.yaml
set_end=(--set simulation.end=2011-07-01)
start=$SECONDS
submitted=$(cd "$work/jobs" && "$src/scripts/slurm/submit-array" --cpus-per-task=1 --time=5 \
  "$scenario" 12 3 "$work/array" 4 -- "${set_end[@]}")
echo "$submitted"
array=$(sed -n 's/^submitted array \([0-9]*\).*/\1/p' <<< "$submitted")
merge=$(sed -n 's/.* and merge \([0-9]*\);.*/\1/p' <<< "$submitted")
[ -n "$array" ] && [ -n "$merge" ] || fail "could not read the job ids from: $submitted"
# Requeue task 1 once its checkpoint holds a finished replication (more than its header).
ckpt=$work/array/shard-1/checkpoint.bin
header_bytes=""
for ((i = 0; i < 600; i++)); do
  if [ -f "$ckpt" ]; then
    size=$(stat -c %s "$ckpt")
    [ -z "$header_bytes" ] && [ "$size" -gt 0 ] && header_bytes=$size
    [ -n "$header_bytes" ] && [ "$size" -gt "$header_bytes" ] && break
  fi
  sleep 0.05
done
[ -n "$header_bytes" ] && [ "$size" -gt "$header_bytes" ] || fail "shard 1 wrote no replication in 30 s"
# Freeze it before the requeue: a replication takes a fraction of a second, and the
# requeue can take longer than the rest of the shard, which would then have finished
# before it is stopped. Then stop it as Slurm's kill does (SIGTERM, SIGCONT), at once: on a
# busy node slurmd's own signals came seconds after the requeue, and a run let go by an
# early SIGCONT finished its shard first (a CI run ended with all 4 records). gunflow stops
# at the end of the replication it is in, so the requeued run holds at most one more record.
task1_pid=$(sed -n 's/.* task=1 restart=0 pid=\([0-9]*\) .*/\1/p' "$work/starts.log")
[ -n "$task1_pid" ] || fail "no process id logged for task 1"
kill -STOP "$task1_pid" || fail "could not pause task 1 (pid $task1_pid)"
frozen_at=$(stat -c %s "$ckpt")
scontrol requeue "${array}_1" || fail "scontrol requeue ${array}_1 failed"
requeued_second=$(date +%s)  # the requeue revoked the old run's credential within this second
kill -TERM "$task1_pid" 2> /dev/null || true  # pending while paused, handled once continued
kill -CONT "$task1_pid" 2> /dev/null || true
# slurmctld holds a requeued job back until the old job's credential expires (120 s by
# default): once it is pending again, let it start at once. But not within the second of the
# revocation: slurmd refuses a credential made no later than a revocation of its job, in whole
# seconds ("Job credential revoked"), and kills the new run, which then never completes.
for ((i = 0; i < 300; i++)); do
  [ "$(squeue -h -j "${array}_1" -o %T 2> /dev/null)" = PENDING ] && break
  sleep 0.1
done
while [ "$(date +%s)" -le "$requeued_second" ]; do sleep 0.1; done
scontrol update JobId="${array}_1" StartTime=now || fail "could not release the requeued task"
requeued_at=$(stat -c %s "$ckpt")
echo "requeued task ${array}_1 with $requeued_at checkpoint bytes (header $header_bytes, $frozen_at when paused)"
wait_jobs "$array" "$merge"
echo "array and merge done in $((SECONDS - start)) s"
for t in 0 1 2; do
  [ "$(job_state "${array}_$t")" = COMPLETED ] || fail "array task $t: $(job_state "${array}_$t")"
done
[ "$(job_state "$merge")" = COMPLETED ] || fail "merge job: $(job_state "$merge") ($(cat "$work"/jobs/gunflow-merge-*.out))"
# Task 1 ran twice: first without --resume, then (restart 1) with --resume on the
# checkpoint as the requeue left it (k of its 4 replications); the finished checkpoint
# holds exactly 4 records, so the second run added only the 4 - k missing ones.
grep "task=1 " "$work/starts.log"
first=$(grep -c "task=1 restart=0 .*--shard 1/3" "$work/starts.log" || true)
second=$(grep "task=1 restart=1 " "$work/starts.log" || true)
[ "$first" -eq 1 ] || fail "task 1 did not start once before the requeue"
[[ $second == *"--resume"* ]] || fail "the requeued task 1 did not run with --resume: $second"
resumed_bytes=$(sed -n 's/.*checkpoint_bytes=\([0-9]*\).*/\1/p' <<< "$second")
[ "$resumed_bytes" -gt "$header_bytes" ] || fail "task 1 resumed from an empty checkpoint"
final_bytes=$(stat -c %s "$ckpt")
record=$(((final_bytes - header_bytes) / 4))
[ $((header_bytes + 4 * record)) -eq "$final_bytes" ] || fail "shard 1's checkpoint is not 4 records"
kept=$(((resumed_bytes - header_bytes) / record))
[ $((header_bytes + kept * record)) -eq "$resumed_bytes" ] && [ "$kept" -ge 1 ] && [ "$kept" -lt 4 ] ||
  fail "task 1 resumed from $resumed_bytes bytes, not 1 to 3 whole records of $record"
echo "requeued task 1 resumed with $kept of its 4 replications from the checkpoint and ran $((4 - kept))"
grep -q "resuming from" "$work"/jobs/gunflow-shard-"${array}"_1.out || fail "shard 1's job output does not say it resumed"
for t in 0 2; do grep -q "task=$t restart=0 " "$work/starts.log" || fail "task $t did not run"; done
[ "$(grep -c "task=[02] " "$work/starts.log")" -eq 2 ] || fail "tasks 0 and 2 ran more than once"

# The same run in one process, as deep as array/merged (relative data paths match).
"$gunflow" run "$scenario" -n 12 --seed 4 "${set_end[@]}" --out "$work/single/run" --quiet > /dev/null
for f in replications.csv summary.csv summary.json scenario.resolved.yaml metrics.csv; do
  cmp "$work/single/run/$f" "$work/array/merged/$f" || fail "array + merge $f differs from a single run"
done
echo "array + requeue + merge: byte-identical to a single run"

# 2. compare.sbatch and sweep.sbatch as one job each.
cmp_job=$(cd "$work/jobs" && sbatch --parsable --cpus-per-task=2 --time=5 \
  --export="ALL,SCENARIOS=$scenario $src/tests/fixtures/scenarios/short_policy.yaml,REPS=3,SEED=2,OUT=$work/cmp/job" \
  "$src/scripts/slurm/compare.sbatch")
sweep_job=$(cd "$work/jobs" && sbatch --parsable --cpus-per-task=2 --time=5 \
  --export="ALL,SWEEP=$src/tests/fixtures/sweep_small.yaml,OUT=$work/sweep/job" "$src/scripts/slurm/sweep.sbatch")
sweep_submitted=$(cd "$work/jobs" && "$src/scripts/slurm/submit-sweep-array" --cpus-per-task=1 --time=5 \
  "$src/tests/fixtures/sweep_small.yaml" 3 "$work/sweeparray")
sweep_array=$(sed -n 's/^submitted sweep array \([0-9]*\).*/\1/p' <<< "$sweep_submitted")
sweep_merge=$(sed -n 's/.* and merge \([0-9]*\);.*/\1/p' <<< "$sweep_submitted")
[ -n "$sweep_array" ] && [ -n "$sweep_merge" ] || fail "could not read the job ids from: $sweep_submitted"
wait_jobs "$cmp_job" "$sweep_job" "$sweep_array" "$sweep_merge"
[ "$(job_state "$sweep_merge")" = COMPLETED ] ||
  fail "sweep merge job: $(job_state "$sweep_merge") ($(cat "$work"/jobs/gunflow-sweep-merge-*.out))"
[ "$(job_state "$cmp_job")" = COMPLETED ] || fail "compare job: $(job_state "$cmp_job") ($(cat "$work"/jobs/gunflow-compare-*.out))"
[ "$(job_state "$sweep_job")" = COMPLETED ] || fail "sweep job: $(job_state "$sweep_job") ($(cat "$work"/jobs/gunflow-sweep-*.out))"
# The same in one process each, as deep as the jobs' directories.
"$gunflow" compare "$scenario" "$src/tests/fixtures/scenarios/short_policy.yaml" -n 3 --seed 2 --out "$work/cmp/single" \
  --quiet > /dev/null
"$gunflow" sweep "$src/tests/fixtures/sweep_small.yaml" --out "$work/sweep/single" --quiet > /dev/null
for f in compare.csv compare.json replications.csv; do
  cmp "$work/cmp/single/$f" "$work/cmp/job/$f" || fail "compare.sbatch $f differs from a plain compare"
done
for f in sweep_points.csv sweep_results.csv sensitivity.csv; do
  cmp "$work/sweep/single/$f" "$work/sweep/job/$f" || fail "sweep.sbatch $f differs from a plain sweep"
  cmp "$work/sweep/single/$f" "$work/sweeparray/merged/$f" || fail "submit-sweep-array $f differs from a plain sweep"
done
echo "compare.sbatch, sweep.sbatch, submit-sweep-array (3 shards + merge): byte-identical to plain runs"
echo "slurm cluster: all checks passed in $SECONDS s"
