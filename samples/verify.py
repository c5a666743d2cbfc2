#!/usr/bin/env python3
"""Check that each sample's sidecar (<name>.expected.json) is true of its log (<name>.jsonl,
or <name>.jsonl.gz: gzip is recognised by its magic bytes).

Needs numpy and scipy (not Debian's /usr/bin/python3 by default; any Python that has them):

    python3 samples/verify.py                 # samples/*.expected.json and samples/scenarios/*
    python3 samples/verify.py samples/story.expected.json
    python3 samples/verify.py samples/scenarios/*.expected.json

`leaking` (every sidecar). For every series (identity labels host/service/pid, module) and
for each event (top_current, since_start) it fits scipy.stats.linregress to hours vs the
parsed `size`. A declared leaking series must grow clearly (slope > 0, p < 1e-6, in
top_current). In a sidecar without `verdicts` (story, healthy), any other series, except the
default exclusions (tracemalloc.py, <frozen ...>, <unknown>), must not: it fails if it grows
significantly (p < 0.01) by more than 2 KiB over its span. One row per series.

`verdicts` (the scenario suite). A series is (host, service, module): the lifetimes (pids)
of a process on one host are one series, as the tool reports them. Its points are the
snapshots where the module is in top_current or since_start (both carry the current size).
As far as a linear regression can tell:
  - trend: the slope of size on time with one intercept per lifetime (within-lifetime
    growth), over the whole window;
  - end: a linregress over the end of the window -- its last quarter (last half for a
    leak), within the last lifetime, leaving out that lifetime's first hour (warm-up);
  - "grows" means slope > 0 and p below the level given, and more than max(2 KiB, 1% of the
    median size) over the stretch fitted; spread = sd / median; acmax = the largest
    autocorrelation of the sizes at a lag of 1 to 48 snapshots (~0 for noise, ~1 at the
    period of a saw-tooth).
  leak:      trend > 0 (p < 1e-6), and the end grows (p < 0.01), whatever the amount
  plateau:   trend > 0 (p < 1e-6), and the end does not grow (p < 0.001)
  step:      trend > 0 (p < 1e-6), one hour holds at least half the rise, the end does not grow
  shrinking: trend < 0 (p < 1e-6), and the end still shrinks (p < 0.01)
  flat:      no trend, the end does not grow, and spread < 0.1 or a regular pattern
             (acmax >= 0.5: a saw-tooth)
  noisy:     no trend, the end does not grow, spread >= 0.2 and acmax < 0.5
Every application module series in the log must have an entry; no other series (stdlib,
interpreter) may grow at the end (p < 0.001). `top_current_presence` entries bound the
share of the series' snapshots where the module is in top_current. Prints a table per
sidecar and a summary; exits 1 when a check fails.
"""

import collections
import datetime
import glob
import gzip
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
APP = "/srv/shop/app/"


def parse_size(text):
    value, unit = text.split()
    return float(value) * UNITS[unit]


def excluded(module):
    return module.endswith("/tracemalloc.py") or module.startswith("<frozen ") or module == "<unknown>"


def open_log(path):
    with open(path, "rb") as f:
        magic = f.read(2)
    if magic == b"\x1f\x8b":
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def log_path(sidecar):
    base = sidecar[:-len(".expected.json")]
    for ext in (".jsonl", ".jsonl.gz"):
        if os.path.exists(base + ext):
            return base + ext
    sys.exit("no log for %s (%s.jsonl or .jsonl.gz)" % (sidecar, base))


def read_records(path):
    """(labels dict, module, event, time, size) of every tracemalloc statistic."""
    out = []
    with open_log(path) as f:
        for line in f:
            rec = json.loads(line)
            if rec.get("event") not in EVENTS:
                continue
            m = STAT.match(rec["stat"])
            t = datetime.datetime.fromisoformat(rec["timestamp"].rstrip("Z"))
            labels = {k: str(rec[k]) for k in ("host", "service", "pid") if k in rec}
            out.append((labels, m["file"], rec["event"], t, parse_size(m["size"]), rec["timestamp"]))
    return out


# --------------------------------------------------------------------------------------
# `leaking`: per process (pid) and event, as the samples have always been checked.
# --------------------------------------------------------------------------------------

def per_pid_series(records):
    series = collections.defaultdict(list)
    for labels, module, event, t, size, _ in records:
        key = tuple((k, labels[k]) for k in ("host", "service", "pid") if k in labels)
        series[(key, module, event)].append((t, size))
    return series


