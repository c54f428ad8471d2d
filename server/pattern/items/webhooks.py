"""Items follow the server's webhook address.

Plaid keeps the webhook URL an item was linked with. When the server's address changes (a
new PUBLIC_URL, an ngrok tunnel that restarted with a new name), the items linked before
would go on sending their webhooks to the old one: /item/webhook/update moves them.
"""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy import or_, select, update

from pattern.context import AppContext
from pattern.link.service import webhook_url
from pattern.models import Item
from pattern.plaid.errors import PlaidApiError

logger = logging.getLogger(__name__)

# How often the address is looked at again when it is an ngrok tunnel's.
NGROK_CHECK_SECONDS = 300.0


async def point_webhooks_here(context: AppContext) -> int:
    """Tell Plaid the current webhook address for every item set to another; how many moved."""
    url = await webhook_url(context.settings)
    if url is None:
        return 0  # no address Plaid can reach: the periodic sync stands in for webhooks
    async with context.sessionmaker() as session:
        stale = (
            await session.execute(
                select(Item.id, Item.user_id, Item.plaid_access_token_encrypted).where(
                    Item.archived.is_(False),
                    or_(Item.webhook_url.is_(None), Item.webhook_url != url),
                )
            )
        ).all()
    moved = 0
    for item_id, user_id, encrypted in stale:
        try:
            access_token = context.cipher.decrypt(encrypted)
            await context.plaid.update_item_webhook(
                access_token, url, user_id=user_id, item_id=item_id
            )
        except (PlaidApiError, ValueError) as error:  # tried again at the next start or check
            reason = error.error_code if isinstance(error, PlaidApiError) else str(error)
            logger.warning("could not move item %s's webhooks: %s", item_id, reason)
            continue
        async with context.sessionmaker() as session, session.begin():
            await session.execute(update(Item).where(Item.id == item_id).values(webhook_url=url))
        moved += 1
    if moved:
        logger.info("the webhooks of %d item(s) now go to %s", moved, url)
    return moved


async def follow_webhook_address(context: AppContext) -> None:
    """At start-up; then every few minutes while an ngrok tunnel gives the address."""
    while True:
        try:
            await point_webhooks_here(context)
        except Exception:
            logger.exception("could not check where the items' webhooks go")
        if not context.settings.ngrok_api_url or context.settings.public_url:
            return
        await asyncio.sleep(NGROK_CHECK_SECONDS)
