"""Thirty people at once: latency, errors, lost answers and server memory under a room's load.

At a 3-2-1-Co! session thirty municipal staff open the Subsidiewijzer at the same moment, each
on their own laptop. This script starts the app as README.md does (`.venv/bin/python -m
streamlit run app.py --server.headless true --server.port PORT`, bound to 127.0.0.1, drafts in a
throwaway SQLite file) and then:

1. warms the server up with one full journey (not measured: in the room the facilitator has
   opened the app before anyone else);
2. measures pairs: the journey with 1 session (`--single-runs` journeys, one after the
   other), then with 30 concurrent sessions, and prints per kind of interaction the median
   and p95 latency (from sending the change to the server's `script_finished`, i.e. the
   whole rerun plus the deltas on the wire) and the p95 ratio. With `--repeats N` it
   measures N such pairs on the same server and prints each pair's ratio, the median ratio
   and the pooled table: a p95 of one person rests on a few dozen interactions, so one pair
   alone moves with whatever else the machine does. It also prints the CPU the server and
   this load generator used during the crowd, since both share the machine's cores;
3. counts errors (exceptions on a page, broken connections, timeouts, failed PDF downloads)
   and lost answers: after the journey every session's draft link is opened in a fresh session
   and every answer, cost line and the estimate must be there as entered;
4. measures the server's memory per idle session: RSS of the server process (/proc) before and
   after opening 30 idle sessions on the Start page, divided by 30.

Why Streamlit's websocket protocol and not 30 Chromium contexts: this machine has 2 cores, and
30 headless renderers of a React app would take most of them, so the figures would measure the
load generator rather than the server, while in the room every person renders on their own
laptop. `stclient.py` speaks the browser's own protocol (the same protobuf messages, decoded with
Streamlit's classes of the installed version), so the server does exactly the work it does for
a browser: the same reruns, callbacks, draft saves, deltas and media downloads. The browser side
is covered by the Playwright tests (tests/test_browser_keyboard.py, tests/test_restart.py).

Pacing: each simulated person waits a random 1.5 to 4 s between interactions (a person reads
a question and clicks an answer; typing a title or an amount takes longer), the same in the
1-session and the 30-session run. With --think-min/--think-max the pace can be pushed harder. Targets
(issue 7): 0 errors, 0 lost answers, p95 at 30 sessions at most 2x the 1-session p95, at most
5 MB server memory per idle session (the ratio target is judged on the median of the pairs).
Everything is bounded: a hard timeout (by default 2 minutes plus 100 s per single journey and
150 s per crowd) stops the run, and the script only talks to 127.0.0.1.

Beyond one process (issue 17): `--replicas 2` starts one process and two more behind
deploy/nginx.conf (Debian's nginx, sticky by a cookie per simulated browser), all on one
throwaway PostgreSQL, and measures 30 and 60 sessions on the lone process and through the proxy
in the same run (see `main_replicas`).

Usage: .venv/bin/python bench/bench_load.py [--sessions 30] [--repeats 3] [--single-runs 3]
       .venv/bin/python bench/bench_load.py --replicas 2 [--crowds 30 60] [--single-runs 2]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stclient import ProtocolError, Session, current_value

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


# ----------------------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


class Server:
    """The app started as README.md says, on 127.0.0.1, with its own throwaway draft store."""

    def __init__(
        self, port: int, drafts_path: Path, log_path: Path, db_url: str | None = None
    ) -> None:
        self.port = port
        env = dict(os.environ, SUBSIDIEWIJZER_DRAFTS_PATH=str(drafts_path))
        env.pop("SUBSIDIEWIJZER_DB_URL", None)
        if db_url:  # --replicas: every process on the one shared PostgreSQL
            env["SUBSIDIEWIJZER_DB_URL"] = db_url
        self.log = log_path.open("wb")
        self.process = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "python"),
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.address",
                HOST,
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_healthy(self, timeout: float = 60) -> float:
        started = time.perf_counter()
        url = f"http://{HOST}:{self.port}/_stcore/health"
        while time.perf_counter() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.read() == b"ok":
                        return time.perf_counter() - started
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("server not healthy in time")

    def rss_mb(self, pid: int | None = None) -> float:
        """Resident memory of the server process, from /proc (MB = 2**20 bytes)."""
        for line in Path(f"/proc/{pid or self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS")

    def children_rss_mb(self) -> float:
        """Resident memory of the server's child processes (the PDF worker, its tracker)."""
        total = 0.0
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                total += self.rss_mb(int(child))
        return total

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)
        self.log.close()


