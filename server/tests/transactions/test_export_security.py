"""CSV export under attack: formula cells, and clients that read the download slowly or never.

The slow clients are raw sockets on the server's real port with a small receive buffer, so
that the server's writes really wait for them, as they would for a phone on a bad network
or for someone holding downloads open on purpose.
"""

from __future__ import annotations

import asyncio
import csv
import io
import socket
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import h11
import httpx
import pytest
from sqlalchemy import insert
from sqlalchemy.pool import QueuePool

from pattern.app.factory import PatternApp
from pattern.auth.cookies import ACCESS_COOKIE
from pattern.models import Transaction
from pattern.transactions.export import COLUMNS
from tests.support.factories import make_account, make_item, make_transaction
from tests.support.plaid_stack import Stack
from tests.support.users import sign_up_and_log_in

pytestmark = pytest.mark.reliability

TEXT_COLUMNS = ("name", "merchant_name", "category", "subcategory", "account_name", "original_name")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def kernel_send_buffer() -> int:
    """The most a socket may buffer for a client that does not read (Linux's tcp_wmem)."""
    try:
        return int(Path("/proc/sys/net/ipv4/tcp_wmem").read_text().split()[2])
    except OSError:
        return 4 << 20


# Text cells full of double quotes, which the CSV doubles: 3.5 kB a row. Each person's
# export is then larger than what the kernel and the server may buffer for a client that
# does not read, so the server really waits for the client.
QUOTES = '"' * 255
ROW_BYTES = 2 * (4 * len(QUOTES) + 2) + 3 * (2 * len(QUOTES) + 2)
ROWS_EACH = (kernel_send_buffer() + (1 << 20)) // ROW_BYTES


async def add_rows(app: PatternApp, user_id: int, count: int) -> None:
    async with app.parts.sessionmaker() as session:
        item = await make_item(session, user_id)
        account = await make_account(session, item.id)
        first = date(2024, 1, 1)
        await session.execute(
            insert(Transaction),
            [
                {
                    "account_id": account.id,
                    "user_id": user_id,
                    "plaid_transaction_id": f"slow-{user_id}-{n}",
                    "name": QUOTES * 2,
                    "original_name": QUOTES * 2,
                    "merchant_name": QUOTES,
                    "subcategory": QUOTES,
                    "amount": Decimal(n) / 100,
                    "date": first + timedelta(days=n % 365),
                    "iso_currency_code": "USD",
                    "category": QUOTES,
                }
                for n in range(count)
            ],
        )
        await session.commit()


async def people(stack: Stack, names: list[str], rows: int = ROWS_EACH) -> list[tuple[int, str]]:
    """Signed-up people with `rows` transactions each: their ids and access cookies."""
    found = []
    for name in names:
        async with stack.client() as http:
            user = await sign_up_and_log_in(http, name)
            found.append((int(user["id"]), http.cookies[ACCESS_COOKIE]))
    await asyncio.gather(
        *(asyncio.to_thread(stack.run, add_rows(stack.app, user_id, rows)) for user_id, _ in found)
    )
    return found


