#!/usr/bin/env python3
"""A policy comparison from Python: the baseline against a southbound inspection surge,
under common random numbers, and its figure.

    PYTHONPATH=build/python python3 examples/policy_comparison.py [--out DIR] [-n REPS] [--full]

By default a short horizon (one simulated year after one year of warm-up, set through
overrides) and 3 replications keep it to seconds; `--full` runs the scenarios as written
(use -n 50 or more for results). Writes into DIR (default results/policy_comparison):
effects.csv (the paired differences of the main metrics) and effects.png with the
effects and their 95% intervals, when matplotlib is installed (Debian
python3-matplotlib); without it, a note says so and the CSV is the result.
"""
import argparse
import sys
from pathlib import Path

import gunflow

METRICS = ["guns_trafficked", "us_border_seizures", "guns_arrived_mexico", "homicides_firearm"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default="results/policy_comparison")
    ap.add_argument("-n", type=int, default=3, help="replications (at least 2)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--full", action="store_true", help="the scenarios' own horizon, not the short one")
    args = ap.parse_args()

    # The policy starts on 2011-01-01: the short run tallies 2011 only, after a year of warm-up.
    short = {} if args.full else {"simulation.start": "2011-01-01", "simulation.end": "2012-01-01",
                                  "simulation.warmup_days": 365}
    res = gunflow.compare("baseline.yaml", ["policies/southbound_inspection.yaml"], n=args.n, seed=args.seed,
                          threads=args.threads, overrides=short,
                          progress=lambda done, total: print(f"\r{done}/{total}", end="", file=sys.stderr))
    print(file=sys.stderr)

    cmp = res.comparisons
    known = [m for m in METRICS if m in set(cmp["metric"])]
    effects = cmp[(cmp["key"] == "total") & cmp["metric"].isin(known)]
    effects = effects[["scenario", "base", "year", "metric", "n", "base_mean", "mean", "diff", "diff_ci_low",
                       "diff_ci_high", "diff_pct"]]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    effects.to_csv(out / "effects.csv", index=False)
    print(effects.to_string(index=False))

    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        (out / "NOTE.txt").write_text("matplotlib is not installed (Debian python3-matplotlib): no figure; "
                                      "effects.csv holds the numbers.\n")
        print(f"no matplotlib: wrote {out / 'effects.csv'} and a note", file=sys.stderr)
        return 0
    # One panel per metric: the effect (policy − baseline) per year with its paired 95% CI.
    fig, axes = plt.subplots(1, len(known), figsize=(3.2 * len(known), 3.0), squeeze=False)
    for ax, metric in zip(axes[0], known):
        e = effects[effects["metric"] == metric]
        ax.errorbar(e["year"], e["diff"], yerr=[e["diff"] - e["diff_ci_low"], e["diff_ci_high"] - e["diff"]],
                    fmt="o", capsize=3)
        ax.axhline(0, color="grey", lw=0.8)
        ax.set_title(metric, fontsize=9)
        ax.set_xlabel("year")
        ax.set_xticks(sorted(e["year"].unique()))
    axes[0][0].set_ylabel("southbound inspection − baseline")
    fig.suptitle(f"Effects of southbound inspection ({args.n} paired replications)", fontsize=10)
    fig.tight_layout()
    fig.savefig(out / "effects.png", dpi=120)
    print(f"wrote {out / 'effects.png'} and {out / 'effects.csv'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
