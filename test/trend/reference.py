#!/usr/bin/env python3
"""Independent reference values for the tests in test/trend/.

    python3 test/trend/reference.py

prints TypeScript constants, which are pasted (frozen) into
  least-squares.test.ts       (FITS: inputs, slope, intercept, slope standard error;
                               WOBBLE: a near-perfect line, checked in exact arithmetic)
  slope-test.test.ts          (PVALUES: one-sided p-values of the slope)
  benjamini-hochberg.test.ts  (BH: adjusted p-values)

Sources: scipy.stats.linregress (slope, intercept, stderr), scipy.stats.t.sf/cdf for the
one-sided p-values (cross-checked against linregress(alternative='greater'/'less')), and
scipy.stats.false_discovery_control(method='bh'). Each fit is also recomputed in exact
rational arithmetic (fractions) and scipy's distance from it printed as a comment. Inputs
come from seeded numpy generators, so re-running prints the same numbers. Floats are printed with repr(), which round-trips
exactly through JavaScript's Number parsing.
"""

import sys
from decimal import Decimal, getcontext
from fractions import Fraction

import numpy as np
import scipy
from scipy import stats


def series_cases():
    """(name, x in hours, y in bytes) for every fit case."""
    cases = []

    # A clean line a + b*t at irregular times: the slope must be b.
    x = np.array([0.0, 0.5, 1.25, 3.0, 4.75, 8.0, 8.5, 13.0])
    cases.append(("clean line 1000 + 250 t at irregular times", x, 1000.0 + 250.0 * x))

    # Noisy growth with gaps in x (the module dropped out of the top N for a while).
    rng = np.random.default_rng(1)
    gaps = rng.choice([0.25, 0.25, 0.25, 0.5, 1.0, 3.0], size=23)
    x = np.concatenate([[0.0], np.cumsum(gaps)])
    y = np.round(50e6 + 12_000.0 * x + rng.normal(0.0, 40_000.0, size=x.size))
    cases.append(("noisy growth with gaps in x", x, y))

    # ~2 GB with a growth of a few bytes per hour: precision of the centred sums.
    rng = np.random.default_rng(2)
    x = np.arange(48) + rng.uniform(0.0, 0.05, size=48)
    x = x - x[0]
    y = np.round(2e9 + 3.0 * x + rng.normal(0.0, 20.0, size=48))
    cases.append(("2e9 bytes growing 3 bytes per hour", x, y))

    # Small samples.
    cases.append(("three points", np.array([0.0, 1.0, 3.0]), np.array([100.0, 180.0, 330.0])))
    cases.append(("four points", np.array([0.0, 0.5, 2.0, 2.5]),
                  np.array([1024.0, 1536.0, 1024.0, 4096.0])))

    # A slope near zero: p near 0.5. Detrended noise plus a slope of 0.5 byte per hour.
    rng = np.random.default_rng(3)
    x = np.arange(20) * 0.25
    noise = rng.normal(0.0, 500.0, size=20)
    fit = stats.linregress(x, noise)
    y = 1e6 + (noise - fit.slope * x - fit.intercept) + 0.5 * x
    cases.append(("slope near zero", x, y))

    # A very strong slope: p around 1e-30 (small noise, df = 10).
    rng = np.random.default_rng(4)
    x = np.arange(12) * 0.5
    y = 5e6 + 100_000.0 * x + rng.normal(0.0, 215.0, size=12)
    cases.append(("very strong slope", x, y))

    # A shrinking series.
    rng = np.random.default_rng(5)
    x = np.sort(rng.uniform(0.0, 30.0, size=15))
    x = x - x[0]
    y = np.round(8e6 - 20_000.0 * x + rng.normal(0.0, 60_000.0, size=15))
    cases.append(("negative slope", x, y))

    # Quantised sizes: duplicated y values, and two snapshots at the same time.
    x = np.array([0.0, 0.5, 0.5, 1.0, 2.0, 2.5, 3.0, 4.0, 4.0, 6.0])
    y = np.array([10240.0, 10240.0, 11264.0, 11264.0, 11264.0, 12288.0, 11264.0, 13312.0,
                  13312.0, 14336.0])
    cases.append(("ties in x and y (quantised sizes)", x, y))
    return cases


def exact_fit(x, y):
    """Slope, intercept and slope standard error in exact rational arithmetic (the inputs,
    being doubles, are exact rationals), rounded once at the end: a check on scipy itself."""
    xs = [Fraction(float(v)) for v in x]
    ys = [Fraction(float(v)) for v in y]
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((a - mx) ** 2 for a in xs)
    slope = sum((a - mx) * (b - my) for a, b in zip(xs, ys)) / sxx
    ssr = sum(((b - my) - slope * (a - mx)) ** 2 for a, b in zip(xs, ys))
    getcontext().prec = 50
    var = ssr / (n - 2) / sxx
    stderr = (Decimal(var.numerator) / Decimal(var.denominator)).sqrt()
    return float(slope), float(my - slope * mx), float(stderr)