# ----------------------------------------------------------------------------- the journey


@dataclass
class Step:
    """One thing a person does: open a page, answer a question, add a cost line, download."""

    kind: str  # goto | answer | add (a cost line) | cost (a field of a line) | download
    page: str = ""
    label: str = ""
    widget: str | None = None
    value: Any = None
    nth: int = 0
    shown: Any = None  # what the widget shows afterwards, for the lost-answer check
    line: str = ""
    """A cost line's field: the button that opens its line ("Regel 2 wijzigen"). Kosten en
    uren shows one line's fields at a time; a line just added is the open one."""


def journey(index: int) -> list[Step]:
    """A complete Innovatief application, different per person so a mix-up would show."""
    start = dt.date(2019, 11, 1)
    title = f"Leerlab zaal {index:02d}"
    steps = [
        Step("goto", page="organisatie"),
        Step(
            "answer",
            "organisatie",
            "Wat voor organisatie vraagt de subsidie aan?",
            "radio",
            "Gemeente",
        ),
        Step(
            "answer",
            "organisatie",
            "Past uw organisatie de CAR-UWO toe (de cao van gemeenteambtenaren)?",
            "radio",
            "Ja",
        ),
        Step("answer", "organisatie", "Is de aanvrager een samenwerkingsverband?", "radio", "Nee"),
        Step(
            "answer",
            "organisatie",
            "Wordt de aanvraag gedaan door of via een extern bureau?",
            "radio",
            "Nee",
        ),
        Step("goto", page="project"),
        Step("answer", "project", "Titel van het project", "text_input", title),
        Step(
            "answer",
            "project",
            "Bij welk thema van de innovatieagenda sluit het project aan?",
            "radio",
            "6. Dienstverlening en digitalisering",
        ),
        Step(
            "answer",
            "project",
            "Voor wie is het project nieuw?",
            "radio",
            "Nieuw voor alle gemeenten (de sector)",
        ),
        Step(
            "answer",
            "project",
            "Hoe staat het project ervoor op de dag dat u indient?",
            "radio",
            "Nog niet begonnen",
        ),
        Step("answer", "project", "Startdatum van het project", "date_input", start),
        Step("answer", "project", "Einddatum van het project", "date_input", dt.date(2020, 10, 31)),
        Step("answer", "project", "Wanneer dient u in?", "date_input", dt.date(2019, 10, 21)),
        Step(
            "answer",
            "project",
            "Hoeveel deelnemers heeft de kleinste training of workshop?",
            "number_input",
            10 + index % 5,
        ),
        Step(
            "answer",
            "project",
            "Hoeveel andere gemeenten doen mee?",
            "number_input",
            2 + index % 3,
        ),
        Step(
            "answer",
            "project",
            "Datum van de interne opdracht of de getekende offerte",
            "date_input",
            dt.date(2019, 10, 7),
        ),
        Step("goto", page="regeling"),
        Step(
            "answer",
            "regeling",
            "Met welke regeling wilt u verder?",
            "radio",
            "Innovatieve Projectenregeling (advies)",
        ),
        Step("goto", page="kosten"),
        Step("add", "kosten", "Externe kostenregel toevoegen"),
        Step(
            "cost",
            "kosten",
            "Omschrijving",
            "text_input",
            f"Begeleiding leerlab {index:02d}",
            line="Regel 1 wijzigen",
        ),
        Step(
            "cost",
            "kosten",
            "Bedrag ex BTW (€)",
            "text_input",
            f"20.{index:03d}",
            line="Regel 1 wijzigen",
        ),
        Step("add", "kosten", "Externe kostenregel toevoegen"),
        Step(
            "cost",
            "kosten",
            "Omschrijving",
            "text_input",
            f"Training {index:02d}",
            line="Regel 2 wijzigen",
        ),
        Step(
            "cost", "kosten", "Bedrag ex BTW (€)", "text_input", "6.000,50", line="Regel 2 wijzigen"
        ),
        Step("add", "kosten", "Medewerker toevoegen"),
        Step(
            "cost",
            "kosten",
            "Rol",
            "text_input",
            f"Projectleider {index:02d}",
            line="Medewerker 1 wijzigen",
        ),
        Step(
            "cost", "kosten", "Uren", "text_input", f"{300 + index},5", line="Medewerker 1 wijzigen"
        ),
        Step("cost", "kosten", "Schaal", "selectbox", "11", line="Medewerker 1 wijzigen"),
        Step("cost", "kosten", "Periodiek", "selectbox", "5", line="Medewerker 1 wijzigen"),
        Step(
            "cost",
            "kosten",
            "Wie is de projectleider?",
            "selectbox",
            f"Regel 1: Projectleider {index:02d}",
        ),
        Step("goto", page="overzicht"),
        Step("goto", page="resultaat"),
        Step("download", "resultaat", label="PDF"),
    ]
    for step in steps:
        if step.kind in ("answer", "cost"):
            step.shown = step.value
    return steps


