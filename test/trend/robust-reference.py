#!/usr/bin/env python3
"""Independent reference values for the robust-trend tests in test/trend/.

    python3 test/trend/robust-reference.py               # pyenv Python: scipy, numpy
    /usr/bin/python3 test/trend/robust-reference.py --acf-check   # Debian Python with statsmodels

The first prints TypeScript constants, which are pasted (frozen) into
  robust-series.ts        (INPUT_SUMS: a check that both languages built the same series)
  theil-sen.test.ts       (THEIL_SEN: slope, intercept, low, high; SEN_CORRECTED: Sen's bounds
                           with Var(S) times the Hamed-Rao factor)
  mann-kendall.test.ts    (MANN_KENDALL: S, Var(S), tau-b, and z, p and n/n* without correction,
                           with Hamed-Rao and with Yue-Wang)
  autocorrelation.test.ts (ACF: sample autocorrelation)
The second checks this script's acf against statsmodels.tsa.stattools.acf (adjusted=False,
fft=False) on the same series and prints the largest difference.

Sources, each independent of the TypeScript:
- scipy.stats.theilslopes(y, x, 0.95, method='joint'): slope, intercept (median of y - slope*x,
  which is our definition; scipy's default 'separate' gives median(y) - slope*median(x)), and
  Sen's bounds. scipy 1.17's third argument `alpha` is the confidence level (0.95), not 1 - it.
  The slope and bounds are checked to be the same with method='separate'.
- S by a plain double loop; tau-b by scipy.stats.kendalltau; Var(S) from the tie counts by
  Kendall's formula, cross-checked against kendalltau's asymptotic two-sided p-value.
- Hamed-Rao (1998) and Yue-Wang (2004) written here from the papers' formulas with numpy:
  detrend with the Theil-Sen slope (on x), rank (scipy.stats.rankdata, average ties), biased
  acf (np.correlate, as pymannkendall), lags 1..min(n-1, floor(10 log10 n)) (statsmodels'
  default nlags), Hamed-Rao keeping only lags with |rho| > z_{1-alpha/2}/sqrt(n), and the factor
  n/n* clamped to [1, n] - the policy stated in src/trend/mann-kendall.ts.
- p-values: scipy.stats.norm.sf(z) and norm.cdf(z), z = (S - sign S)/sqrt(Var).

The series are built exactly as test/trend/robust-series.ts builds them (mulberry32, sums of
uniforms, floor): only +, -, *, / and floor, so both languages get the same doubles (the script
prints their sums as a check). Floats are printed with repr(), which round-trips exactly through
JavaScript's Number parsing.
"""

import math
import sys

import numpy as np

ALPHA = 0.05


def seeded(seed):
    """mulberry32, as test/helpers/records.ts's `seeded`."""
    state = seed & 0xFFFFFFFF

    def imul(a, b):
        return (a * b) & 0xFFFFFFFF

    def random():
        nonlocal state
        state = (state + 0x6D2B79F5) & 0xFFFFFFFF
        t = state
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296

    return random


def noise(random):
    return random() + random() + random() + random() - 2


def round_half_up(v):
    return float(math.floor(v + 0.5))


def five_minutes(n):
    return [i / 12 for i in range(n)]


def ar1_series(seed):
    random = seeded(seed)
    x = five_minutes(288)
    e = (noise(random) * 1.7320508075688772) / math.sqrt(1 - 0.81)
    y = []
    for _ in x:
        y.append(round_half_up(1_000_000 + 4000 * e))
        e = 0.9 * e + noise(random) * 1.7320508075688772
    return x, y


