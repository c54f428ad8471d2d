"""The app factory: FastAPI under /api, socket.io around it, the web client at /."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial

import socketio
from fastapi import APIRouter, Depends, FastAPI
from starlette.types import ASGIApp, Receive, Scope, Send

from pattern.accounts.router import router as accounts_router
from pattern.app.api_docs import install_api_docs
from pattern.app.error_handlers import install_error_handlers
from pattern.app.gc_tuning import keep_start_up_out_of_gc
from pattern.app.middleware import (
    BodySizeLimitMiddleware,
    HostCheckMiddleware,
    OriginCheckMiddleware,
    RequestLogMiddleware,
    SecurityHeadersMiddleware,
)
from pattern.app.request_text import refuse_nul_characters
from pattern.app.static import SinglePageApp
from pattern.assets.router import router as assets_router
from pattern.auth.router import router as sessions_router
from pattern.context import AppContext
from pattern.health.router import router as health_router
from pattern.insights.router import router as insights_router
from pattern.institutions.router import router as institutions_router
from pattern.invites.router import router as invites_router
from pattern.items.router import router as items_router
from pattern.items.webhooks import follow_webhook_address
from pattern.kit.config import PlaidEnv, Settings
from pattern.link.router import router as link_router
from pattern.link.service import is_own_webhook_url
from pattern.net_worth.router import router as net_worth_router
from pattern.plaid.client import plaid_credentials
from pattern.realtime.server import Realtime
from pattern.rules.router import router as rules_router
from pattern.sync.engine import SyncEngine
from pattern.sync.locks import ItemLocks
from pattern.sync.periodic import sync_periodically
from pattern.transactions.router import router as transactions_router
from pattern.users import service as users_service
from pattern.users import setup_code
from pattern.users.router import router as users_router
from pattern.webhooks.router import router as webhooks_router
from pattern.webhooks.service import SyncUpdates
from pattern.webhooks.verification import WebhookVerifier
from plaid_emulator import EmulatorSettings
from plaid_emulator import create_app as create_emulator

logger = logging.getLogger(__name__)

EMULATOR_PREFIX = "/plaid-emulator"


def _api_router() -> APIRouter:
    api = APIRouter(prefix="/api", dependencies=[Depends(refuse_nul_characters)])
    routers = (
        health_router,
        users_router,
        invites_router,
        sessions_router,
        link_router,
        items_router,
        accounts_router,
        transactions_router,
        insights_router,
        institutions_router,
        webhooks_router,
        rules_router,
        assets_router,
        net_worth_router,
    )
    for router in routers:
        api.include_router(router)
    return api


async def _offer_setup(context: AppContext) -> None:
    """While there is no administrator, print the setup code that makes one."""
    settings = context.settings
    try:
        async with context.sessionmaker() as session:
            code = await users_service.offer_setup(session, settings.data_dir)
    except Exception:  # the database may be down: /api/ready says so; the code comes later
        logger.warning("could not check whether the administrator exists", exc_info=True)
        return
    if code:
        address = settings.public_url or f"http://localhost:{settings.port}"
        setup_code.announce(code, address, settings.data_dir)


def create_fastapi(context: AppContext, realtime: Realtime) -> FastAPI:
    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        keep_start_up_out_of_gc()
        interval = context.settings.sync_interval_minutes * 60
        if interval:
            context.spawn(sync_periodically(context.sync, interval))
        context.spawn(follow_webhook_address(context))
        await _offer_setup(context)
        yield
        await context.close()

    app = FastAPI(
        title="Pattern",
        summary="Self-hostable personal finance on the Plaid API",
        docs_url=None,  # pattern.app.api_docs serves it, from this server
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.context = context
    app.state.realtime = realtime
    install_error_handlers(app)
    install_api_docs(app)
    app.include_router(_api_router())
    settings = context.settings
    if settings.plaid_env is PlaidEnv.EMULATOR:
        app.mount(EMULATOR_PREFIX, _mounted_emulator(context), name="plaid-emulator")
    # Looked up per request, so a client built after the server started is served too.
    app.mount(
        "/",
        SinglePageApp(directory=settings.client_dist_dir, html=True, check_dir=False),
        name="client",
    )
    return app


def _mounted_emulator(context: AppContext) -> ASGIApp:
    """One process serves both: the SDK reaches it at http://localhost:PORT/plaid-emulator.
    Anyone who can reach the server can reach it, so it serves this server only: its own
    credentials, webhooks to its own address, controls behind a secret, bounded items."""
    settings = context.settings
    admin_secret = settings.plaid_emulator_admin_secret.get_secret_value()
    return create_emulator(
        state_file=settings.emulator_state_file,
        accepted_credentials=[plaid_credentials(settings, context.secrets)],
        settings=EmulatorSettings(
            enable_admin=bool(admin_secret),
            admin_secret=admin_secret,
            webhook_allowed=partial(is_own_webhook_url, settings),
            max_history=settings.plaid_emulator_max_history,
        ),
    )


class PatternApp:
    """The ASGI application, keeping hold of its context for start-up, tests and shutdown."""

    def __init__(
        self, asgi: ASGIApp, context: AppContext, realtime: Realtime, api: FastAPI
    ) -> None:
        self._asgi = asgi
        self.context = context
        self.realtime = realtime
        self.api = api

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._asgi(scope, receive, send)

    async def close(self) -> None:
        """Release what the app holds: background work, sockets, database connections."""
        await self.context.close()


def create_app(settings: Settings | None = None) -> PatternApp:
    """Build the whole ASGI application (used by uvicorn with --factory, and by tests)."""
    settings = settings or Settings()
    context = AppContext.build(settings)
    realtime = Realtime(context)
    context.realtime = realtime
    context.sync = SyncEngine(
        sessionmaker=context.sessionmaker,
        plaid=context.plaid,
        cipher=context.cipher,
        locks=ItemLocks(context.engine),
        emit=realtime.emit_to_user,
        concurrency=settings.sync_concurrency,
    )
    context.verifier = WebhookVerifier(context.plaid)
    context.sync_updates = SyncUpdates(context)
    api = create_fastapi(context, realtime)
    app: ASGIApp = socketio.ASGIApp(realtime.sio, other_asgi_app=api, socketio_path="socket.io")
    hosts = settings.host_policy
    app = OriginCheckMiddleware(app, settings.trusted_origins, hosts)
    app = BodySizeLimitMiddleware(app, settings.max_body_bytes)
    app = HostCheckMiddleware(app, hosts)
    app = SecurityHeadersMiddleware(app)
    app = RequestLogMiddleware(app)
    return PatternApp(app, context, realtime, api)
