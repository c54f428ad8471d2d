"""Server and emulator processes of their own, for tests that kill, restart or load them."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import httpx
from cryptography.fernet import Fernet

from plaid_emulator.testing import free_port
from tests.support.databases import MIGRATIONS_DIR
from tests.support.users import AppClient


def server_env(
    database_url: str, data_dir: Path, emulator_url: str, port: int | None = None, **extra: str
) -> dict[str, str]:
    port = port or free_port()
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DATA_DIR": str(data_dir),
        "PORT": str(port),
        "PLAID_ENV": "emulator",
        "PLAID_EMULATOR_URL": emulator_url,
        "PUBLIC_URL": f"http://127.0.0.1:{port}",
        "SECRET_KEY": "process-tests-" + "k" * 40,
        "TOKEN_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "SYNC_INTERVAL_MINUTES": "0",
        "MIGRATIONS_DIR": str(MIGRATIONS_DIR),
        "LOG_LEVEL": "WARNING",
        "SIGNUP": "open",
        "SIGNUP_RATE_PER_CLIENT": "1000/minute",
        "SIGNUP_RATE": "1000/minute",
        **extra,
    }


def process_client(env: dict[str, str], url: str | None = None, **kwargs: Any) -> AppClient:
    """A client of the server that `env` configures (at `url`, else its own port)."""
    base_url = url or f"http://127.0.0.1:{env['PORT']}"
    kwargs.setdefault("timeout", 30)
    return AppClient(base_url=base_url, data_dir=Path(env["DATA_DIR"]), **kwargs)


def _wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.post(url, timeout=1).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        assert process.poll() is None, f"the process behind {url} exited"
        assert time.monotonic() < deadline, f"{url} did not come up"
        time.sleep(0.1)


@contextmanager
def server_process(
    env: dict[str, str], cwd: Path, output: IO[str] | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """`python -m pattern` with this environment, up and answering (its console written
    to `output` when given)."""
    with server_processes([env], cwd, output) as (process,):
        yield process


@contextmanager
def server_processes(
    envs: list[dict[str, str]], cwd: Path, output: IO[str] | None = None
) -> Iterator[list[subprocess.Popen[bytes]]]:
    """A `python -m pattern` for each environment, all started at once (each takes seconds
    to import and start), then each up and answering; stopped in the reverse order."""
    processes: list[subprocess.Popen[bytes]] = []
    try:
        for env in envs:
            processes.append(
                subprocess.Popen(
                    [sys.executable, "-m", "pattern"],
                    env=env,
                    cwd=cwd,
                    stdout=output,
                    stderr=output,
                )
            )
        for env, process in zip(envs, processes, strict=True):
            _wait_until_up(f"http://127.0.0.1:{env['PORT']}/api/config", process)
        yield processes
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=30)
