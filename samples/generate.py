#!/usr/bin/python3
"""Generate the sample tracemalloc logs in this directory by running a simulated service for real.

Run (from the repository root, with Debian's Python, which has structlog):

    apt-get install -y python3-structlog      # once
    /usr/bin/python3 samples/generate.py      # regenerate every sample
    /usr/bin/python3 samples/generate.py story  # only some scenarios
    /usr/bin/python3 samples/generate.py --list # the scenario table

For each scenario in SCENARIOS it writes:

    samples/<name>.jsonl          structlog JSON lines, as a real service emits them
    samples/<name>.expected.json  ground truth: which (module, process) series really grow

How it works. Each simulated process lifetime is a fresh Python subprocess (so a restart
really resets memory, tracemalloc and its start snapshot). The subprocess calls
tracemalloc.start(), imports structlog, loads the "application modules" -- real Python
source compiled under virtual paths such as /srv/shop/app/connections.py, so tracemalloc
attributes their allocations to stable, machine-independent filenames -- warms up, takes a
start snapshot, then "handles requests" (calls the modules, which allocate and free real
bytearrays, strings, lists and dicts) and every 5 simulated minutes takes a snapshot and
logs, through structlog with the JSON renderer, one line per statistic:

    log.info("top_current", i=i, stat=str(stat))   # snapshot.statistics("filename")[:N]
    log.info("since_start", i=i, stat=str(stat))   # snapshot.compare_to(start, "filename")[:N]

interleaved with the service's ordinary log lines (request_handled, cache_refresh, warnings,
about 0.5% of lines carrying non-ASCII user names). Every size in the output is what
tracemalloc measured in that process; nothing is invented. Only the clock (a simulated clock
that advances 5 minutes per snapshot, with a few seconds of deterministic jitter) and the
host/service/pid context are simulated. All randomness is seeded, so the output is
reproducible for a given Python and structlog version (recorded in each sidecar).

Details that are on purpose:
- structlog is configured as a real service would: add_log_level, a timestamper doing what
  TimeStamper(fmt="iso", utc=True) does (isoformat() + "Z", on the simulated clock), and
  JSONRenderer(ensure_ascii=False), so non-ASCII names are written as raw UTF-8. Context
  host/service/pid is bound with log.bind(), so those keys come first in each line.
- N (--top, default 10) statistics per event per snapshot; 288 snapshots a simulated day.
- About 1.2 ordinary lines per tracemalloc line: at 2 per line a day's file would be ~4 MB,
  and the samples are kept under ~3 MB.
- A 24-hour process takes a few minutes of CPU (tracemalloc's Snapshot.statistics and
  compare_to walk tens of thousands of traces in Python at each of its 288 snapshots);
  the lifetimes run in parallel, one per core.
- Reproducible: byte-identical output from run to run on this machine (the children run
  with a fixed PYTHONHASHSEED, without site, and under `setarch -R`: with address-space
  randomisation on, only the counts of the <frozen importlib...> lines vary by a few).
- The application keeps no snapshots, records or requests beyond what its pieces hold, and
  the timestamper avoids datetime.strftime: in CPython 3.11 it leaves behind a residue of
  52-byte objects attributed to its caller that kept growing for hours (it made server.py
  creep up by ~22 KiB over a day, a significant trend). The remaining interpreter-level
  residue (tuple and dict free lists refilled by tracemalloc's own work) is bounded; most
  of it shows up as tracemalloc.py, which the tool excludes by default.

Adding a scenario: add an entry to SCENARIOS built from Process(...) lifetimes (restarts()
makes a series of them) whose modules are lists of behaviour pieces (steady_pool, leak,
constant, noise, warmup_cache, hourly_buffer, one_time_step, released_pool). A module whose
pieces include a leak active during the lifetime is declared leaking in the sidecar. Then
check the sidecar against the log with samples/verify.py (needs numpy and scipy).
"""

import os
import sys

