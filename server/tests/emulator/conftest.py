"""An emulator and a webhook receiver on real ports, and an SDK client pointed at it."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import plaid
import pytest
from plaid.api import plaid_api
from plaid.model.item_public_token_exchange_request import ItemPublicTokenExchangeRequest
from plaid.model.products import Products
from plaid.model.sandbox_public_token_create_request import SandboxPublicTokenCreateRequest
from plaid.model.sandbox_public_token_create_request_options import (
    SandboxPublicTokenCreateRequestOptions,
)
from plaid.model.sandbox_public_token_create_request_options_transactions import (
    SandboxPublicTokenCreateRequestOptionsTransactions,
)
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from plaid_emulator import EmulatorSettings, create_app
from plaid_emulator.testing import run_in_thread

FAST = EmulatorSettings(
    initial_update_seconds=0, historical_update_seconds=0, webhook_retry_base_seconds=0.05
)


def make_client(
    base_url: str, client_id: str = "test-client", secret: str = "test-secret"
) -> plaid_api.PlaidApi:
    config = plaid.Configuration(host=base_url, api_key={"clientId": client_id, "secret": secret})
    return plaid_api.PlaidApi(plaid.ApiClient(config))


@dataclass
class Delivery:
    body: bytes
    headers: dict[str, str]


@dataclass
class Receiver:
    url: str = ""
    deliveries: list[Delivery] = field(default_factory=list)
    fail_next: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def wait_for(
        self, predicate: Callable[[dict[str, Any]], bool], timeout: float = 5.0
    ) -> Delivery:
        """The first delivery whose JSON payload satisfies predicate."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                for d in self.deliveries:
                    if predicate(json.loads(d.body)):
                        return d
            time.sleep(0.02)
        raise AssertionError("expected webhook never arrived")


@pytest.fixture(scope="session")
def receiver() -> Iterator[Receiver]:
    state = Receiver()

    async def hook(request: Request) -> Response:
        body = await request.body()
        with state.lock:
            if state.fail_next > 0:
                state.fail_next -= 1
                return Response("boom", status_code=500)
            state.deliveries.append(Delivery(body, dict(request.headers)))
        return Response("ok")

    app = Starlette(routes=[Route("/hook", hook, methods=["POST"])])
    with run_in_thread(app) as url:
        state.url = url + "/hook"
        yield state


@pytest.fixture(scope="session")
def state_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("emulator") / "state.json"


@pytest.fixture(scope="session")
def emulator_url(state_file: Path) -> Iterator[str]:
    with run_in_thread(create_app(state_file=state_file, settings=FAST)) as url:
        yield url


@pytest.fixture(scope="session")
def client(emulator_url: str) -> plaid_api.PlaidApi:
    return make_client(emulator_url)


def link_item(
    client: plaid_api.PlaidApi,
    *,
    username: str = "user_good",
    webhook: str | None = None,
    institution_id: str = "ins_109508",
    days_requested: int | None = None,
    products: tuple[str, ...] = ("transactions",),
) -> tuple[str, str]:
    """Create a sandbox item and exchange its public token: (access_token, item_id)."""
    options = SandboxPublicTokenCreateRequestOptions(
        override_username=username, override_password="pass_good"
    )
    if webhook:
        options.webhook = webhook
    if days_requested:
        options.transactions = SandboxPublicTokenCreateRequestOptionsTransactions(
            days_requested=days_requested
        )
    created = client.sandbox_public_token_create(
        SandboxPublicTokenCreateRequest(
            institution_id=institution_id,
            initial_products=[Products(p) for p in products],
            options=options,
        )
    )
    exchanged = client.item_public_token_exchange(
        ItemPublicTokenExchangeRequest(public_token=created.public_token)
    )
    return exchanged.access_token, exchanged.item_id
