"""Fixtures: every database test runs on SQLite and on PostgreSQL, each in a fresh database."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from argon2 import PasswordHasher

from pattern.app.factory import PatternApp, create_app
from pattern.auth import passwords
from pattern.kit.config import Settings
from plaid_emulator import create_app as create_emulator
from plaid_emulator.testing import run_in_thread
from tests.support.databases import (
    PostgresDatabases,
    SqliteDatabases,
    postgres_unavailable_reason,
    skip_or_fail_without_postgres,
)
from tests.support.plaid_stack import FAST_EMULATOR, Stack, running_stack
from tests.support.settings import make_settings
from tests.support.users import AppClient

BACKENDS = ["sqlite", "postgres"]


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashing() -> Iterator[None]:
    """argon2id at its lowest cost in this process: the tests check what is stored and
    checked, not how long it takes (the defaults cost ~170 ms a hash here, and most tests
    sign someone up and log them in). Servers the tests start as processes keep them."""
    hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "_hasher", hasher)
        patch.setattr(passwords, "_DUMMY_HASH", hasher.hash("not-a-real-password"))
        yield


@pytest.fixture(scope="session")
async def sqlite_databases(tmp_path_factory: pytest.TempPathFactory) -> SqliteDatabases:
    databases = SqliteDatabases(tmp_path_factory.mktemp("sqlite"))
    await databases.prepare()
    return databases


@pytest.fixture(scope="session")
async def postgres_databases() -> AsyncIterator[PostgresDatabases | str]:
    reason = await postgres_unavailable_reason()
    if reason:
        yield reason
        return
    databases = PostgresDatabases()
    await databases.prepare()
    yield databases
    await databases.close()


@asynccontextmanager
async def fresh_database(
    backend: str,
    sqlite_databases: SqliteDatabases,
    postgres_databases: PostgresDatabases | str,
) -> AsyncIterator[str]:
    """A freshly migrated, empty database of the backend, dropped afterwards."""
    databases: SqliteDatabases | PostgresDatabases
    if backend == "postgres":
        if isinstance(postgres_databases, str):
            skip_or_fail_without_postgres(postgres_databases)
        assert not isinstance(postgres_databases, str)
        databases = postgres_databases
    else:
        databases = sqlite_databases
    url = await databases.create()
    yield url
    await databases.drop(url)


@pytest.fixture(params=BACKENDS)
async def database_url(
    request: pytest.FixtureRequest,
    sqlite_databases: SqliteDatabases,
    postgres_databases: PostgresDatabases | str,
) -> AsyncIterator[str]:
    """A freshly migrated, empty database of each backend."""
    async with fresh_database(request.param, sqlite_databases, postgres_databases) as url:
        yield url


@pytest.fixture
def settings_overrides(request: pytest.FixtureRequest) -> dict[str, Any]:
    """Settings for one test: parametrize this fixture indirectly to change them."""
    return dict(getattr(request, "param", {}))


@pytest.fixture
def settings(database_url: str, tmp_path: Path, settings_overrides: dict[str, Any]) -> Settings:
    return make_settings(database_url, tmp_path / "data", **settings_overrides)


@pytest.fixture
async def app(settings: Settings) -> AsyncIterator[PatternApp]:
    application = create_app(settings)
    yield application
    await application.parts.engine.dispose()


@pytest.fixture
async def client(app: PatternApp, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 40000))
    async with AppClient(
        transport=transport, base_url="http://testserver", data_dir=settings.data_dir
    ) as http:
        yield http


@pytest.fixture
async def new_client(app: PatternApp, settings: Settings) -> AsyncIterator[Any]:
    """Makes more clients of the same app, each with its own cookie jar and address."""
    clients: list[httpx.AsyncClient] = []

    def make(address: str = "198.51.100.1") -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=app, client=(address, 40001))
        http = AppClient(
            transport=transport, base_url="http://testserver", data_dir=settings.data_dir
        )
        clients.append(http)
        return http

    yield make
    for http in clients:
        await http.aclose()


@pytest.fixture(scope="session")
def emulator_url() -> Iterator[str]:
    """One Plaid emulator for the run; every test links items of its own."""
    with run_in_thread(create_emulator(settings=FAST_EMULATOR)) as url:
        yield url


@pytest.fixture
def stack(
    database_url: str, tmp_path: Path, emulator_url: str, settings_overrides: dict[str, Any]
) -> Iterator[Stack]:
    """The app on a real port, on a fresh database, wired to the emulator."""
    with running_stack(
        database_url, tmp_path / "data", emulator_url, **settings_overrides
    ) as running:
        yield running