@dataclass
class Person:
    """One simulated participant: their latencies, errors and what they entered."""

    index: int
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    query_string: str = ""
    estimate: str = ""
    slowest: list[tuple[float, str]] = field(default_factory=list)
    cookie: str = ""
    """Each person is their own browser: behind the proxy their routing cookie picks the
    process (deploy/nginx.conf); a process ignores it."""


def estimate_text(session: Session) -> str:
    """The sidebar's estimate (the element with data-testid sw-estimate)."""
    text = session.texts()
    marker = 'data-testid="sw-estimate">'
    at = text.find(marker)
    if at < 0:
        return ""
    return text[at + len(marker) : text.find("<", at + len(marker))]


async def download(session: Session, label_part: str) -> float:
    """Fetch the PDF as the browser does when the download button is pressed."""
    buttons = [
        w for w in session.widgets() if w.kind == "download_button" and label_part in w.label
    ]
    if not buttons:
        raise ProtocolError(f"no download button with {label_part!r} on {session.page_name!r}")
    proto = buttons[0].proto
    started = time.perf_counter()
    url = proto.url
    if proto.HasField("deferred_file_id"):  # built on click: ask for it first
        url = await session.deferred_file_url(proto.deferred_file_id)
    if not url:
        raise ProtocolError("the download button has no URL")
    full = url if url.startswith("http") else session.http + "/" + url.lstrip("/")

    def fetch() -> bytes:
        request = urllib.request.Request(full, headers=session.headers())
        with urllib.request.urlopen(request, timeout=60) as response:
            return bytes(response.read())

    body = await asyncio.to_thread(fetch)
    if not body.startswith(b"%PDF"):
        raise ProtocolError("the download is not a PDF")
    return time.perf_counter() - started


async def run_person(
    person: Person, port: int, think: tuple[float, float], rng: random.Random
) -> None:
    """Open the app and go through the whole journey, pausing like a person between steps."""
    session = Session(HOST, port, cookie=person.cookie)
    try:
        result = await session.open()
        person.latencies["openen"].append(result.seconds)
        person.errors += result.exceptions
        for step in journey(person.index):
            await asyncio.sleep(rng.uniform(*think))
            if step.kind == "goto":
                result = await session.goto(step.page)
                person.latencies["pagina"].append(result.seconds)
                person.slowest.append((result.seconds, f"pagina {step.page}"))
            elif step.kind == "answer":
                result = await session.set(step.label, step.value, step.widget)
                person.latencies["antwoord"].append(result.seconds)
                person.slowest.append((result.seconds, f"antwoord {step.page}"))
            elif step.kind in ("add", "cost"):
                if step.kind == "add":
                    result = await session.click(step.label)
                else:
                    result = await session.set(step.label, step.value, step.widget, step.nth)
                person.latencies["kostenregel"].append(result.seconds)
                person.slowest.append((result.seconds, "kostenregel"))
            elif step.kind == "download":
                person.latencies["pdf"].append(await download(session, step.label))
                continue
            person.errors += result.exceptions
        person.query_string = session.query_string
        person.estimate = estimate_text(session)
    except (ProtocolError, TimeoutError, OSError) as error:
        person.errors.append(f"{type(error).__name__}: {error}")
    finally:
        await session.close()