def series():
    out = {}
    x = [0, 0.5, 1.25, 3, 4.75, 8, 8.5, 13]
    out["CLEAN_LINE"] = (x, [1000 + 250 * t for t in x])

    random = seeded(11)
    x = five_minutes(288)
    out["QUANTISED_LEAK"] = (x, [round_half_up((2_000_000 + 250 * t + 700 * noise(random)) / 1024) * 1024 for t in x])

    out["AR1"] = ar1_series(AR1_SEED)

    random = seeded(5)
    x = [i / 4 for i in range(100)]
    out["NOISY_TREND"] = (x, [round_half_up(8_000_000 + 400 * t + 10_000 * noise(random)) for t in x])

    random = seeded(7)
    gaps = [1 / 12, 1 / 12, 1 / 12, 0.5, 3]
    x = [0.0]
    for _ in range(1, 40):
        x.append(x[-1] + gaps[math.floor(random() * len(gaps))])
    out["GAPPY"] = (x, [round_half_up(5_000_000 + 12_000 * t + 40_000 * noise(random)) for t in x])

    random = seeded(3)
    x = [i / 2 for i in range(30)]
    y = [round_half_up(1_000_000 + 2000 * t + 300 * noise(random)) for t in x]
    out["BEFORE_OUTLIER"] = (x, y)
    out["WITH_OUTLIER"] = (x, [v + 4_000_000 if i == 17 else v for i, v in enumerate(y)])

    out["TIES_XY"] = ([0, 0.5, 0.5, 1, 2, 2.5, 3, 4, 4, 6],
                      [10240, 10240, 11264, 11264, 11264, 12288, 11264, 13312, 13312, 14336])
    out["NEGATIVE_SEN_VARIANCE"] = ([0, 0, 0, 0, 1], [1, 1, 1, 1, 2])
    return {k: (np.array(x, dtype=float), np.array(y, dtype=float)) for k, (x, y) in out.items()}


# ---------------------------------------------------------------------------------------------
# Mann-Kendall from the formulas

def s_double_loop(x, y):
    s = 0
    for i in range(len(x)):
        for j in range(i + 1, len(x)):
            s += int(np.sign(x[j] - x[i]) * np.sign(y[j] - y[i]))
    return s


def tie_groups(v):
    _, counts = np.unique(v, return_counts=True)
    return [int(c) for c in counts if c > 1]


def variance_s(x, y):
    """Kendall (1970), ch. 4: Var(S) with ties in both rankings."""
    n = len(x)
    u, v = tie_groups(x), tie_groups(y)
    var = (n * (n - 1) * (2 * n + 5) - sum(t * (t - 1) * (2 * t + 5) for t in u)
           - sum(t * (t - 1) * (2 * t + 5) for t in v)) / 18
    if u and v:
        var += sum(t * (t - 1) for t in u) * sum(t * (t - 1) for t in v) / (2 * n * (n - 1))
        if n > 2:
            var += (sum(t * (t - 1) * (t - 2) for t in u) * sum(t * (t - 1) * (t - 2) for t in v)
                    / (9 * n * (n - 1) * (n - 2)))
    return var


def acf(v, nlags):
    """Biased sample autocorrelation at lags 0..nlags (pymannkendall's __acf)."""
    v = np.asarray(v, dtype=float)
    d = v - v.mean()
    n = len(v)
    acov = np.correlate(d, d, "full")[n - 1:] / n
    if acov[0] == 0:
        return np.zeros(nlags + 1)
    return acov[: nlags + 1] / acov[0]


def lags(n):
    return min(n - 1, math.floor(10 * math.log10(n)))


def correction_factor(x, y, method):
    from scipy import stats

    n = len(x)
    slope = stats.theilslopes(y, x, 0.95, method="joint").slope
    residuals = y - slope * x
    nl = lags(n)
    if method == "hamed-rao":
        rho = acf(stats.rankdata(residuals), nl)
        bound = stats.norm.ppf(1 - ALPHA / 2) / math.sqrt(n)
        total = sum((n - k) * (n - k - 1) * (n - k - 2) * rho[k] for k in range(1, nl + 1) if abs(rho[k]) > bound)
        raw = 1 + 2 / (n * (n - 1) * (n - 2)) * total
    else:
        rho = acf(residuals, nl)
        raw = 1 + 2 * sum((1 - k / n) * rho[k] for k in range(1, nl + 1))
    raw = float(raw)
    factor = min(max(raw, 1.0), float(n)) if math.isfinite(raw) else 1.0
    return raw, factor