if __name__ == "__main__" and sys.argv[1:2] == ["--child"]:
    # One process lifetime of the simulated service. Read the configuration and compile
    # the service's sources *before* tracemalloc.start(), and import nothing else, so that
    # nothing this bootstrap does is traced (and attributed to this file's own,
    # machine-dependent path), while everything the service imports is.
    import marshal
    _cfg = marshal.load(sys.stdin.buffer)
    # Keep the traced part independent of the machine and of this directory's contents.
    # The interpreter runs with -S (no site: no machine-specific .pth hooks); the service's
    # root (which does not exist here) replaces this script's directory on sys.path and
    # structlog's site-packages directory is added; structlog's optional extras count as
    # absent even where installed; and the import system's directory listings are cached
    # before tracing starts.
    sys.path[0] = _cfg["app_root"]
    sys.path.append(_cfg["site_packages"])
    for _extra in ("twisted", "colorama", "better_exceptions", "rich", "greenlet"):
        sys.modules[_extra] = None
    import importlib.util
    importlib.util.find_spec("structlog")
    _g = {"__name__": "__main__", "__file__": _cfg["server_path"], "__builtins__": __builtins__,
          "CONFIG": _cfg,
          "MEMTRACE_CODE": compile(_cfg.pop("memtrace_source"), _cfg["memtrace_path"], "exec"),
          "APP_CODE": [compile(src, path, "exec") for path, src in _cfg.pop("modules")]}
    _server = compile(_cfg.pop("server_source"), _cfg["server_path"], "exec")
    import tracemalloc
    tracemalloc.start()
    exec(_server, _g)
    sys.exit(0)

import argparse
import concurrent.futures
import datetime
import json
import marshal
import shutil
import subprocess
import tempfile
import textwrap

HERE = os.path.dirname(os.path.abspath(__file__))
APP = "/srv/shop/app"
SNAPSHOT_INTERVAL_S = 300
DEFAULT_TOP = 10
KiB = 1024
MiB = 1024 * 1024


# --------------------------------------------------------------------------------------
# Behaviour pieces. Each is the source of a small class; a module's source is the classes
# it uses plus a PARTS list instantiating them. The code runs *inside* the virtual module,
# so whatever it allocates is attributed by tracemalloc to that module's path.
# Interface: setup(seed) once before the start snapshot; handle(t) on every request, where
# t is hours since the process started.
# --------------------------------------------------------------------------------------

