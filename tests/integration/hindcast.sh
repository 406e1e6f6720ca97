#!/usr/bin/env bash
# scripts/hindcast on a small run: the public series are matched to the model's years,
# the calibration years are marked as fitted and the others as checks, and each band
# holds its mean.
set -euo pipefail
gunflow=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/s.yaml" <<YAML
extends: $root/scenarios/baseline.yaml
simulation: {start: 2009-01-01, end: 2012-01-01, warmup_days: 0}
data: {mx_homicides_by_year: $root/scenarios/data/history/mx_homicides_by_year.csv}
YAML
"$gunflow" run "$tmp/s.yaml" -n 3 --out "$tmp/run" -q > /dev/null
"$root/scripts/hindcast" "$tmp/run" --out "$tmp/hc" > "$tmp/log"
grep -q "^homicides: [0-9]* of 1 left-out years inside" "$tmp/log"
python3 - "$tmp/hc/hindcast.csv" <<'PY'
import csv, sys
rows = {(r["series"], int(r["year"])): r for r in csv.DictReader(open(sys.argv[1]))}
h10, h09 = rows[("homicides", 2010)], rows[("homicides", 2009)]
assert float(h10["observed"]) == 25757 and h10["use"] == "fit", h10
assert float(h09["observed"]) == 19803 and h09["use"] == "check", h09
assert rows[("homicides", 2005)]["model_mean"] == "nan"  # observed, but not simulated
share = rows[("traces_us_sourced_share", 2011)]
assert abs(float(share["observed"]) - 14504 / 20335) < 1e-6, share
for r in rows.values():
    if r["model_mean"] != "nan":
        assert float(r["model_low"]) <= float(r["model_mean"]) <= float(r["model_high"]), r
print("hindcast table ok:", len(rows), "rows")
PY
# gunflow report draws the same run against the public series (the history tables beside
# the homicides table the run names), with the count of years in the band.
"$gunflow" report "$tmp/run" -o "$tmp/report.html" > /dev/null
grep -q "<h2>Hindcast: the run against the public yearly series</h2>" "$tmp/report.html"
grep -q '<table id="hindcast">' "$tmp/report.html"
grep -q "<tr><td>homicides</td><td>[0-9] of 2</td><td>[0-9] of 1</td></tr>" "$tmp/report.html"
grep -q "<tr><td>traces</td>" "$tmp/report.html"
echo "hindcast report section ok"
# Source states by period: the run's years 2009-2011 fall in the 2006-2009 and 2009-2014 spans.
grep -q '<table id="source-states">' "$tmp/report.html"
grep -q "<tr><td>2009–2014</td><td>TX</td><td>41.0%</td><td>[0-9.]*%</td><td>[0-9.]*%–[0-9.]*%</td><td>3</td>" "$tmp/report.html"
grep -q "<tr><td>2006–2009</td><td>TX</td><td>40.0%</td><td>[0-9.]*%</td><td>[0-9.]*%–[0-9.]*%</td><td>1</td>" "$tmp/report.html"
echo "source-state table ok"