def mann_kendall(x, y, method):
    from scipy import stats

    n = len(x)
    s = s_double_loop(x, y)
    var = variance_s(x, y)
    raw, factor = (None, 1.0) if method == "none" else correction_factor(x, y, method)
    var_total = var * factor
    z = 0.0 if s == 0 else (s - np.sign(s)) / math.sqrt(var_total)
    return {"s": s, "var": var, "raw": raw, "factor": factor, "z": float(z),
            "above": float(stats.norm.sf(z)), "below": float(stats.norm.cdf(z))}


def sen_bounds(x, y, variance_factor, confidence=0.95):
    """Sen's bounds as scipy computes them, with Var(S) scaled (scipy has no such option)."""
    from scipy import stats

    slopes = []
    for i in range(len(x)):
        for j in range(i + 1, len(x)):
            if x[j] > x[i]:
                slopes.append((y[j] - y[i]) / (x[j] - x[i]))
    slopes = np.sort(np.array(slopes))
    nt, n = len(slopes), len(y)
    z = stats.norm.ppf((1 - confidence) / 2)
    sig = (n * (n - 1) * (2 * n + 5) - sum(t * (t - 1) * (2 * t + 5) for t in tie_groups(x))
           - sum(t * (t - 1) * (2 * t + 5) for t in tie_groups(y))) / 18 * variance_factor
    sigma = math.sqrt(max(sig, 0.0))
    ru = min(int(np.round((nt - z * sigma) / 2)), nt - 1)
    rl = max(int(np.round((nt + z * sigma) / 2)) - 1, 0)
    return float(slopes[rl]), float(slopes[ru])


# ---------------------------------------------------------------------------------------------

AR1_SEED = 2


def find_ar1_seed():
    """The first seed whose AR(1) series plain Mann-Kendall calls a trend at 0.05 (one-sided)
    while Hamed-Rao does not: what the test is about (run with --find-seed)."""
    for seed in range(1, 500):
        x, y = (np.array(v, dtype=float) for v in ar1_series(seed))
        plain = mann_kendall(x, y, "none")
        hr = mann_kendall(x, y, "hamed-rao")
        yw = mann_kendall(x, y, "yue-wang")
        if min(plain["above"], plain["below"]) < 0.05 and min(hr["above"], hr["below"]) >= 0.05 \
                and min(yw["above"], yw["below"]) >= 0.05:
            return seed, plain, hr, yw
    raise SystemExit("no seed")


def acf_check():
    from statsmodels.tsa.stattools import acf as sm_acf
    import statsmodels

    worst = 0.0
    for name, (x, y) in series().items():
        if len(y) < 3 or np.all(y == y[0]):
            continue
        nl = lags(len(y))
        ours = acf(y, nl)
        theirs = sm_acf(y, nlags=nl, adjusted=False, fft=False)
        worst = max(worst, float(np.max(np.abs(ours - theirs))))
    print(f"statsmodels {statsmodels.__version__}: largest |acf - statsmodels acf| = {worst:.1e}")


