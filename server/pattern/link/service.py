"""Link tokens (new and update mode), where webhooks should go, and Link's events."""

from __future__ import annotations

import logging

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.items import repository as items_repository
from pattern.kit.config import PlaidEnv, Settings
from pattern.kit.crypto import TokenCipher
from pattern.kit.db import release_connection
from pattern.kit.errors import NotFound
from pattern.link.schemas import LinkEventCreate, LinkTokenRead
from pattern.models import LinkEvent, User
from pattern.plaid.client import PlaidClient

logger = logging.getLogger(__name__)

WEBHOOK_PATH = "/api/webhooks/plaid"


async def webhook_url(settings: Settings) -> str | None:
    """Where Plaid should send webhooks: PUBLIC_URL, else an ngrok tunnel, else (emulator) here."""
    if settings.public_url:
        return settings.public_url + WEBHOOK_PATH
    if settings.ngrok_api_url:
        tunnel = await _ngrok_public_url(settings.ngrok_api_url)
        if tunnel:
            return tunnel + WEBHOOK_PATH
    if settings.plaid_env is PlaidEnv.EMULATOR:
        return f"http://127.0.0.1:{settings.port}{WEBHOOK_PATH}"
    return None


async def is_own_webhook_url(settings: Settings, url: str) -> bool:
    """Whether `url` is this server's webhook route, at any address webhook_url gives: the
    emulator mounted here sends webhooks nowhere else."""
    own = {f"http://127.0.0.1:{settings.port}{WEBHOOK_PATH}"}
    if settings.public_url:
        own.add(settings.public_url + WEBHOOK_PATH)
    if url in own:
        return True
    # The ngrok tunnel's name changes when it restarts: asked of ngrok when needed.
    return bool(settings.ngrok_api_url) and url == await webhook_url(settings)


async def _ngrok_public_url(api_url: str) -> str | None:
    try:
        async with httpx.AsyncClient(timeout=2) as client:
            tunnels = (await client.get(f"{api_url.rstrip('/')}/api/tunnels")).json()["tunnels"]
    except (httpx.HTTPError, ValueError, KeyError, TypeError):
        logger.warning("ngrok's API at %s did not answer", api_url)
        return None
    for tunnel in tunnels:
        if str(tunnel.get("public_url", "")).startswith("https://"):
            return str(tunnel["public_url"])
    return None


def redirect_uri(settings: Settings) -> str | None:
    if settings.plaid_env is PlaidEnv.PRODUCTION:
        return settings.plaid_production_redirect_uri or None
    return settings.plaid_sandbox_redirect_uri or None


async def create_link_token(
    session: AsyncSession,
    user: User,
    item_id: int | None,
    *,
    add_accounts: bool = False,
    plaid: PlaidClient,
    cipher: TokenCipher,
    settings: Settings,
) -> LinkTokenRead:
    user_id = user.id  # the ORM object expires when the connection is released below
    access_token = None
    if item_id is not None:
        item = await items_repository.get_for_user(session, item_id, user_id)
        if item is None:
            raise NotFound("Item not found.")
        access_token = cipher.decrypt(item.plaid_access_token_encrypted)
    await release_connection(session)
    response = await plaid.create_link_token(
        user_id=user_id,
        webhook=await webhook_url(settings),
        redirect_uri=redirect_uri(settings),
        access_token=access_token,
        item_id=item_id,
        days_requested=settings.plaid_days_requested,
        account_selection=add_accounts,
    )
    return LinkTokenRead(
        link_token=response["link_token"], expiration=str(response.get("expiration") or "")
    )


async def record_link_event(session: AsyncSession, user: User, event: LinkEventCreate) -> None:
    session.add(LinkEvent(user_id=user.id, **event.model_dump()))
    await session.flush()
