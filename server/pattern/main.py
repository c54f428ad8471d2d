"""The app factory: FastAPI under /api, socket.io around it, the web client at /."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import socketio
from fastapi import APIRouter, FastAPI
from starlette.types import ASGIApp, Receive, Scope, Send

from pattern.auth.router import router as sessions_router
from pattern.config import PlaidEnv, Settings
from pattern.context import AppContext
from pattern.errors import install_error_handlers
from pattern.health.router import router as health_router
from pattern.middleware import BodySizeLimitMiddleware, OriginCheckMiddleware, RequestLogMiddleware
from pattern.realtime.server import Realtime
from pattern.static import SinglePageApp
from pattern.users.router import router as users_router
from plaid_emulator import EmulatorSettings
from plaid_emulator import create_app as create_emulator

EMULATOR_PREFIX = "/plaid-emulator"


def _api_router() -> APIRouter:
    api = APIRouter(prefix="/api")
    for router in (health_router, users_router, sessions_router):
        api.include_router(router)
    return api


def create_fastapi(context: AppContext, realtime: Realtime) -> FastAPI:
    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        await context.engine.dispose()

    app = FastAPI(
        title="Pattern",
        summary="Self-hostable personal finance on the Plaid API",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.context = context
    app.state.realtime = realtime
    install_error_handlers(app)
    app.include_router(_api_router())
    settings = context.settings
    if settings.plaid_env is PlaidEnv.EMULATOR:
        # One process serves both: the SDK reaches it at http://localhost:PORT/plaid-emulator.
        emulator = create_emulator(
            state_file=settings.emulator_state_file,
            settings=EmulatorSettings(enable_admin=settings.plaid_emulator_admin),
        )
        app.mount(EMULATOR_PREFIX, emulator, name="plaid-emulator")
    dist = settings.client_dist_dir
    if (dist / "index.html").is_file():
        app.mount("/", SinglePageApp(directory=dist, html=True), name="client")
    return app


class PatternApp:
    """The ASGI application, keeping hold of its context for start-up, tests and shutdown."""

    def __init__(self, asgi: ASGIApp, context: AppContext, realtime: Realtime) -> None:
        self._asgi = asgi
        self.context = context
        self.realtime = realtime

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._asgi(scope, receive, send)

    async def close(self) -> None:
        """Release what the app holds: sockets and database connections."""
        await self.realtime.sio.shutdown()
        await self.context.engine.dispose()


def create_app(settings: Settings | None = None) -> PatternApp:
    """Build the whole ASGI application (used by uvicorn with --factory, and by tests)."""
    settings = settings or Settings()
    context = AppContext.build(settings)
    realtime = Realtime(context)
    api = create_fastapi(context, realtime)
    app: ASGIApp = socketio.ASGIApp(realtime.sio, other_asgi_app=api, socketio_path="socket.io")
    app = OriginCheckMiddleware(app, settings.trusted_origins)
    app = BodySizeLimitMiddleware(app, settings.max_body_bytes)
    app = RequestLogMiddleware(app)
    return PatternApp(app, context, realtime)
