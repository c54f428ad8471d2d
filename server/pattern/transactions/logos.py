"""Merchant logos, fetched by the server and cached, so the browser never loads another site.

A logo URL comes from Plaid's data for the asker's own transaction (the route finds it
there; a person can never name one). Even so it is fetched as carefully as any address
from outside:

- https only, on port 443, without user info; nothing but an image of at most
  MAX_BYTES, of a raster type (PNG, JPEG, GIF, WebP: no SVG, which can carry script),
  whose first bytes are that type's;
- every address its host resolves to must be public: the connection goes to the address
  checked (GuardedBackend), so a host that resolves again differently cannot slip a
  private one in, while TLS still verifies the host's name;
- no redirect is followed, each step has a timeout, and the whole fetch has one;
- a logo that could not be had is not asked for again for FAILURE_SECONDS.

Against the emulator (PLAID_ENV=emulator) nothing leaves the machine: Plaid's logo hosts
are read from the emulator's copy of them (`mirror`), the address the server already
trusts as its Plaid; other hosts are not fetched at all.

Logos are kept as files in the data directory, named by the URL's SHA-256, and shared by
every user whose transactions carry that URL.
"""

from __future__ import annotations

import asyncio
import hashlib
import ipaddress
import logging
import os
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import anyio
import httpcore

logger = logging.getLogger(__name__)

MAX_BYTES = 256 * 1024
TIMEOUT_SECONDS = 5.0
FAILURE_SECONDS = 600.0
# The hosts Plaid serves logos and category icons from (the emulator has a copy of each).
PLAID_LOGO_HOSTS = frozenset({"plaid-merchant-logos.plaid.com", "plaid-category-icons.plaid.com"})
# Each type's first bytes.
IMAGE_TYPES = {
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/gif": (b"GIF87a", b"GIF89a"),
    "image/webp": (b"RIFF",),
}


@dataclass(frozen=True)
class Logo:
    content: bytes
    media_type: str


class Refused(Exception):
    """This logo is not fetched, or what came is not a logo."""


# What a fetch that found no logo raises (ValueError: an address httpcore cannot read).
FAILURES: tuple[type[Exception], ...] = (
    Refused,
    httpcore.TimeoutException,
    httpcore.NetworkError,
    httpcore.ProtocolError,
    httpcore.ProxyError,
    OSError,
    TimeoutError,
    ValueError,
)


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Connects only to public addresses: the host is resolved here and the address
    checked is the one connected to."""

    def __init__(self, inner: httpcore.AsyncNetworkBackend | None = None) -> None:
        self._inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        with anyio.fail_after(timeout):
            found = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        addresses = [ipaddress.ip_address(entry[4][0]) for entry in found]
        if not addresses or not all(address.is_global for address in addresses):
            raise httpcore.ConnectError(f"{host} is not a public address")
        return await self._inner.connect_tcp(
            str(addresses[0]), port, timeout, local_address, socket_options
        )

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("no sockets")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def image_type(header: str, content: bytes) -> str:
    """The raster type the answer says it is and its bytes agree with; Refused if none."""
    media_type = header.split(";", 1)[0].strip().lower()
    starts = IMAGE_TYPES.get(media_type)
    if starts is None or not content.startswith(starts):
        raise Refused(f"not an image: {media_type or 'no type'}")
    return media_type


class MerchantLogos:
    def __init__(
        self,
        cache_dir: Path,
        *,
        mirror: str | None = None,
        max_bytes: int = MAX_BYTES,
        timeout: float = TIMEOUT_SECONDS,
    ) -> None:
        """`mirror`: the emulator's base URL, where Plaid's logo hosts are read from."""
        self._dir = cache_dir
        self._mirror = mirror.rstrip("/") if mirror else None
        self._max_bytes = max_bytes
        self._timeout = timeout
        self._failed: dict[str, float] = {}
        self._fetching: dict[str, asyncio.Future[Logo | None]] = {}
        self._guarded = httpcore.AsyncConnectionPool(
            network_backend=GuardedBackend(), max_connections=8, retries=0
        )
        self._trusted = httpcore.AsyncConnectionPool(max_connections=8, retries=0)

    async def close(self) -> None:
        await self._guarded.aclose()
        await self._trusted.aclose()

    async def get(self, url: str) -> Logo | None:
        """The logo at `url` (from Plaid's data), cached; None when it cannot be had."""
        key = hashlib.sha256(url.encode()).hexdigest()
        cached = await asyncio.to_thread(self._read, key)
        if cached is not None:
            return cached
        if self._failed.get(key, 0) > time.monotonic():
            return None
        future = self._fetching.get(key)  # a list shows many rows of one merchant at once
        if future is None:
            future = asyncio.ensure_future(self._fetch_and_keep(key, url))
            self._fetching[key] = future
            future.add_done_callback(lambda _: self._fetching.pop(key, None))
        return await asyncio.shield(future)

    async def _fetch_and_keep(self, key: str, url: str) -> Logo | None:
        try:
            async with asyncio.timeout(self._timeout * 2):
                logo = await self._fetch(url)
        except FAILURES as exc:
            logger.info("merchant logo not fetched: %s", exc)
            if len(self._failed) > 10_000:
                self._failed.clear()
            self._failed[key] = time.monotonic() + FAILURE_SECONDS
            return None
        await asyncio.to_thread(self._write, key, logo)
        return logo

    def _target(self, url: str) -> tuple[str, httpcore.AsyncConnectionPool]:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if parts.scheme != "https" or parts.username or parts.password or not host:
            raise Refused("only https logo URLs are fetched")
        if parts.port not in (None, 443):
            raise Refused("only port 443")
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if self._mirror is not None:
            if host not in PLAID_LOGO_HOSTS:
                raise Refused(f"{host} is not one of Plaid's logo hosts (offline emulator)")
            return f"{self._mirror}/logos/{host}{path}", self._trusted
        return url, self._guarded

    async def _fetch(self, url: str) -> Logo:
        target, pool = self._target(url)
        timeouts = dict.fromkeys(("connect", "read", "write", "pool"), self._timeout)
        headers = [(b"Host", urlsplit(target).netloc.encode()), (b"Accept", b"image/*")]
        request = httpcore.Request("GET", target, headers=headers, extensions={"timeout": timeouts})
        response = await pool.handle_async_request(request)  # the body is read below
        try:
            if response.status != 200:
                raise Refused(f"answered {response.status}")
            content = bytearray()
            async for chunk in response.aiter_stream():
                content += chunk
                if len(content) > self._max_bytes:
                    raise Refused(f"larger than {self._max_bytes} bytes")
        finally:
            await response.aclose()
        answered = {name.lower(): value for name, value in response.headers}
        header = answered.get(b"content-type", b"").decode("latin-1")
        return Logo(bytes(content), image_type(header, bytes(content)))

    def _read(self, key: str) -> Logo | None:
        try:
            data = (self._dir / key).read_bytes()
        except FileNotFoundError:
            return None
        media_type, _, content = data.partition(b"\n")
        return Logo(content, media_type.decode())

    def _write(self, key: str, logo: Logo) -> None:
        self._dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = self._dir / f"{key}.{os.getpid()}.tmp"  # processes may share the folder
        temporary.write_bytes(logo.media_type.encode() + b"\n" + logo.content)
        temporary.replace(self._dir / key)
