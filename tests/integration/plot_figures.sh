#!/usr/bin/env bash
# scripts/plot.py on a run, a comparison and a sweep of the short fixture (ctest
# plot_figures): every kind of directory gives its figures, and titles and axes name the
# metric with its unit from metrics.csv. Exits 77 (skipped) without matplotlib/pandas.
set -euo pipefail
gunflow=$(realpath "$1")
here=$(cd "$(dirname "$0")/../.." && pwd)
/usr/bin/python3 -c "import matplotlib, pandas" 2> /dev/null || { echo "SKIPPED: python3-matplotlib/pandas"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
sc="$here/tests/fixtures/scenarios"
set_short=(--set simulation.end=2011-01-01 --set simulation.warmup_days=30)
"$gunflow" run "$sc/short.yaml" -n 2 --out "$work/run" --quiet "${set_short[@]}" > /dev/null
"$gunflow" compare "$sc/short.yaml" "$sc/short_policy.yaml" -n 2 --out "$work/cmp" --quiet "${set_short[@]}" > /dev/null
cat > "$work/sweep.yaml" << YAML
base: $sc/short.yaml
design: morris
points: 2
levels: 4
replications: 2
parameters:
  - key: border.inspection_rate
    range: [0.0, 0.08]
  - key: violence.stock_elasticity
    range: [0.1, 1.5]
outputs: [guns_trafficked, homicides]
YAML
"$gunflow" sweep "$work/sweep.yaml" --out "$work/sweep" --quiet "${set_short[@]}" > /dev/null
/usr/bin/python3 "$here/scripts/plot.py" "$work/run" --out "$work/f1" > "$work/run.log"
/usr/bin/python3 "$here/scripts/plot.py" "$work/cmp" --out "$work/f2" > "$work/cmp.log"
/usr/bin/python3 "$here/scripts/plot.py" "$work/sweep" --out "$work/f3" > "$work/sweep.log"
grep -q "^us_border_seizures: .* | y: us border seizures (guns per year)$" "$work/run.log" || { cat "$work/run.log"; fail "run axes"; }
grep -q "^effect_arrests: Effect on arrests (people per year) | x: % change vs short" "$work/cmp.log" ||
  { cat "$work/cmp.log"; fail "compare axes"; }
grep -q "^sweep_homicides_border_inspection_rate: .* | y: homicides (people per year)$" "$work/sweep.log" ||
  { cat "$work/sweep.log"; fail "sweep axes"; }
grep -q "^sensitivity_guns_trafficked_morris: .* | x: Morris mu\* (guns)" "$work/sweep.log" ||
  { cat "$work/sweep.log"; fail "sensitivity axes"; }
for f in f1/us_border_seizures f2/effect_arrests f3/sweep_homicides_border_inspection_rate \
         f3/sensitivity_guns_trafficked_morris; do
  [ -s "$work/$f.png" ] && [ -s "$work/$f.pdf" ] || fail "$f.png/.pdf missing"
done
echo "plot figures: ok"
