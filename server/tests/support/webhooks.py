"""Capturing a real signed webhook from the emulator, to replay or tamper with; or signing
one with an emulator's own key, as Plaid would have."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from plaid_emulator import create_app as create_emulator
from plaid_emulator.emulator import Emulator
from plaid_emulator.testing import run_in_thread
from tests.support.plaid_stack import FAST_EMULATOR


@dataclass
class Captured:
    body: bytes
    signature: str


@dataclass
class WebhookCatcher:
    url: str = ""
    received: list[Captured] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def first(self, timeout: float = 10) -> Captured:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if self.received:
                    return self.received[0]
            time.sleep(0.02)
        raise AssertionError("no webhook arrived")


@contextmanager
def webhook_catcher() -> Iterator[WebhookCatcher]:
    catcher = WebhookCatcher()

    async def receive(request: Request) -> Response:
        body = await request.body()
        with catcher.lock:
            catcher.received.append(
                Captured(body=body, signature=request.headers.get("plaid-verification", ""))
            )
        return Response("ok")

    with run_in_thread(Starlette(routes=[Route("/hook", receive, methods=["POST"])])) as url:
        catcher.url = url + "/hook"
        yield catcher


@dataclass
class SigningEmulator:
    """An emulator of the test's own: its webhooks are signed with a key the test holds."""

    url: str
    emulator: Emulator

    def sign(self, body: bytes, *, issued_at: int | None = None) -> str:
        """The Plaid-Verification header Plaid would send with this body."""
        return self.emulator.state.signing_key.sign(body, issued_at=issued_at)


@contextmanager
def signing_emulator() -> Iterator[SigningEmulator]:
    app = create_emulator(settings=FAST_EMULATOR)
    with run_in_thread(app) as url:
        yield SigningEmulator(url, app.state.emulator)
