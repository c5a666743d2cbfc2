#!/usr/bin/env python3
"""Reference strings for test/read/statistic.test.ts, from CPython's own tracemalloc.

    python3 test/read/statistic-reference.py

prints one TypeScript object literal per line, to paste into the `REFERENCE` table of the test.
Each row holds str() of a real tracemalloc.Statistic / StatisticDiff, the true values it was
built from, and `shown`: the value and resolution (place value of the last printed digit) that
the printed size stands for. `shown` is computed here from the TRUE value, by the size bands
documented in the SPEC, with exact decimal arithmetic; the script checks that it agrees with the
string CPython printed, so the test compares the TypeScript parser against an independent oracle.

The last rows come from a real snapshot of this script's own allocations, so they change from run
to run; the rest are constructed and stable.
"""

import json
import platform
import sys
import tracemalloc
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

KiB = 1024
MiB = 1024 ** 2
GiB = 1024 ** 3
TiB = 1024 ** 4
UNITS = (("B", 1), ("KiB", KiB), ("MiB", MiB), ("GiB", GiB), ("TiB", TiB))


def shown(value):
    """(printed text, bytes it stands for, resolution) for a size, by the documented bands."""
    magnitude = abs(Fraction(value))
    for name, unit in UNITS:
        in_units = magnitude / unit
        if name != "B" and in_units < 100:
            decimals = 1
            break
        if in_units < 10 * 1024 or name == "TiB":
            decimals = 0
            break
    step = Fraction(1, 10 ** decimals)
    exact = Decimal(in_units.numerator) / Decimal(in_units.denominator)
    rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN)
    sign = "-" if value < 0 else "+"
    text = "%s %s" % (rounded, name)
    return sign, text, float(Fraction(rounded) * unit) * (-1 if value < 0 else 1), float(step * unit)


def frame(filename, lineno):
    return tracemalloc.Traceback(((filename, lineno),))


def row(stat):
    filename, lineno = stat.traceback[0].filename, stat.traceback[0].lineno
    text = str(stat)
    out = {"text": text, "filename": filename, "lineno": lineno, "size": stat.size, "count": stat.count}
    _, size_text, size_bytes, size_res = shown(stat.size)
    expected = "%s:%s: size=%s" % (filename, lineno, size_text)
    the_shown = {"size": size_bytes, "sizeResolution": size_res}
    if isinstance(stat, tracemalloc.StatisticDiff):
        out["sizeDiff"] = stat.size_diff
        out["countDiff"] = stat.count_diff
        sign, diff_text, diff_bytes, diff_res = shown(stat.size_diff)
        expected += " (%s%s)" % (sign, diff_text)
        expected += ", count=%i (%+i)" % (stat.count, stat.count_diff)
        the_shown["sizeDiff"] = diff_bytes
        the_shown["sizeDiffResolution"] = diff_res
    else:
        expected += ", count=%i" % stat.count
    if stat.count:
        out["average"] = stat.size / stat.count
        _, avg_text, avg_bytes, avg_res = shown(stat.size / stat.count)
        expected += ", average=%s" % avg_text
        the_shown["average"] = avg_bytes
        the_shown["averageResolution"] = avg_res
    if expected != text:
        sys.exit("oracle disagrees with CPython:\n  %s\n  %s" % (expected, text))
    out["shown"] = the_shown
    return out


def ts(value):
    """A TypeScript literal: JSON strings and numbers, unquoted keys."""
    if isinstance(value, dict):
        return "{ " + ", ".join("%s: %s" % (k, ts(v)) for k, v in value.items()) + " }"
    if isinstance(value, float) and value.is_integer() and abs(value) < 2 ** 53:
        return str(int(value))
    if isinstance(value, int) and int(float(value)) != value:
        sys.exit("not exact as a JavaScript number: %d" % value)
    return json.dumps(value)


S = tracemalloc.Statistic
D = tracemalloc.StatisticDiff
SOCKET = "/usr/lib/python3.6/socket.py"