def linfit(h, s):
    if len(h) >= 3 and np.ptp(s) > 0 and np.ptp(h) > 0:
        fit = stats.linregress(h, s)
        return fit.slope, fit.pvalue
    return 0.0, 1.0


def verify_leaking(expected, records, table):
    leaking = {(tuple(sorted(x["labels"].items())), x["module"]) for x in expected["leaking"]}
    series = per_pid_series(records)
    ok = True
    if table:
        print("  %-40s %-22s %-11s %4s %10s %10s %11s %9s  %s" % (
            "module", "labels", "event", "n", "first", "last", "slope B/h", "p", "verdict"))
    found = set()
    for (labels, module, event), pts in sorted(series.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2])):
        key = (tuple(sorted(labels)), module)
        t0 = pts[0][0]
        h = np.array([(t - t0).total_seconds() / 3600 for t, _ in pts])
        s = np.array([v for _, v in pts])
        slope, p = linfit(h, s)
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
        elif not table:
            verdict = "ok"  # checked by verdicts
        elif slope > 0 and p < 0.01 and growth > MAX_QUIET_GROWTH:
            verdict = "FAIL: grows %.0f B over %.1f h, not declared" % (growth, h[-1] - h[0])
        else:
            verdict = "ok"
        if verdict.startswith("FAIL"):
            ok = False
            if not table:
                print("  %s %s %s: %s" % (module, "/".join(v for _, v in labels), event, verdict))
        if table:
            print("  %-40s %-22s %-11s %4d %10.0f %10.0f %11.1f %9.2g  %s" % (
                module[-40:], "/".join(v for _, v in labels)[-22:], event, len(pts), s[0], s[-1], slope, p,
                verdict))
    for labels, module in sorted(leaking - found):
        ok = False
        if not any((tuple(sorted(l)), m) == (labels, module) for l, m, _ in series):
            print("  FAIL: declared leaking but never logged: %s %s" % (module, dict(labels)))
        elif not table:
            print("  FAIL: declared leaking, no clear growth in top_current: %s %s" % (module, dict(labels)))
    return ok


# --------------------------------------------------------------------------------------
# `verdicts`: per (host, service, module), lifetimes merged.
# --------------------------------------------------------------------------------------

class Series:
    def __init__(self):
        self.snaps = {}  # (pid, minute) -> [time, size, in top_current]

    def add(self, pid, event, t, size, ts):
        key = (pid, ts[:16])  # a snapshot's lines all fall within a few seconds of hh:m5:00
        snap = self.snaps.setdefault(key, [t, size, False])
        snap[0] = min(snap[0], t)
        if event == "top_current":
            snap[1] = size
            snap[2] = True

    def arrays(self, t0):
        snaps = sorted(self.snaps.items(), key=lambda kv: kv[1][0])
        pids = []
        for (pid, _), _ in snaps:
            if pid not in pids:
                pids.append(pid)
        h = np.array([(v[0] - t0).total_seconds() / 3600 for _, v in snaps])
        s = np.array([v[1] for _, v in snaps])
        top = np.array([v[2] for _, v in snaps])
        lt = np.array([pids.index(pid) for (pid, _), _ in snaps])
        return h, s, top, lt


def within_fit(h, s, lt):
    """Slope of s on h with one intercept per lifetime, and its two-sided p-value."""
    hd = h.astype(float).copy()
    sd = s.astype(float).copy()
    for k in np.unique(lt):
        m = lt == k
        hd[m] -= hd[m].mean()
        sd[m] -= sd[m].mean()
    sxx = float((hd * hd).sum())
    df = len(h) - len(np.unique(lt)) - 1
    if sxx == 0 or df < 1:
        return 0.0, 1.0
    b = float((hd * sd).sum()) / sxx
    resid = sd - b * hd
    se = np.sqrt(float((resid * resid).sum()) / df / sxx)
    if se == 0:
        return b, (0.0 if b != 0 else 1.0)
    return b, float(2 * stats.t.sf(abs(b / se), df))


