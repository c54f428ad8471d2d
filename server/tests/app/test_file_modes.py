"""The database, keys and backups are readable by the server's own user only."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tests.support.processes import server_env, server_process

pytestmark = pytest.mark.reliability


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_server_keeps_its_data_folder_owner_only(
    database_url: str, emulator_url: str, tmp_path: Path
) -> None:
    """An older installation's world-readable data folder and database (0755, 0644) are
    owner-only once the server has started; what it writes there is too."""
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    database = data / "pattern.db"
    shutil.copyfile(make_url(database_url).database or "", database)
    database.chmod(0o644)
    env = server_env(f"sqlite+aiosqlite:///{database}", data, emulator_url)
    del env["SECRET_KEY"], env["TOKEN_ENCRYPTION_KEY"]  # generated into the folder
    with server_process(env, tmp_path):
        written = sorted(path.name for path in data.iterdir())
        modes = {path.name: mode(path) for path in data.iterdir()}
    assert mode(data) == 0o700
    assert {"pattern.db", "secret_key", "token_encryption_key", "setup-code"} <= set(written)
    assert modes == dict.fromkeys(written, 0o600), modes


def _backup(env: dict[str, str], folder: Path) -> Path:
    done = subprocess.run(
        [sys.executable, "-m", "pattern.app.backup", str(folder)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(done.stdout.strip())


def test_make_backup_writes_owner_only_and_keeps_the_password_off_the_command_line(
    database_url: str, tmp_path: Path
) -> None:
    """Backups are owner-only (folder and file); pg_dump gets the database password from
    its environment, not its command line (which every local user can read)."""
    password = "s3cret-database-password"
    url = make_url(database_url)
    if url.get_backend_name() == "postgresql":
        url = url.set(password=password)  # the tests' PostgreSQL trusts; the password is seen
    shim = tmp_path / "bin"
    shim.mkdir()
    seen = tmp_path / "pg_dump-saw"
    real = shutil.which("pg_dump") or "pg_dump"
    (shim / "pg_dump").write_text(
        f'#!/bin/sh\necho "$@" > {seen}\necho "PGPASSWORD=$PGPASSWORD" >> {seen}\n'
        f'exec {real} "$@"\n'
    )
    (shim / "pg_dump").chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{shim}:{os.environ['PATH']}",
        "DATABASE_URL": url.render_as_string(hide_password=False),
        "DATA_DIR": str(tmp_path / "data"),
    }
    copy = _backup(env, tmp_path / "backups")
    assert copy.stat().st_size > 0
    assert mode(tmp_path / "backups") == 0o700
    assert mode(copy) == 0o600
    if url.get_backend_name() == "postgresql":
        command_line, environment = seen.read_text().splitlines()
        assert password not in command_line
        assert environment == f"PGPASSWORD={password}"
