#!/usr/bin/python3
"""Publication figures (PNG and PDF) from gunflow's tidy CSV outputs.

Usage: scripts/plot.py RUN_COMPARE_OR_SWEEP_DIR [--out FIGDIR] [--metrics guns_trafficked homicides ...]

A run directory (summary.csv): one figure per metric, mean per year with the 95% CI band.
A compare directory (compare.csv): one figure per metric, each scenario's paired
difference from the base in the last year, as a percentage with its 95% CI.
A sweep directory (sweep_results.csv): per output and swept parameter, the mean over the
point's replications with its 95% t-interval against the parameter's value; and, where
sensitivity.csv has them, the Morris or Sobol indices per parameter (Sobol with their
bootstrap intervals).
Titles and axes name each metric with its unit from the directory's metrics.csv (the
metric catalogue, docs/metrics.md).
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


class Catalogue:
    """Units and descriptions of metrics.csv; a metric it lacks is shown by its name."""

    def __init__(self, directory):
        path = os.path.join(directory, "metrics.csv")
        self.rows = {}
        if os.path.exists(path):
            for r in pd.read_csv(path, keep_default_na=False).itertuples():
                self.rows[r.name] = r

    def unit(self, metric):
        base = metric.split(":")[0].split("[")[0]
        r = self.rows.get(metric) or self.rows.get(base)
        return r.unit if r is not None else ""

    def title(self, metric):
        return metric.replace("_", " ")

    def axis(self, metric, per_year=True):
        unit = self.unit(metric)
        if not unit:
            return metric.replace("_", " ")
        return f"{metric.replace('_', ' ')} ({unit}{' per year' if per_year and 'share' not in unit else ''})"


def save(fig, out, name):
    # One line per figure with what its title and axes say (a log, and what tests check).
    ax = fig.axes[0]
    print(f"{name}: {ax.get_title()} | x: {ax.get_xlabel()} | y: {ax.get_ylabel()}")
    for ext in ("png", "pdf"):
        fig.savefig(os.path.join(out, f"{name}.{ext}"), dpi=200, bbox_inches="tight")
    plt.close(fig)


def plot_run(summary, metrics, out, cat):
    for m in metrics:
        d = summary[(summary.metric == m) & (summary.key == "total")].sort_values("year")
        if d.empty:
            continue
        fig, ax = plt.subplots(figsize=(4.5, 3))
        ax.fill_between(d.year, d.ci_low, d.ci_high, alpha=0.3, label="95% CI")
        ax.plot(d.year, d["mean"], marker="o", label="mean")
        ax.set_title(cat.title(m))
        ax.set_ylabel(cat.axis(m))
        ax.set_xlabel("simulated year")
        ax.set_xticks(d.year)
        ax.set_ylim(bottom=0)
        ax.legend(frameon=False)
        save(fig, out, m)


def plot_compare(compare, metrics, out, cat):
    last = compare.year.max()
    for m in metrics:
        d = compare[(compare.metric == m) & (compare.key == "total") & (compare.year == last)]
        if d.empty:
            continue
        fig, ax = plt.subplots(figsize=(6, 0.4 * len(d) + 1.2))
        err = [d.diff_pct - d.diff_pct_low, d.diff_pct_high - d.diff_pct]
        ax.barh(d.scenario, d.diff_pct, xerr=err, capsize=3)
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_xlabel(f"% change vs {d.base.iloc[0]} in {last} (paired 95% CI)")
        ax.set_title(f"Effect on {cat.axis(m)}", fontsize=10)
        save(fig, out, f"effect_{m}")


def t_half_width(values):
    """95% Student-t half-width of the mean (0 with one value)."""
    n = len(values)
    if n < 2:
        return 0.0
    # Two-sided 97.5% quantiles for small dof (then about 1.96), as in the run outputs.
    table = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262,
             10: 2.228, 15: 2.131, 20: 2.086, 30: 2.042, 60: 2.000}
    dof = n - 1
    t = table.get(dof) or table[max(k for k in table if k <= dof)] if dof <= 60 else 1.96
    return t * values.std(ddof=1) / n ** 0.5


def plot_sweep(directory, out, cat):
    results = pd.read_csv(os.path.join(directory, "sweep_results.csv"))
    params = [c for c in pd.read_csv(os.path.join(directory, "sweep_points.csv"), nrows=0).columns if c != "point"]
    outputs = [c for c in results.columns if c not in ("point", "replication") and c not in params]
    for o in outputs:
        g = results.groupby("point")
        summary = pd.DataFrame({"mean": g[o].mean(), "half": g[o].apply(t_half_width)})
        for p in params:
            x = g[p].first()
            order = x.sort_values().index
            fig, ax = plt.subplots(figsize=(4.8, 3.2))
            ax.errorbar(x[order], summary["mean"][order], yerr=summary["half"][order], fmt="o", capsize=3,
                        markersize=3, label="point mean, 95% CI")
            ax.set_xlabel(p)
            ax.set_ylabel(cat.axis(o))
            ax.set_title(f"{cat.title(o)} over {p}")
            ax.legend(frameon=False, fontsize=8)
            save(fig, out, f"sweep_{o}_{p}".replace(".", "_").replace(":", "_"))
    path = os.path.join(directory, "sensitivity.csv")
    if not os.path.exists(path):
        return
    sens = pd.read_csv(path, keep_default_na=False, na_values={"ci_low": [""], "ci_high": [""]})
    for (o, method), d in sens.groupby(["output", "method"]):
        shown = d[d["index"].isin(["mu_star", "S1", "ST"])]
        if shown.empty:
            continue
        fig, ax = plt.subplots(figsize=(5.2, 0.45 * len(shown) + 1.2))
        labels = shown.parameter + " " + shown["index"]
        err = None
        if shown.ci_low.notna().all():
            err = [shown.value - shown.ci_low, shown.ci_high - shown.value]
        ax.barh(labels, shown.value, xerr=err, capsize=3)
        ax.set_xlabel(("Morris mu* (" + (cat.unit(o) or "output units") + ")") if method == "morris"
                      else "Sobol index (share of variance), bootstrap 95% CI")
        ax.set_title(f"{cat.title(o)}: {method} sensitivity")
        save(fig, out, f"sensitivity_{o}_{method}".replace(".", "_").replace(":", "_"))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir")
    ap.add_argument("--out", default=None)
    ap.add_argument("--metrics", nargs="+", default=DEFAULT_METRICS)
    a = ap.parse_args()
    out = a.out or os.path.join(a.dir, "figures")
    os.makedirs(out, exist_ok=True)
    cat = Catalogue(a.dir)
    if not cat.rows:
        print(f"{a.dir}: no metrics.csv, so axes name metrics without units", file=sys.stderr)
    if os.path.exists(os.path.join(a.dir, "compare.csv")):
        # Keys are text (never NA); diff_pct* are empty where the base mean is 0.
        pct_na = {c: [""] for c in ("diff_pct", "diff_pct_low", "diff_pct_high")}
        plot_compare(pd.read_csv(os.path.join(a.dir, "compare.csv"), keep_default_na=False, na_values=pct_na),
                     a.metrics, out, cat)
    elif os.path.exists(os.path.join(a.dir, "summary.csv")):
        plot_run(pd.read_csv(os.path.join(a.dir, "summary.csv"), keep_default_na=False, na_values=[]), a.metrics, out,
                 cat)
    elif os.path.exists(os.path.join(a.dir, "sweep_results.csv")):
        plot_sweep(a.dir, out, cat)
    else:
        sys.exit(f"{a.dir}: none of summary.csv, compare.csv or sweep_results.csv")
    print(f"figures in {out}")


if __name__ == "__main__":
    main()
