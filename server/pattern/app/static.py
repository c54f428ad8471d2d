"""Serves the built web client with a fallback to index.html for client-side routes."""

from __future__ import annotations

from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

_NOT_PAGES = ("api/", "api", "plaid-emulator/", "socket.io/")


class SinglePageApp(StaticFiles):
    async def check_config(self) -> None:
        # Not built yet: answer 404 until it is, instead of failing.
        if self.directory is not None and Path(self.directory).is_dir():
            await super().check_config()

    async def get_response(self, path: str, scope: Scope) -> Response:
        try:
            return await super().get_response(path, scope)
        except HTTPException as exc:
            # Files (with a suffix) and API paths are real 404s, not client-side routes.
            if exc.status_code != 404 or Path(path).suffix or path.startswith(_NOT_PAGES):
                raise
            return await super().get_response("index.html", scope)
