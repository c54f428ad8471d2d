"""Security headers on every answer, and the API docs served from this server."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from pattern.app.factory import create_app
from pattern.app.middleware import CONTENT_SECURITY_POLICY
from tests.support.settings import make_settings
from tests.support.users import sign_up_and_log_in

pytestmark = [
    pytest.mark.reliability,
    pytest.mark.parametrize("database_url", ["sqlite"], indirect=True),
]

EXPECTED = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
}


def assert_secured(response: httpx.Response) -> None:
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, (response.request.url, name)


async def test_every_answer_carries_the_security_headers(database_url: str, tmp_path: Path) -> None:
    """API answers, errors, refusals and the web client's pages all carry a CSP (no inline
    script, no framing), nosniff, a same-origin Referrer-Policy and X-Frame-Options."""
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><title>Pattern</title>")
    (dist / "assets" / "app.js").write_text("console.log(1)")
    settings = make_settings(database_url, tmp_path / "data", client_dist_dir=dist)
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        for response in (
            await http.get("/api/health"),
            await http.get("/api/sessions/me"),  # 401
            await http.get("/api/nowhere"),  # 404
            await http.get("/api/health", headers={"Host": "evil.example"}),  # 400
            await http.post("/api/users", json={}, headers={"Origin": "http://evil.example"}),
            await http.get("/"),
            await http.get("/transactions"),
            await http.get("/assets/app.js"),
            await http.get("/api/docs"),
        ):
            assert_secured(response)
    await app.close()


async def test_the_api_docs_need_nothing_from_the_internet(
    client: httpx.AsyncClient,
) -> None:
    """/api/docs loads Swagger UI from this server (it loaded it from a CDN, and offline
    showed nothing), with no inline script for the CSP to refuse."""
    await sign_up_and_log_in(client)
    page = await client.get("/api/docs")
    assert page.status_code == 200
    assert "http://" not in page.text
    assert "https://" not in page.text
    assert re.search(r"<script>", page.text) is None  # every script has a src
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert len(sources) >= 4
    for source in sources:
        loaded = await client.get(source)
        assert loaded.status_code == 200, source
        assert len(loaded.content) > 50, source
    bundle = await client.get(next(s for s in sources if s.endswith("swagger-ui-bundle.js")))
    assert "SwaggerUIBundle" in bundle.text
    assert (await client.get("/api/openapi.json")).json()["info"]["title"] == "Pattern"
