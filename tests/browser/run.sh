#!/usr/bin/env bash
# Browser end-to-end test of `gunflow serve` (ctest). Exits 77 (skipped, with the
# reason) only if Chromium, Node or the playwright-core package cannot be had.
set -euo pipefail
gunflow=$1
artifact_dir=$2
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."  # serve offers scenarios/ of the repository
[ -x /usr/bin/chromium ] || { echo "SKIPPED: /usr/bin/chromium is not installed (apt-get install chromium)"; exit 77; }
command -v node > /dev/null && command -v npm > /dev/null || { echo "SKIPPED: node/npm not installed"; exit 77; }
if [ ! -d "$here/node_modules/playwright-core" ]; then
  (cd "$here" && npm install --no-audit --no-fund --silent > /dev/null 2>&1) ||
    { echo "SKIPPED: npm could not install playwright-core"; exit 77; }
fi
port=$((20000 + RANDOM % 20000))
results=$(mktemp -d)
# Two runs at once, one thread each: the two students' runs share the process.
"$gunflow" serve --port "$port" --results "$results" --parallel-runs 2 --threads 1 > "$results/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2> /dev/null || true; rm -rf "$results"' EXIT
for _ in $(seq 1 50); do
  curl -sf "http://127.0.0.1:$port/api/policies" > /dev/null 2>&1 && break
  sleep 0.2
done
mkdir -p "$artifact_dir"
node "$here/demo_test.mjs" "http://127.0.0.1:$port/" "$artifact_dir"
# After a demo run the server must still stop on SIGTERM (the run's stop handler once
# swallowed it and left servers running): exit 130 within 5 s.
kill -TERM "$pid"
for _ in $(seq 1 50); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2> /dev/null; then
  echo "FAIL: gunflow serve still running 5 s after SIGTERM"
  exit 1
fi
rc=0
wait "$pid" || rc=$?
[ "$rc" -eq 130 ] || { echo "FAIL: gunflow serve exited $rc after SIGTERM, expected 130"; exit 1; }
echo "serve stopped on SIGTERM (exit 130)"
