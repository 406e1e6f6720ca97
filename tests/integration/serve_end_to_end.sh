#!/usr/bin/env bash
# End-to-end test of `gunflow serve`'s guards (ctest serve_end_to_end), with curl:
# a second server on a busy port fails; a restart never reuses an earlier run-N; request
# values never become YAML (injections through a policy date or extra fields are 400s and
# create no run directory); wrong JSON types get 400 with a message; other origins get 403;
# a symlink in the scenarios directory is not offered. Exits 77 (skipped) without curl.
set -euo pipefail
gunflow=$(realpath "$1")
command -v curl > /dev/null || { echo "curl not found: skipped"; exit 77; }
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2> /dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

cp -r scenarios "$work/sc"
cat > "$work/sc/short.yaml" << 'YAML'
extends: baseline.yaml
simulation:
  name: short
  start: 2010-01-01
  end: 2010-03-01
  warmup_days: 10
YAML
ln -s /etc/passwd "$work/sc/passwd.yaml"
ln -s short.yaml "$work/sc/link.yaml"
results="$work/results"
mkdir -p "$results/run-1" "$results/run-2"
echo earlier > "$results/run-1/marker"
echo earlier > "$results/run-2/marker"

start_server() {  # port, log
  "$gunflow" serve --port "$1" --scenarios "$work/sc" --results "$results" --parallel-runs 1 > "$2" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do
    curl -s -o /dev/null "http://127.0.0.1:$1/api/scenarios" && return 0
    kill -0 "${pids[-1]}" 2> /dev/null || return 1
    sleep 0.1
  done
  return 1
}
port=""
for _ in 1 2 3 4 5; do
  p=$((20000 + RANDOM % 20000))
  if start_server "$p" "$work/serve1.log"; then port=$p; break; fi
done
[ -n "$port" ] || { cat "$work/serve1.log"; fail "the server did not start"; }
url="http://127.0.0.1:$port"

# A second server on the same port must fail at once, naming the busy port.
set +e
timeout 10 "$gunflow" serve --port "$port" --scenarios "$work/sc" --results "$work/other" > /dev/null 2> "$work/err2"; rc=$?
set -e
[ "$rc" -ne 0 ] && [ "$rc" -ne 124 ] || fail "a second server on port $port: exit $rc, expected a failure"
grep -q "already in use" "$work/err2" || { cat "$work/err2"; fail "no 'already in use' message"; }

# Symlinks are not offered.
scenarios=$(curl -s "$url/api/scenarios")
case "$scenarios" in *passwd*|*link.yaml*) fail "a symlink is offered: $scenarios" ;; esac
case "$scenarios" in *short.yaml*) ;; *) fail "short.yaml not offered: $scenarios" ;; esac

post() {  # body [extra curl args...] -> "status body" in $work/resp
  local body=$1; shift
  curl -s -o "$work/resp" -w '%{http_code}' -X POST -H 'Content-Type: application/json' "$@" --data-binary "$body" "$url/api/run"
}
expect() {  # status, message part, body, [curl args]
  local want=$1 part=$2 body=$3; shift 3
  local got
  got=$(post "$body" "$@")
  [ "$got" = "$want" ] || fail "POST $body: HTTP $got, expected $want ($(cat "$work/resp"))"
  grep -qF -- "$part" "$work/resp" || fail "POST $body: answer '$(cat "$work/resp")' lacks '$part'"
}
expect 400 "not a date" '{"scenario":"short.yaml","policies":{"kit_controls":"2011-01-01\"\nborder:\n  inspection_rate: 0.9\n#"}}'
expect 400 "unknown field" '{"scenario":"short.yaml","data":{"us_states":"/etc/passwd"}}'
expect 400 "unknown policy" '{"scenario":"short.yaml","policies":{"data":"/etc/passwd"}}'
expect 400 "unknown scenario" '{"scenario":"passwd.yaml"}'
expect 400 "unknown scenario" '{"scenario":"../../etc/passwd"}'
expect 400 "replications: must be" '{"scenario":"short.yaml","replications":"4"}'
expect 400 "policies: must be" '{"scenario":"short.yaml","policies":"kit_controls"}'
expect 400 "scenario: must be a string" '{"scenario":["short.yaml"]}'
expect 400 "not JSON" '{"scenario":'
expect 403 "forbidden" '{"scenario":"short.yaml"}' -H 'Origin: http://evil.example'
expect 403 "forbidden" '{"scenario":"short.yaml"}' -H 'Host: evil.example'
[ "$(ls "$results")" = "$(printf 'run-1\nrun-2')" ] || fail "invalid requests created run directories: $(ls "$results")"