def autocorrelation(s, max_lag=48):
    """The largest autocorrelation of the sizes at a lag of 1 to max_lag snapshots: ~0 for
    noise, ~1 for anything regular (a saw-tooth at its period, a trend, a step)."""
    best = 0.0
    for lag in range(1, min(max_lag, len(s) // 3) + 1):
        a, b = s[:-lag], s[lag:]
        if np.std(a) > 0 and np.std(b) > 0:
            best = max(best, float(np.corrcoef(a, b)[0, 1]))
    return best


def lifetime_starts(h, lt):
    return {k: h[lt == k].min() for k in np.unique(lt)}


def end_window(h, lt, t_end, span, part=0.25):
    last = lt.max()
    start = lifetime_starts(h, lt)[last]
    lo = max(t_end - span * part, start + 1.0 if t_end - start > 2.5 else start)
    return (lt == last) & (h >= lo)


def quiet_limit(s):
    return max(MAX_QUIET_GROWTH, 0.01 * float(np.median(s)))


def grows(slope, p, stretch_h, s, level):
    return slope > 0 and p < level and slope * stretch_h > quiet_limit(s)


def judge(verdict, h, s, lt, t_end, span):
    """(row values, failure or '')."""
    b, pb = within_fit(h, s, lt)
    # a leak's end is fitted over the last half: a slow leak under heavy noise is not
    # significant over a quarter of a day
    w = end_window(h, lt, t_end, span, 0.5 if verdict == "leak" else 0.25)
    be, pe = linfit(h[w], s[w])
    end_len = float(np.ptp(h[w])) if w.sum() else 0.0
    med = float(np.median(s))
    spread = float(np.std(s) / med) if med else 0.0
    ac = autocorrelation(s)
    lifetime_span = sum(float(np.ptp(h[lt == k])) for k in np.unique(lt))
    trend = grows(b, pb, lifetime_span, s, 1e-6)
    falls = b < 0 and pb < 1e-6 and -b * lifetime_span > quiet_limit(s)
    any_trend = (b > 0 and pb < 1e-3 and b * lifetime_span > quiet_limit(s)) or \
                (b < 0 and pb < 1e-3 and -b * lifetime_span > quiet_limit(s))
    end_grows = grows(be, pe, end_len, s, 1e-3)
    fail = []
    if w.sum() < 12:
        fail.append("end window has %d points" % w.sum())
    if verdict == "leak":
        # no floor on the amount: a slow leak under a big pool grows by less than 1% a day
        if not (b > 0 and pb < 1e-6):
            fail.append("no clear growth")
        if not (be > 0 and pe < 0.01):
            fail.append("not growing at the end")
    elif verdict in ("plateau", "step"):
        if not trend:
            fail.append("never grew")
        if end_grows:
            fail.append("still growing at the end")
        if verdict == "step":
            k = 12
            jumps = [np.median(s[i:i + k]) - np.median(s[i - k:i]) for i in range(k, len(s) - k + 1)]
            rise = np.median(s[-k:]) - np.median(s[:k])
            if not jumps or rise <= 0 or max(jumps) < 0.5 * rise:
                fail.append("no one-hour jump holds half the rise")
    elif verdict == "shrinking":
        if not falls:
            fail.append("no clear decline")
        if not (be < 0 and pe < 0.01):
            fail.append("not shrinking at the end")
    elif verdict in ("flat", "noisy"):
        if any_trend:
            fail.append("trend %+.1f KiB/h" % (b / 1024))
        if end_grows:
            fail.append("grows at the end")
        if verdict == "flat" and not (spread < 0.1 or ac >= 0.5):
            fail.append("irregular spread %.2f: noisy?" % spread)
        if verdict == "noisy" and not (spread >= 0.2 and ac < 0.5):
            fail.append("spread %.2f, acmax %.2f: not noisy" % (spread, ac))
    else:
        fail.append("unknown verdict %r" % verdict)
    return (b, pb, be, pe, spread, ac), "; ".join(fail)


def verify_verdicts(expected, records, name):
    series = collections.defaultdict(Series)
    for labels, module, event, t, size, ts in records:
        series[(labels.get("host"), labels.get("service"), module)].add(labels.get("pid"), event, t, size, ts)
    t0 = min(r[3] for r in records)
    t_end = (max(r[3] for r in records) - t0).total_seconds() / 3600
    span = t_end
    ok = True
    rows = []
    print("  %-14s %-6s %-9s %4s %2s %4s %9s %9s %16s %16s %6s %5s  %s" % (
        "module", "host", "expected", "pts", "lt", "top%", "first", "last", "trend KiB/h (p)",
        "end KiB/h (p)", "sd/med", "acmax", "check"))
    labelled = set()
    for entry in expected["verdicts"]:
        key = (entry["labels"]["host"], entry["labels"]["service"], entry["module"])
        labelled.add(key)
        if key not in series:
            print("  FAIL: %s on %s is labelled but never logged" % (entry["module"], key[0]))
            ok = False
            continue
        h, s, top, lt = series[key].arrays(t0)
        (b, pb, be, pe, spread, ac), fail = judge(entry["verdict"], h, s, lt, t_end, span)
        if fail:
            ok = False
        row = {"scenario": name, "module": entry["module"][len(APP):], "host": key[0],
               "verdict": entry["verdict"], "points": len(s), "lifetimes": int(lt.max()) + 1,
               "top": float(top.mean()), "first": s[0], "last": s[-1], "check": fail or "ok"}
        rows.append(row)
        print("  %-14s %-6s %-9s %4d %2d %3.0f%% %9s %9s %7.2f (%7.1g) %7.2f (%7.1g) %6.2f %5.2f  %s" % (
            row["module"][-14:], key[0], entry["verdict"], len(s), row["lifetimes"], 100 * row["top"],
            kib(s[0]), kib(s[-1]), b / 1024, pb, be / 1024, pe, spread, ac, "FAIL: " + fail if fail else "ok"))
    for key in sorted(k for k in series if k not in labelled):
        host, service, module = key
        h, s, top, lt = series[key].arrays(t0)
        if module.startswith(APP):
            print("  FAIL: application module %s on %s has no verdict" % (module, host))
            ok = False
        elif not excluded(module) and len(s) >= 12:
            w = end_window(h, lt, t_end, span)
            be, pe = linfit(h[w], s[w])
            if grows(be, pe, float(np.ptp(h[w])) if w.sum() else 0.0, s, 1e-3):
                print("  FAIL: %s on %s grows at the end (%.2f KiB/h, p=%.1g)" % (module, host, be / 1024, pe))
                ok = False
    for entry in expected.get("top_current_presence", []):
        key = (entry["labels"]["host"], entry["labels"]["service"], entry["module"])
        h, s, top, lt = series[key].arrays(t0)
        snaps = len({ts[:16] for labels, _, _, _, _, ts in records if labels.get("host") == key[0]})
        share = top.sum() / snaps
        good = share <= entry["at_most"]
        ok = ok and good
        print("  %s %s on %s: in top_current at %d of %d snapshots (%.0f%%; at most %.0f%%)" % (
            "ok:" if good else "FAIL:", entry["module"], key[0], top.sum(), snaps, 100 * share,
            100 * entry["at_most"]))
    return ok, rows


def kib(v):
    return "%.0fK" % (v / 1024) if v < 10 * 1024 ** 2 else "%.1fM" % (v / 1024 ** 2)


def verify(sidecar):
    expected = json.load(open(sidecar, encoding="utf-8"))
    log = log_path(sidecar)
    records = read_records(log)
    name = os.path.basename(sidecar)[:-len(".expected.json")]
    has_verdicts = "verdicts" in expected
    npid = len({(r[1], tuple(sorted(r[0].items()))) for r in records})
    print("%s (%d module x process series; leaking: %s)" % (
        os.path.relpath(log), npid,
        ", ".join(sorted({"%s@%s" % (x["module"], x["labels"].get("host")) for x in expected["leaking"]})) or "none"))
    ok = verify_leaking(expected, records, table=not has_verdicts)
    rows = []
    if has_verdicts:
        vok, rows = verify_verdicts(expected, records, name)
        ok = ok and vok
    print("  => %s\n" % ("OK" if ok else "FAILED"))
    return ok, rows


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    sidecars = sys.argv[1:] or (sorted(glob.glob(os.path.join(here, "*.expected.json"))) +
                                sorted(glob.glob(os.path.join(here, "scenarios", "*.expected.json"))))
    results = []
    for s in sidecars:
        results.append((s, verify(s)))
    if len(results) > 1:
        print("summary")
        for s, (ok, rows) in results:
            verdicts = collections.Counter(r["verdict"] for r in rows)
            print("  %-32s %-6s %s" % (os.path.basename(s)[:-len(".expected.json")], "OK" if ok else "FAILED",
                                       ", ".join("%d %s" % (n, v) for v, n in sorted(verdicts.items()))))
    sys.exit(0 if all(ok for _, (ok, _) in results) else 1)


if __name__ == "__main__":
    main()
