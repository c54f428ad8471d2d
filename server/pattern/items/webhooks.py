"""Items follow the server's webhook address.

Plaid keeps the webhook URL an item was linked with. When the server's address changes (a
new PUBLIC_URL, an ngrok tunnel that restarted with a new name), the items linked before
would go on sending their webhooks to the old one: /item/webhook/update moves them.
"""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from pattern.items import repository
from pattern.kit.config import Settings
from pattern.kit.crypto import TokenCipher
from pattern.link.service import webhook_url
from pattern.plaid.client import PlaidClient
from pattern.plaid.errors import PlaidApiError

logger = logging.getLogger(__name__)

# How often the address is looked at again when it is an ngrok tunnel's.
NGROK_CHECK_SECONDS = 300.0


class WebhookAddress:
    def __init__(
        self,
        settings: Settings,
        sessionmaker: async_sessionmaker[AsyncSession],
        *,
        plaid: PlaidClient,
        cipher: TokenCipher,
    ) -> None:
        self._settings = settings
        self._sessionmaker = sessionmaker
        self._plaid = plaid
        self._cipher = cipher

    async def point_webhooks_here(self) -> int:
        """Tell Plaid the current webhook address for every item set to another; how many
        moved."""
        url = await webhook_url(self._settings)
        if url is None:
            return 0  # no address Plaid can reach: the periodic sync stands in for webhooks
        async with self._sessionmaker() as session:
            stale = await repository.with_other_webhook(session, url)
        moved = 0
        for item_id, user_id, encrypted in stale:
            try:
                access_token = self._cipher.decrypt(encrypted)
                await self._plaid.update_item_webhook(
                    access_token, url, user_id=user_id, item_id=item_id
                )
            except (PlaidApiError, ValueError) as error:  # tried again at the next start or check
                reason = error.error_code if isinstance(error, PlaidApiError) else str(error)
                logger.warning("could not move item %s's webhooks: %s", item_id, reason)
                continue
            async with self._sessionmaker() as session, session.begin():
                await repository.set_webhook_url(session, item_id, url)
            moved += 1
        if moved:
            logger.info("the webhooks of %d item(s) now go to %s", moved, url)
        return moved

    async def follow(self) -> None:
        """At start-up; then every few minutes while an ngrok tunnel gives the address."""
        while True:
            try:
                await self.point_webhooks_here()
            except Exception:
                logger.exception("could not check where the items' webhooks go")
            if not self._settings.ngrok_api_url or self._settings.public_url:
                return
            await asyncio.sleep(NGROK_CHECK_SECONDS)
