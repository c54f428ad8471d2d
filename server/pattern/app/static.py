"""Serves the built web client with a fallback to index.html for client-side routes."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

_NOT_PAGES = ("api/", "api", "plaid-emulator/", "socket.io/")

# Vite names each file under assets/ by a hash of its content: a new build gives new names,
# so a browser may keep these for a year without asking again. Everything else (index.html,
# which names the current ones) is checked with the server on each use (ETag, 304).
HASHED = "assets/"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
# The installable app's files (docs/adr/0025-installable-web-app.md): the manifest by its
# registered type (not every system's table knows it). The service worker (sw.js) is not
# under assets/, so it is asked for again each time like index.html: a kept old one would
# keep serving the old app.
mimetypes.add_type("application/manifest+json", ".webmanifest")


class SinglePageApp(StaticFiles):
    async def check_config(self) -> None:
        # Not built yet: answer 404 until it is, instead of failing.
        if self.directory is not None and Path(self.directory).is_dir():
            await super().check_config()

    async def get_response(self, path: str, scope: Scope) -> Response:
        try:
            response = await super().get_response(path, scope)
            hashed = path.startswith(HASHED)
        except HTTPException as exc:
            # Files (with a suffix) and API paths are real 404s, not client-side routes.
            if exc.status_code != 404 or Path(path).suffix or path.startswith(_NOT_PAGES):
                raise
            response = await super().get_response("index.html", scope)
            hashed = False
        if response.status_code in {200, 304}:
            response.headers["Cache-Control"] = IMMUTABLE if hashed else REVALIDATE
        return response
