"""`make bench`: filtered transaction pages and 24-month insights on PostgreSQL, over HTTP.

One user with SIZE transactions among ten users; the server runs in its own process (uvicorn,
one worker, as `python -m pattern` serves). Figures:

- the latency (p50, p99) of each page of 50 asked for one at a time (one client), with
  the list's total cached (as when paging or coming back) and computed afresh (the first
  request after any change to the user's data: the bench makes one first, as a sync page
  bringing today's transactions would);
  each after five unmeasured requests of its kind (a fresh process's first one compiles and
  plans its statements: up to ~150 ms, once);
- requests per second and p50/p99 with 32 concurrent clients cycling through those pages,
  measured with wrk when installed (a C generator costing little CPU), and always with the
  Python generator below, which runs in its own process but shares the two cores; with
  the CPU the server and PostgreSQL spent per request (what bounds the rate on two cores);
- the median time of each 24-month insight, computed afresh and cached;
- the CSV export of the user's SIZE transactions: the median time of a whole download, and
  the CPU the server and PostgreSQL spent on each (`--only-export` measures only this).

Prints a table, then one `BENCH <name> <value> <unit>` line per figure.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

import asyncpg
import httpx
from alembic import command
from cryptography.fernet import Fernet
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.pool import NullPool

from bench.query_data import add_users, load_user
from bench.sync_bench import MIGRATIONS, admin_sql, postgres_cpu_seconds
from pattern.auth.cookies import ACCESS_COOKIE
from pattern.kit.db import create_engine
from pattern.kit.migrations import alembic_config
from pattern.totals.service import refresh_recent
from pattern.users import setup_code
from pattern.users.data_version import EVERY_DAY, Days, user_data_changed
from plaid_emulator.testing import cpu_seconds, free_port

PASSWORD = "bench-Password-1"
CLIENTS = 32
EXPORTS = 5


def pages(today: date) -> dict[str, str]:
    """The pages measured: realistic searches and filters, 50 rows each."""
    quarter, year = today - timedelta(days=90), today - timedelta(days=365)

    def path(**params: str) -> str:
        return urlencode({**params, "limit": "50"})

    return {
        "search_quarter": path(q="coffee", start_date=f"{quarter}", end_date=f"{today}"),
        "category_search": path(category="FOOD_AND_DRINK", q="starbucks"),
        "amount_sort_year": path(start_date=f"{year}", sort="amount", order="desc"),
        "search_all": path(q="uber"),
        "or_search_year": path(q="OR(netflix spotify)", start_date=f"{year}"),
        "first_page": path(),
    }


def insights(today: date) -> dict[str, str]:
    start = date(today.year - 2 + (today.month == 12), today.month % 12 + 1, 1)
    return {
        "monthly": "monthly?months=24",
        "trends": "trends?months=24",
        "spending": f"spending?start_date={start}&end_date={today}",
        "merchants": "merchants?months=24",
    }


async def migrate(url: str, revision: str) -> None:
    engine = create_engine(url)
    config = alembic_config(MIGRATIONS)

    def run(connection: Connection) -> None:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)

    async with engine.begin() as connection:
        await connection.run_sync(run)
    await engine.dispose()


@contextmanager
def database() -> Iterator[str]:
    name = f"pattern_bench_{uuid.uuid4().hex[:8]}"
    admin_sql(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def server(
    database_url: str, client_dist: Path | None = None
) -> Iterator[tuple[str, subprocess.Popen[bytes], Path]]:
    """The app under uvicorn in its own process; no migration here, the bench chose it.
    It serves the built web client from `client_dist` when given."""
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DATA_DIR": folder,
            "CLIENT_DIST_DIR": str(client_dist or Path(folder) / "no-client"),
            "PLAID_ENV": "emulator",
            "SECRET_KEY": "bench-secret-key-" + "x" * 32,
            "TOKEN_ENCRYPTION_KEY": Fernet.generate_key().decode(),
            "LOG_LEVEL": "WARNING",
            "SYNC_INTERVAL_MINUTES": "0",
            "ACCESS_TOKEN_MINUTES": "600",
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "pattern.app.factory:create_app", "--factory",
             "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
             "--no-access-log"],
            env=env,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"{url}/api/health", timeout=1).status_code < 500:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline or process.poll() is not None:
                    raise SystemExit("the server did not start")
                time.sleep(0.2)
            yield url, process, Path(folder)
        finally:
            process.terminate()
            process.wait(timeout=20)


def log_in(url: str, data_dir: Path) -> tuple[int, str]:
    """The bench's person: the server's administrator, with the setup code it printed."""
    with httpx.Client(base_url=url, timeout=30) as client:
        body = {"username": "bench-user", "password": PASSWORD}
        code = setup_code.path(data_dir)
        first = {**body, "setup_code": code.read_text()} if code.exists() else body
        client.post("/api/users", json=first).raise_for_status()
        response = client.post("/api/sessions", json=body)
        response.raise_for_status()
        return int(response.json()["id"]), response.cookies[ACCESS_COOKIE]


async def load(dsn: str, user_id: int, size: int, others: int, other_size: int) -> int:
    rng = random.Random(20261125)
    today = date.today()
    connection = await asyncpg.connect(dsn)
    try:
        other_ids = await add_users(connection, [f"neighbour-{n}" for n in range(others)])
        total = (await load_user(connection, rng, user_id, size, today)).transactions
        for other in other_ids:
            total += (await load_user(connection, rng, other, other_size, today)).transactions
        await connection.execute("VACUUM ANALYZE")
        # The load's dirty pages written now, not by a checkpoint in the middle of a figure.
        await connection.execute("CHECKPOINT")
    finally:
        await connection.close()
    return total


def data_changed(
    url: str, user_id: int, days: Days | None = None, *, synced: bool = False
) -> Callable[[], None]:
    """What an edit of today's transactions (or a change of `days`) does to the person's
    figures, by the app's own code: a new data version (no cached figure serves), and
    those months' stored totals to count again (pattern.users.data_version), on the next
    read. `synced`: as a sync pass bringing them does, which then counts the stored
    months again itself, before it tells the web app (pattern.sync.storage)."""
    engine = create_async_engine(url, poolclass=NullPool)  # a new event loop each call

    async def change() -> None:
        async with AsyncSession(engine) as session, session.begin():
            await user_data_changed(session, user_id, days=days or [date.today()])
        if synced:
            async with AsyncSession(engine) as session, session.begin():
                await refresh_recent(session, user_id, date.today())

    return lambda: asyncio.run(change())


@dataclass(frozen=True)
class Loaded:
    """A server over a database holding the measured person among nine others."""

    client: httpx.Client  # logged in as the measured person
    prefix: str  # /api/users/{id}
    changed: Callable[[], None]  # changes today's figures, as an edit would
    synced: Callable[[], None]  # as a sync pass bringing today's transactions would
    changed_every_day: Callable[[], None]  # as a rule run over the history would
    total: int  # transactions in the database
    loaded_in: float  # seconds


@contextmanager
def loaded_server(size: int, other_size: int, client_dist: Path | None = None) -> Iterator[Loaded]:
    with database() as name:
        url = f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"
        asyncio.run(migrate(url, "head"))
        with server(url, client_dist) as (base, _process, data_dir):
            user_id, cookie = log_in(base, data_dir)
            dsn = f"postgresql://postgres@127.0.0.1:5432/{name}"
            started = time.monotonic()
            total = asyncio.run(load(dsn, user_id, size, 9, other_size))
            loaded_in = time.monotonic() - started
            with httpx.Client(base_url=base, cookies={ACCESS_COOKIE: cookie}, timeout=60) as client:
                prefix = f"/api/users/{user_id}"
                yield Loaded(
                    client,
                    prefix,
                    data_changed(url, user_id),
                    data_changed(url, user_id, synced=True),
                    data_changed(url, user_id, EVERY_DAY),
                    total,
                    loaded_in,
                )


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def timed(
    client: httpx.Client, path: str, samples: int, before: Callable[[], None] | None = None
) -> list[float]:
    times = []
    for _ in range(samples):
        if before:
            before()
        started = time.perf_counter()
        client.get(path).raise_for_status()
        times.append((time.perf_counter() - started) * 1000)
    return times


async def python_load(url: str, cookie: str, paths: list[str], seconds: float) -> str:
    """32 clients over `seconds`: requests, elapsed, CPU of this process, sorted latencies."""
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    async with httpx.AsyncClient(
        base_url=url, cookies={ACCESS_COOKIE: cookie}, limits=limits, timeout=30
    ) as client:
        deadline = time.monotonic() + seconds

        async def worker(offset: int) -> None:
            nonlocal errors
            index = offset
            while time.monotonic() < deadline:
                started = time.perf_counter()
                response = await client.get(paths[index % len(paths)])
                latencies.append((time.perf_counter() - started) * 1000)
                errors += response.status_code != 200
                index += 1

        cpu, started = time.process_time(), time.monotonic()
        await asyncio.gather(*(worker(n) for n in range(CLIENTS)))
        elapsed, cpu = time.monotonic() - started, time.process_time() - cpu
    if errors:
        raise SystemExit(f"{errors} requests failed")
    return (
        f"{len(latencies)} {elapsed} {cpu} "
        f"{percentile(latencies, 0.5)} {percentile(latencies, 0.99)}"
    )


def run_python_load(url: str, cookie: str, paths: list[str], seconds: float) -> dict[str, float]:
    """The generator in a process of its own, so its CPU shows apart from the server's."""
    code = (
        "import asyncio, sys, json; from bench.query_bench import python_load; "
        "print(asyncio.run(python_load(sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), "
        "float(sys.argv[4]))))"
    )
    import json

    output = subprocess.run(
        [sys.executable, "-c", code, url, cookie, json.dumps(paths), str(seconds)],
        check=True, capture_output=True, text=True,
    ).stdout.split()  # fmt: skip
    count, elapsed, cpu, p50, p99 = (float(value) for value in output)
    return {"rps": count / elapsed, "p50": p50, "p99": p99, "cpu": cpu / elapsed}


