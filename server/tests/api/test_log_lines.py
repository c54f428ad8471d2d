"""Each request is logged on one line that its sender cannot break or forge."""

from __future__ import annotations

from urllib.parse import quote

import httpx
import pytest

from tests.support.logs import as_logged, capture_product_logs

pytestmark = pytest.mark.reliability


@pytest.mark.parametrize(
    "forged", ["\n", "\r\n", "\u2028", "\x1b[2K\r"], ids=["LF", "CRLF", "LINE-SEP", "ANSI"]
)
async def test_a_path_cannot_forge_a_log_line(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture, forged: str
) -> None:
    """A path with %0a, %0d%0a, U+2028 or a terminal escape: still one log line, escaped"""
    fake = "2026-01-01 00:00:00,000 INFO pattern.requests [x] POST /api/sessions 200 1.0ms"
    capture_product_logs(caplog)
    await client.get("/api/health" + quote(forged + fake, safe="/"))
    logged = as_logged(caplog)
    assert len(logged.splitlines()) == 1, logged
    assert "\x1b" not in logged
    assert "pattern.requests [" in logged
    assert "GET /api/health\\" in logged  # the control character, escaped