PIECE_SOURCES = {
    "SteadyPool": '''
class SteadyPool:
    """A fixed set of long-lived buffers (e.g. a connection pool's I/O buffers).
    Buffers are recycled now and then (freed and reallocated at the same size), so the
    total is constant."""

    def __init__(self, total_bytes, blocks=12, recycle_per_hour=3.0):
        self.total_bytes = total_bytes
        self.blocks = blocks
        self.recycle_per_hour = recycle_per_hour
        self.buffers = []
        self.rng = None
        self.last = 0.0

    def setup(self, seed):
        self.rng = random.Random(seed)
        size = self.total_bytes // self.blocks
        self.buffers = [bytearray(size) for _ in range(self.blocks)]

    def handle(self, t):
        dt = t - self.last
        self.last = t
        if self.rng.random() < self.recycle_per_hour * dt:
            n = self.rng.randrange(self.blocks)
            size = len(self.buffers[n])
            self.buffers[n] = None
            self.buffers[n] = bytearray(size)
''',
    "SteadyLeak": '''
class SteadyLeak:
    """The leak: a record kept forever at a steady average rate (e.g. the TLS session
    ticket of every closed connection, appended to a list nobody prunes), from
    from_hour (hours since process start) on."""

    def __init__(self, bytes_per_hour, record_bytes=256, from_hour=0.0):
        self.bytes_per_hour = bytes_per_hour
        self.record_bytes = record_bytes
        self.from_hour = from_hour
        self.kept = []
        self.debt = 0.0
        self.rng = None
        self.last = 0.0
        self.next_size = record_bytes

    def setup(self, seed):
        self.rng = random.Random(seed)
        self.next_size = self._draw()

    def _draw(self):
        return self.rng.randint(self.record_bytes // 2, self.record_bytes * 3 // 2)

    def handle(self, t):
        dt = t - self.last
        self.last = t
        if t < self.from_hour:
            return
        self.debt += self.bytes_per_hour * dt
        while self.debt >= self.next_size:
            self.debt -= self.next_size
            # a bytes object of n payload bytes takes n + 33 bytes, plus the list slot
            self.kept.append(bytes(max(1, self.next_size - 41)))
            self.next_size = self._draw()
''',
    "ConstantData": '''
class ConstantData:
    """Reference data loaded once at startup and never changed (e.g. the product catalog,
    kept as JSON documents by SKU), about total_bytes as sys.getsizeof counts it."""

    WORDS = ("alpine", "basic", "cotton", "deluxe", "eco", "fleece", "granite", "heavy",
             "indigo", "jersey", "kraft", "linen", "merino", "nordic", "organic", "plain")

    def __init__(self, total_bytes):
        self.total_bytes = total_bytes
        self.items = {}

    def setup(self, seed):
        rng = random.Random(seed)
        words = self.WORDS
        items = {}
        used = 0
        n = 0
        while used + sys.getsizeof(items) < self.total_bytes:
            sku = "SKU-%06d" % n
            items[sku] = ('{"sku": "%s", "name": "%s", "price": %.2f, "tags": ["%s", "%s"], '
                          '"description": "%s"}' % (
                              sku, " ".join([rng.choice(words) for _ in range(3)]).title(),
                              rng.uniform(2, 400), rng.choice(words), rng.choice(words),
                              " ".join([rng.choice(words) for _ in range(rng.randint(50, 150))])))
            used += sys.getsizeof(sku) + sys.getsizeof(items[sku])
            n += 1
        self.items = items

    def handle(self, t):
        pass
''',
    "InflightBuffers": '''
class InflightBuffers:
    """Request-scoped memory: a fixed number of slots, each empty or holding the data of
    one in-flight request (kind: "bytes" request bodies, "str" rendered pages, "dict"
    parsed payloads) of a random size. What is alive at a snapshot is random, with no
    trend. busy is the long-run fraction of occupied slots."""

    def __init__(self, slots=16, busy=0.35, min_bytes=1024, max_bytes=32768, kind="bytes",
                 finish=0.25):
        self.n = slots
        self.finish = finish
        self.arrive = finish * busy / (1.0 - busy)
        self.min_bytes = min_bytes
        self.max_bytes = max_bytes
        self.kind = kind
        self.slots = []
        self.rng = None

    def setup(self, seed):
        self.rng = random.Random(seed)
        self.slots = [None] * self.n

    def _make(self, size):
        if self.kind == "bytes":
            return bytearray(size)
        if self.kind == "str":
            return "<li class=item>%08d</li>" % size * (size // 28)
        return {"f%d" % k: k * 0.5 for k in range(size // 120)}

    def handle(self, t):
        rng = self.rng
        slots = self.slots
        for k in range(self.n):
            if slots[k] is None:
                if rng.random() < self.arrive:
                    slots[k] = self._make(rng.randint(self.min_bytes, self.max_bytes))
            elif rng.random() < self.finish:
                slots[k] = None
''',
    "WarmupCache": '''
class WarmupCache:
    """A bounded cache that fills after start, approaching capacity_bytes as
    1 - exp(-t / tau_hours), then stays full (evicting the oldest entry per insert)."""

    def __init__(self, capacity_bytes, tau_hours=1.0, entry_bytes=2048):
        self.capacity = capacity_bytes
        self.tau = tau_hours
        self.entry_bytes = entry_bytes
        self.entries = {}
        self.held = 0
        self.n = 0
        self.rng = None

    def setup(self, seed):
        self.rng = random.Random(seed)

    def handle(self, t):
        want = self.capacity * (1.0 - math.exp(-t / self.tau))
        while self.held + self.entry_bytes <= want:
            self.entries["k%d" % self.n] = bytes(self.entry_bytes - 33)
            self.n += 1
            self.held += self.entry_bytes
        if self.entries and self.rng.random() < 0.2:
            # churn at the plateau: replace the oldest entry by a new one
            del self.entries[next(iter(self.entries))]
            self.entries["k%d" % self.n] = bytes(self.entry_bytes - 33)
            self.n += 1
''',
    "HourlyBuffer": '''
class HourlyBuffer:
    """Records buffered at bytes_per_hour and flushed (released) every flush_hours:
    a saw-tooth that never grows overall."""

    def __init__(self, bytes_per_hour, flush_hours=1.0, record_bytes=512):
        self.bytes_per_hour = bytes_per_hour
        self.flush_hours = flush_hours
        self.record_bytes = record_bytes
        self.buf = []
        self.debt = 0.0
        self.last = 0.0
        self.flushed_at = 0.0

    def setup(self, seed):
        pass

    def handle(self, t):
        dt = t - self.last
        self.last = t
        if t - self.flushed_at >= self.flush_hours:
            self.buf = []
            self.flushed_at = t
        self.debt += self.bytes_per_hour * dt
        while self.debt >= self.record_bytes:
            self.debt -= self.record_bytes
            self.buf.append(bytes(self.record_bytes - 41))
''',
    "OneTimeStep": '''
class OneTimeStep:
    """A one-time allocation at at_hour (e.g. a model or a big config loaded on first
    use), kept afterwards: a step, not a leak."""

    def __init__(self, at_hour, total_bytes):
        self.at_hour = at_hour
        self.total_bytes = total_bytes
        self.data = None

    def setup(self, seed):
        pass

    def handle(self, t):
        if self.data is None and t >= self.at_hour:
            self.data = [bytearray(self.total_bytes // 8) for _ in range(8)]
''',
    "ReleasedPool": '''
class ReleasedPool:
    """Memory held at startup and released little by little (e.g. a preloaded pool
    shrinking to its floor): shrinking, then flat."""

    def __init__(self, initial_bytes, release_per_hour, floor_bytes=0, blocks=64):
        self.block = initial_bytes // blocks
        self.keep_blocks = floor_bytes // self.block
        self.release_per_hour = release_per_hour
        self.blocks = []
        self.n = blocks
        self.debt = 0.0
        self.last = 0.0

    def setup(self, seed):
        self.blocks = [bytearray(self.block) for _ in range(self.n)]

    def handle(self, t):
        dt = t - self.last
        self.last = t
        self.debt += self.release_per_hour * dt
        while self.debt >= self.block and len(self.blocks) > self.keep_blocks:
            self.debt -= self.block
            self.blocks.pop()
''',
}