async def check_person(person: Person, port: int) -> list[str]:
    """Reload: a fresh session on the draft link must show every answer as entered."""
    lost: list[str] = []
    if not person.query_string:
        return [f"person {person.index}: no draft link in the address ({person.query_string!r})"]
    session = Session(HOST, port, cookie=person.cookie)
    session.query_string = person.query_string
    try:
        await session.open()
        steps = journey(person.index)
        for page in dict.fromkeys(s.page for s in steps if s.kind in ("answer", "cost")):
            await session.goto(page)
            opened = ""
            for step in (s for s in steps if s.page == page and s.kind in ("answer", "cost")):
                if step.line and step.line != opened:
                    await session.click(step.line)
                    opened = step.line
                widget = session.widget(step.label, step.widget, step.nth)
                shown = current_value(widget)
                if not _same(shown, step.shown):
                    lost.append(
                        f"person {person.index}: {step.label!r} shows {shown!r}, entered {step.shown!r}"
                    )
        shown_estimate = estimate_text(session)
        if shown_estimate != person.estimate:
            lost.append(
                f"person {person.index}: estimate {shown_estimate!r}, was {person.estimate!r}"
            )
    except (ProtocolError, TimeoutError, OSError) as error:
        lost.append(f"person {person.index}: reload failed: {error}")
    finally:
        await session.close()
    return lost


def _same(shown: Any, entered: Any) -> bool:
    if isinstance(entered, dt.date):
        return shown == [entered.isoformat()]
    if isinstance(entered, int | float) and not isinstance(entered, bool):
        return shown is not None and float(shown) == float(entered)
    return bool(shown == entered)


# ----------------------------------------------------------------------------- phases


async def run_people(count: int, port: int, think: tuple[float, float], seed: int) -> list[Person]:
    """`count` people who open the link within 2 seconds of each other."""
    people = [Person(i, cookie=f"sw_route=bench-{seed}-{i}") for i in range(count)]
    rng = random.Random(seed)

    async def one(person: Person) -> None:
        await asyncio.sleep(rng.uniform(0, 2) if count > 1 else 0)
        await run_person(person, port, think, random.Random(seed * 1000 + person.index))

    await asyncio.gather(*(one(p) for p in people))
    return people


async def idle_memory(server: Server, port: int, count: int) -> tuple[float, float, float]:
    """RSS before and after `count` idle sessions on the Start page, and per session."""
    await asyncio.sleep(1)
    before = server.rss_mb()
    sessions = [Session(HOST, port) for _ in range(count)]
    for session in sessions:  # one by one: memory, not concurrency, is measured here
        await session.open()
    await asyncio.sleep(2)
    after = server.rss_mb()
    for session in sessions:
        await session.close()
    return before, after, (after - before) / count


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[rank]


def summarise(people: list[Person]) -> dict[str, list[float]]:
    merged: dict[str, list[float]] = defaultdict(list)
    for person in people:
        for kind, values in person.latencies.items():
            merged[kind] += values
        merged["alle"] += [v for values in person.latencies.values() for v in values]
    return merged


def machine() -> str:
    model = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    mem_kb = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem_kb = int(line.split()[1])
    return f"{os.cpu_count()} cores, {mem_kb / 1024 / 1024:.0f} GiB, {model}"


