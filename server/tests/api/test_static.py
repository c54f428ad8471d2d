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