class Piece:
    """One behaviour of a module: the name of a class in PIECE_SOURCES and its arguments."""

    def __init__(self, piece_class, **args):
        assert piece_class in PIECE_SOURCES, piece_class
        self.kind = piece_class
        self.args = args

    def source(self):
        return "%s(%s)" % (self.kind, ", ".join("%s=%r" % kv for kv in self.args.items()))

    def grows_during(self, hours):
        return self.kind == "SteadyLeak" and self.args.get("from_hour", 0.0) < hours


def steady_pool(total_bytes, **kw):
    return Piece("SteadyPool", total_bytes=total_bytes, **kw)


def leak(bytes_per_hour, **kw):
    return Piece("SteadyLeak", bytes_per_hour=bytes_per_hour, **kw)


def constant(total_bytes):
    return Piece("ConstantData", total_bytes=total_bytes)


def noise(**kw):
    return Piece("InflightBuffers", **kw)


def warmup_cache(capacity_bytes, **kw):
    return Piece("WarmupCache", capacity_bytes=capacity_bytes, **kw)


def hourly_buffer(bytes_per_hour, **kw):
    return Piece("HourlyBuffer", bytes_per_hour=bytes_per_hour, **kw)


def one_time_step(at_hour, total_bytes):
    return Piece("OneTimeStep", at_hour=at_hour, total_bytes=total_bytes)


def released_pool(initial_bytes, release_per_hour, **kw):
    return Piece("ReleasedPool", initial_bytes=initial_bytes, release_per_hour=release_per_hour, **kw)


def module_source(path, pieces):
    kinds = []
    for p in pieces:
        if p.kind not in kinds:
            kinds.append(p.kind)
    out = ['"""%s -- simulated application module (generated by samples/generate.py)."""' % path,
           "import math", "import random", "import sys", ""]
    out += [textwrap.dedent(PIECE_SOURCES[k]).strip() + "\n\n" for k in kinds]
    out.append("PARTS = [\n%s]\n" % "".join("    %s,\n" % p.source() for p in pieces))
    out.append(textwrap.dedent('''
        def setup(seed):
            for n, part in enumerate(PARTS):
                part.setup("%s/%d" % (seed, n))


        def handle(t):
            for part in PARTS:
                part.handle(t)
        '''))
    return "\n".join(out)


