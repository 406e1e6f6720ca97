#!/usr/bin/python3
"""Publication figures (PNG and PDF) from gunflow's tidy CSV outputs.

Usage: scripts/plot.py RUN_OR_COMPARE_DIR [--out FIGDIR] [--metrics guns_trafficked homicides ...]

A run directory (summary.csv): one figure per metric, mean per year with the 95% CI band.
A compare directory (compare.csv): one figure per metric, each scenario's paired
difference from the base in the last year, as a percentage with its 95% CI.
Needs Debian's python3-matplotlib and python3-pandas (hence /usr/bin/python3).
"""
import argparse
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

DEFAULT_METRICS = ["guns_trafficked", "us_border_seizures", "traces", "arrests", "homicides"]


def save(fig, out, name):
    for ext in ("png", "pdf"):
        fig.savefig(os.path.join(out, f"{name}.{ext}"), dpi=200, bbox_inches="tight")
    plt.close(fig)


def plot_run(summary, metrics, out):
    for m in metrics:
        d = summary[(summary.metric == m) & (summary.key == "total")].sort_values("year")
        if d.empty:
            continue
        fig, ax = plt.subplots(figsize=(4.5, 3))
        ax.fill_between(d.year, d.ci_low, d.ci_high, alpha=0.3, label="95% CI")
        ax.plot(d.year, d["mean"], marker="o", label="mean")
        ax.set_title(m.replace("_", " "))
        ax.set_xlabel("year")
        ax.set_xticks(d.year)
        ax.set_ylim(bottom=0)
        ax.legend(frameon=False)
        save(fig, out, m)


def plot_compare(compare, metrics, out):
    last = compare.year.max()
    for m in metrics:
        d = compare[(compare.metric == m) & (compare.key == "total") & (compare.year == last)]
        if d.empty:
            continue
        fig, ax = plt.subplots(figsize=(5, 0.4 * len(d) + 1))
        err = [d.diff_pct - d.diff_pct_low, d.diff_pct_high - d.diff_pct]
        ax.barh(d.scenario, d.diff_pct, xerr=err, capsize=3)
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_xlabel(f"% change vs {d.base.iloc[0]} ({last}), 95% CI")
        ax.set_title(m.replace("_", " "))
        save(fig, out, f"effect_{m}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir")
    ap.add_argument("--out", default=None)
    ap.add_argument("--metrics", nargs="+", default=DEFAULT_METRICS)
    a = ap.parse_args()
    out = a.out or os.path.join(a.dir, "figures")
    os.makedirs(out, exist_ok=True)
    if os.path.exists(os.path.join(a.dir, "compare.csv")):
        # Keys are text (never NA); diff_pct* are empty where the base mean is 0.
        pct_na = {c: [""] for c in ("diff_pct", "diff_pct_low", "diff_pct_high")}
        plot_compare(pd.read_csv(os.path.join(a.dir, "compare.csv"), keep_default_na=False, na_values=pct_na),
                     a.metrics, out)
    elif os.path.exists(os.path.join(a.dir, "summary.csv")):
        plot_run(pd.read_csv(os.path.join(a.dir, "summary.csv"), keep_default_na=False, na_values=[]), a.metrics, out)
    else:
        sys.exit(f"{a.dir}: neither summary.csv nor compare.csv")
    print(f"figures in {out}")


if __name__ == "__main__":
    main()
