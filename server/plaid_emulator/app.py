"""The emulator as an ASGI app, standalone or mounted under a prefix."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute

from plaid_emulator import errors, link
from plaid_emulator.config import EmulatorSettings
from plaid_emulator.emulator import Emulator
from plaid_emulator.endpoint import PlaidJSONResponse
from plaid_emulator.ids import request_id
from plaid_emulator.routes import (
    accounts,
    admin,
    institutions,
    items,
    logos,
    recurring,
    sandbox,
    transactions,
)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        error = errors.not_found(request.url.path)
    elif exc.status_code == 405:
        error = errors.method_not_allowed()
    else:
        error = errors.PlaidError(
            "INVALID_REQUEST", "INVALID_REQUEST", str(exc.detail), status=exc.status_code
        )
    return PlaidJSONResponse(error.body(request_id()), status_code=error.status)


async def _unexpected(request: Request, exc: Exception) -> Response:
    return PlaidJSONResponse(errors.internal_error().body(request_id()), status_code=500)


def create_app(
    *,
    state_file: Path | None = None,
    accepted_credentials: Collection[tuple[str, str]] | None = None,
    settings: EmulatorSettings | None = None,
) -> Starlette:
    """Build an emulator. `accepted_credentials` of None accepts any non-empty pair;
    `settings` overrides timing and webhook behaviour (its credentials are replaced by
    `accepted_credentials` when that is given)."""
    settings = settings or EmulatorSettings()
    if accepted_credentials is not None:
        settings = replace(settings, accepted_credentials=list(accepted_credentials))
    emu = Emulator(settings, state_file)
    route_list: list[BaseRoute] = [
        *items.routes(emu),
        *accounts.routes(emu),
        *transactions.routes(emu),
        *recurring.routes(emu),
        *institutions.routes(emu),
        *sandbox.routes(emu),
        *link.routes(emu),
        *logos.routes(),
    ]
    if settings.enable_admin:
        route_list += admin.routes(emu)
    app = Starlette(
        routes=route_list,
        exception_handlers={HTTPException: _http_error, Exception: _unexpected},
    )
    app.state.emulator = emu
    return app