# --------------------------------------------------------------------------------------
# The service itself (main loop, logging) and its memory tracing, also run under virtual
# paths. CONFIG, APP_CODE and the compiled memtrace code are injected by the bootstrap.
# --------------------------------------------------------------------------------------

SERVER_PATH = APP + "/server.py"
MEMTRACE_PATH = APP + "/memtrace.py"

MEMTRACE_SOURCE = '''\
"""Periodic tracemalloc reports through structlog."""
import tracemalloc

KEY_TYPE = "filename"
_start = None


def start(log, top):
    global _start
    _start = tracemalloc.take_snapshot()
    log.info("memtrace_started", key_type=KEY_TYPE, top=top,
             traceback_limit=tracemalloc.get_traceback_limit())


def report(log, top, tick):
    snapshot = tracemalloc.take_snapshot()
    for i, stat in enumerate(snapshot.statistics(KEY_TYPE)[:top], 1):
        tick()
        log.info("top_current", i=i, stat=str(stat))
    for i, stat in enumerate(snapshot.compare_to(_start, KEY_TYPE)[:top], 1):
        tick()
        log.info("since_start", i=i, stat=str(stat))
'''

SERVER_SOURCE = '''\
"""The shop service: loads its modules, handles requests, reports memory every 5 minutes.
Time is simulated: SimClock, not the wall clock, drives everything."""
import datetime
import random
import sys
import types

import structlog

EPOCH = datetime.datetime(1970, 1, 1)


class SimClock:
    """Microseconds since the epoch, UTC."""

    def __init__(self, us):
        self.us = us

    def utcnow(self):
        return EPOCH + datetime.timedelta(microseconds=self.us)


CLOCK = SimClock(CONFIG["start_us"])


def timestamper(logger, method_name, event_dict):
    """What structlog.processors.TimeStamper(fmt="iso", utc=True) does, reading the
    simulated clock instead of datetime.datetime.utcnow()."""
    event_dict["timestamp"] = CLOCK.utcnow().isoformat() + "Z"
    return event_dict


OUT = open(CONFIG["out"], "w", encoding="utf-8")
structlog.configure(
    processors=[
        structlog.processors.add_log_level,
        timestamper,
        structlog.processors.JSONRenderer(ensure_ascii=False),
    ],
    wrapper_class=structlog.make_filtering_bound_logger(20),
    logger_factory=structlog.PrintLoggerFactory(OUT),
    cache_logger_on_first_use=True,
)
log = structlog.get_logger().bind(host=CONFIG["host"], service=CONFIG["service"], pid=CONFIG["pid"])

memtrace = types.ModuleType("shop.app.memtrace")
memtrace.__file__ = MEMTRACE_CODE.co_filename
sys.modules[memtrace.__name__] = memtrace
exec(MEMTRACE_CODE, memtrace.__dict__)

MODULES = []
for code in APP_CODE:
    name = "shop.app." + code.co_filename.rsplit("/", 1)[1][:-3]
    mod = types.ModuleType(name)
    mod.__file__ = code.co_filename
    sys.modules[name] = mod
    exec(code, mod.__dict__)
    MODULES.append(mod)

rng = random.Random(CONFIG["seed"] + "/requests")
jitter = random.Random(CONFIG["seed"] + "/clock")

ASCII_USERS = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan",
               "judy", "mallory", "oscar", "peggy", "trent", "victor", "walter"]
NON_ASCII_USERS = ["Zoë", "Jürgen", "李雷", "Łukasz", "Renée", "Søren", "José", "Dvořák"]
PATHS = [("GET", "/api/products", 30), ("GET", "/api/products/{id}", 30), ("GET", "/api/cart", 14),
         ("POST", "/api/cart/items", 8), ("DELETE", "/api/cart/items/{id}", 2),
         ("POST", "/api/checkout", 3), ("GET", "/api/orders/{id}", 5), ("GET", "/healthz", 8)]
PATH_WEIGHTS = [w for _, _, w in PATHS]
STATUSES = {"GET": ([200, 304, 302, 404, 500], [900, 40, 10, 45, 5]),
            "POST": ([201, 400, 409, 500], [920, 50, 20, 10]),
            "DELETE": ([204, 404, 500], [950, 45, 5])}


def hours():
    return (CLOCK.us - CONFIG["start_us"]) / 3.6e9


def handle_request():
    t = hours()
    for mod in MODULES:
        mod.handle(t)
    method, path, _ = rng.choices(PATHS, PATH_WEIGHTS)[0]
    if "{id}" in path:
        path = path.replace("{id}", str(rng.randint(1000, 99999)))
    status = rng.choices(*STATUSES[method])[0]
    duration = round(rng.lognormvariate(2.7, 0.6), 1)
    if rng.random() < CONFIG["non_ascii_rate"]:
        user = rng.choice(NON_ASCII_USERS)
    else:
        user = rng.choice(ASCII_USERS)
    log.info("request_handled", method=method, path=path, status=status, duration_ms=duration, user=user)
    if duration > 90:
        log.warning("slow_request", path=path, duration_ms=duration, threshold_ms=90)
    elif status == 500:
        log.error("upstream_failed", upstream="payments", attempt=rng.randint(1, 3), path=path)
    elif rng.random() < 0.004:
        log.warning("upstream_retry", upstream=rng.choice(["inventory", "payments", "search"]),
                    attempt=2, delay_ms=rng.choice([50, 100, 200]))


def requests_until(t_end_us):
    """Handle a random number of requests at random times before t_end_us."""
    lo, hi = CONFIG["requests_per_interval"]
    n = rng.randint(lo, hi)
    for t in sorted([rng.randint(CLOCK.us + 1, t_end_us - 1) for _ in range(n)]):
        CLOCK.us = t
        handle_request()


def tick():
    CLOCK.us += jitter.randint(9, 70)


# -- startup --
CLOCK.us += jitter.randint(50_000, 900_000)
log.info("service_starting", version="2.14.3", python=sys.version.split()[0])
for n, mod in enumerate(MODULES):
    mod.setup(CONFIG["seed"] + "/" + mod.__file__)
warm_end = CONFIG["start_us"] + jitter.randint(12_000_000, 25_000_000)
requests_until(warm_end)
CLOCK.us = warm_end
log.info("service_ready", modules=len(MODULES), workers=1)
memtrace.start(log, CONFIG["top"])

interval_us = CONFIG["interval_s"] * 1_000_000
for k in range(1, CONFIG["snapshots"] + 1):
    t_snap = CONFIG["start_us"] + k * interval_us + jitter.randint(500_000, 4_500_000)
    requests_until(t_snap)
    if k % 3 == 0:
        CLOCK.us += jitter.randint(1000, 90_000)
        log.info("cache_refresh", cache="catalog", entries=rng.randint(5400, 5600),
                 took_ms=round(rng.uniform(20, 80), 1))
    CLOCK.us = t_snap
    memtrace.report(log, CONFIG["top"], tick)
if CONFIG["shutdown"]:
    CLOCK.us += jitter.randint(1_000_000, 20_000_000)
    log.info("service_stopping", reason=CONFIG["shutdown"])
OUT.close()
'''


