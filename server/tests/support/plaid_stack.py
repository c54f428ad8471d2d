"""The whole product on real ports: the app (with its database) and a Plaid emulator.

The app talks to the emulator through the real plaid-python SDK, and the emulator sends its
signed webhooks back to the app, as Plaid and a deployed server would.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Coroutine, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import httpx
import plaid
from plaid.api import plaid_api
from plaid.model.transactions_refresh_request import TransactionsRefreshRequest
from plaid.model.transactions_sync_request import TransactionsSyncRequest
from sqlalchemy import select
from starlette.routing import Mount

from pattern.app.factory import PatternApp, create_app
from pattern.kit.db import create_engine
from pattern.models import Item, Transaction
from pattern.plaid.client import plaid_credentials
from plaid_emulator import EmulatorSettings
from plaid_emulator.auth import ADMIN_SECRET_HEADER
from plaid_emulator.emulator import Emulator
from plaid_emulator.testing import LiveServer, free_port, serve_in_thread
from tests.support.settings import make_settings
from tests.support.users import STRONG_PASSWORD, AppClient, sign_up_body

T = TypeVar("T")

FAST_EMULATOR = EmulatorSettings(
    initial_update_seconds=0, historical_update_seconds=0, webhook_retry_base_seconds=0.05
)
# What a standalone emulator accepts (any pair); a server's mounted one takes the server's.
ANY_CREDENTIALS = ("test", "test")
# The test controls' secret of the emulator mounted in a test's server.
EMULATOR_ADMIN_SECRET = "test-emulator-admin-secret"


@dataclass
class Stack:
    app: PatternApp
    server: LiveServer
    emulator_url: str
    # What the tests present to the emulator: a mounted one wants the server's credentials
    # and its controls' secret.
    plaid_credentials: tuple[str, str] = ANY_CREDENTIALS
    emulator_headers: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return self.server.url

    def client(self) -> AppClient:
        return AppClient(base_url=self.url, timeout=30, data_dir=self.app.parts.settings.data_dir)

    def settle(self, timeout: float = 30) -> None:
        """Wait until the emulator has no webhook left to send and the app no background work
        or sync left to do (the one can start the other, so until both are idle at once)."""
        parts = self.app.parts
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._emulator_pending():
                time.sleep(0.01)  # its deliveries run on another thread (or process)
                continue
            self.server.call(parts.wait_idle(), timeout=timeout)
            if not self._emulator_pending():
                return
        raise AssertionError("background work did not settle")

    def _emulator_pending(self) -> int:
        counts = httpx.get(
            f"{self.emulator_url}/emulator/webhooks", headers=self.emulator_headers, timeout=10
        )
        counts.raise_for_status()
        return int(counts.json()["pending"])

    def access_token(self, item_id: int) -> str:
        async def read() -> str:
            async with self.app.parts.sessionmaker() as session:
                item = await session.get(Item, item_id)
                assert item is not None
                return self.app.parts.cipher.decrypt(item.plaid_access_token_encrypted)

        return self.server.call(read())

    def plaid(self) -> plaid_api.PlaidApi:
        return plaid_client(self.emulator_url, self.plaid_credentials)

    def emulator(self) -> httpx.AsyncClient:
        """For the emulator's test controls (/emulator/...)."""
        return httpx.AsyncClient(base_url=self.emulator_url, headers=self.emulator_headers)

    def plaid_refresh(self, access_token: str) -> None:
        """Ask the emulator for new data, as a bank would have: Plaid then sends a webhook."""
        self.plaid().transactions_refresh(TransactionsRefreshRequest(access_token=access_token))

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return self.server.call(coroutine)

    async def items_in_db(self) -> list[Item]:
        async with self.app.parts.sessionmaker() as session:
            return list(await session.scalars(select(Item)))


@contextmanager
def running_stack(
    database_url: str, data_dir: Path, emulator_url: str, **overrides: Any
) -> Iterator[Stack]:
    port = free_port()
    settings = make_settings(
        database_url,
        data_dir,
        **{
            "port": port,
            "public_url": f"http://127.0.0.1:{port}",
            "plaid_emulator_url": emulator_url,
            "sync_interval_minutes": 0,
            "plaid_emulator_admin_secret": EMULATOR_ADMIN_SECRET,
            **overrides,
        },
    )
    app = create_app(settings)
    app.parts.plaid.retry = type(app.parts.plaid.retry)(attempts=4, base_seconds=0.05)
    with serve_in_thread(app, port=port) as server:
        if emulator_url:
            stack = Stack(app=app, server=server, emulator_url=emulator_url)
        else:  # the app's own emulator (mounted, as in `make start`)
            stack = Stack(
                app=app,
                server=server,
                emulator_url=f"http://127.0.0.1:{port}/plaid-emulator",
                plaid_credentials=plaid_credentials(settings, app.parts.secrets),
                emulator_headers={
                    ADMIN_SECRET_HEADER: settings.plaid_emulator_admin_secret.get_secret_value()
                },
            )
        try:
            yield stack
        finally:
            server.call(app.close(), timeout=30)