constructed = [
    # every unit and rounding band, grouped by filename (lineno 0)
    S(frame(SOCKET, 0), 0, 0),
    S(frame(SOCKET, 0), 812, 3),  # average 270.67 B
    S(frame(SOCKET, 0), 9999, 1),
    S(frame(SOCKET, 0), 10239, 1),  # largest whole-byte size
    S(frame(SOCKET, 0), 20479, 2),  # average 10239.5 B prints "10240 B" (half to even)
    S(frame(SOCKET, 0), 10240, 1),  # "10.0 KiB"
    S(frame(SOCKET, 0), 12595, 7),  # "12.3 KiB"
    S(frame(SOCKET, 0), 102297, 4),  # "99.9 KiB"
    S(frame(SOCKET, 0), 102399, 1),  # 99.999 KiB prints "100.0 KiB"
    S(frame(SOCKET, 0), 102400, 1),  # "100 KiB"
    S(frame(SOCKET, 0), 1884160, 1000),  # "1840 KiB"
    S(frame(SOCKET, 0), 10239 * KiB, 3),  # "10239 KiB"
    S(frame(SOCKET, 0), 10240 * KiB - 1, 3),  # 10239.999 KiB prints "10240 KiB"
    S(frame(SOCKET, 0), 10 * MiB, 3),  # "10.0 MiB"
    S(frame(SOCKET, 0), 52_428_800 + 12345, 50),  # "50.0 MiB"
    S(frame(SOCKET, 0), 99 * MiB + 943718, 2),  # 99.9 MiB
    S(frame(SOCKET, 0), 123 * MiB + 456789, 12),
    S(frame(SOCKET, 0), 10239 * MiB, 1),
    S(frame(SOCKET, 0), 10 * GiB, 1),
    S(frame(SOCKET, 0), 512 * GiB + 3, 9),
    S(frame(SOCKET, 0), 10239 * GiB + 777, 1),
    S(frame(SOCKET, 0), 10 * TiB, 1),  # "10.0 TiB"
    S(frame(SOCKET, 0), 250 * TiB, 2),
    S(frame(SOCKET, 0), 20000 * TiB + 123 * GiB, 1),  # TiB has no upper bound: "20000 TiB"
    # line numbers and awkward filenames
    S(frame("/app/service/handlers.py", 123), 4096, 16),
    S(frame("/srv/my app/with space.py", 7), 52000, 40),
    S(frame("<frozen importlib._bootstrap>", 0), 2_000_000, 18000),
    S(frame("<frozen importlib._bootstrap_external>", 672), 345678, 2900),
    S(frame("<unknown>", 0), 96, 1),
    S(frame("C:\\app\\x.py", 12), 3000, 30),
    S(frame("C:\\Program Files\\Python311\\Lib\\json\\decoder.py", 353), 15000, 120),
    S(frame("/opt/a:b:c/mod.py", 5), 700, 7),
    S(frame("/tmp/log:2024", 7), 1, 1),  # the filename itself ends in ":digits"
    S(frame("/tmp/odd: size=1 B, count=1/x.py", 3), 64, 2),  # the separator inside a filename
    S(frame("/app/caf\u00e9/\u65e5\u672c.py", 1), 128, 2),
    # StatisticDiff: zero, positive and negative changes, count 0
    D(frame(SOCKET, 0), 10240, 0, 5, 0),  # "(+0 B)", "(+0)"
    D(frame(SOCKET, 0), 1884160, 1884160, 1000, 1000),  # "(+1840 KiB)"
    D(frame(SOCKET, 0), 700, -9999, 7, -3),  # "(-9999 B)"
    D(frame(SOCKET, 0), 4096, -10240, 1, -90),  # "(-10.0 KiB)"
    D(frame(SOCKET, 0), 0, -20480, 0, -7),  # all freed: count 0, no average
    D(frame("/app/service/cache.py", 88), 15 * MiB, 15 * MiB - 10, 150, 149),  # "(+15.0 MiB)"
    D(frame("/app/service/cache.py", 88), 12 * GiB, -(3 * GiB + 5), 9, -2),  # "(-3072 MiB)"
    D(frame("<unknown>", 0), 10239, 10239, 1, 1),
    D(frame("C:\\app\\x.py", 12), 150 * TiB, 11000 * GiB, 3, 3),  # "(+10.7 TiB)"
]


def real_snapshot():
    """Rows from a real snapshot of this script importing a package: the frozen-import frames,
    whose names are the same on every machine (stdlib paths are not)."""
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    import email.mime.text  # noqa: F401
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()

    def frozen(stats):
        return [s for s in stats if s.traceback[0].filename.startswith("<frozen ")][:2]

    return (
        frozen(after.statistics("filename"))
        + frozen(after.statistics("lineno"))
        + frozen(after.compare_to(before, "filename"))
        + frozen(after.compare_to(before, "lineno"))
    )


print("// Generated by test/read/statistic-reference.py with %s %s." % (
    platform.python_implementation(), platform.python_version()))
for stat in constructed + real_snapshot():
    print(ts(row(stat)) + ",")