# --------------------------------------------------------------------------------------
# The scenario table.
# --------------------------------------------------------------------------------------

SIM_START = datetime.datetime(2026, 11, 2, 0, 0, 0, tzinfo=datetime.timezone.utc)


class Process:
    """One process lifetime: a fresh Python process from start (hours after SIM_START) for
    hours, logging as host/service/pid. modules: {module file name: [pieces]}. seed: the
    randomness of requests and noise; two scenarios with the same seed and modules see the
    same traffic."""

    def __init__(self, host, service, pid, modules, hours, start=0.0, seed=None,
                 shutdown="deploy"):
        self.host = host
        self.service = service
        self.pid = pid
        self.modules = {(m if m.startswith("/") else APP + "/" + m): p for m, p in modules.items()}
        self.hours = hours
        self.start = start
        self.seed = seed or "%s/%s/%d" % (service, host, pid)
        self.shutdown = shutdown

    def labels(self):
        return {"host": self.host, "service": self.service, "pid": str(self.pid)}

    def start_time(self):
        return SIM_START + datetime.timedelta(hours=self.start)


def restarts(host, service, first_pid, modules, every_hours, total_hours, start=0.0, pid_step=211):
    """Successive lifetimes of one service on one host, restarted every every_hours."""
    out, t, pid = [], start, first_pid
    while t < start + total_hours - 1e-9:
        h = min(every_hours, start + total_hours - t)
        out.append(Process(host, service, pid, modules, h, start=t))
        t += h
        pid += pid_step
    return out


