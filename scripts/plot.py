#!/usr/bin/python3
"""Publication figures (PNG and PDF) from gunflow's tidy CSV outputs.

Usage: scripts/plot.py RUN_COMPARE_SWEEP_OR_ENSEMBLE_DIR [--out FIGDIR] [--metrics guns_trafficked homicides ...]

A run directory (summary.csv): one figure per metric, mean per year with the 95% CI band.
A compare directory (compare.csv): one figure per metric, each scenario's paired
difference from the base in the last year, as a percentage with its 95% CI.
A sweep directory (sweep_results.csv): per output and swept parameter, the mean over the
point's replications with its 95% t-interval against the parameter's value; and, where
sensitivity.csv has them, the Morris or Sobol indices per parameter (Sobol with their
bootstrap intervals).
An ensemble directory (ensemble_effects.csv, from `gunflow ensemble`): per metric, each
policy's effect in every parameter set (dots) with the median, the 90% interval across sets
and the median Monte Carlo interval inside one set; per metric, the robust ranking as a
matrix of P(row beats column); per policy and metric, the rank correlations of the effect
with the parameters, with the band chance reaches; and, with --fail, PRIM's peeling
trajectory and its chosen box.
Titles and axes name each metric with its unit from the directory's metrics.csv (the
metric catalogue, docs/metrics.md).
Needs Debian's python3-matplotlib and python3-pandas (hence /usr/bin/python3).
"""
import argparse
import json
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
    one_line = [t.replace("\n", " ") for t in (ax.get_title(), ax.get_xlabel(), ax.get_ylabel())]
    print(f"{name}: {one_line[0]} | x: {one_line[1]} | y: {one_line[2]}")
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


def ensemble_context(directory):
    """The baseline's name, the effect years and the failure rule from the ensemble's run.json."""
    path = os.path.join(directory, "run.json")
    run = {}
    if os.path.exists(path):
        with open(path) as f:
            run = json.load(f)
    scenarios = run.get("scenarios") or ["the baseline"]
    first, _, last = run.get("effect_years", "").partition("-")
    years = "the effect years" if not first else first if first == last else f"{first}–{last}"
    return scenarios[0], years, run.get("fail", "")


def plot_ensemble_effects(directory, metrics, out, cat, base, years):
    effects = pd.read_csv(os.path.join(directory, "ensemble_effects.csv"))
    sets_path = os.path.join(directory, "ensemble_sets.csv")
    sets = pd.read_csv(sets_path) if os.path.exists(sets_path) else None
    for m in metrics:
        d = effects[effects.metric == m].reset_index(drop=True)
        if d.empty:
            continue
        fig, ax = plt.subplots(figsize=(6.4, 0.55 * len(d) + 1.4))
        y = range(len(d))
        ax.hlines(y, d.q05_pct, d.q95_pct, color="tab:blue", linewidth=6, alpha=0.35,
                  label="90% across parameter sets")
        ax.errorbar(d.median_pct, y, xerr=d.mc_half_width_pct, fmt="o", color="tab:blue", capsize=4,
                    label="median; Monte Carlo 95% inside one set")
        if sets is not None:
            for i, policy in enumerate(d.policy):
                e = sets[(sets.policy == policy) & (sets.metric == m)].effect_pct
                jitter = [((k * 0.618) % 1 - 0.5) * 0.3 for k in range(len(e))]  # spread, deterministic
                ax.scatter(e, [i + j for j in jitter], s=8, color="black", alpha=0.5, zorder=3,
                           label="one parameter set" if i == 0 else None)
        ax.set_yticks(list(y))
        ax.set_yticklabels(d.policy)
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_xlabel(f"% change vs {base}, mean of {years} (paired in each set)")
        ax.set_ylabel("policy")
        ax.set_title(f"Effect on {cat.axis(m)} across parameter sets", fontsize=10)
        ax.legend(frameon=False, fontsize=7, loc="best")
        save(fig, out, f"ensemble_effect_{m}")


def plot_ensemble_ranking(directory, metrics, out, cat):
    path = os.path.join(directory, "ensemble_ranking.csv")
    if not os.path.exists(path):
        return
    ranking = pd.read_csv(path)
    for m in metrics:
        d = ranking[ranking.metric == m]
        if d.empty:  # one policy ranks against nobody
            continue
        p = d.pivot(index="policy_a", columns="policy_b", values="p_a_beats_b")
        order = p.mean(axis=1).sort_values(ascending=False).index  # by mean P(beats the others)
        p = p.loc[order, order]
        fig, ax = plt.subplots(figsize=(0.6 * len(order) + 3.2, 0.5 * len(order) + 1.8))
        im = ax.imshow(p.values, vmin=0, vmax=1, cmap="RdBu")
        for i in range(len(order)):
            for j in range(len(order)):
                if i != j:
                    ax.text(j, i, f"{p.values[i, j]:.2f}", ha="center", va="center", fontsize=7)
        ax.set_xticks(range(len(order)))
        ax.set_xticklabels(order, rotation=45, ha="right")
        ax.set_yticks(range(len(order)))
        ax.set_yticklabels(order)
        better = d.better.iloc[0]
        ax.set_xlabel("policy B")
        ax.set_ylabel("policy A (most robust first)")
        ax.set_title(f"Robust ranking on {cat.title(m)} ({better} is better):\nP(A beats B) across parameter sets",
                     fontsize=9)
        fig.colorbar(im, ax=ax, label="share of parameter sets")
        save(fig, out, f"ensemble_ranking_{m}")


