"""A throw-away PostgreSQL 15 cluster owned by one test, so it can stop the database at will.

The shared server on 127.0.0.1:5432 must never be stopped by a test; this cluster lives in a
temporary directory, listens only on 127.0.0.1 on a free port, trusts every local login and
runs with fsync off (only the machine crashing could lose its data). Without the binaries
the test skips, unless REQUIRE_POSTGRES=1, when it fails.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg

from plaid_emulator.testing import free_port
from tests.support.databases import migrate, skip_or_fail_without_postgres

PG_BIN = Path(os.environ.get("TEST_POSTGRES_BIN", "/usr/lib/postgresql/15/bin"))
SUPERUSER = "postgres"
DATABASE = "pattern"


class PgCluster:
    """One cluster's data directory and the pg_ctl calls that start and stop it."""

    def __init__(self, root: Path, port: int, run_as: str | None) -> None:
        self.root = root
        self.port = port
        self.data = root / "data"
        self.log = root / "postgres.log"
        self._run_as = run_as

    @property
    def url(self) -> str:
        return f"postgresql+asyncpg://{SUPERUSER}@127.0.0.1:{self.port}/{DATABASE}"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        # initdb and postgres refuse to run as root: hand them to the postgres user then.
        prefix = ["runuser", "-u", self._run_as, "--"] if self._run_as else []
        done = subprocess.run([*prefix, *args], capture_output=True, text=True, timeout=60)
        if check and done.returncode != 0:
            raise RuntimeError(
                f"{args[0]} failed ({done.returncode}): {done.stderr or done.stdout}"
            )
        return done

    def init(self) -> None:
        self._run(
            str(PG_BIN / "initdb"),
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--no-sync",
        )
        settings = {
            "listen_addresses": "'127.0.0.1'",
            "port": str(self.port),
            "unix_socket_directories": f"'{self.root}'",
            # Safe for a stop, not for a power cut: a commit still writes its WAL before it
            # returns. (synchronous_commit must stay on, or an immediate stop loses commits.)
            "fsync": "off",
            "max_connections": "100",
        }
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.writelines(f"{name} = {value}\n" for name, value in settings.items())

    def start(self) -> None:
        """Start and wait until it accepts connections (crash recovery after an immediate stop)."""
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w", "start")

    def stop(self, mode: str = "immediate", check: bool = True) -> None:
        """Stop it; "immediate" drops every connection at once, as a crashed database would."""
        self._run(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop", check=check
        )

    async def create_database(self) -> None:
        connection = await asyncpg.connect(
            host="127.0.0.1", port=self.port, user=SUPERUSER, database="postgres", timeout=10
        )
        try:
            await connection.execute(f'CREATE DATABASE "{DATABASE}"')
        finally:
            await connection.close()


def _unavailable_reason() -> str | None:
    missing = [name for name in ("initdb", "pg_ctl") if not (PG_BIN / name).exists()]
    if missing:
        return f"PostgreSQL binaries {missing} are not in {PG_BIN}"
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            return "running as root without runuser, and initdb refuses root"
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root with no postgres user, and initdb refuses root"
    return None


@asynccontextmanager
async def own_postgres() -> AsyncIterator[PgCluster]:
    """A started cluster with an empty `pattern` database at the latest migration."""
    reason = _unavailable_reason()
    if reason:
        skip_or_fail_without_postgres(reason)
    run_as = "postgres" if os.geteuid() == 0 else None
    root = Path(tempfile.mkdtemp(prefix="pattern-pg-"))
    if run_as:
        account = pwd.getpwnam(run_as)
        os.chown(root, account.pw_uid, account.pw_gid)
    cluster = PgCluster(root, free_port(), run_as)
    try:
        cluster.init()
        cluster.start()
        await cluster.create_database()
        await migrate(cluster.url)
        yield cluster
    finally:
        if (cluster.data / "postmaster.pid").exists():
            cluster.stop(check=False)
        shutil.rmtree(root, ignore_errors=True)
