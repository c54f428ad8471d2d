"""The app factory: FastAPI under /api, socket.io around it, the web client at /."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial

import socketio
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from pattern.api_tokens.service import ApiTokens
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
from pattern.app.parts import Parts
from pattern.app.routes import OPENAPI_URL, SUMMARY, TITLE, add_api_routes
from pattern.app.static import SinglePageApp
from pattern.auth.service import Sessions
from pattern.institutions.service import Institutions
from pattern.items.service import Items
from pattern.kit.cache import LruCache
from pattern.kit.config import PlaidEnv, Settings
from pattern.kit.crypto import TokenCipher
from pattern.kit.deps import provide
from pattern.kit.sockets import SocketEnds, UserEvents
from pattern.link.service import is_own_webhook_url
from pattern.notices.tasks import NoticeMaker
from pattern.plaid.client import PlaidClient, plaid_credentials
from pattern.recurring.updates import RecurringUpdates
from pattern.sso.service import SingleSignOn
from pattern.sync.engine import SyncEngine
from pattern.sync.periodic import sync_periodically
from pattern.transactions.export import CsvExports
from pattern.transactions.logos import MerchantLogos
from pattern.two_factor.passkeys import Passkeys
from pattern.two_factor.service import TwoFactor
from pattern.users import service as users_service
from pattern.users import setup_code
from pattern.users.sign_up_limits import SignUpLimits
from pattern.webhooks.service import Webhooks
from plaid_emulator import EmulatorSettings
from plaid_emulator import create_app as create_emulator

logger = logging.getLogger(__name__)

EMULATOR_PREFIX = "/plaid-emulator"


async def _offer_setup(parts: Parts) -> None:
    """While there is no administrator, print the setup code that makes one."""
    settings = parts.settings
    try:
        async with parts.sessionmaker() as session:
            code = await users_service.offer_setup(session, settings.data_dir)
    except Exception:  # the database may be down: /api/ready says so; the code comes later
        logger.warning("could not check whether the administrator exists", exc_info=True)
        return
    if code:
        address = settings.public_url or f"http://localhost:{settings.port}"
        setup_code.announce(code, address, settings.data_dir)


def _provide(app: FastAPI, parts: Parts) -> None:
    """What the routes may ask for (pattern.kit.deps.provided), each under its type."""
    provide(app, Settings, parts.settings)
    provide(app, AsyncEngine, parts.engine)
    provide(app, async_sessionmaker, parts.sessionmaker)
    provide(app, TokenCipher, parts.cipher)
    provide(app, PlaidClient, parts.plaid)
    provide(app, LruCache, parts.user_cache)
    provide(app, SignUpLimits, parts.sign_up_limits)
    provide(app, SocketEnds, parts.realtime)  # type: ignore[type-abstract]
    provide(app, UserEvents, parts.realtime)  # type: ignore[type-abstract]
    provide(app, Sessions, parts.sessions)
    provide(app, ApiTokens, parts.api_tokens)
    provide(app, Institutions, parts.institutions)
    provide(app, Items, parts.items)
    provide(app, CsvExports, parts.exports)
    provide(app, MerchantLogos, parts.logos)
    provide(app, Webhooks, parts.webhooks)
    provide(app, SyncEngine, parts.sync)
    provide(app, NoticeMaker, parts.notices)
    provide(app, RecurringUpdates, parts.recurring)
    provide(app, TwoFactor, parts.two_factor)
    provide(app, Passkeys, parts.passkeys)
    provide(app, SingleSignOn, parts.sso)


def create_fastapi(parts: Parts) -> FastAPI:
    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        keep_start_up_out_of_gc()
        parts.sync.start()  # unless SYNC_IN_SERVER is off; what a crashed process left too
        interval = parts.settings.sync_interval_minutes * 60
        if interval:
            parts.background.spawn(sync_periodically(parts.sync, interval))
        parts.background.spawn(parts.webhook_address.follow())
        parts.audit_retention.start()
        await _offer_setup(parts)
        yield
        await parts.close()

    app = FastAPI(
        title=TITLE,
        summary=SUMMARY,
        docs_url=None,  # pattern.app.api_docs serves it, from this server
        redoc_url=None,
        openapi_url=OPENAPI_URL,
        lifespan=lifespan,
    )
    _provide(app, parts)
    install_error_handlers(app)
    install_api_docs(app)
    add_api_routes(app)
    settings = parts.settings
    if settings.plaid_env is PlaidEnv.EMULATOR:
        app.mount(EMULATOR_PREFIX, _mounted_emulator(parts), name="plaid-emulator")
    # Looked up per request, so a client built after the server started is served too.
    app.mount(
        "/",
        SinglePageApp(directory=settings.client_dist_dir, html=True, check_dir=False),
        name="client",
    )
    # The client's files and the API's JSON, gzipped for browsers that take it (docs/adr/
    # 0022-compressed-cached-client.md); not the CSV export, streamed as it is read.
    app.add_middleware(
        GZipMiddleware,
        minimum_size=1024,
        compresslevel=6,
        exclude_content_types=(*DEFAULT_EXCLUDED_CONTENT_TYPES, "text/csv"),
    )
    return app


def _mounted_emulator(parts: Parts) -> ASGIApp:
    """One process serves both: the SDK reaches it at http://localhost:PORT/plaid-emulator.
    Anyone who can reach the server can reach it, so it serves this server only: its own
    credentials, webhooks to its own address, controls behind a secret, bounded items."""
    settings = parts.settings
    admin_secret = settings.plaid_emulator_admin_secret.get_secret_value()
    return create_emulator(
        state_file=settings.emulator_state_file,
        accepted_credentials=[plaid_credentials(settings, parts.secrets)],
        settings=EmulatorSettings(
            enable_admin=bool(admin_secret),
            admin_secret=admin_secret,
            webhook_allowed=partial(is_own_webhook_url, settings),
            max_history=settings.plaid_emulator_max_history,
        ),
    )


class PatternApp:
    """The ASGI application, keeping hold of its parts for start-up, tests and shutdown."""

    def __init__(self, asgi: ASGIApp, parts: Parts, api: FastAPI) -> None:
        self._asgi = asgi
        self.parts = parts
        self.api = api

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._asgi(scope, receive, send)

    async def close(self) -> None:
        """Release what the app holds: background work, sockets, database connections."""
        await self.parts.close()


def create_app(settings: Settings | None = None) -> PatternApp:
    """Build the whole ASGI application (used by uvicorn with --factory, and by tests)."""
    parts = Parts.build(settings or Settings())
    api = create_fastapi(parts)
    app: ASGIApp = socketio.ASGIApp(
        parts.realtime.sio, other_asgi_app=api, socketio_path="socket.io"
    )
    hosts = parts.settings.host_policy
    app = OriginCheckMiddleware(app, parts.settings.trusted_origins, hosts)
    app = BodySizeLimitMiddleware(app, parts.settings.max_body_bytes)
    app = HostCheckMiddleware(app, hosts)
    app = SecurityHeadersMiddleware(app)
    app = RequestLogMiddleware(app)
    return PatternApp(app, parts, api)