_WRK_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def run_wrk(url: str, cookie: str, paths: list[str], seconds: float) -> dict[str, float] | None:
    if shutil.which("wrk") is None:
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        quoted = ", ".join(f'"{path}"' for path in paths)
        script.write(
            f"local paths = {{{quoted}}}\nlocal i = 0\n"
            "request = function()\n  i = i + 1\n"
            '  return wrk.format("GET", paths[(i % #paths) + 1])\nend\n'
        )
    try:
        output = subprocess.run(
            ["wrk", "-t2", f"-c{CLIENTS}", f"-d{int(seconds)}s", "--latency", "-s", script.name,
             "-H", f"Cookie: {ACCESS_COOKIE}={cookie}", url],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
    finally:
        os.unlink(script.name)
    if "Non-2xx" in output:
        raise SystemExit(f"wrk saw failed requests:\n{output}")

    def latency(label: str) -> float:
        match = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        assert match, output
        return float(match.group(1)) * _WRK_UNITS[match.group(2)]

    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    assert rps, output
    return {"rps": float(rps.group(1)), "p50": latency("50"), "p99": latency("99")}


def measure_pages(
    client: httpx.Client,
    prefix: str,
    paths_by_name: dict[str, str],
    samples: int,
    changed: Callable[[], None],
    latency: dict[str, tuple[float, float]],
    fresh_latency: dict[str, tuple[float, float]],
) -> None:
    for page, path in paths_by_name.items():
        timed(client, prefix + path, 5)
        times = timed(client, prefix + path, samples)
        latency[page] = (percentile(times, 0.5), percentile(times, 0.99))
        timed(client, prefix + path, 5, changed)  # the count's first run
        times = timed(client, prefix + path, samples // 2, changed)
        fresh_latency[page] = (percentile(times, 0.5), percentile(times, 0.99))


def measure_insights(
    client: httpx.Client,
    prefix: str,
    today: date,
    changed: Callable[[], None],
    insight_ms: dict[str, float],
    fresh_insight_ms: dict[str, float],
) -> None:
    for insight, path in insights(today).items():
        times = timed(client, f"{prefix}/insights/{path}", 15)
        insight_ms[insight] = statistics.median(times)
        times = timed(client, f"{prefix}/insights/{path}", 15, changed)
        fresh_insight_ms[insight] = statistics.median(times)


def measure_loads(
    base: str, cookie: str, paths: list[str], server_pid: int, args: argparse.Namespace
) -> dict[str, dict[str, float]]:
    loads: dict[str, dict[str, float]] = {}
    generators: dict[str, Callable[[str, str, list[str], float], dict[str, float] | None]]
    generators = {"python": run_python_load}
    if not args.no_wrk:
        generators["wrk"] = run_wrk
    for generator, run in generators.items():
        server_cpu, postgres_cpu = cpu_seconds(server_pid), postgres_cpu_seconds()
        found = run(base, cookie, paths, args.seconds)
        if found:
            requests = found["rps"] * args.seconds
            found["server_ms"] = (cpu_seconds(server_pid) - server_cpu) * 1000 / requests
            found["postgres_ms"] = (postgres_cpu_seconds() - postgres_cpu) * 1000 / requests
            loads[generator] = found
    return loads


def timed_exports(
    client: httpx.Client, path: str, server_pid: int, samples: int
) -> dict[str, float]:
    """Median seconds of a whole CSV download, and the server's and PostgreSQL's CPU seconds
    per download (after one unmeasured download)."""
    client.get(path).raise_for_status()
    times = []
    server_cpu, postgres_cpu = cpu_seconds(server_pid), postgres_cpu_seconds()
    for _ in range(samples):
        started = time.perf_counter()
        with client.stream("GET", path) as response:
            response.raise_for_status()
            for _chunk in response.iter_raw():
                pass
        times.append(time.perf_counter() - started)
    return {
        "seconds": statistics.median(times),
        "server_cpu": (cpu_seconds(server_pid) - server_cpu) / samples,
        "postgres_cpu": (postgres_cpu_seconds() - postgres_cpu) / samples,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000, help="the measured user's")
    parser.add_argument("--other-size", type=int, default=10_000, help="each other user's")
    parser.add_argument("--samples", type=int, default=200, help="per page, one client")
    parser.add_argument("--seconds", type=float, default=10, help="of each concurrent run")
    parser.add_argument("--revision", default="head", help="migrate to this (e.g. 0002)")
    parser.add_argument("--no-wrk", action="store_true")
    parser.add_argument("--only-export", action="store_true", help="measure the CSV export only")
    args = parser.parse_args()

    today = date.today()
    measured = pages(today)
    paths_by_name = {name: f"/transactions?{query}" for name, query in measured.items()}
    latency: dict[str, tuple[float, float]] = {}
    fresh_latency: dict[str, tuple[float, float]] = {}
    insight_ms: dict[str, float] = {}
    fresh_insight_ms: dict[str, float] = {}
    loads: dict[str, dict[str, float]] = {}
    with database() as name:
        url = f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"
        asyncio.run(migrate(url, args.revision))
        with server(url) as (base, process, data_dir):
            user_id, cookie = log_in(base, data_dir)
            started = time.monotonic()
            dsn = f"postgresql://postgres@127.0.0.1:5432/{name}"
            total = asyncio.run(load(dsn, user_id, args.size, 9, args.other_size))
            changed = data_changed(url, user_id)
            loaded_in = time.monotonic() - started
            prefix = f"/api/users/{user_id}"
            with httpx.Client(base_url=base, cookies={ACCESS_COOKIE: cookie}, timeout=60) as client:
                if not args.only_export:
                    measure_pages(
                        client, prefix, paths_by_name, args.samples, changed, latency, fresh_latency
                    )
                    measure_insights(client, prefix, today, changed, insight_ms, fresh_insight_ms)
                export = timed_exports(client, f"{prefix}/transactions.csv", process.pid, EXPORTS)
            if not args.only_export:
                paths = [prefix + path for path in paths_by_name.values()]
                loads = measure_loads(base, cookie, paths, process.pid, args)
    report(
        args, total, loaded_in, latency, fresh_latency, insight_ms, fresh_insight_ms, loads, export
    )


def report(
    args: argparse.Namespace,
    total: int,
    loaded_in: float,
    latency: dict[str, tuple[float, float]],
    fresh_latency: dict[str, tuple[float, float]],
    insight_ms: dict[str, float],
    fresh_insight_ms: dict[str, float],
    loads: dict[str, dict[str, float]],
    export: dict[str, float],
) -> None:
    out = sys.stdout.write
    out(
        f"A user with {args.size:,} transactions ({total:,} in all, loaded in "
        f"{loaded_in:.0f}s), PostgreSQL, migrated to {args.revision}\n"
    )
    out(
        f"CSV export of all {args.size:,}: {export['seconds']:.2f} s (median of {EXPORTS}), "
        f"CPU {export['server_cpu']:.2f} s server, {export['postgres_cpu']:.2f} s PostgreSQL\n"
    )
    out(f"BENCH export_csv {export['seconds']:.2f} s\n")
    out(f"BENCH export_csv_server_cpu {export['server_cpu']:.2f} s\n")
    out(f"BENCH export_csv_postgres_cpu {export['postgres_cpu']:.2f} s\n")
    if args.only_export:
        return
    out(f"{'page of 50 (one client)':<24} {'total cached':>21} {'total computed':>21}\n")
    out(f"{'':<24} {'p50 ms':>10} {'p99 ms':>10} {'p50 ms':>10} {'p99 ms':>10}\n")
    for page, (p50, p99) in latency.items():
        fresh50, fresh99 = fresh_latency[page]
        out(f"{page:<24} {p50:>10.1f} {p99:>10.1f} {fresh50:>10.1f} {fresh99:>10.1f}\n")
    out(f"{CLIENTS} clients, {args.seconds:.0f}s, pages in turn (CPU ms per request)\n")
    out(
        f"{'generator':<10} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'server':>8}"
        f" {'PostgreSQL':>11}\n"
    )
    for generator, figures in loads.items():
        out(
            f"{generator:<10} {figures['rps']:>8.0f} {figures['p50']:>8.1f} "
            f"{figures['p99']:>8.1f} {figures['server_ms']:>8.2f} {figures['postgres_ms']:>11.2f}\n"
        )
    if "python" in loads:
        out(f"(the Python generator used {loads['python']['cpu']:.0%} of a core itself)\n")
    out(f"{'24-month insight':<24} {'computed ms':>12} {'cached ms':>10}\n")
    for insight, ms in insight_ms.items():
        out(f"{insight:<24} {fresh_insight_ms[insight]:>12.1f} {ms:>10.1f}\n")
    for page, (p50, p99) in latency.items():
        out(f"BENCH query_{page}_p50 {p50:.1f} ms\nBENCH query_{page}_p99 {p99:.1f} ms\n")
    for page, (p50, p99) in fresh_latency.items():
        out(f"BENCH query_{page}_computed_p50 {p50:.1f} ms\n")
        out(f"BENCH query_{page}_computed_p99 {p99:.1f} ms\n")
    for generator, figures in loads.items():
        out(f"BENCH query_{generator}_rps {figures['rps']:.0f} req/s\n")
        out(f"BENCH query_{generator}_p50 {figures['p50']:.1f} ms\n")
        out(f"BENCH query_{generator}_p99 {figures['p99']:.1f} ms\n")
        out(f"BENCH query_{generator}_server_cpu {figures['server_ms']:.2f} ms/request\n")
        out(f"BENCH query_{generator}_postgres_cpu {figures['postgres_ms']:.2f} ms/request\n")
    for insight, ms in insight_ms.items():
        out(f"BENCH insights_{insight}_24m {ms:.1f} ms\n")
        out(f"BENCH insights_{insight}_24m_computed {fresh_insight_ms[insight]:.1f} ms\n")


if __name__ == "__main__":
    main()