def plot_ensemble_sensitivity(directory, metrics, out, cat, top=10):
    path = os.path.join(directory, "ensemble_sensitivity.csv")
    if not os.path.exists(path):
        return
    sens = pd.read_csv(path)
    n_sets = len(pd.read_csv(os.path.join(directory, "ensemble_parameters.csv")))
    # Under no association Spearman's rho has a standard error of about 1/sqrt(n - 1): 95% of
    # chance correlations lie inside +-1.96 of it.
    chance = 1.96 / (n_sets - 1) ** 0.5 if n_sets > 1 else 1.0
    for (policy, m), d in sens.groupby(["policy", "metric"], sort=False):
        if m not in metrics:
            continue
        d = d.sort_values("rank").head(top).iloc[::-1]
        fig, ax = plt.subplots(figsize=(5.6, 0.4 * len(d) + 1.4))
        ax.axvspan(-chance, chance, color="grey", alpha=0.2, label=f"|rho| chance reaches ({n_sets} sets, 95%)")
        ax.barh(d.parameter, d.spearman_rho, color=["tab:red" if r < 0 else "tab:blue" for r in d.spearman_rho])
        ax.set_xlim(-1, 1)
        ax.set_ylabel("parameter (top by |rho|)")
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_xlabel(f"Spearman's rho of the effect (% change in {m.replace('_', ' ')})\nwith the parameter across sets")
        ax.set_title(f"{policy}: what drives the effect on {cat.title(m)}", fontsize=10)
        ax.legend(frameon=False, fontsize=7)
        save(fig, out, f"ensemble_sensitivity_{policy}_{m}".replace(".", "_"))


def plot_prim(directory, out, rule):
    path = os.path.join(directory, "prim_boxes.csv")
    if not os.path.exists(path):
        return
    boxes = pd.read_csv(path, keep_default_na=False)
    what = f"where {rule} (fails)" if rule else "where the policy fails"
    fig, ax = plt.subplots(figsize=(4.8, 3.6))
    pruned = boxes[boxes.box.astype(str) == "pruned"]  # the chosen box without its insignificant restrictions
    boxes = boxes[boxes.box.astype(str) != "pruned"]
    ax.plot(boxes.coverage, boxes.density, marker="o", markersize=3, label="peeling trajectory")
    chosen = boxes[boxes.chosen == 1]
    ax.scatter(chosen.coverage, chosen.density, s=80, facecolors="none", edgecolors="tab:red", label="chosen box")
    if not pruned.empty:
        ax.scatter(pruned.coverage, pruned.density, s=60, marker="s", color="tab:green", label="chosen box, pruned")
    ax.set_xlabel("coverage (share of all failures inside the box)")
    ax.set_ylabel("density (share of the box's sets that fail)")
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 1.02)
    ax.set_title(f"PRIM {what}", fontsize=9)
    ax.legend(frameon=False, fontsize=7)
    save(fig, out, "prim_trajectory")
    if chosen.empty:
        return
    box, everything = chosen.iloc[0], boxes.iloc[0]
    params = [c[:-4] for c in boxes.columns if c.endswith(":low")]
    fig, ax = plt.subplots(figsize=(6, 0.45 * len(params) + 1.4))
    for i, k in enumerate(params):
        lo, hi = everything[f"{k}:low"], everything[f"{k}:high"]
        span = (hi - lo) or 1.0
        a, b = (box[f"{k}:low"] - lo) / span, (box[f"{k}:high"] - lo) / span
        cut = a > 0 or b < 1
        ax.barh(i, b - a, left=a, color="tab:red" if cut else "lightgrey")
        if b - a < 0.01:  # a box cut down to one value: a bar of no width would not show
            ax.plot([a], [i], marker="D", color="tab:red")
        if cut:
            ax.text(1.02, i, f"{box[f'{k}:low']:.3g} to {box[f'{k}:high']:.3g}", va="center", fontsize=7)
    ax.set_yticks(range(len(params)))
    ax.set_yticklabels(params)
    ax.set_ylabel("parameter (red: cut by the box)")
    ax.set_xlim(0, 1)
    ax.set_xlabel("position within the range of the parameter sets (0 = lowest, 1 = highest)")
    ax.set_title(f"PRIM's chosen box {what}: coverage {box.coverage:.2f}, density {box.density:.2f}", fontsize=9)
    save(fig, out, "prim_box")


def plot_ensemble(directory, metrics, out, cat):
    base, years, rule = ensemble_context(directory)
    plot_ensemble_effects(directory, metrics, out, cat, base, years)
    plot_ensemble_ranking(directory, metrics, out, cat)
    plot_ensemble_sensitivity(directory, metrics, out, cat)
    plot_prim(directory, out, rule)


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
    if os.path.exists(os.path.join(a.dir, "ensemble_effects.csv")):
        plot_ensemble(a.dir, a.metrics, out, cat)
    elif os.path.exists(os.path.join(a.dir, "compare.csv")):
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
        sys.exit(f"{a.dir}: none of summary.csv, compare.csv, sweep_results.csv or ensemble_effects.csv")
    print(f"figures in {out}")


if __name__ == "__main__":
    main()
