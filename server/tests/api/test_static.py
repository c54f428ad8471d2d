"""The built client at /, with client-side routes falling back to index.html, and only those."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from pattern.app.factory import create_app
from pattern.kit.config import Settings


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_pages_fall_back_to_index_but_api_paths_do_not(
    settings: Settings, tmp_path: Path
) -> None:
    dist = tmp_path / "dist"
    app = create_app(settings.model_copy(update={"client_dist_dir": dist}))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        assert (await http.get("/")).status_code == 404  # not built yet
        (dist / "assets").mkdir(parents=True)
        (dist / "index.html").write_text("<title>Pattern</title>")
        (dist / "assets" / "app.js").write_text("1")
        for page in ("/", "/transactions", "/oauth-link"):
            response = await http.get(page)
            assert response.status_code == 200
            assert "<title>Pattern</title>" in response.text
        assert (await http.get("/assets/app.js")).text == "1"
        assert (await http.get("/assets/gone.js")).status_code == 404
        for path in ("/api/nothing-here", "/api", "/plaid-emulator/nothing"):
            response = await http.get(path)
            assert response.status_code == 404, path
            assert "Pattern" not in response.text
    await app.close()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_hashed_files_are_kept_for_a_year_and_sent_compressed(
    settings: Settings, tmp_path: Path
) -> None:
    """A browser keeps the built scripts (named by their content's hash) without asking
    again, takes them gzipped, and asks again for index.html, which names the current ones.
    The API's answers are compressed as well, and still kept by no cache."""
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<title>Pattern</title>" + "<!-- a page -->" * 100)
    script = "export const figures = [" + ", ".join(str(n) for n in range(5000)) + "];"
    (dist / "assets" / "index-Bx1a2b3c.js").write_text(script)
    app = create_app(settings.model_copy(update={"client_dist_dir": dist}))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        gzip = {"Accept-Encoding": "gzip"}
        asset = await http.get("/assets/index-Bx1a2b3c.js", headers=gzip)
        assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert asset.headers["content-encoding"] == "gzip"
        assert "accept-encoding" in asset.headers["vary"].lower()
        assert int(asset.headers["content-length"]) < len(script) / 2
        assert asset.text == script  # httpx undoes the gzip
        plain = await http.get("/assets/index-Bx1a2b3c.js", headers={"Accept-Encoding": ""})
        assert "content-encoding" not in plain.headers
        assert plain.content == script.encode()

        for page in ("/", "/index.html", "/transactions"):
            response = await http.get(page, headers=gzip)
            assert response.headers["cache-control"] == "no-cache", page
            assert response.headers["content-encoding"] == "gzip", page
        # Asked again with its ETag, index.html is answered "not modified", and still not
        # kept without asking.
        etag = (await http.get("/")).headers["etag"]
        again = await http.get("/", headers={"If-None-Match": etag})
        assert again.status_code == 304
        assert again.headers["cache-control"] == "no-cache"

        missing = await http.get("/assets/gone.js")
        assert missing.status_code == 404
        assert "immutable" not in missing.headers.get("cache-control", "")
        # The API's JSON is compressed too (when over a kilobyte), and kept by no cache.
        api = await http.get("/api/openapi.json", headers=gzip)
        assert api.headers["content-encoding"] == "gzip"
        assert "cache-control" not in api.headers
        assert "content-encoding" not in (await http.get("/api/health", headers=gzip)).headers
    await app.close()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_the_installable_apps_files_have_their_types_and_are_asked_for_again(
    settings: Settings, tmp_path: Path
) -> None:
    """The manifest is served as a manifest; the service worker and the manifest are never
    kept without asking (a kept old worker would keep serving the old app)."""
    dist = tmp_path / "dist"
    (dist / "icons").mkdir(parents=True)
    (dist / "index.html").write_text("<title>Pattern</title>")
    (dist / "manifest.webmanifest").write_text('{"name": "Pattern"}')
    (dist / "sw.js").write_text("self.addEventListener('fetch', () => {});")
    (dist / "icons" / "icon-192.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    app = create_app(settings.model_copy(update={"client_dist_dir": dist}))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        manifest = await http.get("/manifest.webmanifest")
        assert manifest.headers["content-type"] == "application/manifest+json"
        assert manifest.headers["cache-control"] == "no-cache"
        worker = await http.get("/sw.js")
        assert worker.headers["content-type"].startswith("text/javascript")
        assert worker.headers["cache-control"] == "no-cache"
        assert "immutable" not in worker.headers["cache-control"]
        icon = await http.get("/icons/icon-192.png")
        assert icon.headers["content-type"] == "image/png"
        assert (await http.get("/icons/none.png")).status_code == 404
    await app.close()
