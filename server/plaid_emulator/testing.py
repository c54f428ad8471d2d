"""Serve an ASGI app on a free 127.0.0.1 port in a thread with its own event loop (tests)."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import httpx
import uvicorn
from starlette.types import ASGIApp

T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    url: str
    loop: asyncio.AbstractEventLoop

    def call(self, coroutine: Coroutine[Any, Any, T], timeout: float = 10) -> T:
        """Run a coroutine on the server's loop (where its sockets and pools live)."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)


class _ThreadServer(uvicorn.Server):
    """uvicorn, stopping as soon as it is asked to (its own loop looks every 0.1 s, which
    tests starting and stopping a server each add up)."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self._asked_to_stop = asyncio.Event()

    async def main_loop(self) -> None:
        counter = 0
        while not await self.on_tick(counter):
            counter = (counter + 1) % 864000
            try:
                await asyncio.wait_for(self._asked_to_stop.wait(), timeout=0.1)
            except TimeoutError:
                pass

    def stop(self, loop: asyncio.AbstractEventLoop) -> None:
        self.should_exit = True
        if not loop.is_closed():
            try:
                loop.call_soon_threadsafe(self._asked_to_stop.set)
            except RuntimeError:  # the loop closed meanwhile: it has stopped already
                pass


@contextmanager
def serve_in_thread(app: ASGIApp, port: int | None = None) -> Iterator[LiveServer]:
    port = port or free_port()
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_config=None,
        lifespan="off",
        # Requests still running this long after the stop are cancelled, rather than waited
        # on until the join below gives up on the thread (10 s). A test's app is closed
        # before its server stops, and a webhook it was still acting on can then wait for
        # ever (SyncUpdates: its batch's drain was cancelled with the app's background).
        timeout_graceful_shutdown=2,
    )
    server = _ThreadServer(config)
    loop = asyncio.new_event_loop()

    def run() -> None:
        loop.run_until_complete(server.serve())
        _cancel_leftover_tasks(loop)
        loop.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("test server did not start")
        time.sleep(0.02)
    try:
        yield LiveServer(url=f"http://127.0.0.1:{port}", loop=loop)
    finally:
        server.stop(loop)
        thread.join(timeout=10)


def _cancel_leftover_tasks(loop: asyncio.AbstractEventLoop) -> None:
    """Background tasks (socket pings, sync jobs) end with the server instead of leaking."""
    tasks = [task for task in asyncio.all_tasks(loop) if not task.done()]
    for task in tasks:
        task.cancel()
    if tasks:
        loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))


@contextmanager
def run_in_thread(app: ASGIApp) -> Iterator[str]:
    """Serve `app` and yield its base URL, e.g. "http://127.0.0.1:54321"."""
    with serve_in_thread(app) as server:
        yield server.url


def cpu_seconds(pid: int) -> float:
    """CPU a process has used so far (Linux /proc), to show it apart in benchmarks."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class EmulatorProcess:
    url: str
    pid: int

    def cpu_seconds(self) -> float:
        return cpu_seconds(self.pid)


@contextmanager
def emulator_process(timeout: float = 30) -> Iterator[EmulatorProcess]:
    """`python -m plaid_emulator` in a process of its own on a free port."""
    port = free_port()
    # Its test controls open, whatever the developer's shell holds.
    env = {k: v for k, v in os.environ.items() if k != "PLAID_EMULATOR_ADMIN_SECRET"}
    process = subprocess.Popen(
        [sys.executable, "-m", "plaid_emulator", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                httpx.post(f"{url}/institutions/get", timeout=1)
                break
            except httpx.HTTPError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the emulator did not start") from None
                time.sleep(0.1)
        yield EmulatorProcess(url, process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)