def main():
    import warnings

    import scipy
    from scipy import stats

    # theilslopes warns (sqrt of a negative Var(S)) on NEGATIVE_SEN_VARIANCE: that is the point.
    warnings.filterwarnings("ignore", message="invalid value encountered in sqrt")
    if "--acf-check" in sys.argv:
        acf_check()
        return
    if "--find-seed" in sys.argv:
        seed, plain, hr, yw = find_ar1_seed()
        print(f"AR1_SEED = {seed}: plain p {min(plain['above'], plain['below']):.4f}, "
              f"hamed-rao {min(hr['above'], hr['below']):.4f}, yue-wang {min(yw['above'], yw['below']):.4f}")
        return

    print(f"// python3 test/trend/robust-reference.py -- scipy {scipy.__version__}, "
          f"numpy {np.__version__}, Python {sys.version.split()[0]}")
    data = series()
    print("\n// ---- INPUT_SUMS (robust-series.ts): Σx and Σy of each series, to check they were rebuilt identically ----")
    print("const INPUT_SUMS = {")
    for name, (x, y) in data.items():
        print(f"  {name}: [{float(math.fsum(x))!r}, {float(math.fsum(y))!r}],")
    print("} as const;")

    print("\n// ---- THEIL_SEN (theil-sen.test.ts): theilslopes(y, x, 0.95, method='joint') ----")
    print("const THEIL_SEN = {")
    for name, (x, y) in data.items():
        r = stats.theilslopes(y, x, 0.95, method="joint")
        sep = stats.theilslopes(y, x, 0.95, method="separate")
        assert sep.slope == r.slope and (np.isnan(r.low_slope) or (sep.low_slope == r.low_slope and sep.high_slope == r.high_slope))
        if np.isnan(r.low_slope):
            low, high = sen_bounds(x, y, 1.0)
            print(f"  {name}: {{ slope: {float(r.slope)!r}, intercept: {float(r.intercept)!r}, "
                  f"low: {low!r}, high: {high!r} }}, // scipy's bounds are NaN (Var(S) < 0): ours, Var clamped at 0")
        else:
            lo, hi = sen_bounds(x, y, 1.0)
            assert (lo, hi) == (float(r.low_slope), float(r.high_slope)), (name, lo, hi, r)
            print(f"  {name}: {{ slope: {float(r.slope)!r}, intercept: {float(r.intercept)!r}, "
                  f"low: {float(r.low_slope)!r}, high: {float(r.high_slope)!r} }},")
    print("} as const;")

    print("\n// ---- MANN_KENDALL (mann-kendall.test.ts) ----")
    print("const MANN_KENDALL = {")
    for name, (x, y) in data.items():
        if name == "NEGATIVE_SEN_VARIANCE":
            continue
        kt = stats.kendalltau(x, y, method="asymptotic")
        rows = {m: mann_kendall(x, y, m) for m in ("none", "hamed-rao", "yue-wang")}
        s, var = rows["none"]["s"], rows["none"]["var"]
        if var > 0:
            # Cross-check Var(S) against kendalltau's own (asymptotic, uncorrected z = S/sqrt(Var)).
            mine = 2 * stats.norm.sf(abs(s) / math.sqrt(var))
            assert abs(mine - kt.pvalue) <= 1e-9 * max(kt.pvalue, 1e-300), (name, mine, kt.pvalue)
        tau = 0.0 if np.isnan(kt.statistic) else float(kt.statistic)
        print(f"  {name}: {{ s: {s}, varianceS: {var!r}, tau: {tau!r},")
        for m, key in (("none", "none"), ("hamed-rao", "hamedRao"), ("yue-wang", "yueWang")):
            r = rows[m]
            raw = "" if r["raw"] is None else f" /* raw n/n* {r['raw']!r} */"
            print(f"    {key}: {{ factor: {r['factor']!r},{raw} z: {r['z']!r}, above: {r['above']!r}, below: {r['below']!r} }},")
        print("  },")
    print("} as const;")

    print("\n// ---- SEN_CORRECTED (theil-sen.test.ts): Sen's bounds with Var(S) x the Hamed-Rao factor ----")
    print("const SEN_CORRECTED = {")
    for name in ("QUANTISED_LEAK", "AR1", "NOISY_TREND"):
        x, y = data[name]
        factor = mann_kendall(x, y, "hamed-rao")["factor"]
        low, high = sen_bounds(x, y, factor)
        print(f"  {name}: {{ factor: {factor!r}, low: {low!r}, high: {high!r} }},")
    print("} as const;")

    print("\n// ---- ACF (autocorrelation.test.ts): biased acf of AR1 and QUANTISED_LEAK, lags 1..24 ----")
    print("const ACF = {")
    for name in ("AR1", "QUANTISED_LEAK"):
        x, y = data[name]
        rho = acf(y, 24)[1:]
        print(f"  {name}: [{', '.join(repr(float(v)) for v in rho)}],")
    print("} as const;")


if __name__ == "__main__":
    main()
