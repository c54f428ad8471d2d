"""`make bench`: initial sync of a large emulator history into PostgreSQL and SQLite.

Prints a table, then one `BENCH <name> <value> <unit>` line per figure.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import asyncpg

from pattern.kit.config import REPO_ROOT
from pattern.kit.db import create_engine
from pattern.kit.migrations import upgrade_to_head
from plaid_emulator.testing import EmulatorProcess, emulator_process

MIGRATIONS = REPO_ROOT / "database" / "migrations"


async def migrate(url: str) -> None:
    engine = create_engine(url)
    await upgrade_to_head(engine, MIGRATIONS)
    await engine.dispose()


def admin_sql(sql: str) -> None:
    async def run() -> None:
        connection = await asyncpg.connect(host="127.0.0.1", user="postgres", database="postgres")
        await connection.execute(sql)
        await connection.close()

    asyncio.run(run())


def postgres_cpu_seconds() -> float:
    """CPU PostgreSQL has used on this machine so far: its live processes', and the ended
    backends' that the postmaster has reaped (counted in its children's time)."""
    stats: dict[int, list[str]] = {}
    for folder in Path("/proc").iterdir():
        try:
            if folder.name.isdigit() and (folder / "comm").read_text().strip() == "postgres":
                stats[int(folder.name)] = (folder / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
    ticks = 0
    for fields in stats.values():
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
        if int(fields[1]) not in stats:  # the postmaster: add its reaped children's
            ticks += int(fields[13]) + int(fields[14])  # cutime, cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def run_one(database_url: str, emulator: EmulatorProcess, size: int) -> dict[str, float]:
    """One sync in its own process; with the CPU the server, the emulator and PostgreSQL
    spent on it (the three share the machine's cores)."""
    emulator_cpu, postgres_cpu = emulator.cpu_seconds(), postgres_cpu_seconds()
    output = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.sync_one",
            "--database-url",
            database_url,
            "--emulator-url",
            emulator.url,
            "--size",
            str(size),
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    figures: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    # The link and its wait are in the emulator's figure too: a fraction of a second.
    figures["emulator_cpu_s"] = emulator.cpu_seconds() - emulator_cpu
    # All of PostgreSQL's processes (its WAL writer's too); for SQLite nearly nothing.
    figures["postgres_cpu_s"] = postgres_cpu_seconds() - postgres_cpu
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--skip-sqlite", action="store_true")
    args = parser.parse_args()

    results: dict[str, dict[str, float]] = {}
    with emulator_process() as emulator:
        if not args.skip_postgres:
            name = f"pattern_bench_{uuid.uuid4().hex[:8]}"
            admin_sql(f'CREATE DATABASE "{name}"')
            url = f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"
            try:
                asyncio.run(migrate(url))
                results["postgres"] = run_one(url, emulator, args.size)
            finally:
                admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not args.skip_sqlite:
            with tempfile.TemporaryDirectory() as folder:
                url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
                asyncio.run(migrate(url))
                results["sqlite"] = run_one(url, emulator, args.size)

    print(f"Initial sync of {args.size:,} transactions (emulator in its own process)")  # noqa: T201
    print(  # noqa: T201
        f"{'database':<10} {'seconds':>9} {'tx/s':>10} {'peak RSS':>10}"
        f" {'server CPU s':>13} {'emulator CPU s':>15} {'PostgreSQL CPU s':>17}"
    )
    for backend, figures in results.items():
        print(  # noqa: T201
            f"{backend:<10} {figures['seconds']:>9.1f} {figures['tx_per_s']:>10,.0f} "
            f"{figures['peak_rss_mb']:>8.0f}MB {figures['server_cpu_s']:>13.1f}"
            f" {figures['emulator_cpu_s']:>15.1f} {figures['postgres_cpu_s']:>17.1f}"
        )
    for backend, figures in results.items():
        print(f"BENCH sync_{backend}_tx_per_s {figures['tx_per_s']:.0f} tx/s")  # noqa: T201
        print(f"BENCH sync_{backend}_peak_rss_mb {figures['peak_rss_mb']:.0f} MB")  # noqa: T201
        for part in ("server", "emulator", "postgres"):
            value = figures[f"{part}_cpu_s"]
            print(f"BENCH sync_{backend}_{part}_cpu_s {value:.1f} s")  # noqa: T201


if __name__ == "__main__":
    main()
