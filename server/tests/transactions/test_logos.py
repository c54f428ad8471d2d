"""What the logo fetcher refuses: anything but a small raster image from Plaid's data,
over https to a public address, without redirects."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import httpcore
import pytest
from aiohttp import web

from pattern.transactions.logos import GuardedBackend, MerchantLogos

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
LOGOS = "https://plaid-merchant-logos.plaid.com"

ANSWERS: dict[str, tuple[int, str, bytes, dict[str, str]]] = {
    "/logos/plaid-merchant-logos.plaid.com/good.png": (200, "image/png", PNG, {}),
    "/logos/plaid-merchant-logos.plaid.com/page.png": (200, "text/html", b"<script>", {}),
    "/logos/plaid-merchant-logos.plaid.com/svg.png": (200, "image/svg+xml", b"<svg/>", {}),
    "/logos/plaid-merchant-logos.plaid.com/fake.png": (200, "image/png", b"<html>", {}),
    "/logos/plaid-merchant-logos.plaid.com/huge.png": (200, "image/png", PNG * 5000, {}),
    "/logos/plaid-merchant-logos.plaid.com/moved.png": (
        302,
        "text/plain",
        b"",
        {"Location": "http://169.254.169.254/latest/meta-data/"},
    ),
    "/logos/plaid-merchant-logos.plaid.com/slow.png": (200, "image/png", PNG, {}),
}


@pytest.fixture
async def mirror() -> AsyncIterator[tuple[str, list[str]]]:
    """A stand-in for the emulator's copy of Plaid's logo hosts; lists the paths asked for."""
    asked: list[str] = []

    async def answer(request: web.Request) -> web.Response:
        asked.append(request.path)
        if request.path.endswith("slow.png"):
            await asyncio.sleep(5)
        status, content_type, body, headers = ANSWERS.get(
            request.path, (404, "text/plain", b"", {})
        )
        return web.Response(
            status=status, body=body, headers={"Content-Type": content_type, **headers}
        )

    app = web.Application()
    app.router.add_get("/{tail:.*}", answer)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    yield f"http://127.0.0.1:{port}", asked
    await runner.cleanup()


async def test_a_logo_is_fetched_once_and_kept(
    mirror: tuple[str, list[str]], tmp_path: Path
) -> None:
    url, asked = mirror
    logos = MerchantLogos(tmp_path, mirror=url)
    try:
        first, second = await asyncio.gather(
            logos.get(f"{LOGOS}/good.png"), logos.get(f"{LOGOS}/good.png")
        )
        assert first == second
        assert first is not None
        assert (first.content, first.media_type) == (PNG, "image/png")
        assert asked == ["/logos/plaid-merchant-logos.plaid.com/good.png"]
    finally:
        await logos.close()
    # Another process (or after a restart): from the cache, without asking.
    again = MerchantLogos(tmp_path, mirror="http://127.0.0.1:9")
    try:
        assert await again.get(f"{LOGOS}/good.png") == first
    finally:
        await again.close()


@pytest.mark.parametrize(
    "name",
    ["page.png", "svg.png", "fake.png", "huge.png", "moved.png", "missing.png", "slow.png"],
)
async def test_what_is_not_a_small_image_is_refused(
    mirror: tuple[str, list[str]], tmp_path: Path, name: str
) -> None:
    url, asked = mirror
    # Only the slow answer is meant to run out of time; a busy machine must not.
    logos = MerchantLogos(tmp_path, mirror=url, timeout=1.0 if name == "slow.png" else 10.0)
    try:
        assert await logos.get(f"{LOGOS}/{name}") is None
        assert len(asked) == 1
        # Not asked again for a while.
        assert await logos.get(f"{LOGOS}/{name}") is None
        assert len(asked) == 1
    finally:
        await logos.close()
    assert not [path for path in tmp_path.iterdir() if not path.name.endswith(".tmp")]


@pytest.mark.parametrize(
    "logo_url",
    [
        "http://plaid-merchant-logos.plaid.com/good.png",  # not https
        "https://plaid-merchant-logos.plaid.com:8443/good.png",
        "https://user:pw@plaid-merchant-logos.plaid.com/good.png",
        "https://example.com/good.png",  # offline: only Plaid's hosts, from the emulator
        "file:///etc/passwd",
    ],
)
async def test_other_addresses_are_not_fetched(
    mirror: tuple[str, list[str]], tmp_path: Path, logo_url: str
) -> None:
    url, asked = mirror
    logos = MerchantLogos(tmp_path, mirror=url)
    try:
        assert await logos.get(logo_url) is None
    finally:
        await logos.close()
    assert asked == []


async def test_private_addresses_are_never_connected_to(tmp_path: Path) -> None:
    connected: list[object] = []

    async def accept(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connected.append(writer)
        writer.close()

    server = await asyncio.start_server(accept, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    logos = MerchantLogos(tmp_path)  # real Plaid: no mirror
    try:
        for host in ("localhost", "127.0.0.1"):
            assert await logos.get(f"https://{host}:{port}/logo.png") is None  # port refused
        with pytest.raises(httpcore.ConnectError, match="not a public address"):
            await GuardedBackend().connect_tcp("localhost", port, timeout=2)
        for private in ("10.0.0.1", "169.254.169.254", "192.168.1.1", "::1"):
            with pytest.raises(httpcore.ConnectError):
                await GuardedBackend().connect_tcp(private, 443, timeout=2)
    finally:
        await logos.close()
        server.close()
        await server.wait_closed()
    assert connected == []