def emulator_of(stack: Stack) -> Emulator:
    """The emulator mounted in the stack's server, to change its timing or look inside."""
    (mount,) = [
        r for r in stack.app.api.routes if isinstance(r, Mount) and r.name == "plaid-emulator"
    ]
    emulator: Emulator = mount.app.state.emulator  # type: ignore[attr-defined]
    return emulator


async def allow_bank_refresh(emulator: httpx.AsyncClient, allowed: bool) -> None:
    """Whether the emulator answers /transactions/refresh, or refuses it as Plaid does an
    account without that add-on. Off for tests of syncing alone: a person's Refresh asks
    the bank, which changes what it has (pending transactions post)."""
    answer = await emulator.post("/emulator/products", json={"transactions_refresh": allowed})
    assert answer.json() == {"transactions_refresh": allowed}, answer.text


@asynccontextmanager
async def bank_refresh_refused(stack: Stack) -> AsyncIterator[None]:
    """Refresh refused while inside (the emulator is shared by a process's tests)."""
    async with stack.emulator() as emulator:
        await allow_bank_refresh(emulator, False)
        try:
            yield
        finally:
            await allow_bank_refresh(emulator, True)


async def signed_up(http: httpx.AsyncClient, username: str) -> dict[str, Any]:
    await http.post("/api/users", json=await sign_up_body(http, username, STRONG_PASSWORD))
    response = await http.post(
        "/api/sessions", json={"username": username, "password": STRONG_PASSWORD}
    )
    assert response.status_code == 200, response.text
    user: dict[str, Any] = response.json()
    return user


async def link_through_emulator(
    http: httpx.AsyncClient,
    emulator: Stack | str,
    *,
    institution_id: str = "ins_109508",
    username: str = "user_good",
    password: str = "pass_good",
    item_id: int | None = None,
) -> dict[str, Any]:
    """What the web client does in emulator mode: link token, then Link (at a stack's
    emulator, or at the emulator URL given)."""
    body = {"item_id": item_id} if item_id else {}
    token = await http.post("/api/link-token", json=body)
    assert token.status_code == 200, token.text
    url = emulator if isinstance(emulator, str) else emulator.emulator_url
    async with httpx.AsyncClient(base_url=url) as client:
        linked = await client.post(
            "/link/session/complete",
            json={
                "link_token": token.json()["link_token"],
                "institution_id": institution_id,
                "username": username,
                "password": password,
            },
        )
    assert linked.status_code == 200, linked.text
    result: dict[str, Any] = linked.json()
    return result


async def add_bank(
    http: httpx.AsyncClient, emulator: Stack | str, **kwargs: Any
) -> tuple[httpx.Response, dict[str, Any]]:
    """Link, then the exchange (POST /api/items)."""
    link = await link_through_emulator(http, emulator, **kwargs)
    response = await http.post(
        "/api/items",
        json={
            "public_token": link["public_token"],
            "institution_id": link["metadata"]["institution"]["institution_id"],
        },
    )
    return response, link


async def stored_ids(database_url: str) -> tuple[list[str], str]:
    """Every stored plaid_transaction_id (duplicates kept) and the one item's encrypted token,
    read straight from a database a server process writes."""
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            ids = list(await connection.scalars(select(Transaction.plaid_transaction_id)))
            token = await connection.scalar(select(Item.plaid_access_token_encrypted))
    finally:
        await engine.dispose()
    return ids, str(token)


def emulator_transactions(stack: Stack, access_token: str) -> dict[str, dict[str, Any]]:
    """Everything the emulator holds for an item, by paging /transactions/sync from scratch."""
    return all_transactions(stack.plaid(), access_token)


def plaid_client(
    emulator_url: str, credentials: tuple[str, str] = ANY_CREDENTIALS
) -> plaid_api.PlaidApi:
    """The real SDK, pointed at the emulator."""
    client_id, secret = credentials
    configuration = plaid.Configuration(
        host=emulator_url, api_key={"clientId": client_id, "secret": secret}
    )
    return plaid_api.PlaidApi(plaid.ApiClient(configuration))


def emulator_transactions_at(emulator_url: str, access_token: str) -> dict[str, dict[str, Any]]:
    return all_transactions(plaid_client(emulator_url), access_token)


def all_transactions(client: plaid_api.PlaidApi, access_token: str) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    cursor = ""
    while True:
        raw = client.transactions_sync(
            TransactionsSyncRequest(access_token=access_token, cursor=cursor, count=500),
            _preload_content=False,
        )
        page = json.loads(raw.data)
        for tx in page["added"]:
            found[tx["transaction_id"]] = tx
        for tx in page["modified"]:
            found[tx["transaction_id"]] = tx
        for tx in page["removed"]:
            found.pop(tx["transaction_id"], None)
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return found