class Scenario:
    def __init__(self, description, processes, requests_per_interval=(18, 28), non_ascii_rate=0.009):
        self.description = description
        self.processes = processes
        self.requests_per_interval = requests_per_interval
        self.non_ascii_rate = non_ascii_rate


def shop_modules(leak_bytes_per_hour=0):
    """The shop service of the seed story: a large steady connection pool (optionally with
    a tiny leak), a constant catalog, and three modules of request-scoped noise."""
    if leak_bytes_per_hour:
        # the leak's own code and state take ~6 KiB: shrink the pool so the module still
        # starts at ~1840 KiB
        conn = [steady_pool(1827 * KiB, blocks=12), leak(leak_bytes_per_hour, record_bytes=256)]
    else:
        conn = [steady_pool(1833 * KiB, blocks=12)]
    return {
        "connections.py": conn,
        "catalog.py": [constant(int(2.5 * MiB))],
        "handlers.py": [noise(slots=24, busy=0.35, min_bytes=1 * KiB, max_bytes=32 * KiB, kind="bytes")],
        "render.py": [noise(slots=16, busy=0.3, min_bytes=2 * KiB, max_bytes=48 * KiB, kind="str")],
        "sessions.py": [noise(slots=32, busy=0.3, min_bytes=1 * KiB, max_bytes=20 * KiB, kind="dict")],
    }


SCENARIOS = {
    "story": Scenario(
        "The seed story: one shop process on web-1, 24 hours of 5-minute snapshots. "
        "/srv/shop/app/connections.py holds a steady ~1840 KiB connection pool and leaks "
        "about 3 KiB per hour (TLS session tickets kept forever), so its rounded size barely "
        "moves; catalog.py holds a constant ~2.5 MiB; handlers.py, render.py and sessions.py "
        "carry request-scoped noise of tens to hundreds of KiB with no trend.",
        [Process("web-1", "shop", 4127, shop_modules(leak_bytes_per_hour=3 * KiB), hours=24,
                 seed="shop/web-1/day-1", shutdown=None)],
    ),
    "healthy": Scenario(
        "The same shop service, traffic and noise as the story (same seed), with the same "
        "constant pools but no leak: nothing grows.",
        [Process("web-1", "shop", 4127, shop_modules(), hours=24,
                 seed="shop/web-1/day-1", shutdown=None)],
    ),
}


# --------------------------------------------------------------------------------------
# Running.
# --------------------------------------------------------------------------------------

def child_config(scenario, proc, top, out):
    start_us = int((proc.start_time() - datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc))
                   / datetime.timedelta(microseconds=1))
    return {
        "host": proc.host, "service": proc.service, "pid": proc.pid, "seed": proc.seed,
        "start_us": start_us, "interval_s": SNAPSHOT_INTERVAL_S,
        # a process that is stopped (restart, deploy) skips the snapshot that would fall at
        # its very end, so its last lines come before its successor's first ones
        "snapshots": int(round(proc.hours * 3600 / SNAPSHOT_INTERVAL_S)) - (1 if proc.shutdown else 0),
        "top": top, "out": out, "shutdown": proc.shutdown,
        "requests_per_interval": list(scenario.requests_per_interval),
        "non_ascii_rate": scenario.non_ascii_rate,
        "modules": [(path, module_source(path, pieces)) for path, pieces in proc.modules.items()],
        "app_root": os.path.dirname(APP), "site_packages": site_packages(), "server_path": SERVER_PATH, "server_source": SERVER_SOURCE,
        "memtrace_path": MEMTRACE_PATH, "memtrace_source": MEMTRACE_SOURCE,
    }


def site_packages():
    import importlib.util
    spec = importlib.util.find_spec("structlog")
    return os.path.dirname(list(spec.submodule_search_locations)[0])