# A valid run after a restart takes the next free number; earlier runs are untouched.
expect 200 "started" '{"scenario":"short.yaml","policies":{"kit_controls":"2010-02-01"},"replications":2}' \
  -H "Origin: http://127.0.0.1:$port"
job1=$(sed 's/.*"job":"\([0-9a-f]*\)".*/\1/' "$work/resp")
[ -d "$results/run-3" ] || fail "the first run after a restart is not run-3: $(ls "$results")"
grep -q earlier "$results/run-1/marker" && grep -q earlier "$results/run-2/marker" || fail "an earlier run was touched"
grep -q "inspection_rate" "$results/run-3/scenario.yaml" && fail "request text reached the scenario"
# A second student's run waits behind the first (one run at a time here) with its place.
expect 200 "started" '{"scenario":"short.yaml","policies":{"southbound_inspection":{"start":"2010-02-01","params":{"rate":0.3}}},"replications":2}'
job2=$(sed 's/.*"job":"\([0-9a-f]*\)".*/\1/' "$work/resp")
[ "$job1" != "$job2" ] || fail "two runs got the same id"
grep -q '"position":[12]' "$work/resp" || fail "the second run has no place in the queue: $(cat "$work/resp")"
grep -q 'rate: 0.3' "$results/run-4/scenario.yaml" || fail "the policy parameter did not reach the scenario"
# A value the loader refuses: a located message without the server's temporary path.
expect 400 "rate" '{"scenario":"short.yaml","policies":{"southbound_inspection":{"start":"2010-02-01","params":{"rate":7}}}}'
grep -q "/tmp\|gunflow-serve-" "$work/resp" && fail "a message shows a server path: $(cat "$work/resp")"
# ... nor the path of the server's data tables.
expect 400 "not a crossing id" '{"scenario":"short.yaml","policies":{"southbound_inspection":{"start":"2010-02-01","params":{"crossings":["zz"]}}}}'
grep -q "$work" "$work/resp" && fail "a message shows the scenarios directory: $(cat "$work/resp")"
# A policy that would change nothing (its dates miss the run) is refused, saying why.
expect 400 "outside the run" '{"scenario":"short.yaml","policies":{"vetting":"2999-01-01"}}'
expect 400 "params: must be an object" '{"scenario":"short.yaml","policies":{"vetting":{"start":"2010-02-01","params":[]}}}'
# A body far over the limit is refused without being read whole (413, not 400 after reading).
got=$(head -c 2000000 /dev/zero | curl -s -o "$work/resp" -w '%{http_code}' -X POST -H 'Content-Type: application/json' --data-binary @- "$url/api/run")
[ "$got" = 413 ] || fail "a 2 MB body: HTTP $got, expected 413"
for job in "$job1" "$job2"; do
  for _ in $(seq 600); do
    state=$(curl -s "$url/api/status?job=$job")
    case "$state" in *'"state":"done"'*|*'"state":"error"'*) break ;; esac
    sleep 0.2
  done
  case "$state" in *'"state":"done"'*) ;; *) fail "run $job did not finish: $state" ;; esac
done
case "$(curl -s "$url/api/status?job=0123")" in *'"state":"unknown"'*) ;; *) fail "an unknown job id is not unknown" ;; esac
[ "$(curl -s -o /dev/null -w '%{http_code}' "$url/api/status?job=0123")" = 404 ] || fail "an unknown job's status is not 404"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$url/api/result?job=0123")" = 404 ] || fail "an unknown job's result is not 404"
# Served beyond this machine only when asked, and then on an address, not 0.0.0.0.
set +e
"$gunflow" serve --host 10.1.2.3 --port "$port" --scenarios "$work/sc" > /dev/null 2> "$work/err3"; rc=$?
set -e
[ "$rc" -eq 2 ] && grep -q -- "--classroom" "$work/err3" || fail "a non-loopback --host without --classroom: exit $rc"
set +e
"$gunflow" serve --host 0.0.0.0 --classroom --port "$port" --scenarios "$work/sc" > /dev/null 2> "$work/err4"; rc=$?
set -e
[ "$rc" -eq 2 ] && grep -q "bind the classroom address" "$work/err4" || fail "--host 0.0.0.0 --classroom: exit $rc"
echo "serve end-to-end: ok"