def cpu_seconds(pid: int) -> float:
    """CPU time of a process, all its threads (also the ended ones: one per Streamlit rerun)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU time all processes on the machine used so far (every core; /proc/stat)."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


KINDS = ("openen", "pagina", "antwoord", "kostenregel", "pdf", "alle")


def print_table(one: dict[str, list[float]], many: dict[str, list[float]], sessions: int) -> None:
    print(
        f"{'interaction':<12} {'n(1)':>5} {'median(1)':>10} {'p95(1)':>8} "
        f"{'n(' + str(sessions) + ')':>6} {'median':>8} {'p95':>8} {'p95 ratio':>9}"
    )
    for kind in KINDS:
        a, b = one.get(kind, []), many.get(kind, [])
        ratio = pct(b, 0.95) / pct(a, 0.95) if a and b else float("nan")
        print(
            f"{kind:<12} {len(a):>5} {statistics.median(a) * 1000 if a else float('nan'):>8.0f}ms"
            f" {pct(a, 0.95) * 1000:>6.0f}ms {len(b):>6} {statistics.median(b) * 1000 if b else float('nan'):>6.0f}ms"
            f" {pct(b, 0.95) * 1000:>6.0f}ms {ratio:>8.2f}x"
        )


@dataclass
class Pair:
    """One measurement pair: single-session journeys, then the crowd, on the same server."""

    single: list[Person]
    crowd: list[Person]
    lost: list[str]
    ratio: float
    load_before: str
    load_after: str
    server_cpu: float
    client_cpu: float
    machine_cpu: float
    crowd_seconds: float


async def measure_pair(
    server: Server, port: int, args: argparse.Namespace, think: tuple[float, float], run: int
) -> Pair:
    """`--single-runs` journeys alone, then `--sessions` people at once; the same journey and
    the same pacing in both, so the ratio compares like with like."""
    load_before = load_average()
    single: list[Person] = []
    for journey_run in range(args.single_runs):
        single += await run_people(1, port, think, seed=10 + run * args.single_runs + journey_run)
    cpu_server, cpu_client = cpu_seconds(server.process.pid), time.process_time()
    cpu_machine = machine_busy_seconds()
    started = time.perf_counter()
    crowd = await run_people(args.sessions, port, think, seed=99 + run)
    crowd_seconds = time.perf_counter() - started
    server_cpu = cpu_seconds(server.process.pid) - cpu_server
    client_cpu = time.process_time() - cpu_client
    machine_cpu = machine_busy_seconds() - cpu_machine
    lost: list[str] = []
    for person in crowd:
        lost += await check_person(person, port)
    ratio = pct(summarise(crowd)["alle"], 0.95) / pct(summarise(single)["alle"], 0.95)
    return Pair(
        single,
        crowd,
        lost,
        ratio,
        load_before,
        load_average(),
        server_cpu,
        client_cpu,
        machine_cpu,
        crowd_seconds,
    )


async def main(args: argparse.Namespace) -> int:
    work = Path(tempfile.mkdtemp(prefix="bench_load_"))
    port = free_port()
    server = Server(port, work / "drafts.sqlite3", work / "server.log")
    think = (args.think_min, args.think_max)
    failures: list[str] = []
    try:
        cold = server.wait_healthy()
        print(f"date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
        print(f"machine: {machine()}")
        print(f"load average before: {load_average()}")
        print(f"server healthy after {cold:.2f} s on {HOST}:{port}")
        print(
            f"{args.repeats} pair(s) of {args.single_runs} single-session journeys and"
            f" {args.sessions} sessions at once; pause {think[0]}-{think[1]} s between steps"
        )

        # Memory first, while the process has no freed memory from earlier sessions to reuse
        # (that would hide what a session costs): one tab loads the Start page's imports.
        first = Session(HOST, port)
        await first.open()
        await first.close()
        before, after, per_session = await idle_memory(server, port, args.sessions)

        warm = await run_people(1, port, (0.0, 0.0), seed=1)
        if warm[0].errors:
            print("warm-up errors:", *warm[0].errors, sep="\n  ")
            return 1

        pairs: list[Pair] = []
        for run in range(args.repeats):
            pair = await measure_pair(server, port, args, think, run)
            pairs.append(pair)
            print()
            others = pair.machine_cpu - pair.server_cpu - pair.client_cpu
            print(
                f"pair {run + 1}: load average {pair.load_before} before, {pair.load_after} after;"
                f" during the crowd the server used {pair.server_cpu / pair.crowd_seconds:.2f}"
                f" CPU cores, this load generator {pair.client_cpu / pair.crowd_seconds:.2f},"
                f" the PDF worker and all else on the machine {others / pair.crowd_seconds:.2f}"
                f" (of {os.cpu_count()})"
            )
            print_table(summarise(pair.single), summarise(pair.crowd), args.sessions)
            slow = sorted((t for p in pair.crowd for t in p.slowest), reverse=True)[:6]
            print("slowest:", ", ".join(f"{w} {s * 1000:.0f}ms" for s, w in slow))
            print(
                f"pair {run + 1}: p95 at {args.sessions} sessions / p95 at 1 session:"
                f" {pair.ratio:.2f}x (target <= 2x)"
            )

        single = [p for pair in pairs for p in pair.single]
        crowd = [p for pair in pairs for p in pair.crowd]
        lost = [line for pair in pairs for line in pair.lost]
        rss_end = server.rss_mb()
        rss_children = server.children_rss_mb()
        ratios = [pair.ratio for pair in pairs]
        ratio_median = statistics.median(ratios)
        if len(pairs) > 1:
            print()
            print(f"all {len(pairs)} pairs together:")
            print_table(summarise(single), summarise(crowd), args.sessions)
        errors = [f"person {p.index}: {e}" for p in single + crowd for e in p.errors]
        print()
        print(f"errors: {len(errors)}")
        for line in errors[:20]:
            print("  ", line)
        print(f"lost answers: {len(lost)} (checked by reloading all {len(crowd)} draft links)")
        for line in lost[:20]:
            print("  ", line)
        print(
            f"server memory: {before:.1f} MB before, {after:.1f} MB with {args.sessions} idle"
            f" sessions: {per_session:.2f} MB per idle session; {rss_end:.1f} MB after the load"
            f" (+ {rss_children:.1f} MB in the PDF worker process)"
        )
        print(
            "p95 ratio per pair: "
            + ", ".join(f"{r:.2f}x" for r in ratios)
            + f"; median {ratio_median:.2f}x; {sum(r <= 2 for r in ratios)} of {len(ratios)}"
            " pairs within 2x"
        )
        if errors:
            failures.append("errors")
        if lost:
            failures.append("lost answers")
        if ratio_median > 2:
            failures.append("median p95 ratio above 2x")
        if per_session > 5:
            failures.append("memory per idle session above 5 MB")
        print(f"load average after: {load_average()}")
        print("targets:", "all met" if not failures else "NOT met: " + ", ".join(failures))
        return 0 if not failures else 1
    finally:
        server.stop()
        if args.keep_log:
            print(f"server log: {work / 'server.log'}")
        else:
            shutil.rmtree(work, ignore_errors=True)


# ----------------------------------------------------------------------------- --replicas


@dataclass
class Crowd:
    """One target (a process, or the proxy) under one crowd size."""

    target: str
    sessions: int
    single: list[Person]
    crowd: list[Person]
    lost: list[str]

    @property
    def ratio(self) -> float:
        return pct(summarise(self.crowd)["alle"], 0.95) / pct(summarise(self.single)["alle"], 0.95)

    @property
    def errors(self) -> list[str]:
        return [f"person {p.index}: {e}" for p in self.single + self.crowd for e in p.errors]


async def main_replicas(args: argparse.Namespace) -> int:
    """One process and `--replicas` processes behind deploy/nginx.conf, in the same run.

    All processes share one PostgreSQL (tests/postgres.py, durable: fsync on), as in the
    deploy recipe; the lone process is measured on the same database, so the comparison is of
    the processes and the proxy only. Each crowd size is measured on the lone process and then
    through the proxy, one after the other, so a busy minute of the machine falls on both.
    Targets (issue 17): through the proxy p95 at 30 sessions at most 1.5x the single-session
    p95, at 60 at most 2x; 0 errors, 0 lost answers.
    """
    sys.path.insert(0, str(ROOT))
    from tests.nginx import proxy
    from tests.postgres import throwaway_postgres

    work = Path(tempfile.mkdtemp(prefix="bench_load_"))
    think = (args.think_min, args.think_max)
    targets_for = {30: 1.5, 60: 2.0}
    servers: list[Server] = []
    try:
        with throwaway_postgres(durable=True) as db_url:
            for index in range(args.replicas + 1):
                servers.append(
                    Server(
                        free_port(), work / "unused.sqlite3", work / f"server{index}.log", db_url
                    )
                )
            for server in servers:
                server.wait_healthy()
            alone, replicas = servers[0], servers[1:]
            with proxy([s.port for s in replicas]) as url:
                proxy_port = int(url.rsplit(":", 1)[1])
                targets = [("1 process", alone.port), (f"{args.replicas} via nginx", proxy_port)]
                print(f"date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
                print(f"machine: {machine()}")
                print(f"load average before: {load_average()}")
                print(
                    f"1 process on :{alone.port}; {args.replicas} processes behind nginx on"
                    f" :{proxy_port}; drafts in one PostgreSQL; {args.single_runs} single-session"
                    f" journeys per target and crowd; pause {think[0]}-{think[1]} s"
                )
                # Warm-up, not measured: enough people that every replica has served one.
                for _name, port in targets:
                    warm = await run_people(2 * args.replicas, port, (0.0, 0.0), seed=1)
                    warm_errors = [e for person in warm for e in person.errors]
                    if warm_errors:
                        print("warm-up errors:", *warm_errors, sep="\n  ")
                        return 1
                results: list[Crowd] = []
                for sessions in args.crowds:
                    for name, port in targets:
                        single: list[Person] = []
                        for run in range(args.single_runs):
                            single += await run_people(1, port, think, seed=10 + run)
                        crowd = await run_people(sessions, port, think, seed=99 + sessions)
                        lost: list[str] = []
                        for person in crowd:
                            lost += await check_person(person, port)
                        result = Crowd(name, sessions, single, crowd, lost)
                        results.append(result)
                        print()
                        print(f"{name}, {sessions} sessions (load average {load_average()}):")
                        print_table(summarise(single), summarise(crowd), sessions)
                        print(
                            f"{name}, {sessions} sessions: p95 ratio {result.ratio:.2f}x,"
                            f" errors {len(result.errors)}, lost answers {len(lost)}"
                        )
                        for line in (result.errors + lost)[:10]:
                            print("  ", line)
                print()
                print(
                    f"{'target':<14} {'sessions':>8} {'p95(1)':>8} {'p95(n)':>8} {'ratio':>7}"
                    f" {'errors':>6} {'lost':>5}"
                )
                failures: list[str] = []
                for r in results:
                    p1 = pct(summarise(r.single)["alle"], 0.95) * 1000
                    pn = pct(summarise(r.crowd)["alle"], 0.95) * 1000
                    print(
                        f"{r.target:<14} {r.sessions:>8} {p1:>6.0f}ms {pn:>6.0f}ms"
                        f" {r.ratio:>6.2f}x {len(r.errors):>6} {len(r.lost):>5}"
                    )
                    if r.errors or r.lost:
                        failures.append(f"{r.target} at {r.sessions}: errors or lost answers")
                    limit = targets_for.get(r.sessions)
                    if r.target != "1 process" and limit is not None and r.ratio > limit:
                        failures.append(f"{r.target} at {r.sessions}: ratio above {limit}x")
                print(f"load average after: {load_average()}")
                print("targets:", "all met" if not failures else "NOT met: " + "; ".join(failures))
                return 0 if not failures else 1
    finally:
        for server in servers:
            server.stop()
        if args.keep_log:
            print(f"server logs: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def cli() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument(
        "--single-runs", type=int, default=3, help="1-session journeys measured per pair"
    )
    parser.add_argument(
        "--repeats", type=int, default=1, help="pairs of 1-session and crowd runs measured"
    )
    parser.add_argument("--think-min", type=float, default=1.5, help="pause between steps (s)")
    parser.add_argument("--think-max", type=float, default=4.0)
    parser.add_argument(
        "--timeout",
        type=float,
        default=None,
        help="hard limit for the whole run (s); default 120 s plus 100 s per journey alone"
        " and 150 s per crowd",
    )
    parser.add_argument("--keep-log", action="store_true")
    parser.add_argument(
        "--replicas",
        type=int,
        default=1,
        help="N > 1: one process and N processes behind deploy/nginx.conf (Debian's nginx),"
        " drafts in one throwaway PostgreSQL, at each --crowds size",
    )
    parser.add_argument(
        "--crowds",
        type=int,
        nargs="+",
        default=[30, 60],
        help="crowd sizes with --replicas",
    )
    args = parser.parse_args()
    if args.timeout is None:
        if args.replicas > 1:
            args.timeout = 300 + 2 * len(args.crowds) * (100 * args.single_runs + 300)
        else:
            args.timeout = 120 + args.repeats * (100 * args.single_runs + 150)

    def watchdog() -> None:  # the last resort if the event loop itself hangs
        time.sleep(args.timeout + 30)
        print("hard timeout: stopping", file=sys.stderr)
        os._exit(2)

    threading.Thread(target=watchdog, daemon=True).start()
    try:
        entry = main_replicas(args) if args.replicas > 1 else main(args)
        return asyncio.run(asyncio.wait_for(entry, args.timeout))
    except TimeoutError:
        print(f"the run took longer than {args.timeout:.0f} s: stopped", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(cli())
