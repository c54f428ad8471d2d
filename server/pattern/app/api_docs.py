"""The API's interactive documentation (Swagger UI) at /api/docs, served by this server.

Swagger UI's files come from the fastapi-offline package (a swagger-ui-dist 5 build), so the
page works offline, and its start-up script is a file of ours rather than an inline script,
so the page lives under the same Content-Security-Policy as the rest of the app.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

DOCS_URL = "/api/docs"
_ASSETS = f"{DOCS_URL}/assets"
_SWAGGER_UI = Path(str(files("fastapi_offline") / "static"))

_START = """window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/api/openapi.json",
    dom_id: "#swagger-ui",
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    deepLinking: true,
  });
});
"""


def _page(title: str) -> str:
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} - API</title>
<link rel="stylesheet" href="{_ASSETS}/swagger-ui.css">
<link rel="icon" href="{_ASSETS}/favicon.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{_ASSETS}/swagger-ui-bundle.js"></script>
<script src="{DOCS_URL}/start.js"></script>
</body>
</html>
"""


def install_api_docs(app: FastAPI) -> None:
    page = _page(app.title)
    app.mount(_ASSETS, StaticFiles(directory=_SWAGGER_UI), name="api-docs-assets")

    @app.get(DOCS_URL, include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(page)

    @app.get(f"{DOCS_URL}/start.js", include_in_schema=False)
    async def start() -> Response:
        return Response(_START, media_type="text/javascript")
