#!/usr/bin/env python3
"""Check that each sample's sidecar (<name>.expected.json) is true of its log (<name>.jsonl).

Needs numpy and scipy (not Debian's /usr/bin/python3 by default; any Python that has them):

    python3 samples/verify.py                 # every samples/*.expected.json
    python3 samples/verify.py samples/story.expected.json

For every series (identity labels host/service/pid, module) and for each event (top_current,
since_start) it fits scipy.stats.linregress to hours vs the parsed `size`. A declared leaking
series must grow clearly (slope > 0, p < 1e-6, in top_current); any other series, except the
default exclusions (tracemalloc.py, <frozen ...>, <unknown>), must not: it fails if it grows
significantly (p < 0.01) by more than 2 KiB over its span. Prints one row per series and
exits 1 when a check fails.
"""

import collections
import datetime
import glob
import json
import os
import re
import sys

import numpy as np
from scipy import stats

UNITS = {"B": 1, "KiB": 1024, "MiB": 1024 ** 2, "GiB": 1024 ** 3, "TiB": 1024 ** 4}
STAT = re.compile(r"^(?P<file>.*):(?P<line>\d+): size=(?P<size>\d+(?:\.\d)? \w+)"
                  r"(?: \((?P<diff>[+-]\d+(?:\.\d)? \w+)\))?, count=(?P<count>\d+)")
EVENTS = ("top_current", "since_start")
MAX_QUIET_GROWTH = 2 * 1024


def parse_size(text):
    value, unit = text.split()
    return float(value) * UNITS[unit]


def excluded(module):
    return module.endswith("/tracemalloc.py") or module.startswith("<frozen ") or module == "<unknown>"


def load(path):
    series = collections.defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec.get("event") not in EVENTS:
                continue
            m = STAT.match(rec["stat"])
            t = datetime.datetime.fromisoformat(rec["timestamp"].rstrip("Z"))
            labels = tuple((k, str(rec[k])) for k in ("host", "service", "pid") if k in rec)
            series[(labels, m["file"], rec["event"])].append((t, parse_size(m["size"])))
    return series


def verify(sidecar):
    expected = json.load(open(sidecar, encoding="utf-8"))
    log = sidecar[:-len(".expected.json")] + ".jsonl"
    leaking = {(tuple(sorted(x["labels"].items())), x["module"]) for x in expected["leaking"]}
    series = load(log)
    ok = True
    print("%s (%d series; leaking: %s)" % (os.path.basename(log), len(series),
                                           ", ".join(sorted(m for _, m in leaking)) or "none"))
    print("  %-40s %-22s %-11s %4s %10s %10s %11s %9s  %s" % (
        "module", "labels", "event", "n", "first", "last", "slope B/h", "p", "verdict"))
    found = set()
    for (labels, module, event), pts in sorted(series.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2])):
        key = (tuple(sorted(labels)), module)
        t0 = pts[0][0]
        h = np.array([(t - t0).total_seconds() / 3600 for t, _ in pts])
        s = np.array([v for _, v in pts])
        if len(pts) >= 3 and np.ptp(s) > 0:
            fit = stats.linregress(h, s)
            slope, p = fit.slope, fit.pvalue
        else:
            slope, p = 0.0, 1.0
        growth = slope * (h[-1] - h[0])
        if key in leaking:
            if event == "top_current":
                if slope > 0 and p < 1e-6:
                    found.add(key)
                    verdict = "leak, as declared"
                else:
                    verdict = "FAIL: declared leaking, no clear growth"
            else:
                verdict = "leak (since_start)"
        elif excluded(module):
            verdict = "excluded"
        elif slope > 0 and p < 0.01 and growth > MAX_QUIET_GROWTH:
            verdict = "FAIL: grows %.0f B over %.1f h, not declared" % (growth, h[-1] - h[0])
        else:
            verdict = "ok"
        if verdict.startswith("FAIL"):
            ok = False
        print("  %-40s %-22s %-11s %4d %10.0f %10.0f %11.1f %9.2g  %s" % (
            module[-40:], "/".join(v for _, v in labels)[-22:], event, len(pts), s[0], s[-1], slope, p, verdict))
    for labels, module in sorted(leaking - found):
        ok = False
        if not any((tuple(sorted(l)), m) == (labels, module) for l, m, _ in series):
            print("  FAIL: declared leaking but never logged: %s %s" % (module, dict(labels)))
    print("  => %s\n" % ("OK" if ok else "FAILED"))
    return ok


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    sidecars = sys.argv[1:] or sorted(glob.glob(os.path.join(here, "*.expected.json")))
    results = [verify(s) for s in sidecars]
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