class SlowDownload:
    """An export asked for over a raw socket (HTTP spoken by h11), whose body is then read
    one byte a second."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.http = h11.Connection(h11.CLIENT)
        self.status = 0
        self.body = bytearray()
        self.complete = False
        self._trickle: asyncio.Task[None] | None = None

    async def ask(self, path: str, host: str, cookie: str) -> None:
        """Send the request and wait for the status line and headers."""
        request = h11.Request(
            method="GET",
            target=path,
            headers=[("Host", host), ("Cookie", f"{ACCESS_COOKIE}={cookie}")],
        )
        loop = asyncio.get_running_loop()
        await loop.sock_sendall(
            self.sock, self.http.send(request) + self.http.send(h11.EndOfMessage())
        )
        try:
            async with asyncio.timeout(10):
                while not self.status:
                    self._take(await loop.sock_recv(self.sock, 1024))
        except TimeoutError:
            pytest.fail(f"GET {path} was not answered within 10 seconds")

    def _take(self, data: bytes) -> None:
        self.http.receive_data(data)
        while (event := self.http.next_event()) is not h11.NEED_DATA:
            if isinstance(event, h11.Response):
                self.status = event.status_code
            elif isinstance(event, h11.Data):
                self.body += event.data
            elif isinstance(event, h11.EndOfMessage | h11.ConnectionClosed):
                self.complete = True
                return

    def trickle(self) -> None:
        self._trickle = asyncio.create_task(self._read_slowly())

    async def _read_slowly(self) -> None:
        loop = asyncio.get_running_loop()
        while not self.complete:
            self._take(await loop.sock_recv(self.sock, 1))
            await asyncio.sleep(1)

    async def read_to_end(self) -> str:
        """Stop trickling and read the rest at full speed: the whole CSV."""
        await self._stop_trickling()
        loop = asyncio.get_running_loop()
        while not self.complete:
            self._take(await asyncio.wait_for(loop.sock_recv(self.sock, 1 << 16), timeout=30))
        return self.body.decode()

    async def _stop_trickling(self) -> None:
        if self._trickle:
            self._trickle.cancel()
            await asyncio.gather(self._trickle, return_exceptions=True)
            self._trickle = None

    async def hang_up(self) -> None:
        await self._stop_trickling()
        self.sock.close()


async def slow_download(url: str, path: str, cookie: str) -> SlowDownload:
    """GET `path` with a receive buffer of a few kilobytes; returns once the status is in."""
    host, port = url.removeprefix("http://").split(":")
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.setblocking(False)
    await asyncio.get_running_loop().sock_connect(sock, (host, int(port)))
    download = SlowDownload(sock)
    await download.ask(path, f"{host}:{port}", cookie)
    return download


@asynccontextmanager
async def slow_downloads(
    stack: Stack, people: list[tuple[int, str]], each: int
) -> AsyncIterator[list[SlowDownload]]:
    """`each` exports per person, all open at once and read one byte a second."""
    async with AsyncExitStack() as cleanup:
        downloads = []
        for user_id, cookie in people:
            for _ in range(each):
                download = await slow_download(
                    stack.url, f"/api/users/{user_id}/transactions.csv", cookie
                )
                cleanup.push_async_callback(download.hang_up)
                assert download.status == 200
                download.trickle()
                downloads.append(download)
        yield downloads


def pool_capacity(app: PatternApp) -> int:
    pool = app.parts.engine.pool
    assert isinstance(pool, QueuePool)
    return pool.size() + pool._max_overflow


async def test_cells_that_a_spreadsheet_would_run_are_defused(
    client: httpx.AsyncClient, app: PatternApp
) -> None:
    """CSV cells starting with =, +, -, @, tab, CR or LF: each gets a ', amounts keep their -

    The text is a person's (an edited name) or a bank's (merchant, categories, account).
    """
    user = await sign_up_and_log_in(client)
    starts = {f"{char}cmd|' /C calc'!A0" for char in FORMULA_STARTS}
    async with app.parts.sessionmaker() as session:
        item = await make_item(session, int(user["id"]))
        account = await make_account(session, item.id, name="\t=HYPERLINK(1)")
        for n, text in enumerate(sorted(starts)):
            await make_transaction(
                session,
                account.id,
                name=text,
                merchant_name=text,
                category=text,
                subcategory=text,
                amount=Decimal("12.50") + n,
            )
        await make_transaction(session, account.id, name="Refund", amount=Decimal("7.25"))
        await session.commit()

    response = await client.get(f"/api/users/{user['id']}/transactions.csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert tuple(rows[0]) == COLUMNS
    for row in rows:
        for column in TEXT_COLUMNS:
            assert not row[column].startswith(FORMULA_STARTS), (column, row[column])
    attacked = [row for row in rows if row["name"] != "Refund"]
    assert {row["name"] for row in attacked} == {"'" + text for text in starts}
    assert all(row["category"] == row["subcategory"] == row["name"] for row in attacked)
    assert {row["account_name"] for row in rows} == {"'\t=HYPERLINK(1)"}
    # Numbers are not text: money out keeps its minus sign.
    amounts = {Decimal(row["amount"]) for row in rows}
    assert Decimal("-7.25") in amounts
    assert all(row["amount"].startswith("-") for row in rows)


async def test_slow_downloads_hold_no_database_connection(stack: Stack) -> None:
    """More CSV downloads than the pool has connections, read at 1 byte/s: others log in, list

    Eleven people each open two exports (PostgreSQL's pool is 10 + 10; SQLite's 5 + 10 needs
    eight); another person must then sign up, log in and list within seconds.
    """
    each = stack.app.parts.settings.export_max_per_user
    count = pool_capacity(stack.app) // each + 1
    readers = await people(stack, [f"slow-reader-{n}" for n in range(count)])
    async with slow_downloads(stack, readers, each) as downloads:
        assert len(downloads) > pool_capacity(stack.app)
        await asyncio.sleep(0.5)  # the downloads are underway, each blocked on its client
        async with stack.client() as other:
            started = time.monotonic()
            user = await asyncio.wait_for(sign_up_and_log_in(other, "bystander"), timeout=10)
            listed = await asyncio.wait_for(
                other.get(f"/api/users/{user['id']}/transactions"), timeout=10
            )
            assert listed.status_code == 200
            assert time.monotonic() - started < 5


async def test_exports_beyond_a_persons_bound_answer_429_while_theirs_stream_on(
    stack: Stack,
) -> None:
    """One CSV export more than a person's bound: 429 + Retry-After; theirs go on; then one works

    Of the two running, one is read to its end (every row), the other's client hangs up;
    after that a new export of the same person works, and the bound never touched a neighbour.
    """
    bound = stack.app.parts.settings.export_max_per_user
    [(user_id, cookie)] = await people(stack, ["hoarder"])
    [(neighbour_id, neighbour_cookie)] = await people(stack, ["neighbour"], rows=10)
    path = f"/api/users/{user_id}/transactions.csv"

    def http(as_cookie: str) -> httpx.AsyncClient:
        return httpx.AsyncClient(base_url=stack.url, cookies={ACCESS_COOKIE: as_cookie}, timeout=30)

    async with slow_downloads(stack, [(user_id, cookie)], bound) as downloads, http(cookie) as own:
        refused = await own.get(path)
        assert refused.status_code == 429
        assert refused.json()["error"]["code"] == "too_many_exports"
        assert "exports running" in refused.json()["error"]["message"]
        assert int(refused.headers["Retry-After"]) > 0
        async with http(neighbour_cookie) as neighbour:  # the bound is per person
            theirs = await neighbour.get(f"/api/users/{neighbour_id}/transactions.csv")
            assert theirs.status_code == 200
            assert len(list(csv.DictReader(io.StringIO(theirs.text)))) == 10

        # One download is read to its end, the others are abandoned by their clients.
        finished = list(csv.DictReader(io.StringIO(await downloads[0].read_to_end())))
        assert len(finished) == ROWS_EACH
        assert len({row["id"] for row in finished}) == ROWS_EACH
        for download in downloads[1:]:
            await download.hang_up()
        again = await eventually(lambda: own.get(path), lambda r: r.status_code != 429)
        assert again.status_code == 200
        assert len(list(csv.DictReader(io.StringIO(again.text)))) == ROWS_EACH


async def eventually(
    request: Callable[[], Any], done: Callable[[httpx.Response], bool], timeout: float = 5
) -> httpx.Response:
    """The first response `done` accepts: the server notices a hang-up a moment later."""
    deadline = time.monotonic() + timeout
    while True:
        response: httpx.Response = await request()
        if done(response) or time.monotonic() > deadline:
            return response
        await asyncio.sleep(0.1)
