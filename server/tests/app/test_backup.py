"""make backup: a copy of the database that restores with the data in it."""

from __future__ import annotations

import sqlite3
import subprocess
import uuid
from pathlib import Path

import httpx
from sqlalchemy.engine import make_url

from pattern.app.backup import backup
from pattern.kit.config import Settings
from tests.support.users import sign_up


async def test_a_backup_restores_with_the_users_in_it(
    client: httpx.AsyncClient, settings: Settings, tmp_path: Path
) -> None:
    await sign_up(client, "alice")
    copy = backup(settings, tmp_path / "backups")
    assert copy.stat().st_size > 0
    url = make_url(settings.resolved_database_url)
    if url.get_backend_name() == "sqlite":
        with sqlite3.connect(copy) as restored:
            assert restored.execute("SELECT username FROM users").fetchall() == [("alice",)]
        return
    name = f"pattern_restore_{uuid.uuid4().hex[:8]}"
    admin = url.set(drivername="postgresql", database="postgres").render_as_string(False)
    target = url.set(drivername="postgresql", database=name).render_as_string(False)
    subprocess.run(["psql", admin, "-qc", f'CREATE DATABASE "{name}"'], check=True)
    try:
        subprocess.run(["pg_restore", "--no-owner", f"--dbname={target}", str(copy)], check=True)
        users = subprocess.run(
            ["psql", target, "-tAc", "SELECT username FROM users"],
            check=True,
            capture_output=True,
            text=True,
        )
        assert users.stdout.split() == ["alice"]
    finally:
        subprocess.run(["psql", admin, "-qc", f'DROP DATABASE "{name}" WITH (FORCE)'], check=True)