def rel(a, b):
    return abs(a - b) / abs(b) if b != 0 else abs(a)


def ts_list(values):
    return "[" + ", ".join(repr(float(v)) for v in values) + "]"


def main():
    print(f"// python3 test/trend/reference.py -- scipy {scipy.__version__}, "
          f"numpy {np.__version__}, Python {sys.version.split()[0]}")

    print("\n// ---- FITS (least-squares.test.ts) ----")
    print("const FITS = [")
    pvalues = []
    for name, x, y in series_cases():
        r = stats.linregress(x, y)
        slope, intercept, stderr = float(r.slope), float(r.intercept), float(r.stderr)
        df = x.size - 2
        print(f"  {{\n    name: {name!r},\n    x: {ts_list(x)},\n    y: {ts_list(y)},")
        print(f"    slope: {slope!r}, intercept: {intercept!r}, "
              f"slopeStdError: {stderr!r}, residualDf: {df},")
        ex = exact_fit(x, y)
        print(f"    // scipy vs exact rational: slope {rel(slope, ex[0]):.1e}, "
              f"intercept {rel(intercept, ex[1]):.1e}, stderr {rel(stderr, ex[2]):.1e}\n  }},")
        if stderr == 0.0:
            continue  # an exact fit: the p-value is the module's stated policy, not scipy's
        t_stat = slope / stderr
        above = stats.t.sf(t_stat, df)
        below = stats.t.cdf(t_stat, df)
        # Cross-check against linregress's own one-sided tests (it derives t from r).
        for alt, mine in (("greater", above), ("less", below)):
            theirs = stats.linregress(x, y, alternative=alt).pvalue
            diff = abs(theirs - mine) / max(mine, 1e-300)
            assert diff < 1e-6 or abs(theirs - mine) < 1e-15, (name, alt, mine, theirs)
        pvalues.append((name, slope, stderr, df, above, below))
    print("] as const;")

    print("\n// ---- PVALUES (slope-test.test.ts): p = t.sf(slope / stderr, df) and t.cdf ----")
    print("const PVALUES = [")
    for name, slope, se, df, above, below in pvalues:
        print(f"  {{ name: {name!r}, slope: {slope!r}, slopeStdError: {se!r}, residualDf: {df},\n"
              f"    above: {float(above)!r}, below: {float(below)!r} }},")
    print("] as const;")

    # A one-byte wobble on a 2e9-byte line: linregress derives stderr from r, and 1 - r**2
    # cancels here (scipy is ~2e-9 off), so this case is checked against exact arithmetic.
    x = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]
    y = [2e9, 2e9 + 1000, 2e9 + 2000, 2e9 + 3001, 2e9 + 4000, 2e9 + 5000]
    ex = exact_fit(x, y)
    r = stats.linregress(x, y)
    print("\n// ---- WOBBLE (least-squares.test.ts): exact rational arithmetic ----")
    print(f"const WOBBLE = {{ x: {ts_list(x)}, y: {ts_list(y)},\n"
          f"  slope: {ex[0]!r}, slopeStdError: {ex[2]!r} }}; "
          f"// scipy stderr {float(r.stderr)!r}, {rel(float(r.stderr), ex[2]):.1e} off")

    # Far tail of the t distribution directly (t, df) -> P(T > t).
    print("\n// ---- T_TAIL (slope-test.test.ts): stats.t.sf(t, df) ----")
    print("const T_TAIL = [")
    for t_stat, df in ((40.0, 30), (1000.0, 10), (5e4, 6), (1e6, 5), (12.0, 200), (3e7, 4)):
        print(f"  {{ t: {t_stat!r}, df: {df}, sf: {float(stats.t.sf(t_stat, df))!r} }},")
    print("] as const;")

    print("\n// ---- BH (benjamini-hochberg.test.ts) ----")
    p = np.array([0.041, 0.001, 1.0, 0.008, 0.039, 0.6, 0.041, 1e-30, 0.205, 0.212, 0.06,
                  0.074, 0.3, 0.042, 0.975, 0.041, 1.0, 0.5, 0.216, 0.002])
    q = stats.false_discovery_control(p, method="bh")
    print(f"const BH_P = {ts_list(p)};")
    print(f"const BH_Q = {ts_list(q)};")


if __name__ == "__main__":
    main()