def run_process(cfg):
    # Fixed string hashing, no site (-S), no user environment variables for Python, and,
    # where setarch is available, no address-space randomisation: objects hashed by address
    # otherwise change iteration orders, and with them which code's allocations end up on
    # the interpreter's free lists, by a few bytes here and there from run to run.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1")
    cmd = [sys.executable, "-S", os.path.abspath(__file__), "--child"]
    setarch = shutil.which("setarch")
    if setarch and subprocess.run([setarch, os.uname().machine, "-R", "true"],
                                  capture_output=True).returncode == 0:
        cmd = [setarch, os.uname().machine, "-R"] + cmd
    r = subprocess.run(cmd, input=marshal.dumps(cfg), env=env, capture_output=True)
    if r.returncode != 0:
        raise RuntimeError("process %s/%s failed:\n%s" % (cfg["host"], cfg["pid"], r.stderr.decode()))
    if r.stderr.strip():
        sys.stderr.write(r.stderr.decode())


def versions():
    import importlib.metadata
    import platform
    return {"python": platform.python_version(), "structlog": importlib.metadata.version("structlog")}


def write_sample(name, scenario, outdir, outputs):
    """Merge the processes' logs by time into <name>.jsonl and write the sidecar."""
    records = []
    for n, out in enumerate(outputs):
        with open(out, encoding="utf-8") as f:
            for k, line in enumerate(f):
                ts = json.loads(line)["timestamp"]
                if "." not in ts:  # isoformat() drops the fraction when it is zero
                    ts = ts[:-1] + ".000000Z"
                records.append((ts, n, k, line))
    records.sort()
    path = os.path.join(outdir, name + ".jsonl")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.writelines(r[3] for r in records)
    leaking = []
    for p in scenario.processes:
        for module, pieces in p.modules.items():
            if any(piece.grows_during(p.hours) for piece in pieces):
                leaking.append({"module": module, "labels": p.labels()})
    expected = {
        "generator": dict(versions(), command="/usr/bin/python3 samples/generate.py " + name,
                          note="sizes are real tracemalloc measurements made with this Python and "
                               "structlog; other versions give slightly different numbers"),
        "description": scenario.description,
        "leaking": leaking,
        "processes": [{
            "labels": p.labels(),
            "from": p.start_time().strftime("%Y-%m-%dT%H:%M:%SZ"),
            "to": (p.start_time() + datetime.timedelta(hours=p.hours)).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "modules": {m: [piece.source() for piece in pieces] for m, pieces in p.modules.items()},
        } for p in scenario.processes],
    }
    with open(os.path.join(outdir, name + ".expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=2, ensure_ascii=False)
        f.write("\n")
    return path, len(records)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("scenarios", nargs="*", help="scenario names (default: all)")
    ap.add_argument("--top", type=int, default=DEFAULT_TOP, help="statistics logged per snapshot (N)")
    ap.add_argument("--out", default=HERE, help="output directory (default: this directory)")
    ap.add_argument("--list", action="store_true", help="list the scenarios and exit")
    args = ap.parse_args()
    if args.list:
        for name, sc in SCENARIOS.items():
            print("%-12s %s" % (name, sc.description))
        return
    try:
        import structlog  # noqa: F401
    except ImportError:
        sys.exit("structlog is missing: apt-get install -y python3-structlog, and run with /usr/bin/python3")
    names = args.scenarios or list(SCENARIOS)
    for name in names:
        if name not in SCENARIOS:
            sys.exit("unknown scenario %r (have: %s)" % (name, ", ".join(SCENARIOS)))
    with tempfile.TemporaryDirectory(prefix="leak-samples-") as tmp:
        jobs = {name: [child_config(SCENARIOS[name], p, args.top, os.path.join(tmp, "%s.%d.jsonl" % (name, n)))
                       for n, p in enumerate(SCENARIOS[name].processes)] for name in names}
        # every process lifetime of every scenario is independent: run them side by side
        with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            list(pool.map(run_process, [cfg for cfgs in jobs.values() for cfg in cfgs]))
        for name in names:
            path, n = write_sample(name, SCENARIOS[name], args.out, [cfg["out"] for cfg in jobs[name]])
            print("%s: %d lines, %d bytes" % (os.path.relpath(path), n, os.path.getsize(path)))

if __name__ == "__main__":
    main()
