"""Two-sided 95% Student-t quantiles for the scripts' confidence intervals.

Values from scipy.stats.t.ppf(0.975, dof). Degrees of freedom between table entries use
the next lower entry, whose quantile is larger: intervals err on the wide side.
"""

T975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262,
        10: 2.228, 15: 2.131, 19: 2.093, 20: 2.086, 29: 2.045, 30: 2.042, 39: 2.023, 49: 2.010,
        50: 2.009, 99: 1.984, 100: 1.984, 199: 1.972, 200: 1.972}


def t975(dof):
    """t_{0.975, dof}; dof >= 1."""
    return T975[max(k for k in T975 if k <= max(dof, 1))]
