#!/usr/bin/env bash
# scripts/plot.py on a run, a comparison, a sweep and an ensemble of the short fixture
# (ctest plot_figures): every kind of directory gives its figures, and titles and axes name
# the metric with its unit from metrics.csv. Exits 77 (skipped) without matplotlib/pandas.
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
# A tiny ensemble: 3 parameter sets x 2 replications x (baseline + 2 policies), one year.
printf 'set,weight,border.inspection_rate,violence.stock_elasticity\n0,1,0.01,0.2\n1,1,0.04,0.8\n2,1,0.07,1.4\n' \
  > "$work/sets.csv"
printf 'extends: %s\nsimulation:\n  name: short-capacity\npolicies:\n  atf_capacity:\n    start: 2010-03-01\n' \
  "$sc/short.yaml" > "$work/capacity.yaml"
"$gunflow" ensemble "$sc/short.yaml" "$sc/short_policy.yaml" "$work/capacity.yaml" --parameters "$work/sets.csv" \
  -n 2 --fail "short-inspection:us_border_seizures<100" --out "$work/ens" --quiet "${set_short[@]}" > /dev/null
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
/usr/bin/python3 "$here/scripts/plot.py" "$work/ens" --out "$work/f4" > "$work/ens.log"
expect_ens() { grep -q "$1" "$work/ens.log" || { cat "$work/ens.log"; fail "ensemble: $2"; }; }
expect_ens "^ensemble_effect_us_border_seizures: Effect on us border seizures (guns per year) across parameter sets | x: % change vs short, mean of 2010 (paired in each set) | y: policy$" \
  "effect distribution axes"
expect_ens "^ensemble_ranking_homicides: Robust ranking on homicides (lower is better): P(A beats B) across parameter sets | x: policy B" \
  "ranking axes"
expect_ens "^ensemble_sensitivity_short-capacity_arrests: short-capacity: what drives the effect on arrests | x: Spearman's rho of the effect (% change in arrests)" \
  "sensitivity axes"
expect_ens "^prim_trajectory: PRIM where short-inspection:us_border_seizures<100 (fails) | x: coverage" "PRIM trajectory"
expect_ens "^prim_box: PRIM's chosen box where short-inspection:us_border_seizures<100 (fails)" "PRIM box"
for f in f4/ensemble_effect_guns_trafficked f4/ensemble_ranking_guns_trafficked \
         f4/ensemble_sensitivity_short-inspection_homicides f4/prim_trajectory f4/prim_box \
         f1/us_border_seizures f2/effect_arrests f3/sweep_homicides_border_inspection_rate \
         f3/sensitivity_guns_trafficked_morris; do
  [ -s "$work/$f.png" ] && [ -s "$work/$f.pdf" ] || fail "$f.png/.pdf missing"
done
echo "plot figures: ok"
